#!/usr/bin/env bash
# Loads a workbench Label Studio export into Label Studio's own editor
# (npm @heartexlabs/label-studio 1.4.0, the newest with a build there) in
# headless Debian Chromium and checks that every region lies on the text
# and label its result names.
#
#   scripts/labelstudio-check.sh                  # the test fixture (emoji, CJK, combining
#                                                 # accent, a span across a line break)
#   scripts/labelstudio-check.sh TASKS.json [CONFIG.xml]   # an export (config defaults to
#                                                 # TASKS.config.xml, as workbench writes it)
#
# Optional: it skips (exit 0) when chromium, node or npm is absent, unless
# CI=true. The npm packages are installed once into
# ${XDG_CACHE_HOME:-~/.cache}/workbench/labelstudio-check.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

chromium=${CHROMIUM:-/usr/bin/chromium}
for tool in node npm "$chromium"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then
      echo "labelstudio-check: $tool is required in CI" >&2
      exit 1
    fi
    echo "labelstudio-check: skipped ($tool not found)"
    exit 0
  fi
done

cache=${XDG_CACHE_HOME:-$HOME/.cache}/workbench/labelstudio-check
if [ ! -d "$cache/node_modules/@heartexlabs/label-studio" ] || [ ! -d "$cache/node_modules/playwright-core" ]; then
  mkdir -p "$cache"
  (cd "$cache" && { [ -f package.json ] || npm init -y >/dev/null; } &&
    npm install --no-audit --no-fund --loglevel=error @heartexlabs/label-studio@1.4.0 playwright-core >/dev/null)
fi
cp "$root/scripts/labelstudio-check.js" "$cache/check.js"

if [ $# -ge 1 ]; then
  tasks=$(realpath "$1")
  config=$(realpath "${2:-${1%.*}.config.xml}")
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  EXCHANGE_LABELSTUDIO_OUT=$out go test -count=1 -run '^TestLabelStudioFixtureFile$' ./internal/exchange >/dev/null
  tasks=$out/tasks.json
  config=$out/tasks.config.xml
fi

cd "$cache"
node check.js "$tasks" "$config" "$chromium"
