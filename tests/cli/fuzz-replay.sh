#!/bin/sh
# Replay the fuzz corpora: every seed (tests/fuzz/corpus/<target>/) and every
# input that once crashed (tests/fuzz/crashes/<target>/) through the target
# built with the normal compiler ($BUILD/fuzz/fuzz-<target>, replay.c).
# A crash, an abort or a sanitizer report fails the file.
. "$(dirname "$0")/tap.inc"
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac

for dir in "$ROOT"/tests/fuzz/corpus/* "$ROOT"/tests/fuzz/crashes/*; do
  target=$(basename "$dir")
  kind=$(basename "$(dirname "$dir")")
  bin=$BUILD/fuzz/fuzz-$target
  if [ ! -x "$bin" ]; then
    not_ok "fuzz-$target is built ($bin)"
    continue
  fi
  for f in "$dir"/*; do
    [ -f "$f" ] || continue
    case $(basename "$f") in README*) continue ;; esac
    if TMPDIR=$WORK "$bin" "$f" >"$WORK/out" 2>&1; then
      ok "fuzz-$target replays $kind/$target/$(basename "$f")"
    else
      not_ok "fuzz-$target replays $kind/$target/$(basename "$f")"
      sed 's/^/# /' "$WORK/out" | tail -20
    fi
  done
done
done_testing
