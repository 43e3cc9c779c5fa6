#!/bin/sh
# Builds the benchmark in release mode and runs it 3 times on the same seeded model;
# the table printed at the end holds the medians. Extra arguments go to lp-layer-bench
# (e.g. --columns 100000 --nnz-per-column 10 --shape packing --method primal).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
swift build -c release --package-path "$here"
"$here/.build/release/lp-layer-bench" --repetitions 3 "$@"
