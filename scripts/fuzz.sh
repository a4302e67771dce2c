#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (Debian's clang and
# libclang-rt-14-dev) into build-fuzz/ and runs each for a bounded time.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60, all)
# A crash is copied to tests/fuzz/findings/TARGET/ so that, once fixed, it
# stays a regression input (ctest replays that folder in every build).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(csv tokenize segment model)

missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
scripts/setup.sh >&2   # Debian dependencies (and the normal build)
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DTHEMES_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null

status=0
for t in "${targets[@]}"; do
  work=build-fuzz/corpus/$t
  mkdir -p "$work" "tests/fuzz/findings/$t" build-fuzz/artifacts
  max_len=4096
  [ "$t" = model ] && max_len=65536
  echo "== fuzz_$t for ${seconds}s" >&2
  if ! build-fuzz/tests/fuzz/fuzz_$t "$work" "tests/fuzz/seeds/$t" \
        -max_total_time="$seconds" -max_len=$max_len -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix=build-fuzz/artifacts/$t- 2> "build-fuzz/fuzz_$t.log"; then
    status=1
    echo "fuzz_$t found a failure; see build-fuzz/fuzz_$t.log" >&2
    cp build-fuzz/artifacts/$t-* "tests/fuzz/findings/$t/" 2>/dev/null || true
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/fuzz_$t.log" | sed "s/^/fuzz_$t: /"
done
exit $status
