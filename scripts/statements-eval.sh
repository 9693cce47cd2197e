#!/bin/sh
# Prints the statement figures of issue 11: PolNeAR dev and train (quotes),
# the turn gold (internal/eval/testdata/turns), the Kremlin and press corpora
# (Putin-label paragraphs in Putin turns, junk speakers, "the President" on
# president.gov.ua, greeting messages, the kremlin-62366 cases) and the
# analysis speed on kremlin-en. Reads ../shared from the module root (or
# $WORKBENCH_SHARED); parts whose data is absent are skipped.
#
#   scripts/statements-eval.sh          # figures and speed
#   NOBENCH=1 scripts/statements-eval.sh  # figures only
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
if [ -z "${NOBENCH:-}" ]; then
	# MB/cpu-s of one goroutine (see internal/analyze/bench_test.go); compare
	# with a baseline built in the same run, never with a fixed figure.
	go test -run '^$' -bench BenchmarkAnalyze -benchtime 3x ./internal/analyze/ | grep -E '^Benchmark|documents'
fi
