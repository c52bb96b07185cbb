#!/usr/bin/env bash
# essaim against libtorrent 2.0, side by side on this machine, through the
# programs as a user runs them, everything on 127.0.0.0/8:
#
#   a) one holder → one downloader of a 1 GiB file: `essaim node --serve` on
#      127.0.0.2 (the work registered on `essaim devnet` with a price) and a
#      licensed `essaim get --bootstrap` on 127.0.0.3, timed from the start of
#      get to its exit; against a libtorrent seed on 127.0.0.2 and a libtorrent
#      downloader on 127.0.0.3 that finds it through a local tracker, timed from
#      the downloader's start to the seeding state. Wall time, MiB/s, the
#      downloader's CPU and peak memory, the holder's CPU during the transfer.
#   b) one seed + 4 downloaders (127.0.0.3-6) of the same file starting
#      together: time until the last one is done. essaim gets are given only
#      the seed's address; libtorrent downloaders find everyone through the
#      tracker and seed on until the last is done (a BitTorrent client's way),
#      while `essaim get` exits when its download is done (essaim's way).
#   c) a 1 MiB work from a bootstrap holder: time from the downloader's process
#      start to the first verified byte (essaim: get's first_chunk_at;
#      libtorrent: the first piece_finished_alert), and to its exit.
#
# Usage: scripts/bench-vs-libtorrent.sh [rounds] [parts]
#   rounds  default 3; every round runs each part once per system, the order
#           of the two systems alternating from round to round
#   parts   any of the letters a, b, c (default abc)
# Environment: ESSAIM_BENCH_SIZE (MiB of the big file, default 1024),
# KEEP=1 (keep the scratch folder with every log), VERBOSE=1 (essaim's debug logs),
# PROFILE=1 (with KEEP=1: CPU profiles of essaim's holder and downloader, holder.prof
# and get.prof beside each run's logs; `go tool pprof -top bin/essaim FILE`).
#
# Needs root the first time, to install from Debian what is missing:
# python3-libtorrent (run with /usr/bin/python3), opentracker, mktorrent.
# Debian builds opentracker in whitelist mode: the script writes the two
# torrents' info-hashes into a whitelist of its own and starts a fresh
# tracker (HTTP, 127.0.0.1 only) and a fresh seed for every libtorrent run,
# and a fresh holder with a fresh home for every essaim run; each downloader
# gets a fresh home (essaim: the buyer's key imported into it; `get` makes a
# fresh libp2p identity) or a fresh libtorrent session. Before every run the
# source file is read into the page cache and dirty pages are written back.
#
# Cold pages: on this virtual machine, writing 1 GiB into the page cache
# took 0.3-0.5 s into pages freed just before, and 1.3-3 s into pages unused
# for more than a few seconds (freed memory seems to go back to the host).
# Warming memory up once at the start would not last, so no run is given
# warm pages. libtorrent's downloaders write their output through memory
# maps into whatever pages they get; essaim's write it with direct I/O
# (docs/ARCHITECTURE.md), past the page cache.
#
# Memory: "peak RssAnon" is anonymous resident memory (heap, stacks) sampled
# from /proc/PID/status every 20 ms; VmHWM also counts file-backed pages,
# which for libtorrent (it maps the files it writes) include the file itself.
# libtorrent sessions: TCP only, no uTP, DHT, LSD, UPnP or NAT-PMP, 1 MiB
# pieces, torrents started at once rather than queued (scripts/lt_peer.py).
set -euo pipefail
# Several nodes run at once: each node's API takes a free port.
export ESSAIM_API=${ESSAIM_API:-127.0.0.1:0}
self=$(readlink -f "$0")
here=$(dirname "$self")
cd "$here/.."

