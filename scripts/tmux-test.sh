#!/usr/bin/env bash
# tmux-test.sh drives the real workbench binary in tmux: first run on an
# empty workspace (indexes the embedded sample), search, open, tag, help,
# resize to 30x8 and back, quit. It checks the screen at each step and exits
# non-zero on the first failure, printing the screen.
#
#   scripts/tmux-test.sh            # from the repository root
#   KEEP=1 scripts/tmux-test.sh     # keep the temporary folder
#   CAPTURE=FILE scripts/tmux-test.sh   # also save the screen after tagging
set -euo pipefail

cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tmux-test: tmux is not installed" >&2; exit 1; }

tmp=$(mktemp -d)
sock="wb-tui-test-$$"
sess="wb"
bin="$tmp/workbench"
ws="$tmp/ws"
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	if [ -z "${KEEP:-}" ]; then rm -rf "$tmp"; else echo "tmux-test: kept $tmp"; fi
}
trap cleanup EXIT

go build -o "$bin" ./cmd/workbench

t() { tmux -L "$sock" "$@"; }
screen() { t capture-pane -p -t "$sess"; }
fail() {
	echo "tmux-test: FAIL: $*" >&2
	echo "---- screen ----" >&2
	screen >&2 || true
	echo "----------------" >&2
	exit 1
}
# wait_for TEXT [SECONDS]: poll the screen until it shows TEXT.
wait_for() {
	local text="$1" secs="${2:-10}" i
	for ((i = 0; i < secs * 20; i++)); do
		if screen | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
	done
	fail "screen does not show '$text' after ${secs}s"
}
# wait_re REGEX [SECONDS]: poll until a screen line matches REGEX (grep -E).
wait_re() {
	local re="$1" secs="${2:-10}" i
	for ((i = 0; i < secs * 20; i++)); do
		if screen | grep -qE -- "$re"; then return 0; fi
		sleep 0.05
	done
	fail "no screen line matches /$re/ after ${secs}s"
}
# wait_gone TEXT [SECONDS]: poll until the screen no longer shows TEXT.
wait_gone() {
	local text="$1" secs="${2:-10}" i
	for ((i = 0; i < secs * 20; i++)); do
		if ! screen | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
	done
	fail "screen still shows '$text' after ${secs}s"
}
keys() { t send-keys -t "$sess" "$@"; }
step() { echo "tmux-test: $*"; }

# The pane keeps running after workbench exits, so its exit status can be read.
t new-session -d -s "$sess" -x 120 -y 40 \
	"env TERM=xterm-256color '$bin' --home '$ws'; echo \"workbench exited: \$?\"; sleep 600"
t set-option -t "$sess" window-size manual >/dev/null
t set-option -s set-clipboard on >/dev/null

step "first run: the sample is indexed, then the workbench opens"
wait_for "docs" 120
wait_for "Results"
wait_for "Reader"

step "time: a line of documents per year above the results, empty years (·) visible"
wait_re "per year 2000 [▁▂▃▄▅▆▇█·]+ 20[0-9][0-9]"
screen | grep -E "per year 2000 " | grep -qF "·" || fail "no empty year in the histogram (the sample has none from 2004)"
if [ -n "${CAPTURE_FIRST:-}" ]; then screen >"$CAPTURE_FIRST"; fi

step "first screen: a hint says how to open, move between quotes and tag"
wait_for "opens an article"
wait_for "next/previous statement"

step "? on the empty search line opens the help; i shows the attribution"
keys "?"
wait_for "Help — ? or esc closes"
keys "i"
wait_for "President of Russia website, en.kremlin.ru"
wait_for "creativecommons.org/licenses/by/4.0"
keys Escape
wait_gone "President of Russia website"
screen | grep -qF "/ search:" || fail "? typed into the search line"

step "search"
keys "ushakov momentum"
wait_for "/ ushakov momentum"
wait_re "Results +[0-9]+ hits"
wait_for "▌ Ushakov says Russia"

