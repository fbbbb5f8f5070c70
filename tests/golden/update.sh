#!/bin/sh
# Write the golden files again from the writers (after a deliberate change of
# a format): builds and runs tests/unit/test-golden.c with DXI_GOLDEN_UPDATE
# set, then shows what changed.  Check every changed value by hand against
# the fixture in test-golden.c before committing.
set -e
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
make -j2 "$BUILD/tests/test-golden"
DXI_GOLDEN_UPDATE=1 "$BUILD/tests/test-golden"
git --no-pager diff --stat -- tests/golden
