#!/usr/bin/env bash
# The main job, end to end, on a fresh machine, with nothing to start by
# hand: builds essaim, makes a sample work (a folder of files, one empty
# file, one empty folder), prints its content root and checks it against
# the independent reference implementation of docs/CONTENT.md; starts the
# embedded devnet; a creator node registers the work with a price and
# serves it (essaim share); a buyer node is refused without a license,
# buys one, downloads the work from the creator's node over libp2p,
# verifying every chunk, and the bytes are compared; the creator withdraws
# the payment. It stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

# Headings in bold on a terminal only: no escape codes in logs and pipes.
if [ -t 1 ]; then
  step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
  step() { printf '\n== %s\n' "$*"; }
fi

step "build"
go build -o bin/essaim ./cmd/essaim
echo "bin/essaim"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
album=$work/album
mkdir -p "$album/tracks" "$album/notes"
for i in 1 2 3; do head -c $((8000000 * i)) /dev/urandom >"$album/tracks/0$i.flac"; done
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
pids=($devnet_pid)
stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT
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
# creator_bg runs creator in the background as essaim itself (exec), so
# that $! is the process to stop.
creator_bg() { (exec bin/essaim --home "$work/creator" --rpc "http://127.0.0.1:$port" --password-file "$work/pw" --lightkdf "$@") & }
buyer() { bin/essaim --home "$work/buyer" --rpc "http://127.0.0.1:$port" --password-file "$work/pw" --lightkdf "$@"; }
creator account import --private-key-file "$work/creator/key" >/dev/null
buyer account import --private-key-file "$work/buyer/key" >/dev/null

step "creator: essaim share album --title 'Live at the river' --price 0.01ether --duration 30d (registers, then serves)"
creator_bg share "$album" --title "Live at the river" --tag live --tag folk --price 0.01ether --duration 30d \
  --listen /ip4/127.0.0.1/tcp/0 >"$work/creator.out" 2>"$work/creator.log"
node_pid=$!
pids+=($node_pid)
for _ in $(seq 600); do
  [ -s "$work/creator/node.addrs" ] && break
  kill -0 $node_pid 2>/dev/null || { cat "$work/creator.log" >&2; exit 1; }
  sleep 0.05
done
[ -s "$work/creator/node.addrs" ] || { echo "the creator node did not start" >&2; cat "$work/creator.log" >&2; exit 1; }
cat "$work/creator.out"
boot=$(head -1 "$work/creator/node.addrs")
work_id=$(creator --json works river | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["work"])')
[ "$work_id" = "$go_root" ] || { echo "registered work $work_id is not the hashed root $go_root" >&2; exit 1; }

step "buyer: essaim works folk"
buyer works folk

step "buyer: essaim get WORK -o out (no license yet: the creator's node refuses, no byte sent)"
if buyer get "$work_id" -o "$work/out" --bootstrap "$boot" --listen /ip4/127.0.0.1/tcp/0 2>&1; then
  echo "the download was served without a license" >&2; exit 1
fi
[ ! -e "$work/out" ] || [ -z "$(find "$work/out" -type f)" ] || { echo "a refused download left files" >&2; exit 1; }
echo "(refused, as it must be; nothing written)"

step "buyer: essaim buy WORK"
buyer buy "$work_id"

step "buyer: essaim get WORK -o out (proves the license to the creator's node; every chunk verified)"
buyer get "$work_id" -o "$work/out" --bootstrap "$boot" --listen /ip4/127.0.0.1/tcp/0

step "compare the download with the original"
diff -r "$album" "$work/out" && echo "identical: $(du -sh "$work/out" | cut -f1) in $(find "$work/out" -type f | wc -l) files"

step "creator node log (each peer served or refused, with the reason)"
grep -E 'msg=(serving|refused)' "$work/creator.log" | grep peer= | sed 's/^time=[^ ]* //'

step "creator: essaim withdraw"
creator withdraw

step "done: the creator node and the devnet stop with this script"
