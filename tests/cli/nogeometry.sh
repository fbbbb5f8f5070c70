#!/bin/sh
# Target areas from a table with no geometry (issue 8 point 10): GMCA's DERI
# v1.6 input table, 914 LSOA11 rows, as the areas of scenarios/gm/.  The
# index and appraisal outputs are written, no map, layer or raster; the run
# says so once; one LSOA's index inputs are checked against its raw row.
. "$(dirname "$0")/tap.inc"
DERI=$ROOT/../shared/data/gm/deri_inputs_v1.6_gm_partial.csv
if [ ! -f "$DERI" ]; then
  echo "1..0 # SKIP $DERI not present"
  exit 0
fi
STUDY=$ROOT/scenarios/gm/deri_lsoa11.yaml
SCENARIO=$ROOT/scenarios/gm/champions.yaml

"$DXI" check "$STUDY" > "$WORK/check.out" 2> "$WORK/check.err"
rc=$?
check "dxi check on a table of areas succeeds (exit $rc $(head -c 200 "$WORK/check.err"))" test $rc -eq 0
check "... reads its 914 areas" grep -q "^study 'deri_lsoa11': 914 areas from " "$WORK/check.out"
check "... and says once that maps are skipped" test "$(grep -c 'no geometry: maps skipped' "$WORK/check.out" "$WORK/check.err" | awk -F: '{s += $2} END {print s}')" -eq 1

"$DXI" run "$SCENARIO" -o "$WORK/run" > "$WORK/run.out" 2> "$WORK/run.err"
rc=$?
check "dxi run succeeds (exit $rc $(head -c 200 "$WORK/run.err"))" test $rc -eq 0
for f in areas.csv coverage.txt diagnostics.txt appraisal.csv compare.csv optimise.csv business_case.xlsx manifest.json; do
  check "run writes $f" test -s "$WORK/run/$f"
done
check "run writes no map, layer or raster" sh -c "! ls '$WORK/run' | grep -E '^(map\\.|wards\\.|wards_|index\\.tif|decile\\.tif)'"
check "the run says once that maps are skipped" test "$(cat "$WORK/run.out" "$WORK/run.err" | grep -c 'no geometry: maps skipped')" -eq 1
check "the run summary still lists the areas by rank" grep -q "^\\.\\.\\. 854 more areas in areas.csv" "$WORK/run.out"
check "manifest.json lists exactly what was written" sh -c \
  "jq -r '.outputs[]' '$WORK/run/manifest.json' | sort > '$WORK/listed' && ls '$WORK/run' | grep -v '^manifest.json\$' | sort > '$WORK/present' && cmp -s '$WORK/listed' '$WORK/present'"
check "manifest.json warns that maps are skipped" \
  sh -c "jq -e '.warnings | map(select(test(\"no geometry: maps skipped\"))) | length == 1' '$WORK/run/manifest.json'"

"$DXI" index --quiet "$STUDY" -o "$WORK/index" > /dev/null 2> "$WORK/index.err"
rc=$?
check "dxi index succeeds and writes areas.csv, no map ($rc)" sh -c "test $rc -eq 0 -a -s '$WORK/index/areas.csv' -a ! -e '$WORK/index/map.png' -a ! -e '$WORK/index/wards.gpkg'"

