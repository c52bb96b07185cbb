#!/usr/bin/env bash
# End-to-end licensing on a real chain, through the built binary: on Anvil
# (registry deployed with `essaim deploy`), then on `essaim devnet` (registry
# deployed at startup). For each: import two development accounts into two
# homes, register a work with an offer, buy it, check the license, let it
# expire, and withdraw the revenue, asserting balances with `cast balance`.
# Needs `npm ci` (Anvil and cast, native binaries) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

anvil=node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
cast=node_modules/@foundry-rs/cast-linux-amd64/bin/cast
for b in "$anvil" "$cast"; do
  [ -x "$b" ] || { echo "missing $b: run npm ci" >&2; exit 1; }
done

# Headings in bold on a terminal only: no escape codes in logs and pipes.
if [ -t 1 ]; then
  step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
  step() { printf '\n== %s\n' "$*"; }
fi
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# Anvil's first three development keys (public; never use them on a real chain).
key0=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
key1=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
addr2=0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC

json() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
calc() { python3 -c "print($1)"; }

# wait_rpc URL: polls the endpoint for up to 15 s.
wait_rpc() {
  for _ in $(seq 150); do
    "$cast" chain-id --rpc-url "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "no JSON-RPC at $1 after 15 s"
}

# Each chain binds a port of the system's choosing (--port 0) and says
# which: a port picked here and bound by the chain later could be taken
# meanwhile by a process of a test running in parallel, which would then
# answer in the chain's place.
anvil_url() { sed -n 's|^Listening on \(.*\)$|http://\1|p' "$1" | head -1; }
devnet_url() {
  python3 -c '
import json, sys
try:
    print(json.load(open(sys.argv[1]))["rpc"])
except (ValueError, KeyError):
    pass  # not all written yet' "$1"
}

# chain_url PID OUT PARSE LOG: the URL the chain started as PID writes to
# OUT (read by PARSE), waiting up to 60 s; fails at once, with its LOG, if
# the chain exits.
chain_url() {
  local url
  for _ in $(seq 600); do
    url=$("$3" "$2")
    if [ -n "$url" ]; then echo "$url"; return 0; fi
    kill -0 "$1" 2>/dev/null || fail "the chain exited before listening: $(cat "$4")"
    sleep 0.1
  done
  fail "the chain did not listen within 60 s: $(cat "$4")"
}

# gas_cost TX: what the transaction cost its sender in fees, in wei.
gas_cost() {
  "$cast" receipt --json --rpc-url "$rpc" "$1" | python3 -c '
import json, sys
r = json.load(sys.stdin)
n = lambda v: v if isinstance(v, int) else int(v, 0)
print(n(r["gasUsed"]) * n(r["effectiveGasPrice"]))'
}

balance() { "$cast" balance --rpc-url "$rpc" "$1"; }

# expect_eq WHAT GOT WANT
expect_eq() { [ "$2" = "$3" ] || fail "$1: got $2, want $3"; echo "ok: $1 = $2"; }

go build -o bin/essaim ./cmd/essaim
essaim=bin/essaim

# flow NAME DEPLOY: the whole licensing flow against $rpc.
flow() {
  local name=$1 deploy=$2 dir=$tmp/$1
  mkdir -p "$dir/work"
  export ESSAIM_RPC=$rpc ESSAIM_LIGHTKDF=1
  unset ESSAIM_HOME ESSAIM_PASSWORD_FILE ESSAIM_ACCOUNT ESSAIM_CONTRACT ESSAIM_JSON
  for who in creator buyer; do
    mkdir -p "$dir/$who"
    printf '%s-password\n' "$who" >"$dir/$who.pw"
  done
  printf '%s\n' "$key0" >"$dir/key0"
  printf '%s\n' "$key1" >"$dir/key1"
  creator=("$essaim" --home "$dir/creator/home" --password-file "$dir/creator.pw")
  buyer=("$essaim" --home "$dir/buyer/home" --password-file "$dir/buyer.pw")

  step "$name: import development keys 0 and 1 into two homes"
  creator_addr=$("${creator[@]}" --json account import --private-key-file "$dir/key0" | json address)
  buyer_addr=$("${buyer[@]}" --json account import --private-key-file "$dir/key1" | json address)
  echo "creator $creator_addr"
  echo "buyer   $buyer_addr"

  if [ "$deploy" = yes ]; then
    step "$name: essaim deploy (twice: idempotent)"
    c1=$("${creator[@]}" --json deploy | json contract)
    c2=$("${creator[@]}" --json deploy | json contract)
    expect_eq "contract address on the second deploy" "$c2" "$c1"
    code=$("$cast" code --rpc-url "$rpc" "$c1")
    [ ${#code} -gt 2 ] || fail "no code at $c1"
  fi

  step "$name: register a work at 0.01 ether for 1 day"
  head -c 100000 /dev/urandom >"$dir/work/data.bin"
  printf 'notes\n' >"$dir/work/notes.txt"
  work=$("${creator[@]}" --json register "$dir/work" --title "E2E $name" --tag e2e --price 0.01ether --duration 1d | json work)
  expect_eq "work" "$work" "$("$essaim" --json hash "$dir/work" | json root)"
  price=10000000000000000

  step "$name: buy"
  before=$(balance "$buyer_addr")
  tx=$("${buyer[@]}" --json buy "0x$work" | json tx)
  expect_eq "buyer's balance" "$(balance "$buyer_addr")" "$(calc "$before - $price - $(gas_cost "$tx")")"

  step "$name: license check"
  "$essaim" license check "$work" "$buyer_addr" || fail "the buyer's license is not valid"
  if out=$("$essaim" license check "$work" "$addr2" 2>&1); then fail "account 2 has a license: $out"; fi
  echo "account 2: $out"

  step "$name: one day later the license has expired (evm_increaseTime + evm_mine)"
  "$cast" rpc --rpc-url "$rpc" evm_increaseTime 86401 >/dev/null
  "$cast" rpc --rpc-url "$rpc" evm_mine >/dev/null
  if out=$("$essaim" license check "$work" "$buyer_addr" 2>&1); then fail "still valid after expiry: $out"; fi
  case $out in *"expired at"*) echo "$out" ;; *) fail "unexpected: $out" ;; esac

  step "$name: withdraw"
  before=$(balance "$creator_addr")
  res=$("${creator[@]}" --json withdraw)
  amount=$(echo "$res" | json amount)
  tx=$(echo "$res" | json tx)
  expect_eq "amount withdrawn" "$amount" "$price"
  expect_eq "creator's balance" "$(balance "$creator_addr")" "$(calc "$before + $price - $(gas_cost "$tx")")"
  if out=$("${creator[@]}" withdraw 2>&1); then fail "a second withdraw succeeded: $out"; fi
  case $out in *"nothing to withdraw"*) echo "$out" ;; *) fail "unexpected: $out" ;; esac
}

step "start Anvil"
"$anvil" --host 127.0.0.1 --port 0 >"$tmp/anvil.log" 2>&1 &
pids+=($!)
rpc=$(chain_url "$!" "$tmp/anvil.log" anvil_url "$tmp/anvil.log")
wait_rpc "$rpc"
echo "$rpc"
flow anvil yes

step "start essaim devnet"
"$essaim" devnet --port 0 --json >"$tmp/devnet.json" 2>"$tmp/devnet.log" &
pids+=($!)
rpc=$(chain_url "$!" "$tmp/devnet.json" devnet_url "$tmp/devnet.log")
wait_rpc "$rpc"
echo "$rpc"
flow devnet no

step "end-to-end chain flows passed (Anvil and essaim devnet)"
