#!/bin/sh
# Write the golden files again (after a deliberate change of a format): runs
# tests/unit/test-golden.c with DXI_GOLDEN_UPDATE set and writes
# coverage.txt from dxi check on tests/fixtures/rollup (as
# tests/cli/golden.sh compares it), then shows what changed.  Check every
# changed value by hand against the fixtures before committing.
set -e
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
make -j2 "$BUILD/dxi" "$BUILD/tests/test-golden"
DXI_GOLDEN_UPDATE=1 "$BUILD/tests/test-golden"
"$BUILD/dxi" check tests/fixtures/rollup/study.yaml > tests/golden/coverage.txt
git --no-pager diff --stat -- tests/golden
git status --short -- tests/golden
