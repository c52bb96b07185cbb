#!/usr/bin/env bash
# Generates the Go bindings of the contracts from forge's build artifacts
# with abigen v2 (a tool of this module, pinned in go.mod):
#   contracts/src/EssaimRegistry.sol -> chain/registry/registry.go
# With --check it regenerates into a temporary folder and fails when the
# committed bindings would change (scripts/test.sh runs that).
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = "--check" ] && check=1

scripts/forge.sh build >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() { # NAME PKG
  local art="out/$1.sol/$1.json"
  python3 - "$art" "$tmp/$1.abi" "$tmp/$1.bin" <<'PY'
import json, sys
art = json.load(open(sys.argv[1]))
json.dump(art["abi"], open(sys.argv[2], "w"))
code = art["bytecode"]["object"]
open(sys.argv[3], "w").write(code[2:] if code.startswith("0x") else code)  # abigen adds its own 0x
PY
  mkdir -p "$tmp/$2"
  go tool abigen --v2 --abi "$tmp/$1.abi" --bin "$tmp/$1.bin" --pkg "$2" --type "$1" --out "$tmp/$2/$2.go"
  if [ "$check" = 1 ]; then
    if ! diff -u "chain/$2/$2.go" "$tmp/$2/$2.go" >"$tmp/diff"; then
      head -40 "$tmp/diff"
      echo "chain/$2/$2.go is out of date: run scripts/gen-bindings.sh and commit the result" >&2
      exit 1
    fi
  else
    mkdir -p "chain/$2"
    cp "$tmp/$2/$2.go" "chain/$2/$2.go"
    echo "chain/$2/$2.go"
  fi
}

gen EssaimRegistry registry
