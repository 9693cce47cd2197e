#!/usr/bin/env bash
# report-shot.sh: render the sample insights report (HTML and Markdown) and
# the TUI's insights view, and take screenshots with headless Chromium, to
# look at them (report.png, bad-*.png, tui-*.png; the view also in tmux).
#
#   scripts/report-shot.sh [OUT_DIR]      (default: /tmp/workbench-report-shot)
#
# Needs Go and Chromium (Debian: apt-get install -y chromium). Until
# `workbench report` is wired, the sample comes from the report package's
# tests (TestHTMLSample and TestBadInput write their pages when
# WORKBENCH_REPORT_OUT is set).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/workbench-report-shot}
mkdir -p "$out"
html="$out/report.html"
WORKBENCH_REPORT_OUT="$html" go -C "$root" test -count=1 -run '^(TestHTMLSample|TestBadInput)$' ./internal/insights/report/ >/dev/null
# The TUI view in colour (ANSI and an HTML rendering of it), until `i` is wired.
WORKBENCH_TUI_SHOT_OUT="$out" go -C "$root" test -count=1 -run '^TestShot$' ./internal/ui/insights/ >/dev/null
echo "wrote $html and ${html%.html}.md"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
	echo "no chromium found: apt-get install -y chromium" >&2
	exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# No network: the report must render from the file alone.
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
	--screenshot="$out/report.png" --window-size=1280,2000 "file://$html" 2>/dev/null
echo "wrote $out/report.png"
# The bad-input pages (empty workspace, no hits, 20 labels, ...): smaller.
for f in "$out"/bad-*.html; do
	"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
		--screenshot="${f%.html}.png" --window-size=1280,1400 "file://$f" 2>/dev/null
	echo "wrote ${f%.html}.png"
done
for f in "$out"/tui-*.html; do
	"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
		--screenshot="${f%.html}.png" --window-size=1000,640 "file://$f" 2>/dev/null
	echo "wrote ${f%.html}.png"
done
# And in a real terminal: tmux shows the ANSI screen; capture it as text.
if command -v tmux >/dev/null; then
	sock="wb-report-shot-$$"
	tmux -L "$sock" new-session -d -x 100 -y 31 "cat '$out/tui-2-100x30.ans'; sleep 5"
	sleep 1
	tmux -L "$sock" capture-pane -p -t 0 >"$out/tui-2-100x30.tmux.txt" || true
	tmux -L "$sock" kill-server 2>/dev/null || true
	echo "wrote $out/tui-2-100x30.tmux.txt"
fi
# Print preview: the same page as a PDF, to check @media print.
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
	--no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$html" 2>/dev/null || true
[ -f "$out/report.pdf" ] && echo "wrote $out/report.pdf"
