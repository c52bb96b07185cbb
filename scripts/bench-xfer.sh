#!/usr/bin/env bash
# The transfer benchmarks of docs/BENCHMARKS.md, in one run:
#   1. one licensed transfer of 1 GiB from one holder, verified and written
#      to the output file, against a plain libp2p stream copy and a plain
#      TCP copy of the same bytes into a file (go test -bench Transfer1GiB);
#   2. the same through the built binaries: `essaim share` on the devnet and
#      `essaim get` in another process (the time get reports);
#   3. the gate's cost on a real Anvil: first byte and throughput, open work
#      against licensed work (go test -bench Gate).
# Usage: scripts/bench-xfer.sh [runs]   (default 3; needs npm ci for Anvil)
set -euo pipefail
# Several nodes run at once: each node's API takes a free port.
export ESSAIM_API=${ESSAIM_API:-127.0.0.1:0}
cd "$(dirname "$0")/.."
runs=${1:-3}

step() { printf '\n== %s\n' "$*"; }

step "1. go test ./p2p/node -run '^\$' -bench Transfer1GiB -benchtime ${runs}x"
go test ./p2p/node -run '^$' -bench 'Transfer1GiB$' -benchtime "${runs}x" -timeout 30m | grep -E '^(Benchmark|ok)'

step "2. essaim share + essaim get of 1 GiB, two processes, devnet"
go build -o bin/essaim ./cmd/essaim
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/w"
head -c $((1 << 30)) /dev/urandom >"$work/w/big.bin"
touch -d '1 hour ago' "$work/w/big.bin"
sync
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bin/essaim devnet --port "$port" --json >"$work/devnet.json" 2>/dev/null &
pids+=($!)
for _ in $(seq 200); do
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/devnet.json" 2>/dev/null && break
  sleep 0.05
done
key() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accounts"][int(sys.argv[2])]["private_key"])' "$work/devnet.json" "$1"; }
printf 'pw\n' >"$work/pw"
for who in creator buyer; do mkdir -m 700 "$work/$who"; done
key 0 >"$work/creator.key"
key 1 >"$work/buyer.key"
creator() { bin/essaim --home "$work/creator" --rpc "http://127.0.0.1:$port" --password-file "$work/pw" --lightkdf "$@"; }
buyer() { bin/essaim --home "$work/buyer" --rpc "http://127.0.0.1:$port" --password-file "$work/pw" --lightkdf "$@"; }
creator account import --private-key-file "$work/creator.key" >/dev/null
buyer account import --private-key-file "$work/buyer.key" >/dev/null
(exec bin/essaim --home "$work/creator" --rpc "http://127.0.0.1:$port" --password-file "$work/pw" --lightkdf \
  share "$work/w/big.bin" --title bench --price 1000 --listen /ip4/127.0.0.1/tcp/0 >/dev/null 2>"$work/creator.log") &
pids+=($!)
for _ in $(seq 1200); do [ -s "$work/creator/node.addrs" ] && break; sleep 0.05; done
boot=$(head -1 "$work/creator/node.addrs")
root=$(bin/essaim --json hash "$work/w/big.bin" | python3 -c 'import json,sys; print(json.load(sys.stdin)["root"])')
buyer buy "$root" >/dev/null
sleep 1 # let the holder's follower see the purchase, so the first stream is served
for i in $(seq "$runs"); do
  rm -rf "$work/out"
  buyer --json get "$root" -o "$work/out" --bootstrap "$boot" --listen /ip4/127.0.0.1/tcp/0 2>/dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print("run %s: %.2f s, %.0f MB/s" % (sys.argv[1], r["seconds"], r["size"]/r["seconds"]/1e6))' "$i"
  cmp -s "$work/w/big.bin" "$work/out/big.bin" || { echo "bytes differ" >&2; exit 1; }
done

step "3. go test ./p2p/node -run '^\$' -bench Gate -benchtime 5x"
go test ./p2p/node -run '^$' -bench 'Gate' -benchtime 5x -timeout 30m | grep -E '^(Benchmark|ok|\s+gate)' || true
