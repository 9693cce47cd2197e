#!/usr/bin/env bash
# CI check of the documentation (issue 10). Fails (exit 1) when
#  (a) docs/ARCHITECTURE.md names a path internal/... or cmd/... (a package,
#      or a file in one) that does not exist in the tree, or
#  (b) README.md differs from what scripts/readme.sh assembles from
#      docs/readme/*.md.
# It never modifies the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
arch=docs/ARCHITECTURE.md
fail=0

# (a) every internal/... and cmd/... path named in the architecture notes
#     exists. A path is preceded by start of line or a character that cannot
#     be part of a longer path (so github.com/x/internal/y is not taken), and
#     ends in a letter, digit, _ or * (a trailing "." or "/" is punctuation).
if [ ! -f "$arch" ]; then
  echo "check-docs: $arch is missing" >&2
  fail=1
else
  missing=0
  while IFS=: read -r line path; do
    # a glob (internal/ui/*) must match something; a plain path must exist
    if compgen -G "$path" >/dev/null; then
      continue
    fi
    echo "check-docs: $arch:$line names $path, which does not exist in the tree" >&2
    missing=1
  done < <(grep -noE '(^|[^A-Za-z0-9_./-])(internal|cmd)/[A-Za-z0-9_./*-]*[A-Za-z0-9_*]' "$arch" |
    sed -E 's/^([0-9]+):[^ic]?/\1:/' | sort -t: -k2,2 -u | sort -t: -k1,1n)
  if [ "$missing" = 1 ]; then
    echo "check-docs: update $arch to the packages of the tree (or restore the package)" >&2
    fail=1
  fi
fi

# (b) README.md is what scripts/readme.sh assembles.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
bash scripts/readme.sh --stdout > "$tmp"
if ! cmp -s "$tmp" README.md; then
  echo "check-docs: README.md differs from what scripts/readme.sh assembles from docs/readme/*.md:" >&2
  diff -u --label README.md --label "scripts/readme.sh --stdout" README.md "$tmp" | head -40 >&2 || true
  echo "check-docs: edit docs/readme/*.md (not README.md), then run scripts/readme.sh and commit README.md" >&2
  fail=1
fi

if [ "$fail" = 0 ]; then
  echo "check-docs: ok ($arch paths exist; README.md matches scripts/readme.sh)"
fi
exit "$fail"
