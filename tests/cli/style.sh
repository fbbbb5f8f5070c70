#!/bin/sh
# The code's house rules (issue 13.5, STYLE.md), on every source file of
# model/: formatted as the repository's .clang-format says, no line over 100
# columns, no function over 80 lines (tests/style/long-functions.awk).
. "$(dirname "$0")/tap.inc"

cd "$ROOT" || exit 1
files=$(ls model/*/*.c model/*/*.h)

if command -v clang-format >/dev/null 2>&1; then
  unformatted=""
  for f in $files; do
    clang-format --dry-run "$f" 2>&1 | grep -q warning && unformatted="$unformatted $f"
  done
  if [ -z "$unformatted" ]; then ok "every file in model/ is clang-format clean"
  else not_ok "not clang-format clean (run clang-format -i):$unformatted"; fi
else
  not_ok "clang-format is not installed (make check installs it)"
fi

LC_ALL=C.UTF-8 grep -n '.\{101,\}' $files > "$WORK/long-lines"
if [ ! -s "$WORK/long-lines" ]; then ok "no line in model/ is over 100 columns"
else not_ok "lines over 100 columns:"; sed 's/^/# /' "$WORK/long-lines"; fi

awk -f tests/style/long-functions.awk $files > "$WORK/long-functions"
if [ ! -s "$WORK/long-functions" ]; then ok "no function in model/ is over 80 lines"
else not_ok "functions over 80 lines:"; sed 's/^/# /' "$WORK/long-functions"; fi

# The check itself can fail: a function of 81 lines is reported.
{ echo "f (void)"; echo "{"; i=0; while [ $i -lt 79 ]; do echo "  x ();"; i=$((i + 1)); done; echo "}"; } \
  > "$WORK/long.c"
if awk -f tests/style/long-functions.awk "$WORK/long.c" | grep -q ': f: 81 lines'; then
  ok "a function of 81 lines is reported by the length check"
else not_ok "the length check misses a function of 81 lines"; fi

done_testing
