#!/usr/bin/env bash
# The always-on node's figures of docs/BENCHMARKS.md, through the binaries
# on 127.0.0.0/8 and the devnet:
#   api   the API's status call at 1,000 requests/s (scripts/apiload) while
#         the node serves a 1 GiB transfer: latency p50/p99, the rate
#         reached, and the transfer's time against the same transfer with no
#         API load, in alternating rounds after one warm-up transfer. The
#         downloader and the load stand for other machines: the node runs on
#         CPU NODE_CPUS (0), the downloader on PEER_CPUS (1), so that each
#         side has a core of its own; the load runs on LOAD_CPUS (the node's
#         CPU) at nice LOAD_NICE (0): what it costs is taken from the node's
#         core, not the downloader's; at 19 it takes only the node's idle
#         time, as another machine would, and its latencies then include its
#         own waits for the CPU (all CPU lists empty: no pinning,
#         everything shares every core; DL_NICE, 0, renices the downloader;
#         NODE_ENV, such as GOMAXPROCS=1, goes into the node's environment);
#   idle  a node holding 1,000 works with 20 downloads active (waiting for
#         holders): its CPU over 30 s and its memory;
#   pin   a node told to pin a work: how long after its download is done a
#         newcomer, who knows only a third node, gets the work from it.
# Usage: scripts/bench-node.sh [rounds] [parts]   (default: 3 "api idle pin")
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
parts=${2:-api idle pin}
dl_nice=${DL_NICE:-0}
node_cpus=${NODE_CPUS-0}
peer_cpus=${PEER_CPUS-1}
# Command prefixes that pin to those CPUs (taskset runs the command in its
# own process, so a background one's $! is the command's pid).
load_cpus=${LOAD_CPUS-$node_cpus}
# NODE_ENV, words such as GOMAXPROCS=1, go into the node's environment.
# shellcheck disable=SC2206
node_pin=(${NODE_ENV:+env $NODE_ENV}) peer_pin=() load_pin=()
[ -n "$node_cpus" ] && node_pin+=(taskset -c "$node_cpus")
[ -n "$peer_cpus" ] && peer_pin=(taskset -c "$peer_cpus")
[ -n "$load_cpus" ] && load_pin=(taskset -c "$load_cpus")
load_pin+=(nice -n "${LOAD_NICE:-0}")
. scripts/lib/bench.sh
go build -o bin/apiload ./scripts/apiload
start_devnet

# cpu_ticks PID: the user and system CPU time PID has used, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

