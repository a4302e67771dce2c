#!/usr/bin/env bash
# install_test.sh - `cmake --install` into a temporary prefix, then use what
# it installed as an outside program would: the example C program built with
# pkg-config and with find_package(themes), the Python package, the themes
# program, the manual pages and the completion.  The default models must be
# found in the prefix (share/themes) by the library and the program.
#
# Usage: install_test.sh BUILD_DIR REPO_ROOT LIBDIR CC
# (LIBDIR: CMAKE_INSTALL_LIBDIR, e.g. lib).  Exits 77 (skipped) without
# pkg-config.
set -u
BUILD=${1:?usage: install_test.sh BUILD_DIR REPO_ROOT LIBDIR CC}
ROOT=$(realpath "${2:?usage: install_test.sh BUILD_DIR REPO_ROOT LIBDIR CC}")
LIBDIR=${3:?usage: install_test.sh BUILD_DIR REPO_ROOT LIBDIR CC}
CC=${4:?usage: install_test.sh BUILD_DIR REPO_ROOT LIBDIR CC}
command -v pkg-config >/dev/null || { echo "install_test: no pkg-config; skipped"; exit 77; }

. "$(dirname "$0")/harness.sh"
harness_tmpdir install-test
unset THEMES_MODEL THEMES_MODEL_DIR THEMES_LIBRARY
PREFIX=$TMP/prefix
version=$(sed -n 's/^#define THEMES_VERSION "\(.*\)"/\1/p' "$ROOT/pipeline/themes.h")

check "cmake --install into $PREFIX" \
	cmake --install "$BUILD" --prefix "$PREFIX" >"$TMP/install.log"
for file in bin/themes include/themes.h \
	"$LIBDIR/libthemes.so.$version" "$LIBDIR/libthemes.so.0" "$LIBDIR/libthemes.so" \
	"$LIBDIR/libthemes.a" "$LIBDIR/pkgconfig/themes.pc" \
	"$LIBDIR/cmake/themes/themes-config.cmake" \
	"$LIBDIR/cmake/themes/themes-config-version.cmake" \
	share/man/man1/themes.1.gz share/man/man1/themes-classify.1.gz \
	share/bash-completion/completions/themes \
	share/themes/default.model share/themes/default-ru.model share/themes/default-zh.model \
	lib/python3/dist-packages/themes/__init__.py \
	lib/python3/dist-packages/themes/_installed.py; do
	check "installed: $file" test -e "$PREFIX/$file"
done
check "libthemes.so.0 is a link to libthemes.so.$version" \
	test "$(readlink "$PREFIX/$LIBDIR/libthemes.so.0")" = "libthemes.so.$version"
check "the soname is libthemes.so.0" \
	grep -q 'SONAME.*libthemes\.so\.0\]' <(readelf -d "$PREFIX/$LIBDIR/libthemes.so")
check "no source-tree paths in themes.pc" \
	test -z "$(grep -F "$ROOT" "$PREFIX/$LIBDIR/pkgconfig/themes.pc")"

# The example through pkg-config, as the README shows it.
export PKG_CONFIG_PATH=$PREFIX/$LIBDIR/pkgconfig
check "pkg-config --modversion themes is $version" \
	test "$(pkg-config --modversion themes)" = "$version"
# shellcheck disable=SC2046
check "examples/classify.c builds with pkg-config" \
	"$CC" -std=c99 -Wall -Wextra -pedantic -Werror "$ROOT/examples/classify.c" \
	$(pkg-config --cflags --libs themes) -o "$TMP/classify"
LD_LIBRARY_PATH=$PREFIX/$LIBDIR "$TMP/classify" >"$TMP/classify.out" 2>&1
check "the example runs" test $? -eq 0
check "the example uses the installed library and model" \
	grep -qF "libthemes $version, model $PREFIX/$LIBDIR/../share/themes/default.model" "$TMP/classify.out"
check "the example classifies (history, counter_hegemony, multipolar)" \
	test "$(tail -n +2 "$TMP/classify.out" | cut -f1 | tr '\n' ' ')" = "history counter_hegemony multipolar "
check "the example runs the installed libthemes.so" \
	grep -qF "$PREFIX/$LIBDIR/libthemes.so.0" <(LD_LIBRARY_PATH=$PREFIX/$LIBDIR ldd "$TMP/classify")

# The same example through the CMake package.
check "find_package(themes) configures the example" \
	cmake -S "$ROOT/examples" -B "$TMP/example-build" -DCMAKE_PREFIX_PATH="$PREFIX" \
	-DCMAKE_C_COMPILER="$CC" >"$TMP/cmake.log" 2>&1
check "the CMake example builds" cmake --build "$TMP/example-build" >>"$TMP/cmake.log" 2>&1
check "the CMake example gives the same output" \
	cmp -s "$TMP/classify.out" <("$TMP/example-build/classify" 2>&1)

# The installed program finds its models in the prefix.
printf 'Both nations paid an enormous price to defeat fascism.\n' >"$TMP/clause.txt"
check "the installed themes classifies with share/themes/default.model" \
	grep -q '^1,history,' <("$PREFIX/bin/themes" classify "$TMP/clause.txt")

# The installed Python package finds the installed library beside it.
if [ -x /usr/bin/python3 ]; then
	PYTHONPATH=$PREFIX/lib/python3/dist-packages /usr/bin/python3 -c '
import themes
m = themes.Model.load()
print(themes._lib._name)
print(m.path)
print(m.classify(["Both nations paid an enormous price to defeat fascism."])[0][0])
' >"$TMP/python.out" 2>&1
	check "python: the installed package loads" test $? -eq 0
	check "python: it loads the installed libthemes.so.0" \
		test "$(realpath "$(sed -n 1p "$TMP/python.out")")" = "$(realpath "$PREFIX/$LIBDIR/libthemes.so.0")"
	check "python: the default model is the installed one" \
		test "$(realpath "$(sed -n 2p "$TMP/python.out")")" = "$(realpath "$PREFIX/share/themes/default.model")"
	check "python: it classifies" test "$(sed -n 3p "$TMP/python.out")" = history
fi
[ "$failed" -eq 0 ] || sed 's/^/    /' "$TMP"/*.out "$TMP"/*.log >&2 2>/dev/null
harness_summary
