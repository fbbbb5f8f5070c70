#!/bin/sh
# Golden file of coverage.txt's format: the report dxi check prints (the text
# dxi run writes to coverage.txt) for the hand-worked study of
# tests/fixtures/rollup, against tests/golden/coverage.txt, from the
# repository root so that its paths are relative.  The other golden files
# are compared by tests/unit/test-golden.c; tests/golden/update.sh writes
# them all again.
. "$(dirname "$0")/tap.inc"

cd "$ROOT" || exit 1
"$DXI" check tests/fixtures/rollup/study.yaml > "$WORK/coverage.txt" 2> "$WORK/stderr"
got=$?
if [ "$got" -eq 0 ]; then ok "dxi check on the rollup fixture exits 0"
else not_ok "dxi check on the rollup fixture exits $got ($(cat "$WORK/stderr"))"; fi
if diff -u tests/golden/coverage.txt "$WORK/coverage.txt" > "$WORK/diff"; then
  ok "the coverage report equals tests/golden/coverage.txt"
else
  not_ok "the coverage report differs from tests/golden/coverage.txt"
  sed 's/^/# /' "$WORK/diff"
fi

done_testing