part_api() {
  say "api: GET /api/v1/status at 1,000/s while the node serves 1 GiB"
  [ -n "$node_cpus$peer_cpus" ] && echo "  the node on CPU $node_cpus, the downloader on CPU $peer_cpus (nice $dl_nice), the load on CPU $load_cpus (nice ${LOAD_NICE:-0})"
  mkdir -p "$work/big"
  head -c $((1 << 30)) /dev/urandom >"$work/big/data.bin"
  touch -d '1 hour ago' "$work/big/data.bin"
  local seed root addr
  seed=$(home seed 0)
  "${node_pin[@]}" "$E" --home "$seed" ${NODE_PROFILE:+--cpu-profile "$NODE_PROFILE"} share --open --title big --listen /ip4/127.0.0.2/tcp/0 "$work/big/data.bin" >/dev/null 2>"$work/seed.log" &
  pids+=($!)
  local seed_pid=$!
  addr=$(wait_addrs "$seed")
  root=$(rootof "$work/big/data.bin")
  local i0 i1
  i0=$(cpu_ticks "$seed_pid")
  "${load_pin[@]}" "$PWD/bin/apiload" -home "$seed" -rate 1000 -for 5s | sed 's/^/  idle node: /'
  i1=$(cpu_ticks "$seed_pid")
  python3 -c "print('  idle node: its CPU over the 5,000 calls %.2f s (%.0f us a call, the kernel included)' % (($i1 - $i0) / $(getconf CLK_TCK), ($i1 - $i0) / $(getconf CLK_TCK) / 5000 * 1e6))"
  # A first transfer, not counted: the first is slower (page cache, the
  # node's first connection), and it would always fall on one side.
  "${peer_pin[@]}" "$E" --home "$(home warmup 1)" get --no-node -o "$work/warmup-out" --listen /ip4/127.0.0.3/tcp/0 --bootstrap "$addr" "$root" >/dev/null 2>&1
  rm -rf "$work/warmup-out"
  for r in $(seq "$rounds"); do
    for load in no yes; do
      [ $((r % 2)) -eq 0 ] && load=$([ "$load" = no ] && echo yes || echo no)
      local dl out t0 t1 lp=
      dl=$(home "dl-$r-$load" 1)
      out="$work/out-$r-$load"
      if [ "$load" = yes ]; then
        /usr/bin/time -f '%U %S' -o "$work/load-cpu-$r" "${load_pin[@]}" "$PWD/bin/apiload" -home "$seed" -rate 1000 -for 4s >"$work/load-$r.txt" &
        lp=$!
      fi
      local c0 c1
      c0=$(cpu_ticks "$seed_pid")
      t0=$(date +%s.%N)
      /usr/bin/time -f '%U %S' -o "$work/dl-cpu" "${peer_pin[@]}" nice -n "$dl_nice" "$E" --home "$dl" get --no-node -o "$out" --listen /ip4/127.0.0.3/tcp/0 --bootstrap "$addr" "$root" >/dev/null 2>&1
      t1=$(date +%s.%N)
      c1=$(cpu_ticks "$seed_pid")
      [ -n "$lp" ] && wait "$lp"
      cmp -s "$out/data.bin" "$work/big/data.bin" || { echo "round $r: output differs"; exit 1; }
      printf '  round %d, API load %-3s: get of 1 GiB %s ms (%s MiB/s); CPU s: node %s, downloader %s\n' "$r" "$load" \
        "$(ms "$(echo "$t1 - $t0" | bc)")" "$(python3 -c "print('%.0f' % (1024 / ($t1 - $t0)))")" \
        "$(python3 -c "print('%.2f' % (($c1 - $c0) / $(getconf CLK_TCK)))")" "$(awk '{printf "%.2f", $1 + $2}' "$work/dl-cpu")"
      [ "$load" = yes ] && sed 's/^/    /' "$work/load-$r.txt" && awk '{printf "    load generator CPU: %.2f s\n", $1 + $2}' "$work/load-cpu-$r"
      echo "$load $(echo "$t1 - $t0" | bc) $(awk '/^latency/ {print $8}' "$work/load-$r.txt" 2>/dev/null)" >>"$work/api-rounds"
      rm -rf "$out" "$dl" "$work/load-$r.txt"
    done
  done
  python3 - "$work/api-rounds" <<'EOF2'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1])]
no = [float(r[1]) for r in rows if r[0] == "no"]
yes = [float(r[1]) for r in rows if r[0] == "yes"]
p99 = [float(r[2]) for r in rows if r[0] == "yes"]
print("  medians of %d rounds: get %.0f ms without load, %.0f ms under load (throughput %+.1f%%); status p99 %.2f ms (%.2f-%.2f)"
      % (len(no), 1000 * st.median(no), 1000 * st.median(yes), 100 * (st.median(no) / st.median(yes) - 1),
         st.median(p99), min(p99), max(p99)))
EOF2
}