step "open"
keys Enter
wait_for "enter open"
keys Enter
wait_re "▌ Reader +[0-9]+ quotes? ·"
screen | grep -qF "Ushakov says Russia–US efforts on a Ukraine peace deal" || fail "the reader does not show the seed article"

step "tag: ] selects the first quote, 1 toggles the first label"
keys "]"
wait_for "quote 1/"
keys "1"
wait_for "tagged \"escalatory\""
wait_for "[escalatory]"
if [ -n "${CAPTURE:-}" ]; then screen >"$CAPTURE"; fi

step "copy: y puts the quote with its citation into tmux's paste buffer (OSC 52)"
keys "y"
wait_for "copied the quote with its citation"
for ((i = 0; i < 40; i++)); do
	if t show-buffer 2>/dev/null | grep -qF "deep disappointment"; then break; fi
	sleep 0.05
done
buf=$(t show-buffer 2>/dev/null || true)
case "$buf" in
*"“deep disappointment” — Donald Trump, Ushakov says Russia"*) ;;
*) fail "paste buffer: '$buf'" ;;
esac

step "note: a on the tagged quote, typed text (with q and e) is the note, shown under the reader"
keys "a"
wait_for "enter save"
keys "q e said twice" Enter
wait_for "note saved"
wait_for "[escalatory ✎]"
wait_for "escalatory: ✎ q e said twice"

step "exact selection: from the second quote, b b moves back two words, v anchors mid-line, w w w extends, 5 tags"
keys "]"
wait_for "quote 2/"
keys "b" "b" "v" "w" "w" "w"
wait_for "selecting: 1-9 tags"
keys "5"
wait_for "tagged \"dismissive\""
wait_for "[dismissive]"

step "tags pane: T lists the tag with its note; / filters; esc closes"
keys "T"
wait_for "Tags · newest first"
wait_for "✎ q e said twice"
keys "/" "escal" Enter
wait_for "filter: escal"
keys Escape
wait_gone "Tags · newest first"

step "bulk tagging: space marks two rows of the statements panel, 4 tags both, u undoes both in one step"
keys Tab
wait_for "▌ Statements · article"
keys "j" Space Space
wait_for "2 marked"
keys "4"
wait_for "tagged 2 statements \"accusatory\" in one step"
[ "$(screen | grep -c '\[accusatory\]')" -ge 4 ] || fail "the two quotes do not show [accusatory] in the reader and the panel"
keys "u"
wait_re "undo: .*2"
wait_gone "[accusatory]"

step "statements panel: f filters by kind; s lists every statement matching the query, turns of transcripts too"
keys "f"
wait_for "Statements · article · quotes"
keys "f" "s"
wait_for "Statements · all matching · turns"
keys "/" "C-u" "grain" Enter
wait_for "▌ Results"
keys Tab Tab
wait_for "▌ Statements · all matching · turns"
wait_re "▌? +turn +\[[A-Z][^]]*\] "
if [ -n "${CAPTURE_STATEMENTS:-}" ]; then screen >"$CAPTURE_STATEMENTS"; fi
keys "f" "f" "s"
wait_for "Statements · article · all kinds"
keys "/" "C-u" "ushakov momentum" Enter
wait_for "▌ Results"

step "help"
keys "?"
wait_for "Help — ? or esc closes"
wait_for "toggle codebook label"
keys "?"
wait_gone "Help — ? or esc closes"
keys "?"
wait_for "Help — ? or esc closes"
keys Escape
wait_gone "Help — ? or esc closes"

step "resize to 50x12: the reader shows text and the current quote"
t resize-window -t "$sess" -x 50 -y 12
wait_re "^ .*(dismissive|momentum)"
if [ -n "${CAPTURE_SMALL:-}" ]; then screen >"$CAPTURE_SMALL"; fi
t resize-window -t "$sess" -x 120 -y 40
wait_for "[dismissive]"

