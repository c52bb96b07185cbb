#!/usr/bin/env bash
# Swarm benchmarks with real essaim processes on 127.0.0.1 and the embedded
# devnet. Every work is registered --open, so no license is needed.
#
#   scripts/bench-swarm.sh flash    8 downloaders start together on one seed, every upload
#                                   capped at 20 MiB/s, a 200 MiB work: time to serve all
#                                   against the fluid bound and against a single server
#   scripts/bench-swarm.sh multi    one downloader, 1 vs 2 vs 4 holders capped at 20 MiB/s,
#                                   found through the network (bootstrap to the seed only)
#   scripts/bench-swarm.sh memory   peak RSS and CPU of one get of 1 GiB; of a node seeding
#                                   100 works to 20 concurrent downloaders
#   scripts/bench-swarm.sh all      the three, one after the other (about 3-5 minutes here)
#
# Environment: MULTI_MIB (work size of `multi`, default 200), FLASH_MIB (default
# 200), BIG_MIB (default 1024), KEEP=1 keeps the scratch folder (logs) for a look,
# VERBOSE=1 gives nodes and gets --verbose (debug logs).
# It builds bin/essaim first, fails loudly when a get fails or a byte differs, and
# stops every process it started. The results table (markdown) is printed at the end.
set -euo pipefail
# Several nodes run at once: each node's API takes a free port.
export ESSAIM_API=${ESSAIM_API:-127.0.0.1:0}
self=$(readlink -f "$0")

# __run OUT CMD...: run CMD with stdout to OUT.json, stderr to OUT.log, its peak
# RSS and CPU to OUT.time (GNU time's -v format), its exit code to OUT.rc and the
# time it ended to OUT.end. Used as the body of each measured background process.
if [ "${1:-}" = __run ]; then
  out=$2
  shift 2
  if /usr/bin/time -v true >/dev/null 2>&1; then
    set +e
    /usr/bin/time -v -o "$out.time" "$@" >"$out.json" 2>"$out.log"
    rc=$?
  else
    # No GNU time: sample VmHWM and utime+stime from /proc until the process
    # ends (the last 0.1 s of CPU may be missed).
    "$@" >"$out.json" 2>"$out.log" &
    p=$!
    hwm=0 ticks=0 hz=$(getconf CLK_TCK)
    while kill -0 "$p" 2>/dev/null; do
      h=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
      t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true)
      [ -n "$h" ] && hwm=$h
      [ -n "$t" ] && ticks=$t
      sleep 0.1
    done
    set +e
    wait "$p"
    rc=$?
    {
      echo "User time (seconds): $(awk -v t="$ticks" -v hz="$hz" 'BEGIN {printf "%.2f", t / hz}')"
      echo "System time (seconds): 0"
      echo "Maximum resident set size (kbytes): $hwm"
    } >"$out.time"
  fi
  date +%s.%N >"$out.end"
  echo "$rc" >"$out.rc"
  exit 0
fi

# __lane W SRCDIR RPC BOOT I1 WORK1 I2 WORK2 ...: one downloader of memory (b),
# fetching small works one after the other; exits non-zero at the first failure.
if [ "${1:-}" = __lane ]; then
  w=$2 src=$3 rpc=$4 boot=$5
  shift 5
  ess=$(dirname "$self")/../bin/essaim
  while [ $# -ge 2 ]; do
    i=$1 work=$2
    shift 2
    name=$w/mem-b-$i
    mkdir -p "$name.home" && chmod 700 "$name.home"
    bash "$self" __run "$name" "$ess" --home "$name.home" --rpc "$rpc" --json \
      get "$work" -o "$name.dir" --bootstrap "$boot" --listen /ip4/127.0.0.1/tcp/0 --download-limit 1MiB
    [ "$(cat "$name.rc")" = 0 ] || exit 1
    cmp -s "$src/w$i.bin" "$name.dir/w$i.bin" || exit 2
  done
  exit 0
fi

cd "$(dirname "$self")/.."
mode=${1:-all}
case $mode in
flash | multi | memory | all) ;;
*)
  echo "usage: $0 flash|multi|memory|all" >&2
  exit 2
  ;;