part_idle() {
  say "idle: a node holding 1,000 works with 20 downloads waiting for holders"
  local creator box i root
  creator=$(home creator 0)
  box=$(home box 2)
  mkdir -p "$work/many"
  local serve=()
  for i in $(seq "${WORKS:-1000}"); do
    printf 'work %d\n' "$i" >"$work/many/w$i.txt"
    "$E" --home "$creator" --json register --title "w$i" --open "$work/many/w$i.txt" >/dev/null
    serve+=(--serve "$work/many/w$i.txt")
  done
  local missing=()
  for i in $(seq 20); do
    printf 'nobody holds %d\n' "$i" >"$work/many/m$i.txt"
    "$E" --home "$creator" --json register --title "m$i" --open "$work/many/m$i.txt" >/dev/null
    missing+=("$(rootof "$work/many/m$i.txt")")
  done
  # NODE_PROFILE=FILE writes the node's CPU profile (its whole run) there.
  "$E" --home "$box" ${NODE_PROFILE:+--cpu-profile "$NODE_PROFILE"} node --listen /ip4/127.0.0.4/tcp/0 \
    --max-downloads 20 --give-up 1h "${serve[@]}" \
    >/dev/null 2>"$work/box.log" &
  local pid=$!
  pids+=($pid)
  wait_addrs "$box" >/dev/null
  for root in "${missing[@]}"; do "$E" --home "$box" pin "$root" >/dev/null; done
  sleep 10 # let start-up work (provides, the first announcements) pass
  "$E" --home "$box" --json status | python3 -c 'import json,sys; s=json.load(sys.stdin)["node"]; print("  works served %d, downloads active %d" % (s["works"], s["downloads_active"]))'
  local t0 c0 t1 c1
  t0=$(date +%s.%N); c0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  sleep 30
  t1=$(date +%s.%N); c1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  python3 - "$t0" "$c0" "$t1" "$c1" "$(getconf CLK_TCK)" "/proc/$pid/status" <<'EOF'
import sys
t0, c0, t1, c1, hz = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
st = dict(l.split(':', 1) for l in open(sys.argv[6]) if ':' in l)
print("  CPU over %.0f s idle: %.2f%% of a core" % (t1 - t0, 100 * (c1 - c0) / hz / (t1 - t0)))
print("  memory: RSS %s, peak %s, anonymous %s" % (st['VmRSS'].strip(), st['VmHWM'].strip(), st['RssAnon'].strip()))
EOF
}

part_pin() {
  say "pin: from a pinned download done to a newcomer served by that node"
  mkdir -p "$work/pinwork"
  head -c $((4 << 20)) /dev/urandom >"$work/pinwork/album.bin"
  local hub hubaddr seedh box newc root r
  hub=$(home hub 3)
  "$E" --home "$hub" node --listen /ip4/127.0.0.5/tcp/0 >/dev/null 2>&1 &
  pids+=($!)
  hubaddr=$(wait_addrs "$hub")
  root=$(rootof "$work/pinwork/album.bin")
  for r in $(seq "$rounds"); do
    seedh=$(home "pseed-$r" 0)
    "$E" --home "$seedh" share --open --title album --listen /ip4/127.0.0.6/tcp/0 --bootstrap "$hubaddr" \
      "$work/pinwork/album.bin" >/dev/null 2>&1 &
    local sp=$!
    wait_addrs "$seedh" >/dev/null
    box=$(home "pbox-$r" 2)
    "$E" --home "$box" node --listen /ip4/127.0.0.7/tcp/0 --bootstrap "$hubaddr" >/dev/null 2>&1 &
    local bp=$!
    pids+=($bp)
    wait_addrs "$box" >/dev/null
    "$E" --home "$box" pin "$root" >/dev/null
    until "$E" --home "$box" --json downloads | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)[0]["state"]=="done" else 1)'; do
      sleep 0.02
    done
    local done_at end
    done_at=$(date +%s.%N)
    kill "$sp"; wait "$sp" 2>/dev/null || true
    newc=$(home "pnew-$r" 1)
    "$E" --home "$newc" get --no-node -o "$work/pout-$r" --listen /ip4/127.0.0.8/tcp/0 --bootstrap "$hubaddr" "$root" >/dev/null 2>&1
    end=$(date +%s.%N)
    cmp -s "$work/pout-$r/album.bin" "$work/pinwork/album.bin" || { echo "round $r: output differs"; exit 1; }
    printf '  round %d: newcomer had the work %s ms after the pin was done (the seed gone)\n' "$r" "$(ms "$(echo "$end - $done_at" | bc)")"
    kill "$bp"; wait "$bp" 2>/dev/null || true
  done
}

machine
for p in $parts; do "part_$p"; done
