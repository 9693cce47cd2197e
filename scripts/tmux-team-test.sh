#!/usr/bin/env bash
# tmux-team-test.sh drives two real workbench TUIs in tmux on one PostgreSQL
# team store: analyst ana tags a quote, and analyst olga's TUI shows it
# (within SECS seconds, default 2). Run it with a server up, e.g.
#
#   scripts/pg-test.sh -- bash scripts/tmux-team-test.sh
#
# (pg-test.sh sets WORKBENCH_TEST_PG). KEEP=1 keeps the temporary folder.
set -euo pipefail

cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tmux-team-test: tmux is not installed" >&2; exit 1; }
: "${WORKBENCH_TEST_PG:?tmux-team-test: no PostgreSQL: run it as scripts/pg-test.sh -- bash scripts/tmux-team-test.sh}"
secs="${SECS:-2}"

tmp=$(mktemp -d)
sock="wb-team-test-$$"
bin="$tmp/workbench"
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	if [ -z "${KEEP:-}" ]; then rm -rf "$tmp"; else echo "tmux-team-test: kept $tmp"; fi
}
trap cleanup EXIT

go build -o "$bin" ./cmd/workbench
# A schema of its own in the test database.
store="$WORKBENCH_TEST_PG&options=-csearch_path%3Dtmux_team"
psql_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql
"$psql_bin" "$WORKBENCH_TEST_PG" -qc "DROP SCHEMA IF EXISTS tmux_team CASCADE; CREATE SCHEMA tmux_team" >/dev/null

t() { tmux -L "$sock" "$@"; }
screen() { t capture-pane -p -t "$1"; }
fail() {
	echo "tmux-team-test: FAIL: $2" >&2
	echo "---- screen of $1 ----" >&2
	screen "$1" >&2 || true
	exit 1
}
wait_for() {
	local sess="$1" text="$2" s="${3:-20}" i
	for ((i = 0; i < s * 20; i++)); do
		if screen "$sess" | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
	done
	fail "$sess" "screen does not show '$text' after ${s}s"
}
wait_re() {
	local sess="$1" re="$2" s="${3:-20}" i
	for ((i = 0; i < s * 20; i++)); do
		if screen "$sess" | grep -qE -- "$re"; then return 0; fi
		sleep 0.05
	done
	fail "$sess" "no screen line matches /$re/ after ${s}s"
}
keys() { local sess="$1"; shift; t send-keys -t "$sess" "$@"; }
step() { echo "tmux-team-test: $*"; }

step "two workspaces on the sample corpus, one team store"
for who in ana olga; do
	"$bin" --home "$tmp/$who" index data/sample >/dev/null 2>&1
	printf 'analyst = "%s"\nstore = "%s"\n' "$who" "$store" >"$tmp/$who/config.toml"
done
for who in ana olga; do
	t new-session -d -s "$who" -x 120 -y 40 "env TERM=xterm-256color '$bin' --home '$tmp/$who'; sleep 600"
	wait_for "$who" "Results" 60
done

step "ana opens the seed article and tags its first quote"
keys ana "ushakov momentum"
wait_for ana "▌ Ushakov says Russia"
keys ana Enter
wait_for ana "enter open"
keys ana Enter
wait_re ana "▌ Reader +[0-9]+ quotes? ·"
keys ana "]"
wait_for ana "quote 1/"
keys ana "1"
wait_for ana "tagged \"escalatory\""
t0=$(date +%s%N)

step "olga's TUI shows it within ${secs}s"
wait_for olga "ana tagged" "$secs"
echo "tmux-team-test: olga saw ana's tag $(( ($(date +%s%N) - t0) / 1000000 )) ms after ana's screen said tagged"

step "both TUIs quit; the store has the tag, by ana"
keys ana q
keys olga q
"$bin" --home "$tmp/olga" tags --json | grep -q '"analyst":"ana"' || fail olga "the team store does not hold ana's tag"
echo "tmux-team-test: ok"
