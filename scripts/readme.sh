#!/usr/bin/env bash
# Assembles README.md from the sections in docs/readme/ (each part of the
# product documents itself there; the key table in tui.md is generated from
# the key bindings by `go test ./internal/ui -run TestReadmeKeys -update`).
set -euo pipefail
cd "$(dirname "$0")/.."
parts=(00-intro tui search formats analysis tags bench 90-safety 95-dev)
{
  for p in "${parts[@]}"; do
    f="docs/readme/$p.md"
    [ -f "$f" ] || continue
    cat "$f"
    echo
  done
} > README.md
