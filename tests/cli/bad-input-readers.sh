#!/bin/sh
# The bad-input corpus, reader cases: boundary files (numeric codes, names
# that are not UTF-8, broken polygons, a CRS that does not fit), empty and
# header-only tables, negative counts, --draws/--seed out of range and a
# fractional targeting decile (helpers in bad-input.inc).
. "$(dirname "$0")/tap.inc"

. "$(dirname "$0")/bad-input.inc"

WARDS=$ROOT/data/trafford/boundaries/wards_2023.geojson
AGE=trafford/census2021/2021_population_by_5_year_age_bands_lsoa_trafford.csv
IMD=trafford/imd2019/gb_imd_e_trafford.csv
HOUSEHOLDS=trafford/census2021/2021_household_composition_lsoa_trafford.csv

# edit_wards FILE: the study reading its areas from $WORK/FILE.
edit_wards () { mkstudy; sed -i "s|$WARDS|$WORK/$1|" "$WORK/study.yaml"; }

# A copy of the wards with the first feature's geometry replaced (python3,
# which the tests need anyway).
wards_with_geometry () { # wards_with_geometry OUT GEOJSON-GEOMETRY
  python3 - "$WARDS" "$WORK/$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["features"][0]["geometry"] = json.loads(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"))
EOF
}

# Numeric codes and names are read as text ("819"), not through a freed
# buffer; these codes join nothing, which is the error.
sed -e 's/"area_code": "E050\([0-9]*\)"/"area_code": \1/g' -e 's/"area_name": "[^"]*"/"area_name": 7/g' \
  "$WARDS" > "$WORK/numeric.geojson"
edit_wards numeric.geojson
expect "numeric area codes in the boundary file" 1 "dataset 'ofcom_speed_2022': none of its 21 codes \(E05015239, E05015240, .*is a code of the study's areas"

# The IMD table as a spreadsheet whose LSOA codes are numbers (E01006109 -> 6109).
cp "$ROOT/data/$IMD" "$WORK/imd.csv"
sed -i 's/^E,E0100\([0-9]*\),/E,\1,/' "$WORK/imd.csv"
rm -f "$WORK/imd.xlsx"
ogr2ogr -f XLSX -oo AUTODETECT_TYPE=YES "$WORK/imd.xlsx" "$WORK/imd.csv" 2>/dev/null
mkstudy; sed -i "s|$ROOT/data/$IMD|$WORK/imd.xlsx|" "$WORK/study.yaml"
expect "an XLSX table read as CSV" 1 "imd.xlsx:1:[0-9]+: the header is not UTF-8 text \(a spreadsheet needs 'shape: ogr'"
sed -i "/imd.xlsx/{n;s/shape: wide/shape: ogr/}" "$WORK/study.yaml"
expect "numeric codes in an XLSX table" 1 "imd.xlsx: dataset 'imd2019_scores': [0-9]+ of [0-9]+ codes \(6[0-9]{3}, 6[0-9]{3}, "

: > "$WORK/empty.geojson"
edit_wards empty.geojson
expect "zero-byte boundary file" 1 "cannot open '.*empty.geojson'"

edit_data "$AGE" '1,$d'
expect "zero-byte long table" 1 "'.*data.csv': the file is empty"

edit_data "$AGE" 's/.*//'
expect "table of blank lines only" 1 "'.*data.csv': the file is empty"

edit_data "$IMD" '2,$d'
expect "header-only wide table" 1 "'.*data.csv': the table has a header but no rows"

edit_data "$HOUSEHOLDS" '2,$d'
expect "header-only long table" 1 "'.*data.csv': the table has a header but no rows"

sed 's/"area_name": "Altrincham"/"area_name": "Altrincham \xe9"/' "$WARDS" > "$WORK/latin1.geojson"
edit_wards latin1.geojson
expect "area name not UTF-8" 1 "latin1.geojson': feature 1: 'area_name' is not valid UTF-8"

wards_with_geometry flat.geojson '{"type": "Polygon", "coordinates": [[[-2.3, 53.4], [-2.2, 53.4], [-2.1, 53.4], [-2.3, 53.4]]]}'
edit_wards flat.geojson
expect "polygon that cannot be repaired" 1 "flat.geojson': area 'E05015239' \(feature 1\) has an invalid polygon that OGR_G_MakeValid cannot repair"

wards_with_geometry point.geojson '{"type": "Point", "coordinates": [-2.3, 53.4]}'
edit_wards point.geojson
expect "point instead of a polygon" 1 "point.geojson': area 'E05015239' \(feature 1\) is a Point, not a polygon"

# British National Grid metres in a GeoJSON without 'crs' (read as WGS84).
rm -f "$WORK/bng.geojson"
ogr2ogr -f GeoJSON -t_srs EPSG:27700 "$WORK/bng_crs.geojson" "$WARDS" 2>/dev/null
grep -v '"crs"' "$WORK/bng_crs.geojson" > "$WORK/bng.geojson"
edit_wards bng.geojson
expect "metres in a GeoJSON read as WGS84" 1 "bng.geojson': coordinates \(x 3[0-9.]+ to 3[0-9.]+, y 3[0-9.]+ to 3[0-9.]+\) do not fit EPSG:4326 \(WGS 84\): they are not longitude/latitude degrees; wrong or missing .prj\?"

