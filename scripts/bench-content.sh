#!/usr/bin/env bash
# Benchmarks the content layer side by side in one run and prints a
# markdown report (docs/BENCHMARKS.md records its results):
#   - the root of a 1 GiB file from the page cache: essaim hash against
#     openssl dgst -sha256 on the same file (median of ROUNDS runs each),
#   - peak RSS of essaim hash for 1 GiB and for a 10 GiB sparse file,
#   - the Go benchmarks of p2p/content and p2p/chunkstore at 1 GiB
#     (verify + write received chunks; with and without the final fsync).
# Usage: scripts/bench-content.sh [ROUNDS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
need() { command -v "$1" >/dev/null 2>&1 || { echo "needs $1 (apt-get install $2)" >&2; exit 1; }; }
need openssl openssl
need /usr/bin/time time

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/essaim" ./cmd/essaim
big=$work/1GiB.bin
sparse=$work/10GiB-sparse.bin
head -c $((1 << 30)) /dev/urandom >"$big"
truncate -s 10G "$sparse"
# Into the page cache, both: whichever command first reads the sparse file
# pays for filling the cache with 10 GiB of zero pages (seen: 14 s against 6).
cat "$big" >/dev/null
cat "$sparse" >/dev/null

# timed CMD...: prints "seconds peak_rss_kib" for one run.
timed() { /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null && cat "$work/t"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >"$work/ossl"; : >"$work/ess"; : >"$work/ess_rss"
for _ in $(seq "$rounds"); do # alternate, so both see the same machine state
  timed openssl dgst -sha256 "$big" | awk '{print $1}' >>"$work/ossl"
  timed "$work/essaim" hash "$big" | tee -a "$work/ess_rss" | awk '{print $1}' >>"$work/ess"
done
t_ossl=$(median <"$work/ossl")
t_ess=$(median <"$work/ess")
rss_1g=$(awk '{print $2}' "$work/ess_rss" | sort -n | tail -1)
: >"$work/sossl"; : >"$work/sess"; : >"$work/sess_rss"
for _ in 1 2 3; do
  timed openssl dgst -sha256 "$sparse" | awk '{print $1}' >>"$work/sossl"
  timed "$work/essaim" hash "$sparse" | tee -a "$work/sess_rss" | awk '{print $1}' >>"$work/sess"
done
t_sparse_ossl=$(median <"$work/sossl")
t_sparse=$(median <"$work/sess")
rss_sparse=$(awk '{print $2}' "$work/sess_rss" | sort -n | tail -1)

mbs() { awk -v s="$1" -v b="$2" 'BEGIN {printf "%.0f", b / s / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

echo "## Content layer — $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "Command: \`scripts/bench-content.sh $rounds\` (median of $rounds alternating runs, file in the page cache)"
echo
echo "| what | time (s) | MB/s | peak RSS (MiB) | ratio |"
echo "|---|---|---|---|---|"
echo "| openssl dgst -sha256, 1 GiB | $t_ossl | $(mbs "$t_ossl" $((1 << 30))) | – | 1.00 |"
echo "| essaim hash, 1 GiB | $t_ess | $(mbs "$t_ess" $((1 << 30))) | $((rss_1g / 1024)) | $(ratio "$t_ossl" "$t_ess")× faster |"
echo "| openssl dgst -sha256, 10 GiB sparse (median of 3) | $t_sparse_ossl | $(mbs "$t_sparse_ossl" $((10 << 30))) | – | 1.00 |"
echo "| essaim hash, 10 GiB sparse (median of 3) | $t_sparse | $(mbs "$t_sparse" $((10 << 30))) | $((rss_sparse / 1024)) | $(ratio "$t_sparse_ossl" "$t_sparse")× faster |"
echo
echo "Go benchmarks, 1 GiB works (\`ESSAIM_BENCH_SIZE=1073741824 go test -run '^\$' -bench 'Build|Store' -benchtime 3x -benchmem ./p2p/content ./p2p/chunkstore\`), and the single-core SHA-256 ceiling (\`go test -run '^\$' -bench LeafHash ./p2p/content\`):"
echo
echo '```'
ESSAIM_BENCH_SIZE=$((1 << 30)) go test -run '^$' -bench 'Build|Store' -benchtime 3x -benchmem ./p2p/content ./p2p/chunkstore |
  grep -E '^(Benchmark|ok)'
go test -run '^$' -bench LeafHash ./p2p/content | grep -E '^Benchmark'
echo '```'