esac

FLASH_MIB=${FLASH_MIB:-200}
MULTI_MIB=${MULTI_MIB:-200}
BIG_MIB=${BIG_MIB:-1024}
LIMIT_MIB=20
ESS=$PWD/bin/essaim
VERB=()
[ "${VERBOSE:-}" = 1 ] && VERB=(--verbose)

step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
note() { printf '   %s\n' "$*" >&2; }
die() {
  printf '\033[31mFAIL: %s\033[0m\n' "$*" >&2
  exit 1
}

W=$(mktemp -d /tmp/bench-swarm.XXXXXX)
RESULTS=$W/results.md
: >"$RESULTS"
# Helpers for the reports. `get --json` keys chunks_from by the peer id's raw
# bytes, which Go's JSON encoder turns into lossy UTF-8 (invalid bytes become
# U+FFFD); peer_key maps a printed peer id to that same key so that a known
# peer (the seed) can still be found. timev reads GNU time's -v output.
cat >"$W/benchlib.py" <<'PY'
import json, re

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * (len(s) - len(s.lstrip("1"))) + body


def go_json_string(raw):
    """What Go's encoding/json makes of string(raw): each byte that does not
    start a valid UTF-8 sequence becomes U+FFFD."""
    out, i = [], 0
    while i < len(raw):
        b = raw[i]
        n = 1 if b < 0x80 else 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if n:
            try:
                out.append(raw[i:i + n].decode("utf-8"))
                i += n
                continue
            except UnicodeDecodeError:
                pass
        out.append("\ufffd")
        i += 1
    return "".join(out)


def peer_key(peer_id, keys):
    """The chunks_from key of peer_id among keys: the id itself (printed
    form) or its raw bytes as Go's JSON encoder wrote them; None if absent."""
    if peer_id in keys:
        return peer_id
    k = go_json_string(b58decode(peer_id))
    return k if k in keys else None


def get_result(path):
    return json.load(open(path + ".json"))


def timev(path):
    """(peak RSS MiB, CPU s, wall s or None) from GNU time -v output."""
    t = open(path + ".time").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", t))
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)", t)
    wall = None
    if m:
        wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(m.group(1).split(":"))))
    return rss, cpu, wall
PY
pids=() # every background process; each leads its own process group (setsid)

