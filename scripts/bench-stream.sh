#!/usr/bin/env bash
# Streaming figures of docs/BENCHMARKS.md, through the binaries on
# 127.0.0.0/8 and the devnet. A paid work of SIZE_MIB (500) MiB, film.mp4,
# is held by two nodes each capped at LIMIT (20MiB) per second; a viewer
# who bought a license starts a fresh `essaim node --unlock` for each case
# and plays the stream with scripts/streamplay:
#   first   from byte 0: time from asking for the URL to the first byte;
#   seek    at 80% of the file, asked first: the same;
#   cbr5    a player at 5 MiB/s from byte 0 for 30 s: stalls, all and after
#           its first second; and when the node's download of the whole
#           work finished;
#   cbr15   a player at 15 MiB/s from byte 0 to the end, one holder only:
#           the share of the time it stalled;
#   plain   the same download with no stream (a pin), for the ratio with
#           cbr5's download; plain and cbr5 alternate which goes first.
# Usage: scripts/bench-stream.sh [rounds]   (default 3; about 2 minutes a round)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
size=${SIZE_MIB:-500}
limit=${LIMIT:-20MiB}
. scripts/lib/bench.sh
go build -o bin/streamplay ./scripts/streamplay
start_devnet

say "setup: a $size MiB work, registered with a price; two holders at $limit/s; the viewer's license"
mkdir -p "$work/film"
head -c $((size << 20)) /dev/urandom >"$work/film/film.mp4"
touch -d '1 hour ago' "$work/film/film.mp4"
creator=$(home creator 0)
"$E" --home "$creator" --json register --title Film --price 1000 "$work/film" >/dev/null
root=$(rootof "$work/film")
buyer=$(home buyer 1)
"$E" --home "$buyer" buy "$root" >/dev/null
"$E" --home "$creator" node --listen /ip4/127.0.0.2/tcp/0 --upload-limit "$limit" --serve "$work/film" \
  >/dev/null 2>"$work/a.log" &
pids+=($!)
a=$(wait_addrs "$creator")
other=$(home other 2)
b_pid=
start_b() {
  "$E" --home "$other" node --listen /ip4/127.0.0.3/tcp/0 --upload-limit "$limit" --serve "$work/film" \
    >/dev/null 2>>"$work/b.log" &
  b_pid=$!
  pids+=($b_pid)
  rm -f "$other/node.addrs"
  b=$(wait_addrs "$other")
}
stop_b() { kill "$b_pid"; wait "$b_pid" 2>/dev/null || true; b_pid=; }
start_b

# viewer CASE ARGS...: a fresh node of the licensed account, joined to the
# holders running, plays with streamplay ARGS; the JSON line goes to
# $work/results as {"case": CASE, ...}.
viewer() {
  local name=$1 home p boot=(--bootstrap "$a")
  shift
  [ -n "$b_pid" ] && boot+=(--bootstrap "$b")
  home=$(home "v-$name-$round" 1)
  "$E" --home "$home" node --unlock --listen /ip4/127.0.0.4/tcp/0 "${boot[@]}" >/dev/null 2>"$home.log" &
  p=$!
  wait_addrs "$home" >/dev/null
  sleep 1 # the node's connections to the holders settle, as on a box that runs all day
  bin/streamplay -home "$home" -work "$root" "$@" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); r["case"]=sys.argv[1]; print(json.dumps(r))' "$name" |
    tee -a "$work/results" | sed 's/^/  /'
  kill "$p"
  wait "$p" 2>/dev/null || true
  rm -rf "$home"
}

for round in $(seq "$rounds"); do
  say "round $round"
  viewer first -bytes 1048576
  viewer seek -from 0.8 -bytes 1048576
  if [ $((round % 2)) -eq 1 ]; then
    viewer cbr5 -rate 5 -for 30s -done
    viewer plain -plain
  else
    viewer plain -plain
    viewer cbr5 -rate 5 -for 30s -done
  fi
  stop_b
  viewer cbr15 -rate 15
  start_b
done

say "summary (medians of $rounds rounds; $(machine | cut -d' ' -f2-))"
python3 - "$work/results" <<'EOF'
import json, statistics, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
def med(case, key):
    return statistics.median(r.get(key, 0) for r in rs if r["case"] == case)
plain, streamed = med("plain", "download_s"), med("cbr5", "download_s")
rows = [
    ("first byte at offset 0", "%.0f ms" % med("first", "first_byte_ms"), "<= 1000 ms"),
    ("first byte at 80%, asked first", "%.0f ms" % med("seek", "first_byte_ms"), "<= 1000 ms"),
    ("5 MiB/s player: stall after its first second", "%.2f s" % med("cbr5", "stall_after_1s_s"), "0 s"),
    ("15 MiB/s player, one holder: time stalled", "%.2f%%" % (100 * med("cbr15", "stall_ratio")), "< 2%"),
    ("download: plain", "%.1f s" % plain, "about 12 s"),
    ("download: while streaming at 5 MiB/s", "%.1f s (%.2fx plain)" % (streamed, streamed / plain), "<= 1.15x"),
]
print("| measure | result | target |\n|---|---|---|")
for r in rows:
    print("| %s | %s | %s |" % r)
EOF
