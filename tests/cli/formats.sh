#!/bin/sh
# --formats LIST on dxi index and dxi run: only the named outputs are
# written (manifest.json, coverage.txt and diagnostics.txt always), each still
# valid; the default is every output; a bad list is a usage error (exit 2)
# that names the formats, and writes nothing.
. "$(dirname "$0")/tap.inc"
STUDY=$ROOT/scenarios/trafford/study.yaml

listing () { (cd "$1" && ls | tr '\n' ' '); }

"$DXI" index --quiet --draws 0 --formats "gpkg, tif,csv" "$STUDY" -o "$WORK/some" > /dev/null 2> "$WORK/err"
rc=$?
check "dxi index --formats 'gpkg, tif,csv' succeeds (exit $rc $(head -c 200 "$WORK/err"))" test $rc -eq 0
want="areas.csv coverage.txt decile.tif diagnostics.txt index.tif manifest.json wards.gpkg "
check "it writes exactly those outputs and the three always written (got: $(listing "$WORK/some"))" \
  test "$(listing "$WORK/some")" = "$want"
check "the manifest lists what is in the folder and no more" \
  test "$(jq -r '.outputs | length' "$WORK/some/manifest.json")" -le 7
check "index.tif opens in GDAL" gdalinfo "$WORK/some/index.tif"
check "wards.gpkg opens in OGR with Trafford's 21 wards" \
  sh -c "ogrinfo -so '$WORK/some/wards.gpkg' wards | grep -q 'Feature Count: 21'"
check "areas.csv has a header and 21 rows" test "$(wc -l < "$WORK/some/areas.csv")" -eq 22

"$DXI" index --quiet --draws 0 --formats map "$STUDY" -o "$WORK/map" > /dev/null 2>&1
check "--formats map writes map.pdf and map.png, no layer, raster or table (got: $(listing "$WORK/map"))" \
  test "$(listing "$WORK/map")" = "coverage.txt diagnostics.txt manifest.json map.pdf map.png "
check "map.pdf is a PDF" pdfinfo "$WORK/map/map.pdf"

"$DXI" index --quiet --draws 0 --formats shp "$STUDY" -o "$WORK/shp" > /dev/null 2>&1
check "--formats shp writes the shapefile with its styles and field list" \
  test "$(listing "$WORK/shp")" = \
  "coverage.txt diagnostics.txt manifest.json wards.cpg wards.dbf wards.prj wards.qmd wards.qml wards.shp wards.shx wards_fields.csv "

"$DXI" run --quiet --draws 0 --formats xlsx "$ROOT/scenarios/trafford/champions.yaml" -o "$WORK/run" > /dev/null 2>&1
check "dxi run --formats xlsx writes the business case, no CSV (got: $(listing "$WORK/run"))" \
  test "$(listing "$WORK/run")" = "business_case.xlsx coverage.txt diagnostics.txt manifest.json "

"$DXI" index --quiet --draws 0 "$STUDY" -o "$WORK/all" > /dev/null 2>&1
for f in areas.csv index.tif decile.tif map.pdf map.png wards.gpkg wards.shp; do
  check "without --formats $f is written" test -s "$WORK/all/$f"
done

for bad in pdf "gpkg,,tif" "csv,csv" "" "," "GPKG" "tif;csv"; do
  "$DXI" index --quiet --formats "$bad" "$STUDY" -o "$WORK/bad" > /dev/null 2> "$WORK/err"
  rc=$?
  check "--formats '$bad' is a usage error (exit $rc)" test $rc -eq 2
  check "--formats '$bad' names the formats" \
    grep -q "dxi index: --formats: .*(the formats are gpkg, shp, tif, csv, xlsx, map)" "$WORK/err"
  check "--formats '$bad' writes nothing" test ! -e "$WORK/bad"
done
"$DXI" index --quiet --formats pdf "$STUDY" -o "$WORK/bad" > /dev/null 2> "$WORK/err"
check "an unknown name is quoted" grep -q "unknown format 'pdf'" "$WORK/err"
"$DXI" index --quiet --formats csv,csv "$STUDY" -o "$WORK/bad" > /dev/null 2> "$WORK/err"
check "a repeated name is quoted" grep -q "repeated format 'csv'" "$WORK/err"

"$DXI" help index > "$WORK/help" 2>&1
check "dxi help index documents --formats" grep -q -- "--formats=LIST" "$WORK/help"
done_testing
