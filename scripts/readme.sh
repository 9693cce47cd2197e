#!/usr/bin/env bash
# Assembles README.md from the sections in docs/readme/ (each part of the
# product documents itself there; the key table in tui.md is generated from
# the key bindings by `go test ./internal/ui -run TestReadmeKeys -update`).
# With --stdout it prints the assembled README instead of writing README.md
# (scripts/check-docs.sh compares the two).
set -euo pipefail
cd "$(dirname "$0")/.."
parts=(00-intro tui search formats analysis tags team agree exchange insights bench 90-safety 95-dev)
assemble() {
  for p in "${parts[@]}"; do
    f="docs/readme/$p.md"
    [ -f "$f" ] || continue
    cat "$f"
    echo
  done
}
case "${1:-}" in
  --stdout) assemble ;;
  "") assemble > README.md ;;
  *) echo "usage: scripts/readme.sh [--stdout]" >&2; exit 2 ;;
esac