# One area's index inputs, from its raw row (Python's csv module), against
# areas.csv: Stockport 034B (E01005787).
python3 - "$DERI" "$WORK/run/areas.csv" E01005787 > "$WORK/hand.txt" 2>&1 <<'PY'
import csv, sys
raw = {r["LSOA code"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))}
out = {r["code"]: r for r in csv.DictReader(open(sys.argv[2]))}
code = sys.argv[3]
r, o = raw[code], out[code]
f = lambda k: float(r[k])
lim, notlim = f("Day-to-day activities limited"), f("Day-to-day activities not limited")
want = {
    "population": f("Total population"),
    "deri_age_65_74": 100 * f("Aged 65-74") / f("Total population"),
    "deri_age_75_plus": 100 * f("Aged 75+") / f("Total population"),
    "deri_activity_limited": 100 * lim / (lim + notlim),
    "deri_no_30mbit": f("Percentage of homes unable to receive at least 30Mbit/s broadband"),
    "deri_download_speed": f("Average download speed (Mbit/s)"),
    "deri_imd_score": f("Index of Multiple Deprivation 2019 score - England base"),
    # ONS Internet users 2018 rates of rates.yaml: 55-64 8%, 65-74 20%, 75+ 56%.
    "excluded_adults": 0.08 * f("Aged 55-64") + 0.20 * f("Aged 65-74") + 0.56 * f("Aged 75+"),
}
# Min-max 0-10 over the 914 areas, higher is worse: the IMD score's normalised value.
imd = [float(x["Index of Multiple Deprivation 2019 score - England base"]) for x in raw.values()]
want["norm_deri_imd_score"] = 10 * (f("Index of Multiple Deprivation 2019 score - England base") - min(imd)) / (max(imd) - min(imd))
bad = [f"{k}: want {v} got {o[k]}" for k, v in want.items() if abs(float(o[k]) - v) > 1e-6 * max(1, abs(v))]
print("\n".join(bad) if bad else "ok")
sys.exit(1 if bad else 0)
PY
check "Stockport 034B's index inputs equal its raw row ($(head -c 300 "$WORK/hand.txt"))" grep -qx ok "$WORK/hand.txt"

# Where geometry is needed, a clear error at file:line:col.
sed "s|\\.\\./\\.\\./\\.\\./shared|$ROOT/../shared|; s|\\.\\./\\.\\./indicators|$ROOT/indicators|; s|    geography: lsoa11|    geography: wards|" "$STUDY" > "$WORK/overlap.yaml"
cat >> "$WORK/overlap.yaml" <<'YAML'
lookups:
  wards:
    kind: overlap
    from_areas: WARDS
    from_code_field: area_code
YAML
sed -i "s|WARDS|$ROOT/../shared/data/gm/wards_2022_gm.geojson|" "$WORK/overlap.yaml"
"$DXI" run "$WORK/overlap.yaml" -o "$WORK/overlap" > /dev/null 2> "$WORK/overlap.err"
rc=$?
line=$(grep -n 'kind: overlap' "$WORK/overlap.yaml" | cut -d: -f1)
check "an overlap lookup to a table of areas is an error at its kind ($rc: $(head -c 300 "$WORK/overlap.err"))" sh -c \
  "test $rc -eq 1 && grep -q '^dxi: $WORK/overlap.yaml:$line:11: lookup .wards.: an overlap needs the study.s areas as boundaries, but .*is a table of areas with no geometry' '$WORK/overlap.err'"
check "... writing nothing" test ! -e "$WORK/overlap"
check "... never 'no coordinate reference system'" sh -c "! grep -q 'coordinate reference system' '$WORK/overlap.err'"
# An overlap from a table of areas.
sed "s|^  file: .*deri_inputs.*|  file: $ROOT/../shared/data/gm/wards_2022_gm.geojson|; s|^  code_field: LSOA code|  code_field: area_code|; s|^  name_field: LSOA name|  name_field: area_name|; s|from_areas: .*|from_areas: $DERI|; s|from_code_field: area_code|from_code_field: LSOA code|" "$WORK/overlap.yaml" > "$WORK/from_table.yaml"
"$DXI" check "$WORK/from_table.yaml" > /dev/null 2> "$WORK/from_table.err"
rc=$?
line=$(grep -n 'from_areas:' "$WORK/from_table.yaml" | cut -d: -f1)
check "an overlap from a table is an error at from_areas ($rc: $(head -c 300 "$WORK/from_table.err"))" sh -c \
  "test $rc -eq 1 && grep -q '^dxi: $WORK/from_table.yaml:$line:17: lookup .wards.: .*is a table with no geometry; an overlap needs boundaries' '$WORK/from_table.err'"
done_testing
