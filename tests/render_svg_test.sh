#!/usr/bin/env bash
# Renders the evaluation SVG report in headless Chromium (Debian's package)
# and checks that the page is a chart, not a blank or broken image: the DOM
# holds the title and every theme, and the screenshot has the heat map's
# blue cells and dark text.  Skipped (exit 77) when chromium is missing.
#   render_svg_test.sh THEMES_BINARY REPO_ROOT
set -u
themes=$1 root=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (scripts/test.sh installs it)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/harness.sh"

"$themes" eval -m "$root/models/default.model" "$root/corpus/test.csv" \
  --bootstrap 100 --svg "$work/report.svg" >/dev/null
check_sh "SVG written" '[ -s "$work/report.svg" ]'
size=$(sed -n 's/.*<svg[^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$work/report.svg" | head -1)
check_sh "SVG declares its size" '[ -n "$size" ]'

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$work/profile" --hide-scrollbars)
timeout 60 "$browser" "${flags[@]}" --dump-dom "file://$work/report.svg" \
  > "$work/dom.html" 2>/dev/null
check_sh "DOM has the title" 'grep -q "macro-F1" "$work/dom.html"'
for theme in endure history counter_hegemony china_lead multipolar legitimacy; do
  check_sh "DOM names $theme" 'grep -q ">$theme<" "$work/dom.html"'
done
timeout 60 "$browser" "${flags[@]}" --window-size="$size" \
  --screenshot="$work/shot.png" "file://$work/report.svg" >/dev/null 2>&1
check_sh "screenshot taken" '[ -s "$work/shot.png" ]'
if [ -s "$work/shot.png" ]; then
  read -r width height total dark blue < <(python3 "$root/tests/png_colours.py" "$work/shot.png")
  # The heat map's diagonal and the F1 bars are blue; labels are dark text.
  check_sh "screenshot has blue cells and bars ($blue px)" '[ "$blue" -gt $((total / 50)) ]'
  check_sh "screenshot has text ($dark px)" '[ "$dark" -gt $((total / 500)) ]'
  check_sh "screenshot is not all blue ($blue of $total px)" '[ "$blue" -lt $((total / 2)) ]'
fi
harness_summary
