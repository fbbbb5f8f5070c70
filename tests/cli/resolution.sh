#!/bin/sh
# --resolution M on dxi index and dxi run: overrides the study's
# output.resolution (Trafford's study says 100 m), is range-checked with a
# usage error that names the range, and a refused value writes nothing.
. "$(dirname "$0")/tap.inc"
STUDY=$ROOT/scenarios/trafford/study.yaml

pixel_size () { # pixel_size RASTER: the cell width in metres
  gdalinfo -json "$1" | jq -r '.geoTransform[1]'
}

"$DXI" index --quiet --draws 0 --resolution 250 "$STUDY" -o "$WORK/r250" > /dev/null 2> "$WORK/err"
rc=$?
check "dxi index --resolution 250 succeeds (exit $rc $(head -c 200 "$WORK/err"))" test $rc -eq 0
check "index.tif has 250 m cells" test "$(pixel_size "$WORK/r250/index.tif")" = 250
check "decile.tif has 250 m cells" test "$(pixel_size "$WORK/r250/decile.tif")" = 250
check "the manifest records output.resolution 250" \
  test "$(jq -r '.settings["output.resolution"]' "$WORK/r250/manifest.json")" = 250

"$DXI" index --quiet --draws 0 "$STUDY" -o "$WORK/r100" > /dev/null 2>&1
check "without the option the study's 100 m holds" test "$(pixel_size "$WORK/r100/index.tif")" = 100

"$DXI" run --quiet --draws 0 --resolution 1000 "$ROOT/scenarios/trafford/champions.yaml" -o "$WORK/run" > /dev/null 2>&1
check "dxi run --resolution 1000 writes 1000 m cells" test "$(pixel_size "$WORK/run/index.tif")" = 1000

for bad in 0 0.5 10001 -100 abc 100m nan inf ""; do
  "$DXI" index --quiet --resolution "$bad" "$STUDY" -o "$WORK/bad" > /dev/null 2> "$WORK/err"
  rc=$?
  check "--resolution '$bad' is a usage error (exit $rc)" test $rc -eq 2
  check "--resolution '$bad' names the range" \
    grep -q "dxi index: --resolution must be a number of metres from 1 to 10000, found '$bad'" "$WORK/err"
  check "--resolution '$bad' writes nothing" test ! -e "$WORK/bad"
done

# A refused value leaves an existing output folder as it was.
sum_before=$(cat "$WORK/r250"/* | sha256sum)
"$DXI" index --quiet --resolution 0 "$STUDY" -o "$WORK/r250" > /dev/null 2>&1
check "a refused --resolution leaves the previous outputs untouched" test "$(cat "$WORK/r250"/* | sha256sum)" = "$sum_before"

"$DXI" help index > "$WORK/help" 2>&1
check "dxi help index documents --resolution" grep -q -- "--resolution=M" "$WORK/help"
"$DXI" help run > "$WORK/help" 2>&1
check "dxi help run documents --resolution" grep -q -- "--resolution=M" "$WORK/help"
done_testing
