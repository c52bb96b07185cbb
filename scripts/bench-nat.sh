#!/usr/bin/env bash
# NAT traversal measured in the network lab (scripts/lab.sh, docs/LAB.md), as
# root. Builds bin/essaim, brings up a fresh lab, runs scripts/benchnat.py and
# removes the lab, whatever happens.
#
#   scripts/bench-nat.sh [pairs] [relay] [crowd] [loopback]    (default: all four)
#
#   pairs     every (holder, downloader) pair of {public, NAT keeping ports,
#             NAT randomising ports, firewall}: share of gets that end on a
#             direct connection over ATTEMPTS (20) tries, time to first byte,
#             and throughput against the narrowest link (TPUT_ATTEMPTS, TPUT_MIB)
#   relay     the relay's CPU and the bytes on its link while it carries a
#             RELAY_MIB transfer
#   crowd     CROWD (12) homes behind NATs with 10 Mbit/s uplinks fetch a
#             CROWD_MIB (32) work from one seed at once, against the fluid bound
#   loopback  get's time to first byte on 127.0.0.1
#
# Environment: ATTEMPTS, PAIR_MIB, TPUT_ATTEMPTS, TPUT_MIB, RELAY_MIB, CROWD,
# CROWD_MIB, KEEP=1 (keep the scratch folder with every log), VERBOSE=1 (gets
# log debugging detail), ESSAIM_LAB_PREFIX.
# The results (markdown) go to stdout, progress to stderr. About 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "bench-nat: needs root (the network lab)" >&2; exit 1; }
go build -o bin/essaim ./cmd/essaim
trap 'scripts/lab.sh down' EXIT
scripts/lab.sh up
python3 scripts/benchnat.py "$@"
