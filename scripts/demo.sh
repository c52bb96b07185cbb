#!/usr/bin/env bash
# The main job, end to end, on a fresh machine: builds essaim, makes a
# sample work (a folder of files, one empty file, one empty folder), prints
# its content root as a person and as a script sees it, and checks the root
# against the independent reference implementation of docs/CONTENT.md.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "build"
go build -o bin/essaim ./cmd/essaim
echo "bin/essaim"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
album=$work/album
mkdir -p "$album/tracks" "$album/notes"
for i in 1 2 3; do head -c $((300000 * i)) /dev/urandom >"$album/tracks/0$i.flac"; done
printf 'Live at the river, 2026.\n' >"$album/README.txt"
: >"$album/tracks/.keep"

step "essaim hash $album"
bin/essaim hash "$album"

step "essaim hash --json (what scripts and register use)"
bin/essaim --json hash "$album" | tee "$work/hash.json" | head -7
echo "  ..."

step "cross-check with the independent reference (scripts/contentref.py)"
go_root=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["root"])' "$work/hash.json")
py_root=$(python3 scripts/contentref.py root "$album")
echo "essaim:    $go_root"
echo "reference: $py_root"
[ "$go_root" = "$py_root" ] || { echo "MISMATCH" >&2; exit 1; }
echo "roots agree"