step "G goes to the last result"
keys "/" "C-u" "putin"
wait_for "/ putin"
wait_re "Results +[0-9]{3} hits"
# The count of the whole word, not of a prefix typed on the way: stable.
n="" prev="x"
for ((i = 0; i < 40; i++)); do
	if [ -n "$n" ] && [ "$n" = "$prev" ]; then break; fi
	prev=$n
	sleep 0.15
	n=$(screen | grep -m1 -oE "Results[^│]*" | grep -oE "[0-9]+ hits" | grep -oE "[0-9]+" || true)
done
[ "${n:-0}" -gt 20 ] || fail "putin has only ${n:-no} hits"
keys Escape
wait_for "▌ Results"
keys "G"
wait_re "Results +$n/$n · $n hits"

step "O orders the results: newest, oldest, relevance"
keys "O"
wait_for "newest first · "
wait_re "▌ 2020-08-27 · kremlin.ru"
keys "O"
wait_for "oldest first · "
keys "O"
wait_gone "oldest first · "

step "saved search: ctrl+s names the query, S lists it"
keys "/" "C-u" "ushakov"
wait_for "/ ushakov"
keys "C-s"
wait_for "save the search as:"
keys "ush q e" Enter
wait_for "saved the search \"ush q e\""
keys Escape
wait_for "▌ Results"
keys "S"
wait_for "Saved searches"
wait_re "ush q e +/ ushakov +[0-9]+ matches"
keys Escape
wait_gone "Saved searches"

step "resize to 30x8 and back"
t resize-window -t "$sess" -x 30 -y 8
wait_for "terminal too small"
t resize-window -t "$sess" -x 120 -y 40
wait_gone "terminal too small"
wait_for "Reader"
wait_for "[dismissive]"

step "quit"
keys "q"
wait_for "workbench exited: 0"

step "restart: the last query, the open article and the saved search come back"
t respawn-pane -k -t "$sess" "env TERM=xterm-256color '$bin' --home '$ws'; echo \"workbench exited again: \$?\"; sleep 600"
wait_for "restored the last session" 30
wait_for "/ ushakov"
wait_re "Reader +[0-9]+ quotes · [0-9]+ hits"
keys "S"
wait_for "ush q e"
keys Escape
wait_gone "Saved searches"
keys "q"
wait_for "workbench exited again: 0"

step "the tags were saved"
tags=$("$bin" --home "$ws" tags 2>&1 || true)
grep -q escalatory <<<"$tags" || fail "workbench tags does not list the escalatory tag: $tags"
grep -A2 dismissive <<<"$tags" | grep -qF "“that the “momentum” from”" || fail "the mid-line span is not 'that the “momentum” from'"

echo "tmux-test: ok"

# Readers never wait for a writer (issue 17): `workbench index` runs while
# the TUI is open; the TUI picks up the new documents by itself.
step "index while the TUI is open: it says how many documents are new"
for i in 1 2 3; do
	printf '{"id":"maize-%s","title":"Maize harvest %s","body":"The maize harvest was good this year."}\n' "$i" "$i"
done >"$tmp/maize.jsonl"
t respawn-pane -k -t "$sess" "env TERM=xterm-256color '$bin' --home '$ws'; echo \"workbench exited once more: \$?\"; sleep 600"
wait_for "restored the last session" 30
wait_re "Reader +[0-9]+ quotes"
keys "/"
for ((i = 0; i < 20; i++)); do keys BSpace; done
keys "maize" Enter
wait_for "no matches"
"$bin" --home "$ws" index "$tmp/maize.jsonl" 2>"$tmp/index.log" || fail "index beside the open TUI: $(cat "$tmp/index.log")"
wait_for "3 new documents" 5
wait_for "Maize harvest"
keys "q"
wait_for "workbench exited once more: 0"
echo "tmux-test: new documents ok"
