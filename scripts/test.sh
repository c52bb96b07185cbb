#!/usr/bin/env bash
# Runs every test of the repository: the contracts (forge fmt, build, unit,
# fuzz and invariant tests; needs `npm ci`), formatting, vet, the content-format
# cross-check, unit/integration tests (with the race detector where state is
# shared), the web interface in a real chromium (with axe-core from npm), the
# network lab's tests (as root: real processes behind NATs in
# network namespaces, scripts/lab.sh), and a short run of every fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${ESSAIM_FUZZTIME:-10s}

started=$SECONDS
steps=0
current="start"
step() {
  printf '\n== %s\n' "$*"
  steps=$((steps + 1))
  current="$*"
}
# The last line says how it went, whatever happened.
summary() {
  local rc=$?
  if [ "$rc" -eq 0 ]; then
    printf '\nALL PASSED: %d steps in %ds\n' "$steps" $((SECONDS - started))
  else
    printf '\nFAILED (exit %d) at step %d: %s, after %ds\n' "$rc" "$steps" "$current" $((SECONDS - started))
  fi
}
trap summary EXIT

if [ ! -d node_modules/@foundry-rs ] || [ ! -d node_modules/axe-core ]; then
  step "npm ci (Foundry, solc-js, OpenZeppelin, forge-std, axe-core; pinned in package-lock.json)"
  npm ci --no-audit --no-fund
fi

step "contracts: forge fmt --check"
scripts/forge.sh fmt --check

step "contracts: forge build"
scripts/forge.sh build

step "contracts: forge test"
scripts/forge.sh test

step "Go bindings match the contracts (scripts/gen-bindings.sh --check)"
scripts/gen-bindings.sh --check

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

step "go vet"
go vet ./...
go vet -tags browser ./cmd/essaim

step "content format: independent reference vs docs/CONTENT.md"
python3 scripts/contentref.py check docs/CONTENT.md

step "systemd unit (systemd-analyze verify)"
if command -v systemd-analyze >/dev/null; then
  unit=$(mktemp -d)/essaim-node.service
  sed "s|/usr/local/bin/essaim|$PWD/bin/essaim|" scripts/systemd/essaim-node.service >"$unit"
  go build -o bin/essaim ./cmd/essaim
  systemd-analyze verify "$unit"
  rm -r "$(dirname "$unit")"
else
  echo "systemd-analyze not installed: the unit was not checked"
fi

step "go build"
go build -o bin/essaim ./cmd/essaim

step "go test"
go test -count=1 ./...

step "go test -race (packages with shared state)"
go test -count=1 -race ./chain ./chain/registryops ./daemon ./p2p/chunkstore ./chain/devnet ./licensing/... ./p2p/xfer ./p2p/announce \
  ./p2p/host ./p2p/sched ./p2p/node ./p2p/fetch ./p2p/ratelimit

step "end to end: the essaim binary against a real Anvil and against essaim devnet"
scripts/e2e-chain.sh

step "web interface in chromium (go test -tags browser; screenshots in out/ui-screenshots)"
if command -v "${ESSAIM_CHROMIUM:-chromium}" >/dev/null; then
  go test -count=1 -tags browser -run '^TestWebInterface' ./cmd/essaim
elif [ "${ESSAIM_BROWSER:-}" = required ]; then
  echo "chromium is not installed (apt-get install chromium)"; exit 1
else
  echo "SKIPPED: chromium is not installed (apt-get install chromium; .ci/run installs it)"
fi

step "network lab: essaim processes behind NATs and firewalls (scripts/lab.sh run-tests)"
if [ "$(id -u)" -eq 0 ]; then
  scripts/lab.sh run-tests
elif [ "${ESSAIM_LAB:-}" = required ]; then
  echo "the network lab needs root (network namespaces, nftables, tc)"; exit 1
else
  echo "SKIPPED: the network lab needs root (CI runs it; sudo scripts/lab.sh run-tests runs it here)"
fi

# fuzz_target PKG TARGET fuzzes one target. Go 1.26's fuzzing coordinator
# can fail a run that found nothing with a bare "context deadline exceeded"
# as -fuzztime ends (go.dev/issue/75804, fixed in Go 1.27): that outcome,
# with no failing input written, is run again, at most twice. Anything else
# that fails, fails.
fuzz_target() {
  local out
  for attempt in 1 2 3; do
    if out=$(go test -run '^$' -fuzz "^${2}\$" -fuzztime "$fuzztime" "$1" 2>&1); then
      echo "$out" | tail -2
      return 0
    fi
    echo "$out"
    if ! grep -q 'context deadline exceeded' <<<"$out" || grep -q 'Failing input written to' <<<"$out"; then
      return 1
    fi
    echo "(the coordinator's deadline race, no failing input: attempt $attempt, running again)"
  done
  return 1
}

step "fuzz ($fuzztime per target)"
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    echo "-- $pkg $target"
    fuzz_target "$pkg" "$target"
  done
done