stop_pid() {
  local p=$1
  kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
  kill -KILL -- "-$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do stop_pid "$p"; done
  if [ -s "$RESULTS" ]; then
    printf '\n\033[1m== results\033[0m\n\n'
    cat "$RESULTS"
  fi
  if [ "${KEEP:-}" = 1 ]; then
    echo "scratch folder kept: $W" >&2
  elif [ $rc -ne 0 ]; then
    # Keep the logs to look at, not the gigabytes of works.
    find "$W" -name '*.bin' -delete 2>/dev/null || true
    rm -rf "$W"/*.dir "$W"/*.home
    echo "logs kept: $W" >&2
  else
    rm -rf "$W"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# bg NAME CMD...: start CMD in its own process group, output in $W/NAME.{out,log};
# sets $last to its pid.
bg() {
  local name=$1
  shift
  setsid "$@" >"$W/$name.out" 2>"$W/$name.log" &
  last=$!
  pids+=("$last")
}
# measured NAME CMD...: like bg, through __run (peak RSS, CPU, exit code, end time).
measured() {
  local name=$1
  shift
  setsid bash "$self" __run "$W/$name" "$@" &
  last=$!
  pids+=("$last")
}
# stop PID: stop one background process and forget it.
stop() {
  local p=$1 keep=()
  stop_pid "$p"
  for q in "${pids[@]}"; do [ "$q" = "$p" ] || keep+=("$q"); done
  pids=("${keep[@]}")
}
# procstat PID: "peak_rss_MiB cpu_seconds" of a running process, from /proc.
procstat() {
  local p=$1 hz
  hz=$(getconf CLK_TCK)
  awk -v hz="$hz" '
    FILENAME ~ /status$/ && /^VmHWM:/ { rss = $2 / 1024 }
    FILENAME ~ /stat$/ { cpu = ($14 + $15) / hz }
    END { printf "%.1f %.2f\n", rss, cpu }' "/proc/$p/status" "/proc/$p/stat"
}
# timestat NAME: "peak_rss_MiB cpu_seconds" from $W/NAME.time.
timestat() {
  awk -F': ' '
    /Maximum resident set size/ { rss = $2 / 1024 }
    /User time/ { cpu += $2 }
    /System time/ { cpu += $2 }
    END { printf "%.1f %.2f\n", rss, cpu }' "$W/$1.time"
}
now() { date +%s.%N; }
calc() { python3 -c "print($*)"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# random_file PATH MiB: incompressible bytes, fast (AES-CTR keystream of a random key).
random_file() {
  local key
  key=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
  if command -v openssl >/dev/null; then
    openssl enc -aes-128-ctr -K "$key" -iv 00000000000000000000000000000000 -nosalt </dev/zero 2>/dev/null |
      head -c $(($2 << 20)) >"$1" || true
  else
    head -c $(($2 << 20)) /dev/urandom >"$1"
  fi
  [ "$(stat -c %s "$1")" -eq $(($2 << 20)) ] || die "could not write $1"
}

RPC=
start_devnet() {
  [ -n "$RPC" ] && return
  step "essaim devnet (embedded chain)"
  local port
  port=$(free_port)
  bg devnet "$ESS" --json devnet --port "$port"
  local pid=$last
  for _ in $(seq 400); do
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$W/devnet.out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || {
      cat "$W/devnet.log" >&2
      die "the devnet did not start"
    }
    sleep 0.05
  done
  RPC=http://127.0.0.1:$port
  printf 'bench password\n' >"$W/pw"
  note "rpc $RPC"
}
devkey() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accounts"][int(sys.argv[2])]["private_key"])' "$W/devnet.out" "$1"; }

# ess HOME ARGS...: essaim with that home, against the devnet.
ess() {
  local home=$1
  shift
  "$ESS" --home "$home" --rpc "$RPC" --password-file "$W/pw" --lightkdf "$@"
}
# creator HOME KEYINDEX: a home with development account KEYINDEX imported.
creator() {
  mkdir -p "$1" && chmod 700 "$1"
  devkey "$2" >"$1/key"
  ess "$1" account import --private-key-file "$1/key" >/dev/null
}
# root_of PATH: sets ROOT (the work's content root) and CHUNK (its chunk size).
root_of() {
  local j
  j=$("$ESS" --json hash "$1")
  ROOT=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["root"])' "$j")
  CHUNK=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["chunk_size"])' "$j")
}

# start_node NAME HOME ARGS...: run `essaim ARGS` (node or share) in the
# background; wait for its addresses; sets $last (pid) and $addr (the first
# address, for --bootstrap).
start_node() {
  local name=$1 home=$2
  shift 2
  mkdir -p "$home" && chmod 700 "$home"
  rm -f "$home/node.addrs"
  bg "$name" "$ESS" --home "$home" --rpc "$RPC" --password-file "$W/pw" --lightkdf "$@" "${VERB[@]}" --listen /ip4/127.0.0.1/tcp/0
  local pid=$last
  for _ in $(seq 1200); do
    [ -s "$home/node.addrs" ] && break
    kill -0 "$pid" 2>/dev/null || {
      tail -20 "$W/$name.log" >&2
      die "$name did not start"
    }
    sleep 0.05
  done
  [ -s "$home/node.addrs" ] || die "$name wrote no addresses in 60 s"
  addr=$(head -1 "$home/node.addrs")
  last=$pid
}
peer_of() { echo "${1##*/p2p/}"; }

