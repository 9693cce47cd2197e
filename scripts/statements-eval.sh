#!/bin/sh
# Prints the statement figures of issue 11: PolNeAR dev and train (quotes),
# the turn gold (internal/eval/testdata/turns), the Kremlin and press corpora
# (Putin-label paragraphs in Putin turns, junk speakers, "the President" on
# president.gov.ua, greeting messages, the kremlin-62366 cases) and the
# analysis speed on kremlin-en. Reads ../shared from the module root (or
# $WORKBENCH_SHARED); parts whose data is absent are skipped.
#
#   scripts/statements-eval.sh          # figures and speed (about 40 s more)
#   NOBENCH=1 scripts/statements-eval.sh  # figures only
#   SPEED_BASE=REV PAIRS=N scripts/statements-eval.sh  # speed against another commit
#   POLNEAR_DATA=.../PolNeAR/data scripts/statements-eval.sh
#       # also how well PolNeAR's annotators agree with each other on the
#       # articles several of them annotated (a checkout of
#       # github.com/networkdynamics/PolNeAR; nothing of it is copied)
set -eu
cd "$(dirname "$0")/.."
go run ./internal/eval/cmd/statements-eval
if [ -n "${POLNEAR_DATA:-}" ]; then
	go run ./internal/eval/cmd/statements-eval agreement "$POLNEAR_DATA"
fi
if [ -n "${NOBENCH:-}" ]; then
	exit 0
fi
# Analysis speed against the commit of the day issue 11 was filed
# ($SPEED_BASE, default 991eff3): internal/eval/cmd/anspeed built at both
# commits, run alternately (PAIRS, default 3) on the bench's generated
# corpus (its first 3,000 documents: what analyze_mb_per_s reads) and on
# kremlin-en when ../shared has it. MB per CPU-second of one goroutine; the
# figure is the ratio, never the MB/s of another day.
base=${SPEED_BASE:-991eff3}
pairs=${PAIRS:-3}
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
go run ./internal/eval/cmd/statements-eval gencorpus "$tmp/generated.jsonl" 3000
go build -o "$tmp/anspeed-head" ./internal/eval/cmd/anspeed
if ! git worktree add -q --detach "$tmp/base" "$base" 2>/dev/null; then
	echo "analysis speed: cannot check out $base (a shallow clone?): skipped"
	exit 0
fi
mkdir -p "$tmp/base/internal/eval/cmd/anspeed"
cp internal/eval/cmd/anspeed/main.go "$tmp/base/internal/eval/cmd/anspeed/"
(cd "$tmp/base" && go build -o "$tmp/anspeed-base" ./internal/eval/cmd/anspeed)
shared=${WORKBENCH_SHARED:-../shared}
for corpus in "$tmp/generated.jsonl" "$shared/corpus/kremlin-en/kremlin-en.jsonl.gz"; do
	[ -f "$corpus" ] || continue
	name=$(basename "$corpus")
	[ "$name" = generated.jsonl ] && name="generated corpus (3,000 documents)"
	ratios=""
	i=0
	while [ "$i" -lt "$pairs" ]; do
		b=$("$tmp/anspeed-base" "$corpus" 8000 3 | cut -d' ' -f1)
		h=$("$tmp/anspeed-head" "$corpus" 8000 3 | cut -d' ' -f1)
		ratios="$ratios $(awk -v h="$h" -v b="$b" 'BEGIN { printf "%.2f", h / b }')"
		echo "  $name: $base $b, HEAD $h MB/cpu-s"
		i=$((i + 1))
	done
	echo "analysis speed on $name, HEAD / $base, pairs:$ratios (target >= 0.80)"
done
