# Shared by the benchmark scripts that run essaim processes on the devnet:
# source it after `cd` to the repository. It builds bin/essaim ($E), makes a
# scratch folder ($work) and stops every process listed in $pids on exit.
# shellcheck shell=bash
export ESSAIM_API=${ESSAIM_API:-127.0.0.1:0} ESSAIM_LIGHTKDF=1
go build -o bin/essaim ./cmd/essaim
E=$PWD/bin/essaim
work=$(mktemp -d)
pids=()
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap bench_cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

# start_devnet: the embedded chain on a free port, as ESSAIM_RPC; accounts
# in $work/devnet.json; ESSAIM_PASSWORD_FILE for the homes below.
start_devnet() {
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$E" devnet --port "$port" --json >"$work/devnet.json" 2>"$work/devnet.log" &
  pids+=($!)
  for _ in $(seq 200); do
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/devnet.json" 2>/dev/null && break
    sleep 0.05
  done
  export ESSAIM_RPC=http://127.0.0.1:$port
  printf 'pw\n' >"$work/pw"
  export ESSAIM_PASSWORD_FILE=$work/pw
}

# devkey N: development account N's private key.
devkey() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accounts"][int(sys.argv[2])]["private_key"])' "$work/devnet.json" "$1"; }

# home NAME [ACCOUNT]: a fresh home with development account ACCOUNT (0).
home() {
  mkdir -m 700 "$work/$1"
  devkey "${2:-0}" >"$work/$1.key"
  "$E" --home "$work/$1" account import --private-key-file "$work/$1.key" >/dev/null
  echo "$work/$1"
}

# wait_addrs HOME: the first address of the node running there, once it
# and its API are up.
wait_addrs() {
  for _ in $(seq 1200); do [ -s "$1/node.addrs" ] && [ -s "$1/api" ] && break; sleep 0.05; done
  head -1 "$1/node.addrs"
}

# rootof PATH: the work's root, as `hash` computes it.
rootof() { "$E" --json hash "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["root"])'; }

# ms SECONDS: in milliseconds, rounded.
ms() { python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) * 1000))" "$1"; }

machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r), $(go version | cut -d' ' -f3)"; }