# start_get NAME WORK BOOTSTRAP ARGS...: a measured `essaim get` into $W/NAME.dir
# with a home of its own (no account: open works only).
start_get() {
  local name=$1 work=$2 boot=$3
  shift 3
  mkdir -p "$W/$name.home" && chmod 700 "$W/$name.home"
  measured "$name" "$ESS" --home "$W/$name.home" --rpc "$RPC" --json \
    get "$work" -o "$W/$name.dir" --bootstrap "$boot" --listen /ip4/127.0.0.1/tcp/0 "${VERB[@]}" "$@"
}
# finish_get NAME SRC: wait for the get, fail loudly unless it exited 0 and its
# output equals SRC byte for byte.
finish_get() {
  local name=$1 src=$2 pid=$3
  wait "$pid" 2>/dev/null || true
  local rc
  rc=$(cat "$W/$name.rc" 2>/dev/null || echo "?")
  if [ "$rc" != 0 ]; then
    tail -15 "$W/$name.log" >&2
    die "$name: essaim get exited $rc"
  fi
  python3 - "$W/$name.json" <<'EOF' || die "$name: output is not a verified get result"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verified"] is True, r
EOF
  cmp "$src" "$W/$name.dir/$(basename "$src")" || die "$name: downloaded bytes differ from $src"
}

# ---------------------------------------------------------------------------