# Longitude and latitude in a shapefile whose .prj says EPSG:27700.
ogr2ogr -f 'ESRI Shapefile' -a_srs EPSG:27700 "$WORK/degrees.shp" "$WARDS" 2>/dev/null
edit_wards degrees.shp
expect "degrees under a .prj of EPSG:27700" 1 "degrees.shp': coordinates \(x -2.[0-9]+ to -2.[0-9]+, y 53.[0-9]+ to 53.[0-9]+\) do not fit EPSG:27700 \(OSGB36 / British National Grid\): they look like longitude/latitude degrees; wrong or missing .prj\?"

# A self-intersecting ward is repaired, and the run says so.
python3 - "$WARDS" "$WORK/bowtie.geojson" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
geometry = d["features"][0]["geometry"]
ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
half = len(ring) // 2
ring[1], ring[half] = ring[half], ring[1]
json.dump(d, open(sys.argv[2], "w"))
EOF
edit_wards bowtie.geojson
rm -rf "$WORK/out"
"$DXI" run --quiet "$WORK/study.yaml" -o "$WORK/out" > /dev/null 2> "$WORK/stderr"; got=$?
if [ $got -eq 0 ] && grep -q "bowtie.geojson': 1 invalid (e.g. self-intersecting) polygon repaired with OGR_G_MakeValid: E05015239" "$WORK/out/coverage.txt" \
   && jq -e '.warnings | map(select(test("repaired with OGR_G_MakeValid: E05015239"))) | length == 1' "$WORK/out/manifest.json" > /dev/null
then ok "self-intersecting polygon repaired, with a warning in coverage.txt and manifest.json"
else not_ok "self-intersecting polygon (exit $got: $(cat "$WORK/stderr"))"; fi

# Negative counts: file:row:col with the column and value.
edit_data "$AGE" '3s/,Count,Persons,79$/,Count,Persons,-79/'
expect "negative count in a long table" 1 "data.csv:3:8: negative count '-79' in column 'value' for category 'Aged 5 to 9 years' \(counts are 0 or more\)"

# An IMD score is a score, not a count: a negative one is read.
edit_data "$IMD" '3s|,52.996,|,-52.996,|'
rm -rf "$WORK/out"
"$DXI" run --quiet "$WORK/study.yaml" -o "$WORK/out" > /dev/null 2> "$WORK/stderr"; got=$?
if [ $got -eq 0 ]; then ok "a negative score is not a count"; else not_ok "a negative score (exit $got: $(cat "$WORK/stderr"))"; fi

# --draws and --seed hold the limits of the files' draws and seed.
mkstudy
expect_run "--draws above the limit" 2 "--draws must be a whole number from 0 to 1000000, found '100000000'" --draws 100000000 "$WORK/study.yaml"
expect_run "--draws past 32 bits" 2 "--draws must be a whole number from 0 to 1000000, found '4294967297'" --draws 4294967297 "$WORK/study.yaml"
expect_run "negative --draws" 2 "--draws must be a whole number from 0 to 1000000, found '-1'" --draws=-1 "$WORK/study.yaml"
expect_run "--draws not a number" 2 "--draws must be a whole number from 0 to 1000000, found '1e3'" --draws 1e3 "$WORK/study.yaml"
expect_run "negative --seed" 2 "--seed must be a whole number from 0 to 4294967295, found '-5'" --seed=-5 "$WORK/study.yaml"
expect_run "--seed past 32 bits" 2 "--seed must be a whole number from 0 to 4294967295, found '4294967296'" --seed 4294967296 "$WORK/study.yaml"

rm -rf "$WORK/out"
"$DXI" run --quiet --draws 0 --seed 4294967295 "$WORK/study.yaml" -o "$WORK/out" > /dev/null 2> "$WORK/stderr"; got=$?
if [ $got -eq 0 ] && jq -e '.settings | tostring | contains("index.draws") and contains("\"0\"") and contains("4294967295")' "$WORK/out/manifest.json" > /dev/null
then ok "--draws 0 and --seed 4294967295 are in range"
else not_ok "--draws 0 --seed 4294967295 (exit $got: $(cat "$WORK/stderr"))"; fi

# A targeting decile of 1.5: one error at the decile (not two set over each other).
edit_scenario '0,/targeting: {top_percent: 30}/s//targeting: {deciles: [1, 1.5]}/'
line=$(lineof scenario.yaml 'deciles: \[1, 1.5\]')
expect_scenario "fractional targeting decile" 1 "^dxi: .*scenario.yaml:$line:30: deciles are whole numbers from 1 \(most excluded\) to 10, found '1.5'$"
if grep -q "GError set over" "$WORK/stderr"; then not_ok "fractional decile: GError set twice"; else ok "fractional decile: one error"; fi

edit_scenario 's/monte_carlo: {draws: 10000, seed: 2025}/monte_carlo: {draws: 10000, seed: -1}/'
expect_scenario "negative scenario seed" 1 "scenario.yaml:[0-9]+:[0-9]+: 'seed' must be between 0 and 4294967295"

# No leak of dxi's own in a run's reading stage: LeakSanitizer in the
# sanitizer build, valgrind otherwise.
mkstudy
if ldd "$DXI" 2>/dev/null | grep -q libasan; then
  "$DXI" check --quiet "$WORK/study.yaml" > /dev/null 2> "$WORK/stderr"; got=$?
elif command -v valgrind > /dev/null; then
  valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
    "$DXI" check --quiet "$WORK/study.yaml" > /dev/null 2> "$WORK/stderr"; got=$?
else got=0; fi
if [ $got -eq 0 ]; then ok "dxi check leaks nothing"; else not_ok "dxi check leaks (exit $got): $(grep -m 5 -e 'lost' -e 'leak' "$WORK/stderr")"; fi

done_testing
