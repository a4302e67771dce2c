#!/usr/bin/env bash
# Builds themes with AddressSanitizer and UndefinedBehaviorSanitizer into
# build-asan/ (Debug) and runs its tests there.  Exits non-zero when the
# build or any test fails (a sanitizer report fails the test that hit it).
#   scripts/sanitize.sh [extra ctest options...]
# The slow corpus check and the headless-browser rendering tests (render_*,
# html_*) do not exercise our C code in new ways and are left out.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc)
cmake -S . -B build-asan -DTHEMES_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$jobs" >&2

# halt_on_error: the first report ends the process with a non-zero status.
# detect_leaks: LeakSanitizer runs at exit (libgomp's thread pool is not a
# leak: its memory is still reachable, which LSan does not report).
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0:exitcode=86}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

cd build-asan
# default_model_fresh retrains on the whole corpus: minutes in a Debug
# sanitizer build, for code the model tests already cover.
ctest --output-on-failure -j"$jobs" -E '^(check_corpus|render_.*|html_.*|default_model_fresh.*)$' "$@"