flash() {
  local F=$FLASH_MIB N=8
  step "flash crowd: 1 seed + $N downloaders at once, every upload capped at ${LIMIT_MIB} MiB/s, ${F} MiB"
  start_devnet
  local d=$W/flash
  mkdir -p "$d"
  random_file "$d/work.bin" "$F"
  creator "$d/seed" 0
  local work
  root_of "$d/work.bin"
  work=$ROOT
  note "work $work"
  start_node flash-seed "$d/seed" share "$d/work.bin" --title "flash crowd" --open --upload-limit ${LIMIT_MIB}MiB
  local seed_pid=$last boot=$addr
  local seed_id
  seed_id=$(peer_of "$boot")
  note "seed $seed_id"
  local t0 gp=()
  t0=$(now)
  for i in $(seq $N); do
    start_get "flash-get$i" "$work" "$boot" --upload-limit ${LIMIT_MIB}MiB
    gp+=("$last")
  done
  for i in $(seq $N); do finish_get "flash-get$i" "$d/work.bin" "${gp[$((i - 1))]}"; done
  local seed_stat
  seed_stat=$(procstat "$seed_pid")
  stop "$seed_pid"
  for p in "${gp[@]}"; do stop "$p"; done
  python3 - "$W" "$t0" "$F" "$LIMIT_MIB" "$N" "$seed_id" "$seed_stat" "$CHUNK" >>"$RESULTS" <<'EOF'
import sys
W, t0, F, u, N, seed, seed_stat = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
sys.path.insert(0, W)
from benchlib import get_result, peer_key, timev
gets = []
for i in range(1, N + 1):
    n = f"{W}/flash-get{i}"
    r = get_result(n)
    gets.append((i, r, float(open(n + ".end").read()), timev(n)))
keys = set()
for _, r, _, _ in gets:
    keys |= set(r["chunks_from"])
skey = peer_key(seed, keys)
# A downloader's own key is the one key (besides the seed's) missing from its own map.
own = {}
for i, r, _, _ in gets:
    mine = keys - set(r["chunks_from"]) - {skey}
    if len(mine) == 1:
        own[i] = mine.pop()
sent = {}
for _, r, _, _ in gets:
    for k, c in r["chunks_from"].items():
        sent[k] = sent.get(k, 0) + c
T = max(e for _, _, e, _ in gets) - t0
size = gets[0][1]["size"]
chunk_bytes = int(sys.argv[8]) if len(sys.argv) > 8 else 65536
mib = lambda chunks: chunks * chunk_bytes / 2**20
bound = max(F / u, N * F / (u + N * u))
single = N * F / u
warn = []
print(f"### Flash crowd: 1 seed + {N} downloaders, {F:.0f} MiB work ({chunk_bytes // 1024} KiB chunks), every upload capped at {u:.0f} MiB/s\n")
print("| measure | value |\n|---|---|")
print(f"| time until all {N} are done (from the start of the gets) | **{T:.1f} s** |")
print(f"| fluid bound max(F/u_seed, N·F/(u_seed+N·u_peer)) | {bound:.1f} s |")
print(f"| ratio measured / bound (target ≤ 1.3) | **{T / bound:.2f}** {'ok' if T / bound <= 1.3 else 'MISSED'} |")
print(f"| a single server at u_seed (N·F/u_seed) | {single:.1f} s |")
print(f"| aggregate download rate (swarm upload capacity {(N + 1) * u:.0f} MiB/s) | {N * F / T:.1f} MiB/s |")
rss, cpu = seed_stat.split()
if skey is None:
    warn.append("the seed's peer id is in no downloader's chunks_from: nobody received from the seed?")
    print(f"| seed: sent | ? |")
else:
    s = mib(sent[skey])
    print(f"| seed: sent (copies of the work), average rate over {T:.1f} s | {s:.0f} MiB ({s / F:.2f}×), {s / T:.1f} MiB/s |")
    if s / T > u * 1.05:
        warn.append(f"the seed sent {s / T:.1f} MiB/s on average, above its {u:.0f} MiB/s cap")
print(f"| seed: peak RSS, CPU | {rss} MiB, {cpu} s |\n")
print("| downloader | done after (s, from start of gets) | get's own time (s) | chunks received | from the seed | from other peers | peers used | uploaded (MiB) | its upload rate (MiB/s) | peak RSS (MiB) | CPU (s) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for i, r, end, (rss, cpu, _) in gets:
    cf = r["chunks_from"]
    tot = sum(cf.values())
    fs = cf.get(skey, 0)
    up = mib(sent.get(own.get(i), 0)) if i in own else None
    rate = up / r["seconds"] if up is not None else None
    print(f"| get{i} | {end - t0:.1f} | {r['seconds']:.1f} | {tot} | {fs} | {100 * (tot - fs) / max(tot, 1):.0f}% | {len(cf)} |"
          f" {'?' if up is None else f'{up:.0f}'} | {'?' if rate is None else f'{rate:.1f}'} | {rss:.0f} | {cpu:.1f} |")
    if tot - fs == 0:
        warn.append(f"get{i} received nothing from peers other than the seed")
    if rate is not None and rate > u * 1.05:
        warn.append(f"get{i} uploaded {rate:.1f} MiB/s on average, above its {u:.0f} MiB/s cap")
for w in warn:
    print(f"\n**warning:** {w}")
print()
EOF
  rm -rf "$d" "$W"/flash-get*.dir
}

# ---------------------------------------------------------------------------

multi() {
  local F=$MULTI_MIB
  step "multi-source: one downloader, 1 vs 2 vs 4 holders capped at ${LIMIT_MIB} MiB/s, ${F} MiB"
  start_devnet
  local d=$W/multi
  mkdir -p "$d"
  random_file "$d/work.bin" "$F"
  creator "$d/seed" 0
  local work
  root_of "$d/work.bin"
  work=$ROOT
  note "work $work"
  # Make three more holders quickly: the seed unlimited, three gets at once.
  step "multi: prime 3 holders from an unlimited seed"
  start_node multi-seed0 "$d/seed" share "$d/work.bin" --title "multi source" --open
  local p=$last boot=$addr gp=()
  for h in 1 2 3; do
    measured "multi-prime$h" "$ESS" --home "$d/h$h" --rpc "$RPC" --json \
      get "$work" -o "$d/h$h.out" --bootstrap "$boot" --listen /ip4/127.0.0.1/tcp/0
    gp+=("$last")
  done
  for h in 1 2 3; do
    wait "${gp[$((h - 1))]}" 2>/dev/null || true
    [ "$(cat "$W/multi-prime$h.rc")" = 0 ] || {
      tail "$W/multi-prime$h.log" >&2
      die "priming holder $h failed"
    }
    cmp "$d/work.bin" "$d/h$h.out/work.bin" || die "holder $h: bytes differ"
  done
  for q in "${gp[@]}"; do stop "$q"; done
  stop "$p"
  # The holders' homes now list the work on their shelf; `essaim node` serves it.
  step "multi: seed restarted with --upload-limit ${LIMIT_MIB}MiB"
  start_node multi-seed "$d/seed" node --upload-limit ${LIMIT_MIB}MiB --verbose
  local seed_pid=$last
  boot=$addr
  local holders=(1) hp=() all=(--bootstrap "$boot")
  for k in 1 2 4; do
    while [ ${#holders[@]} -lt $k ]; do
      local h=${#holders[@]}
      start_node "multi-h$h" "$d/h$h" node --upload-limit ${LIMIT_MIB}MiB --bootstrap "$boot" --verbose
      hp+=("$last")
      all+=(--bootstrap "$addr")
      grep -q "msg=serving" "$W/multi-h$h.log" || die "holder $h does not serve the work (see $W/multi-h$h.log)"
      holders+=("$h")
    done
    # Let the holders' provider records and announcements reach the seed.
    sleep 2
    step "multi: $k holder(s), the downloader bootstraps to the seed only"
    start_get "multi-get$k" "$work" "$boot" --verbose
    local g=$last
    finish_get "multi-get$k" "$d/work.bin" "$g"
    stop "$g"
    [ "$k" = 1 ] && continue
    # The same with every holder given as a bootstrap peer: what the transfer
    # itself achieves when discovery is not in the way.
    step "multi: $k holders, the downloader bootstraps to every holder"
    start_get "multi-all$k" "$work" "$boot" "${all[@]:2}" --verbose
    g=$last
    finish_get "multi-all$k" "$d/work.bin" "$g"
    stop "$g"
  done
  local seed_stat
  seed_stat=$(procstat "$seed_pid")
  for q in "${hp[@]}"; do stop "$q"; done
  stop "$seed_pid"
  python3 - "$W" "$F" "$LIMIT_MIB" "$seed_stat" "$(peer_of "$boot")" >>"$RESULTS" <<'EOF'
import datetime, glob, re, sys
W, F, u, seed_stat, seed = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
sys.path.insert(0, W)
from benchlib import get_result, peer_key, timev


def ts(line):
    m = re.match(r"time=(\S+)", line)
    return datetime.datetime.fromisoformat(m.group(1).replace("Z", "+00:00")).timestamp() if m else None


print(f"### Multi-source: one downloader (bootstrap: the seed only), holders capped at {u:.0f} MiB/s each, {F:.0f} MiB work\n")
print("| holders | bootstrap | get's time (s) | throughput (MiB/s) | of the ideal k·u | chunks per holder (seed first) | extra holders met after (s) | peak RSS (MiB) | CPU (s) |")
print("|---|---|---|---|---|---|---|---|---|")
thr, warn = {}, []
for k, n in ((1, "get1"), (2, "get2"), (4, "get4"), (2, "all2"), (4, "all4")):
    via = "every holder" if n.startswith("all") else "the seed"
    n = f"{W}/multi-{n}"
    r = get_result(n)
    rss, cpu, _ = timev(n)
    start = float(open(n + ".end").read()) - r["seconds"]
    met = [ts(l) for l in open(n + ".log") if 'msg="holder serving"' in l]
    met = sorted(t - start for t in met if t is not None)
    thr[k, via] = F / r["seconds"]
    cf = r["chunks_from"]
    sk = peer_key(seed, set(cf))
    per = [cf.get(sk, 0)] + sorted((v for p, v in cf.items() if p != sk), reverse=True)
    extra = ", ".join(f"{max(t, 0):.1f}" for t in met[1:]) or "-"
    print(f"| {k} | {via} | {r['seconds']:.1f} | {thr[k, via]:.1f} | {100 * thr[k, via] / (k * u):.0f}% | {' / '.join(map(str, per))} | {extra} | {rss:.0f} | {cpu:.1f} |")
    if len(cf) < k:
        warn.append(f"with {k} holders (bootstrap: {via}) the downloader received from only {len(cf)}")
    if len(met) > 1 and met[1] > 2:
        warn.append(f"with {k} holders (bootstrap: {via}) the first extra holder was met {met[1]:.1f} s after the download started (by then the seed alone had sent ~{min(met[1], r['seconds']) * u:.0f} MiB)")
for f in sorted(glob.glob(f"{W}/multi-h*.log")) + [f"{W}/multi-seed.log"]:
    for l in open(f):
        if "msg=provide" in l and "err=" in l:
            warn.append(f"{f.rsplit('/', 1)[1][:-4]}: DHT provide failed: {l.split('err=', 1)[1].strip()}")
one = thr[1, "the seed"]
print(f"\nspeed-up, bootstrap to the seed only (the task's setting): 2/1 = **{thr[2, 'the seed'] / one:.2f}**, 4/1 = **{thr[4, 'the seed'] / one:.2f}** (ideal 2 and 4)")
print(f"\nspeed-up, bootstrap to every holder: 2/1 = {thr[2, 'every holder'] / one:.2f}, 4/1 = {thr[4, 'every holder'] / one:.2f}; seed: peak RSS, CPU = {seed_stat.split()[0]} MiB, {seed_stat.split()[1]} s")
for w in warn:
    print(f"\n**warning:** {w}")
print()
EOF
  rm -rf "$d" "$W"/multi-get*.dir
}

# ---------------------------------------------------------------------------

memory() {
  step "memory (a): one get of ${BIG_MIB} MiB from one unlimited seed"
  start_devnet
  local d=$W/memory
  mkdir -p "$d"
  random_file "$d/big.bin" "$BIG_MIB"
  creator "$d/seed" 0
  local work
  root_of "$d/big.bin"
  work=$ROOT
  start_node mem-seed "$d/seed" share "$d/big.bin" --title "one big work" --open
  local seed_pid=$last boot=$addr
  start_get mem-get "$work" "$boot"
  local g=$last
  finish_get mem-get "$d/big.bin" "$g"
  stop "$g"
  local seed_stat get_stat secs
  seed_stat=$(procstat "$seed_pid")
  stop "$seed_pid"
  get_stat=$(timestat mem-get)
  secs=$(python3 -c 'import json,sys; print("%.1f" % json.load(open(sys.argv[1]))["seconds"])' "$W/mem-get.json")
  rm -rf "$d/big.bin" "$W/mem-get.dir"

  step "memory (b): one node seeding 100 works of 1 MiB to 20 concurrent downloaders"
  local n=100 peers=20 rounds=5
  mkdir -p "$d/works"
  for i in $(seq $n); do random_file "$d/works/w$i.bin" 1; done
  # Register in 4 lanes, one development account each (nonces stay in order).
  local t0 lanes=() roots=()
  t0=$(now)
  for lane in 0 1 2 3; do
    creator "$d/reg$lane" $((lane + 1))
    (
      for i in $(seq $((lane + 1)) 4 $n); do
        ess "$d/reg$lane" --json register "$d/works/w$i.bin" --title "small work $i" --open >"$d/works/w$i.reg" ||
          exit 1
      done
    ) &
    lanes+=($!)
  done
  for l in "${lanes[@]}"; do wait "$l" || die "registering the small works failed"; done
  note "registered $n works in $(calc "round($(now) - $t0, 1)") s"
  for i in $(seq $n); do
    roots+=("$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["work"])' "$d/works/w$i.reg")")
  done
  local serve=()
  for i in $(seq $n); do serve+=(--serve "$d/works/w$i.bin"); done
  start_node mem-seeder "$d/seeder" node "${serve[@]}"
  local seeder_pid=$last
  boot=$addr
  local served
  served=$(grep -c '^serving ' "$W/mem-seeder.out" || true)
  [ "$served" -eq $n ] || die "the seeder serves $served works, not $n"
  local idle_stat port
  idle_stat=$(procstat "$seeder_pid")
  port=$(echo "$boot" | sed -n 's|.*/tcp/\([0-9]*\)/.*|\1|p')
  # Count the seeder's established connections while the downloaders run.
  # shellcheck disable=SC2016 # $1 is the inner shell's
  bg mem-conns bash -c 'while :; do ss -Htn state established "( sport = :$1 )" | wc -l; sleep 0.1; done' _ "$port"
  local sampler=$last
  # 20 downloaders at once; each fetches $rounds works one after the other
  # (downloader j: works j, j+20, ...), so all 100 works are served. Each
  # receives at most 1 MiB/s, as a remote peer would, so that the seeder
  # has 20 transfers in flight at once rather than a few milliseconds each.
  t0=$(now)
  local dl=()
  for j in $(seq $peers); do
    local mine=()
    for r in $(seq 0 $((rounds - 1))); do
      i=$((j + r * peers))
      mine+=("$i" "${roots[$((i - 1))]}")
    done
    setsid bash "$self" __lane "$W" "$d/works" "$RPC" "$boot" "${mine[@]}" &
    dl+=($!)
    pids+=($!)
  done
  local bad=0
  for p in "${dl[@]}"; do wait "$p" || bad=$((bad + 1)); done
  local elapsed
  elapsed=$(calc "round($(now) - $t0, 1)")
  local busy_stat parts conns
  busy_stat=$(procstat "$seeder_pid")
  parts=$(awk '/^RssAnon:/ {a = $2 / 1024} /^RssFile:/ {f = $2 / 1024} END {printf "%.0f %.0f", a, f}' "/proc/$seeder_pid/status")
  stop "$sampler"
  conns=$(sort -n "$W/mem-conns.out" | tail -1)
  stop "$seeder_pid"
  if [ $bad -ne 0 ]; then
    for f in "$W"/mem-b-*.rc; do
      [ "$(cat "$f")" = 0 ] || {
        tail -5 "${f%.rc}.log" >&2
        break
      }
    done
    die "$bad of $peers downloaders failed a get or got different bytes"
  fi
  local get_rss_max
  get_rss_max=$(for i in $(seq $n); do timestat "mem-b-$i"; done | sort -n | tail -1)
  python3 - "$BIG_MIB" "$get_stat" "$secs" "$seed_stat" "$idle_stat" "$busy_stat" "$n" "$peers" "$rounds" "$elapsed" "$get_rss_max" "$parts" "$conns" >>"$RESULTS" <<'EOF'
import sys
big, get_stat, secs, seed_stat, idle, busy, n, peers, rounds, elapsed, gmax, parts, conns = sys.argv[1:]
anon, filebacked = parts.split()
g_rss, g_cpu = map(float, get_stat.split())
s_rss, s_cpu = map(float, seed_stat.split())
i_rss, i_cpu = map(float, idle.split())
b_rss, b_cpu = map(float, busy.split())
print("### Memory and CPU\n")
print("| measure | peak RSS | CPU (user+sys) | target |\n|---|---|---|---|")
ok = lambda v, t: f"{'ok' if v <= t else 'MISSED'}"
print(f"| (a) one `get` of {big} MiB from one unlimited seed ({secs} s, {float(big) / float(secs):.0f} MiB/s) | **{g_rss:.0f} MiB** | {g_cpu:.1f} s | ≤ 100 MB: {ok(g_rss * 1.048576, 100)} |")
print(f"| (a) the seed serving it (whole life: hash + register + serve) | {s_rss:.0f} MiB | {s_cpu:.1f} s | |")
print(f"| (b) node seeding {n} works, idle after start | {i_rss:.0f} MiB | {i_cpu:.1f} s | |")
print(f"| (b) the same node after serving {peers} concurrent downloaders (each capped at 1 MiB/s) × {rounds} works each ({int(peers) * int(rounds)} gets in {elapsed} s; at most {conns} connections at once) | **{b_rss:.0f} MiB** (at the end: {anon} MiB anonymous + {filebacked} MiB file-backed) | {b_cpu:.1f} s (serving: {b_cpu - i_cpu:.1f} s) | ≤ 150 MB: {ok(b_rss * 1.048576, 150)} |")
print(f"| (b) largest downloader (1 MiB get) | {float(gmax.split()[0]):.0f} MiB | {float(gmax.split()[1]):.1f} s | |")
print()
EOF
  rm -rf "$d" "$W"/mem-b-*.dir "$W"/mem-b-*.home
}

# ---------------------------------------------------------------------------

step "build: go build -o bin/essaim ./cmd/essaim"
go build -o bin/essaim ./cmd/essaim
{
  echo "## bench-swarm ($mode) — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} >>"$RESULTS"
T0=$(now)
case $mode in
flash) flash ;;
multi) multi ;;
memory) memory ;;
all)
  flash
  multi
  memory
  ;;
esac
echo "_total run time: $(calc "round($(now) - $T0)") s; load average at the end $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine skew every number)_" >>"$RESULTS"
