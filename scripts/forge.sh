#!/usr/bin/env bash
# Runs the native forge binary from node_modules (installed by `npm ci`) with
# the repository's foundry.toml, passing every argument through:
#   scripts/forge.sh build | test | coverage | fmt --check | script ...
# The npm launcher in node_modules/.bin always exits 0 (even when tests fail),
# so the platform binary is called directly and its exit code is returned.
set -euo pipefail
cd "$(dirname "$0")/.."
case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "scripts/forge.sh: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
forge=node_modules/@foundry-rs/forge-$os-$arch/bin/forge
if [ ! -x "$forge" ]; then
  echo "scripts/forge.sh: $forge missing; run npm ci" >&2
  exit 1
fi
exec "$forge" "$@"
