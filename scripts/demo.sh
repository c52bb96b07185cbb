#!/usr/bin/env bash
# The main job, end to end, on a fresh machine, with nothing to start by
# hand: builds essaim, makes a sample work (a folder of files, one empty
# file, one empty folder), prints its content root and checks it against
# the independent reference implementation of docs/CONTENT.md; then starts
# the embedded devnet, registers the work with a price as a creator, buys a
# license as a buyer, checks it, finds the work in the catalogue, and has
# the creator withdraw the payment. It stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "build"
go build -o bin/essaim ./cmd/essaim
echo "bin/essaim"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
album=$work/album
mkdir -p "$album/tracks" "$album/notes"
for i in 1 2 3; do head -c $((300000 * i)) /dev/urandom >"$album/tracks/0$i.flac"; done
printf 'Live at the river, 2026.\n' >"$album/README.txt"
: >"$album/tracks/.keep"

step "essaim hash $album"
bin/essaim hash "$album"

step "essaim hash --json (what scripts and register use)"
bin/essaim --json hash "$album" | tee "$work/hash.json" | head -7
echo "  ..."

step "cross-check with the independent reference (scripts/contentref.py)"
go_root=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["root"])' "$work/hash.json")
py_root=$(python3 scripts/contentref.py root "$album")
echo "essaim:    $go_root"
echo "reference: $py_root"
[ "$go_root" = "$py_root" ] || { echo "MISMATCH" >&2; exit 1; }
echo "roots agree"

step "essaim devnet (embedded chain, registry deployed at its fixed address)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bin/essaim devnet --port "$port" --json >"$work/devnet.json" 2>"$work/devnet.err" &
devnet_pid=$!
trap 'kill $devnet_pid 2>/dev/null; wait $devnet_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 200); do
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/devnet.json" 2>/dev/null && break
  kill -0 $devnet_pid 2>/dev/null || { cat "$work/devnet.err" >&2; exit 1; }
  sleep 0.05
done
key() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accounts"][int(sys.argv[2])]["private_key"])' "$work/devnet.json" "$1"; }
echo "rpc http://127.0.0.1:$port"

# Two users, each with a keystore of their own; the development keys are public.
printf 'demo password\n' >"$work/pw"
for who in creator buyer; do mkdir -m 700 "$work/$who"; done
key 0 >"$work/creator/key"
key 1 >"$work/buyer/key"
creator() { bin/essaim --home "$work/creator" --rpc "http://127.0.0.1:$port" --password-file "$work/pw" --lightkdf "$@"; }
buyer() { bin/essaim --home "$work/buyer" --rpc "http://127.0.0.1:$port" --password-file "$work/pw" --lightkdf "$@"; }
creator account import --private-key-file "$work/creator/key" >/dev/null
buyer account import --private-key-file "$work/buyer/key" >/dev/null

step "creator: essaim register album --title 'Live at the river' --tag live --price 0.01ether --duration 30d"
creator register "$album" --title "Live at the river" --tag live --tag folk --price 0.01ether --duration 30d
work_id=$(creator --json works river | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["work"])')
[ "$work_id" = "$go_root" ] || { echo "registered work $work_id is not the hashed root $go_root" >&2; exit 1; }

step "buyer: essaim works folk"
buyer works folk

step "buyer: essaim buy WORK"
buyer buy "$work_id"

step "anyone: essaim license check WORK BUYER"
buyer_addr=$(buyer --json account list | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
buyer license check "$work_id" "$buyer_addr"

step "creator: essaim withdraw"
creator withdraw

step "done: the devnet stops with this script"
