#!/usr/bin/env bash
# Two builds of essaim side by side: a 1 GiB `essaim node --serve` on
# 127.0.0.2 and a licensed `essaim get --bootstrap` of it on 127.0.0.3, each
# with the same build, the builds taking turns (A B A B ...), so that a
# change's effect shows against the machine's drift. For each run: get's
# wall time (process start to exit), its CPU, and the holder's CPU during
# the transfer; then the medians and the pairs in which B was faster. One
# run of A before the rounds warms the machine up and is not counted (the
# first holder of a session costs more).
#
# Usage: scripts/bench-ab.sh BIN_A BIN_B [rounds]   (default 6)
# PROFILE=DIR keeps CPU profiles of each counted run in DIR (get-R-X.prof,
# holder-R-X.prof; read them with `go tool pprof -top BIN FILE`).
# Build the two with `go build -o /tmp/essaim-a ./cmd/essaim` at each commit
# (or `git stash` between them). The devnet and the accounts come from
# BIN_A. Needs python3 and openssl.
set -euo pipefail
export ESSAIM_API=${ESSAIM_API:-127.0.0.1:0}
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n '/^# Usage/,/^# BIN_A/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
A=$(readlink -f "$1") B=$(readlink -f "$2") R=${3:-6}
[[ $R =~ ^[1-9][0-9]*$ ]] || { echo "rounds: want a positive number" >&2; exit 2; }
for b in "$A" "$B"; do [ -x "$b" ] || { echo "$b: not an executable" >&2; exit 2; }; done
PY=python3
[ -z "${PROFILE:-}" ] || { mkdir -p "$PROFILE" && PROFILE=$(readlink -f "$PROFILE"); }
W=$(mktemp -d /tmp/bench-ab.XXXXXX)
pids=()
stop() { kill -TERM -- "-$1" 2>/dev/null || kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
cleanup() {
  for p in "${pids[@]}"; do stop "$p"; done
  rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

key=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
openssl enc -aes-128-ctr -K "$key" -iv 00000000000000000000000000000000 -nosalt </dev/zero 2>/dev/null |
  head -c $((1024 << 20)) >"$W/big.bin" || true
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid "$A" --json devnet --port "$port" >"$W/devnet.out" 2>"$W/devnet.log" &
pids+=($!)
for _ in $(seq 400); do
  "$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' "$W/devnet.out" 2>/dev/null && break
  sleep 0.05
done
RPC=http://127.0.0.1:$port
printf 'bench password\n' >"$W/pw"
account() { # HOME INDEX: a fresh home holding development account INDEX
  mkdir -p "$1" && chmod 700 "$1"
  "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["accounts"][int(sys.argv[2])]["private_key"])' \
    "$W/devnet.out" "$2" >"$W/key$2"
  "$A" --home "$1" --rpc "$RPC" --password-file "$W/pw" --lightkdf account import --private-key-file "$W/key$2" >/dev/null
}
account "$W/creator" 0
"$A" --home "$W/creator" --rpc "$RPC" --password-file "$W/pw" register "$W/big.bin" --title bench --price 1000 >/dev/null
WORK=$("$A" --json hash "$W/big.bin" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["root"])')
account "$W/buyer" 1
"$A" --home "$W/buyer" --rpc "$RPC" --password-file "$W/pw" buy "$WORK" >/dev/null

: >"$W/results"
# prof NAME: the flag that profiles a counted run's process into PROFILE.
prof() { [ -n "${PROFILE:-}" ] && [ "$r" != 0 ] && echo "--cpu-profile $PROFILE/$1-$r-$X.prof"; true; }
for r in $(seq 0 "$R"); do
  for X in A B; do
    [ "$r" = 0 ] && [ "$X" = B ] && continue
    bin=${!X} h=$W/holder-$r-$X g=$W/get-$r-$X
    sync
    cat "$W/big.bin" >/dev/null
    mkdir -p "$h" && chmod 700 "$h"
    setsid "$bin" --home "$h" --rpc "$RPC" $(prof holder) node --serve "$W/big.bin" --listen /ip4/127.0.0.2/tcp/0 >"$h.out" 2>"$h.log" &
    hp=$!
    pids+=("$hp")
    for _ in $(seq 1200); do [ -s "$h/node.addrs" ] && break; sleep 0.05; done
    [ -s "$h/node.addrs" ] || { cat "$h.log" >&2; echo "the holder did not start" >&2; exit 1; }
    c0=$("$PY" "$here/benchmeter.py" cpu "$hp")
    cp -a "$W/buyer" "$g"
    t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$g.time" "$bin" --home "$g" --rpc "$RPC" --password-file "$W/pw" $(prof get) get -o "$g.dir" \
      --listen /ip4/127.0.0.3/tcp/0 --bootstrap "$(head -1 "$h/node.addrs")" "$WORK" >"$g.out" 2>"$g.log" ||
      { tail -20 "$g.log" >&2; echo "round $r $X: the get failed; the holder's log:" >&2; tail -20 "$h.log" >&2; exit 1; }
    t1=$(date +%s.%N)
    c1=$("$PY" "$here/benchmeter.py" cpu "$hp")
    stop "$hp"
    cmp -s "$W/big.bin" "$g.dir/big.bin" || { echo "round $r $X: the download differs from the source" >&2; exit 1; }
    read -r u s <"$g.time"
    line=$("$PY" -c 'import sys; r,x,t0,t1,u,s,c0,c1 = sys.argv[1:]; print(r, x, float(t1)-float(t0), float(u)+float(s), float(c1)-float(c0))' \
      "$r" "$X" "$t0" "$t1" "$u" "$s" "$c0" "$c1")
    [ "$r" = 0 ] || echo "$line" >>"$W/results"
    echo "$line" | awk '{printf "round %s %s: get %.2f s, get CPU %.2f s, holder CPU %.2f s%s\n", $1, $2, $3, $4, $5, ($1 == 0 ? " (warm-up, not counted)" : "")}'
    rm -rf "$g.dir" "$g" "$h"
  done
done
"$PY" - "$W/results" "$A" "$B" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
by = {x: [(float(t), float(c), float(h)) for r, x2, t, c, h in rows if x2 == x] for x in "AB"}
for x, name in (("A", sys.argv[2]), ("B", sys.argv[3])):
    t, c, h = zip(*by[x])
    print(f"{x} {name}: get {statistics.median(t):.2f} s [{min(t):.2f}-{max(t):.2f}], "
          f"get CPU {statistics.median(c):.2f} s, holder CPU {statistics.median(h):.2f} s (medians of {len(t)})")
ratios = [b[0] / a[0] for a, b in zip(by["A"], by["B"])]
print(f"B/A get time by round: {' '.join(f'{q:.2f}' for q in ratios)}; median {statistics.median(ratios):.2f}; "
      f"B faster in {sum(q < 1 for q in ratios)} of {len(ratios)}")
EOF