usage() {
  sed -n '/^# Usage/,/^# Environment/p' "$self" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
rounds=${1:-3}
parts=${2:-abc}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage
[[ $parts =~ ^[abc]+$ ]] || usage
SIZE_MIB=${ESSAIM_BENCH_SIZE:-1024}
[[ $SIZE_MIB =~ ^[1-9][0-9]*$ ]] || usage
PY=/usr/bin/python3 # Debian's: python3-libtorrent is installed for it
ESS=$PWD/bin/essaim
HOLD_IP=127.0.0.2
GET_IPS=(127.0.0.3 127.0.0.4 127.0.0.5 127.0.0.6)
VERB=()
[ "${VERBOSE:-}" = 1 ] && VERB=(--verbose)

# Bold and red on a terminal only: no escape codes in logs.
if [ -t 2 ]; then bold=$'\033[1m' red=$'\033[31m' plain=$'\033[0m'; else bold= red= plain=; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain" >&2; }
note() { printf '   %s\n' "$*" >&2; }
die() {
  printf '%sFAIL: %s%s\n' "$red" "$*" "$plain" >&2
  exit 1
}

W=$(mktemp -d /tmp/bench-vs-lt.XXXXXX)
mkdir -p "$W/src" "$W/runs" "$W/logs" "$W/keys"
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
  if [ "${KEEP:-}" = 1 ]; then
    echo "scratch folder kept: $W" >&2
  elif [ $rc -ne 0 ]; then
    # Keep the logs to look at, not the gigabytes.
    find "$W" \( -name '*.bin' -o -name '*.dir' -o -name '*.home' \) -prune -exec rm -rf {} + 2>/dev/null || true
    echo "logs kept: $W" >&2
  else
    rm -rf "$W"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# bg NAME CMD...: start CMD in its own process group, its output in
# $W/logs/NAME.{out,log}; sets $last to its pid.
bg() {
  local name=$1
  shift
  setsid "$@" >"$W/logs/$name.out" 2>"$W/logs/$name.log" &
  last=$!
  pids+=("$last")
}
# forget PID: stop one background process and drop it from the list.
forget() {
  local p=$1 keep=()
  stop_pid "$p"
  for q in "${pids[@]}"; do [ "$q" = "$p" ] || keep+=("$q"); done
  pids=("${keep[@]}")
}
# metered DIR NAME CMD...: run CMD under the meter, in its own process group,
# in the background: DIR/NAME.meter.json, DIR/NAME.out (stdout), DIR/NAME.log
# (stderr); sets $last.
metered() {
  local dir=$1 name=$2
  shift 2
  setsid "$PY" "$here/benchmeter.py" run "$dir/$name.meter.json" -- "$@" >"$dir/$name.out" 2>"$dir/$name.log" &
  last=$!
  pids+=("$last")
}
# finished DIR NAME PID: wait for a metered process and fail unless it exited 0.
finished() {
  local dir=$1 name=$2 p=$3
  wait "$p" 2>/dev/null || true
  forget "$p"
  local rc
  rc=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["rc"])' "$dir/$name.meter.json" 2>/dev/null || echo "?")
  if [ "$rc" != 0 ]; then
    tail -20 "$dir/$name.log" >&2
    die "$dir/$name exited $rc"
  fi
}
cpu_of() { "$PY" "$here/benchmeter.py" cpu "$1"; }
calc() { "$PY" -c "print($*)"; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_for FILE PID WHAT: until FILE is non-empty; fail if PID dies or 120 s pass.
wait_for() {
  local f=$1 p=$2 what=$3
  for _ in $(seq 2400); do
    [ -s "$f" ] && return 0
    kill -0 "$p" 2>/dev/null || break
    sleep 0.05
  done
  tail -20 "$W/logs/"*"$what"*.log 2>/dev/null >&2 || true
  die "$what did not start"
}

# ---------------------------------------------------------------------------
# Tools

ensure_deps() {
  local missing=()
  "$PY" -c 'import libtorrent' 2>/dev/null || missing+=(python3-libtorrent)
  command -v opentracker >/dev/null || missing+=(opentracker)
  command -v mktorrent >/dev/null || missing+=(mktorrent)
  [ ${#missing[@]} -eq 0 ] && return
  step "apt-get install -y ${missing[*]}"
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: run as root, or apt-get install -y ${missing[*]} first"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >"$W/logs/apt.log" 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update >>"$W/logs/apt.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >>"$W/logs/apt.log" 2>&1 ||
      { tail "$W/logs/apt.log" >&2; die "could not install ${missing[*]}"; }
  fi
  # Debian starts no opentracker service in a container; if it did, ours
  # still runs on a port and folder of its own.
}

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

# settle FILE...: write dirty pages back (the previous run's output), then
# read FILEs into the page cache.
settle() {
  sync
  cat "$@" >/dev/null
}

# ---------------------------------------------------------------------------
# essaim

RPC=
start_devnet() {
  local port
  port=$(free_port)
  bg devnet "$ESS" --json devnet --port "$port"
  local p=$last
  for _ in $(seq 400); do
    "$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' "$W/logs/devnet.out" 2>/dev/null && break
    kill -0 "$p" 2>/dev/null || { cat "$W/logs/devnet.log" >&2; die "the devnet did not start"; }
    sleep 0.05
  done
  RPC=http://127.0.0.1:$port
  printf 'bench password\n' >"$W/pw"
}
devkey() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["accounts"][int(sys.argv[2])]["private_key"])' "$W/logs/devnet.out" "$1"; }
ess() {
  local home=$1
  shift
  "$ESS" --home "$home" --rpc "$RPC" --password-file "$W/pw" --lightkdf "$@"
}
# account_home HOME KEYINDEX: a fresh home holding development account KEYINDEX.
account_home() {
  mkdir -p "$1" && chmod 700 "$1"
  [ -s "$W/keys/$2" ] || devkey "$2" >"$W/keys/$2"
  ess "$1" account import --private-key-file "$W/keys/$2" >/dev/null
}
work_of() { "$ESS" --json hash "$1" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["root"])'; }

# prof BASE: the flag that profiles an essaim process into BASE.prof, when PROFILE=1.
prof() { [ "${PROFILE:-}" = 1 ] && echo "--cpu-profile $1.prof"; true; }

# start_holder DIR FILE: `essaim node --serve FILE` on $HOLD_IP with a fresh
# home; waits until it serves and has written its addresses; sets HOLDER
# (pid) and BOOT (its first address).
start_holder() {
  local dir=$1 file=$2 home=$1/holder.home
  mkdir -p "$home" && chmod 700 "$home"
  bg "$(basename "$dir")-holder" "$ESS" --home "$home" --rpc "$RPC" $(prof "$dir/holder") node --serve "$file" \
    --listen "/ip4/$HOLD_IP/tcp/0" "${VERB[@]}"
  HOLDER=$last
  wait_for "$home/node.addrs" "$HOLDER" "$(basename "$dir")-holder"
  BOOT=$(head -1 "$home/node.addrs")
}

# ess_get DIR NAME IP ACCOUNT WORK: a metered, licensed `essaim get` of WORK
# into DIR/NAME.dir, from a fresh home holding development account ACCOUNT,
# bootstrapped to $BOOT; sets $last.
ess_get() {
  local dir=$1 name=$2 ip=$3 acct=$4 work=$5
  account_home "$dir/$name.home" "$acct"
  metered "$dir" "$name" "$ESS" --home "$dir/$name.home" --rpc "$RPC" --password-file "$W/pw" --json $(prof "$dir/$name") \
    get -o "$dir/$name.dir" --listen "/ip4/$ip/tcp/0" --bootstrap "$BOOT" "${VERB[@]}" "$work"
}

# meta DIR PART SYSTEM ROUND SIZE HOLDER_CPU [DOWNLOADERS]
meta() {
  "$PY" -c 'import json,sys; a=sys.argv[1:]; json.dump({"part": a[1], "system": a[2], "round": int(a[3]), "size": int(a[4]), "holder_cpu": float(a[5]), "downloaders": int(a[6])}, open(a[0] + "/meta.json", "w"))' \
    "$@" "${7:-1}"
}

# same SRC OUT: fail unless OUT holds SRC's bytes.
same() { cmp "$1" "$2" || die "$2 differs from $1"; }

essaim_one() { # part a or c, one round
  local part=$1 r=$2 file=$3 work=$4
  local d=$W/runs/$part-essaim-$r
  mkdir -p "$d"
  settle "$file"
  start_holder "$d" "$file"
  local c0 c1 g
  c0=$(cpu_of "$HOLDER")
  ess_get "$d" get "${GET_IPS[0]}" 1 "$work"
  g=$last
  finished "$d" get "$g"
  c1=$(cpu_of "$HOLDER")
  forget "$HOLDER"
  same "$file" "$d/get.dir/$(basename "$file")"
  meta "$d" "$part" essaim "$r" "$(stat -c %s "$file")" "$(calc "$c1 - $c0")"
  rm -rf "$d/get.dir" "$d"/*.home
}

essaim_swarm() {
  local r=$1 file=$W/src/big.bin
  local d=$W/runs/b-essaim-$r
  mkdir -p "$d"
  settle "$file"
  start_holder "$d" "$file"
  echo "$BOOT" >"$d/boot"
  local i c0 c1 gp=()
  for i in 1 2 3 4; do account_home "$d/get$i.home" "$i"; done
  c0=$(cpu_of "$HOLDER")
  for i in 1 2 3 4; do
    metered "$d" "get$i" "$ESS" --home "$d/get$i.home" --rpc "$RPC" --password-file "$W/pw" --json \
      get -o "$d/get$i.dir" --listen "/ip4/${GET_IPS[$((i - 1))]}/tcp/0" --bootstrap "$BOOT" "${VERB[@]}" "$WORK_BIG"
    gp+=("$last")
  done
  for i in 1 2 3 4; do finished "$d" "get$i" "${gp[$((i - 1))]}"; done
  c1=$(cpu_of "$HOLDER")
  forget "$HOLDER"
  for i in 1 2 3 4; do same "$file" "$d/get$i.dir/big.bin"; done
  meta "$d" b essaim "$r" "$(stat -c %s "$file")" "$(calc "$c1 - $c0")" 4
  rm -rf "$d"/get*.dir "$d"/*.home
}

# ---------------------------------------------------------------------------
# libtorrent

lt() { "$PY" "$here/lt_peer.py" "$@"; }

# start_tracker NAME: a fresh opentracker on 127.0.0.1 (HTTP only) that
# accepts the two torrents; sets TRACKER (pid) and TURL.
start_tracker() {
  local port
  port=$(free_port)
  bg "$1-tracker" opentracker -f "$W/tracker/opentracker.conf" -i 127.0.0.1 -p "$port"
  TRACKER=$last
  TURL=http://127.0.0.1:$port/announce
  lt tracker-ready "$TURL" "${INFOHASHES[@]}" || die "the tracker did not start"
}

# start_seed NAME TORRENT: a libtorrent seed of $W/src/<file> on $HOLD_IP;
# waits until it has checked the file and announced; sets SEED.
start_seed() {
  bg "$1-seed" "$PY" "$here/lt_peer.py" seed "$2" "$W/src" --ip "$HOLD_IP" --tracker "$TURL"
  SEED=$last
  wait_for "$W/logs/$1-seed.out" "$SEED" "$1-seed"
}

lt_one() { # part a or c, one round
  local part=$1 r=$2 file=$3 torrent=$4
  local d=$W/runs/$part-libtorrent-$r
  mkdir -p "$d"
  settle "$file"
  start_tracker "$part-libtorrent-$r"
  start_seed "$part-libtorrent-$r" "$torrent"
  local c0 c1 g
  c0=$(cpu_of "$SEED")
  metered "$d" get "$PY" "$here/lt_peer.py" get "$torrent" "$d/get.dir" --ip "${GET_IPS[0]}" --tracker "$TURL"
  g=$last
  finished "$d" get "$g"
  c1=$(cpu_of "$SEED")
  forget "$SEED"
  forget "$TRACKER"
  same "$file" "$d/get.dir/$(basename "$file")"
  meta "$d" "$part" libtorrent "$r" "$(stat -c %s "$file")" "$(calc "$c1 - $c0")"
  rm -rf "$d/get.dir"
}

lt_swarm() {
  local r=$1 file=$W/src/big.bin
  local d=$W/runs/b-libtorrent-$r
  mkdir -p "$d"
  settle "$file"
  start_tracker "b-libtorrent-$r"
  start_seed "b-libtorrent-$r" "$W/src/big.torrent"
  local i c0 c1 gp=()
  c0=$(cpu_of "$SEED")
  for i in 1 2 3 4; do
    metered "$d" "get$i" "$PY" "$here/lt_peer.py" get "$W/src/big.torrent" "$d/get$i.dir" \
      --ip "${GET_IPS[$((i - 1))]}" --tracker "$TURL" --linger
    gp+=("$last")
  done
  # Each prints its result on reaching the seeding state and seeds on.
  local left deadline
  deadline=$(($(date +%s) + 600))
  while :; do
    left=0
    for i in 1 2 3 4; do
      [ -s "$d/get$i.out" ] && continue
      kill -0 "${gp[$((i - 1))]}" 2>/dev/null || { tail "$d/get$i.log" >&2; die "libtorrent downloader $i ended early"; }
      left=$((left + 1))
    done
    [ $left = 0 ] && break
    [ "$(date +%s)" -lt "$deadline" ] || die "the libtorrent swarm did not finish in 600 s"
    sleep 0.02
  done
  c1=$(cpu_of "$SEED")
  for i in 1 2 3 4; do kill -TERM -- "-${gp[$((i - 1))]}" 2>/dev/null || true; done
  for i in 1 2 3 4; do finished "$d" "get$i" "${gp[$((i - 1))]}"; done
  forget "$SEED" # it prints what it uploaded on its way out
  cp "$W/logs/b-libtorrent-$r-seed.out" "$d/seed.out"
  forget "$TRACKER"
  for i in 1 2 3 4; do same "$file" "$d/get$i.dir/big.bin"; done
  meta "$d" b libtorrent "$r" "$(stat -c %s "$file")" "$(calc "$c1 - $c0")" 4
  rm -rf "$d"/get*.dir
}

# ---------------------------------------------------------------------------

ensure_deps
step "build: go build -o bin/essaim ./cmd/essaim"
go build -o bin/essaim ./cmd/essaim

LTV=$("$PY" -c 'import libtorrent as lt; print(lt.__version__)')
MACHINE="$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), Linux $(uname -r), $(go version | cut -d' ' -f3), libtorrent $LTV (python3-libtorrent), essaim $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo '+changes')"

step "the works: ${SIZE_MIB} MiB and 1 MiB of random bytes, their torrents (1 MiB pieces)"
random_file "$W/src/big.bin" "$SIZE_MIB"
random_file "$W/src/small.bin" 1
(cd "$W/src" && mktorrent -l 20 -o big.torrent big.bin >/dev/null && mktorrent -l 20 -o small.torrent small.bin >/dev/null)
mapfile -t INFOHASHES < <("$PY" -c '
import libtorrent as lt, sys
for t in sys.argv[1:]:
    print(lt.torrent_info(t).info_hashes().v1)' "$W/src/big.torrent" "$W/src/small.torrent")
# Debian's opentracker serves only whitelisted torrents, and chroots into
# its root folder (then reads the whitelist inside it, as user nobody).
mkdir -p "$W/tracker"
chmod 755 "$W/tracker"
printf '%s\n' "${INFOHASHES[@]}" >"$W/tracker/whitelist"
chmod 644 "$W/tracker/whitelist"
printf 'access.whitelist /whitelist\ntracker.rootdir %s\n' "$W/tracker" >"$W/tracker/opentracker.conf"

step "essaim devnet; the works registered with a price; accounts 1-4 buy licenses"
start_devnet
note "rpc $RPC"
account_home "$W/creator.home" 0
ess "$W/creator.home" register "$W/src/big.bin" --title "bench big" --price 1000 >/dev/null
ess "$W/creator.home" register "$W/src/small.bin" --title "bench small" --price 1000 >/dev/null
WORK_BIG=$(work_of "$W/src/big.bin")
WORK_SMALL=$(work_of "$W/src/small.bin")
for i in 1 2 3 4; do
  account_home "$W/buyer$i.home" "$i"
  ess "$W/buyer$i.home" buy "$WORK_BIG" >/dev/null
done
ess "$W/buyer1.home" buy "$WORK_SMALL" >/dev/null
note "work $WORK_BIG (big), $WORK_SMALL (small)"

START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
T0=$(date +%s)
for r in $(seq "$rounds"); do
  for part in a b c; do
    [[ $parts == *$part* ]] || continue
    order=(essaim libtorrent)
    [ $((r % 2)) = 0 ] && order=(libtorrent essaim)
    for sys in "${order[@]}"; do
      step "round $r/$rounds, part $part: $sys"
      case $part-$sys in
      a-essaim) essaim_one a "$r" "$W/src/big.bin" "$WORK_BIG" ;;
      a-libtorrent) lt_one a "$r" "$W/src/big.bin" "$W/src/big.torrent" ;;
      b-essaim) essaim_swarm "$r" ;;
      b-libtorrent) lt_swarm "$r" ;;
      c-essaim) essaim_one c "$r" "$W/src/small.bin" "$WORK_SMALL" ;;
      c-libtorrent) lt_one c "$r" "$W/src/small.bin" "$W/src/small.torrent" ;;
      esac
    done
  done
done

step "results"
{
  echo "## essaim vs libtorrent — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Command: \`scripts/bench-vs-libtorrent.sh $rounds $parts\`$([ "$SIZE_MIB" != 1024 ] && echo " with ESSAIM_BENCH_SIZE=$SIZE_MIB")."
  echo "Machine: $MACHINE. Load average at the start $START_LOAD, at the end $(cut -d' ' -f1-3 /proc/loadavg); $(($(date +%s) - T0)) s of runs."
  "$PY" "$here/benchmeter.py" report "$W/runs"
  echo
  echo "Ratios are of the medians; in brackets, the range of the ratios of the runs of one round."
  echo "Throughput ratio = essaim MiB/s ÷ libtorrent MiB/s (above 1: essaim faster); for times, CPU and memory, below 1 is essaim better."
}
