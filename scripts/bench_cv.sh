#!/usr/bin/env bash
# Benchmarks the OpenMP evaluator: 10-fold cross-validation of the default
# training options on corpus/train.csv at 1 and 2 threads (hyperfine, median
# of several runs), and prints the speed-up.  A benchmark, not a test.
#   scripts/bench_cv.sh [RUNS]      (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
if ! command -v hyperfine >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hyperfine >&2
fi
scripts/setup.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 1 --runs "$runs" --export-json "$out/cv.json" \
  -n "1 thread" "build/themes eval --cv 10 --bootstrap 0 -t 1 corpus/train.csv" \
  -n "2 threads" "build/themes eval --cv 10 --bootstrap 0 -t 2 corpus/train.csv" >&2
python3 - "$out/cv.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
one, two = r["1 thread"]["median"], r["2 threads"]["median"]
print(f"10-fold CV on corpus/train.csv: 1 thread {one:.2f} s, 2 threads {two:.2f} s "
      f"(medians), speed-up {one / two:.2f}x")
PY
