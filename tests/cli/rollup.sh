#!/bin/sh
# Every ward's population, residents 75+ and IoD scores in areas.csv against
# tests/rollup/rollup.py, which computes them straight from the published
# rows (Python standard library, no dxi code), to 1e-6 relative: Trafford's
# 2023 wards (LSOAs apportioned through OAs, each OA in the ward of its
# largest overlap as SpatiaLite measures it here) and 2022 wards (the ONS
# best fit), Croydon from the national tables when present.
# Also: a lookup whose weights count a source twice, the population
# reconciliation and areas short of min_coverage.
. "$(dirname "$0")/tap.inc"
ROLLUP=$ROOT/tests/rollup/rollup.py
NATIONAL=$ROOT/../shared/data/national

# compare AREAS_CSV EXPECTED_CSV LABEL [WHAT]: one TAP line per ward of EXPECTED.
compare () {
  what=${4:-population, 75+, IMD, income and employment scores}
  if [ ! -s "$1" ]; then
    not_ok "$3: no areas.csv to compare"
    return
  fi
  python3 - "$1" "$2" <<'PY' > "$WORK/compare" 2>&1
import csv, sys
got = {r["code"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
for want in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")):
    row, bad = got.get(want["code"]), []
    for col, w in want.items():
        if col in ("code", "name"):
            continue
        g = row.get(col, "") if row else ""
        try:
            ok = abs(float(g) - float(w)) <= 1e-6 * max(1.0, abs(float(w)))
        except ValueError:
            ok = False
        if not ok:
            bad.append("%s %s against %s" % (col, g or "(none)", w))
    print("%s\t%s\t%s" % ("ok" if row and not bad else "not ok", want["code"] + " " + want["name"],
                          "; ".join(bad) if row else "not in areas.csv"))
PY
  verdicts "$WORK/compare" "$3" "$what as rolled up from the raw rows"
}

# field COLUMN CODE AREAS_CSV
field () {
  awk -F, -v col="$1" -v code="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
    $1 == code { print $c }' "$3"
}

# Trafford, 2023 wards.
TD=$ROOT/data/trafford
"$DXI" index --quiet --draws 10 "$ROOT/scenarios/trafford/study.yaml" -o "$WORK/trafford" > /dev/null 2> "$WORK/err"
rc=$?
check "dxi index on the Trafford study succeeds (exit $rc $(head -c 300 "$WORK/err"))" test $rc -eq 0
sh "$ROOT/tests/rollup/oa_ward.sh" "$TD/boundaries/oa21.geojson" area_code "$TD/boundaries/wards_2023.geojson" area_code \
  "$WORK/oa_ward.csv" "$WORK/oaward.gpkg"
check "SpatiaLite puts each of Trafford's 738 OAs in one 2023 ward" \
  test "$(($(wc -l < "$WORK/oa_ward.csv") - 1))" -eq 738
python3 "$ROLLUP" "$ROOT/tests/rollup/trafford.json" "$WORK/oa_ward.csv" > "$WORK/trafford.csv"
check "rollup.py computes Trafford's 21 wards of 2023" test "$(($(wc -l < "$WORK/trafford.csv") - 1))" -eq 21
compare "$WORK/trafford/areas.csv" "$WORK/trafford.csv" "Trafford 2023"
check "Trafford coverage: population of the source rows reaching the areas 235,044 and of the areas 235,044" \
  grep -q "population of the source areas 235044 (139 of the 139 rows.*of the target areas 235044 (100.00%)" \
  "$WORK/trafford/coverage.txt"
# The rule checked against ONSPD: the postcodes lying in each OA (by their
# coordinates) mostly carry the ward the OA is put in.
ogr2ogr -update -nln pc -s_srs EPSG:4326 -t_srs EPSG:27700 -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat \
  "$WORK/oaward.gpkg" "$TD/lookups/postcodes_onspd_trafford.csv" \
  && ogr2ogr -f CSV "$WORK/pc_oa.csv" -dialect sqlite \
    -sql "SELECT pc.postcode, pc.ward_code, oa.area_code AS oa FROM pc, oa WHERE ST_Within(pc.geom, oa.geom)" \
    "$WORK/oaward.gpkg"
python3 - "$TD/lookups/postcodes_onspd_trafford.csv" "$WORK/oa_ward.csv" "$WORK/pc_oa.csv" > "$WORK/agree" <<'PY'
import csv, sys
ward_of = {r["oa"]: r["ward"] for r in csv.DictReader(open(sys.argv[2]))}
pcs = list(csv.DictReader(open(sys.argv[3])))
print("%d %.4f" % (len(pcs), sum(ward_of.get(r["oa"]) == r["ward_code"] for r in pcs) / len(pcs)))
PY
read -r n_pc agree < "$WORK/agree"
check "of the $n_pc ONSPD postcodes, a share of $agree lie in an OA put in their ONSPD ward (at least 0.95)" \
  awk -v a="$agree" -v n="$n_pc" 'BEGIN { exit !(n == 11264 && a >= 0.95) }'

# coverage.txt compares the apportioned figures with ONS's best-fit LSOA21 ->
# ward 2024 lookup (dxi reads Trafford's rows, rollup.py the national file):
# each ward's population and the largest IMD difference as rollup.py
# computes them both ways.
python3 "$ROLLUP" "$ROOT/tests/rollup/trafford_bestfit.json" > "$WORK/bestfit.csv"
python3 - "$WORK/trafford.csv" "$WORK/bestfit.csv" "$WORK/trafford/coverage.txt" > "$WORK/fit" <<'PY'
import csv, sys
ap = {r["code"]: r for r in csv.DictReader(open(sys.argv[1]))}
bf = {r["code"]: r for r in csv.DictReader(open(sys.argv[2]))}
text = open(sys.argv[3]).read()
for code, r in ap.items():
    p, q = float(r["population"]), float(bf[code]["population"])
    line = "%s (%s): population %.0f against %.0f (%+.0f, %+.1f%%);" % (r["name"], code, p, q, p - q, 100 * (p - q) / q)
    print("%s\t%s" % ("ok" if line in text else "not ok", line))
code = max(ap, key=lambda c: abs(float(ap[c]["imd_score"]) - float(bf[c]["imd_score"])))
g, f = float(ap[code]["imd_score"]), float(bf[code]["imd_score"])
line = "imd_score: %s (%s) %.6g against %.6g (%+.4g)" % (ap[code]["name"], code, g, f, g - f)
print("%s\t%s" % ("ok" if line in text else "not ok", line))
PY
while IFS="$(printf '\t')" read -r verdict line; do
  if [ "$verdict" = ok ]; then ok "coverage.txt against best fit: $line"; else not_ok "coverage.txt lacks: $line"; fi
done < "$WORK/fit"
check "coverage.txt names the method: apportioning through OAs, and the best fit compared with" sh -c \
  "grep -q \"joined apportioning .*oa21_lsoa21_msoa21_lad22_gm.csv' (lsoa21cd) by the population of its parts (oa21cd) .*each whole to its largest share: 37 of 139 sources split between areas\" '$WORK/trafford/coverage.txt' \
   && grep -q \"^lookup 'lsoa21': apportioning \" '$WORK/trafford/coverage.txt' && grep -q \"^lookup 'oa21': overlap of \" '$WORK/trafford/coverage.txt' \
   && grep -q \"through the best fit instead, each source whole in one area ('lsoa21' (best fit 'lsoa21_bestfit': csv .*lsoa21_ward24_bestfit_trafford.csv\" '$WORK/trafford/coverage.txt'"

# Bad apportion definitions: file:line:col or file:row, exit 1.
# bad_study NAME SED PATTERN: the Trafford study edited by SED fails dxi check.
bad_study () {
  sed "s|\.\./\.\./|$ROOT/|g; $2" "$ROOT/scenarios/trafford/study.yaml" > "$WORK/bad.yaml"
  "$DXI" check "$WORK/bad.yaml" > /dev/null 2> "$WORK/bad.err"
  rc=$?
  check "$1: exit 1 ($(cat "$WORK/bad.err"))" sh -c "test $rc -eq 1 && grep -q \"$3\" '$WORK/bad.err'"
}
bad_study "part_weight naming no dataset, at its line" "s|part_weight: census2021_age_oa|part_weight: census2021_age_oaa|" \
  "bad.yaml:[0-9]*:[0-9]*: part_weight 'census2021_age_oaa': no dataset named 'census2021_age_oaa' under 'datasets' (did you mean 'census2021_age_oa'?)"
awk -F, 'NR == 3 { print "E00030771,E01006111,x,x,x,x,x" } { print }' "$TD/lookups/oa21_lsoa21_msoa21_lad22_gm.csv" > "$WORK/twice.csv"
bad_study "an OA given to two LSOAs, naming the row" "s|file: .*oa21_lsoa21_msoa21_lad22_gm.csv|file: $WORK/twice.csv|" \
  "twice.csv:6247: part 'E00030771' is given to 'E01006079' here and to 'E01006111' before"
bad_study "an apportion lookup as its own best fit" "s|best_fit: lsoa21_bestfit|best_fit: lsoa21|" \
  "bad.yaml:[0-9]*:[0-9]*: lookup 'lsoa21' cannot be its own best fit"
bad_study "an unknown assign rule, with the choices" "s|assign: largest|assign: biggest|" \
  "bad.yaml:[0-9]*:[0-9]*: unknown value 'biggest'.*'largest', 'shared'"

# An LSOA elsewhere in Greater Manchester (Bolton's E01004771, whose OAs are
# in the OA lookup but reach no ward) lies outside the areas: no mismatch.
TAGE=$TD/census2021/2021_population_by_5_year_age_bands_lsoa_trafford.csv
{ cat "$TAGE"; grep '^E01006109,' "$TAGE" | sed 's/^E01006109,Trafford 001A,/E01004771,Bolton 003C,/'; } > "$WORK/gm_age.csv"
sed "s|\.\./\.\./|$ROOT/|g; s|file: .*2021_population_by_5_year_age_bands_lsoa_trafford.csv|file: $WORK/gm_age.csv|" \
  "$ROOT/scenarios/trafford/study.yaml" > "$WORK/gm.yaml"
"$DXI" check "$WORK/gm.yaml" > "$WORK/gm.txt" 2>&1
rc=$?
check "an LSOA of another borough through the apportioning lies outside the areas (exit $rc)" sh -c \
  "test $rc -eq 0 && grep -q 'joined apportioning .*139 codes reach the areas, 1 lie outside them, 0 are not in the lookup' '$WORK/gm.txt'"

# Trafford, 2022 wards through the ONS best-fit lookup.
"$DXI" index --quiet --draws 10 "$ROOT/scenarios/trafford/study_wards2022.yaml" -o "$WORK/trafford22" > /dev/null 2> "$WORK/err"
rc=$?
check "dxi index on the Trafford 2022-ward study succeeds (exit $rc $(head -c 300 "$WORK/err"))" test $rc -eq 0
python3 "$ROLLUP" "$ROOT/tests/rollup/trafford_wards2022.json" > "$WORK/trafford22.csv"
compare "$WORK/trafford22/areas.csv" "$WORK/trafford22.csv" "Trafford 2022"

# A lookup whose weight column says 2 would double Trafford's population
# (470,088): an error naming the file and row, unless it says it apportions.
mkdir -p "$WORK/double"
awk -F, -v OFS=, 'NR == 1 { print $0, "w"; next } { print $0, 2 }' \
  "$ROOT/data/trafford/lookups/lsoa21_wd22_bestfit_gm.csv" > "$WORK/double/lookup.csv"
sed "s|\.\./\.\./|$ROOT/|g; s|file: .*lsoa21_wd22_bestfit_gm.csv|file: $WORK/double/lookup.csv\n    weight_column: w|" \
  "$ROOT/scenarios/trafford/study_wards2022.yaml" > "$WORK/double/study.yaml"
"$DXI" check "$WORK/double/study.yaml" > /dev/null 2> "$WORK/double/err"
rc=$?
check "weights of 2 in a lookup: exit 1 (got $rc)" test $rc -eq 1
check "weights of 2: the message names file:row and the code ($(head -c 200 "$WORK/double/err"))" \
  grep -q "lookup.csv:2: the weights of 'E01004861' sum to 2, more than 1" "$WORK/double/err"
sed "s|    weight_column: w|    weight_column: w\n    apportions: true|" "$WORK/double/study.yaml" > "$WORK/double/apportions.yaml"
"$DXI" index --quiet --draws 10 "$WORK/double/apportions.yaml" -o "$WORK/double/out" > /dev/null 2>&1
rc=$?
check "apportions: true accepts the weights (exit $rc)" test $rc -eq 0
check "and the reconciliation shows the doubled population (235,044 against 470,088)" \
  grep -q "population of the source areas 235044 .*of the target areas 470088 (200.00%)" "$WORK/double/out/coverage.txt"

# Percentages of premises averaged by premises counts, of the same table and
# of another (tests/fixtures/rollup/study_premises.yaml), against rollup.py.
"$DXI" index --quiet "$ROOT/tests/fixtures/rollup/study_premises.yaml" -o "$WORK/premises" > /dev/null 2> "$WORK/err"
rc=$?
check "dxi index on the premises fixture succeeds (exit $rc $(head -c 300 "$WORK/err"))" test $rc -eq 0
python3 "$ROLLUP" premises "$ROOT/tests/rollup/premises.json" \
  | sed '1s/.*/code,name,gigabit,gigabit_other/' > "$WORK/premises.csv"
compare "$WORK/premises/areas.csv" "$WORK/premises.csv" "premises fixture" \
  "gigabit availability by the premises of its own table and of another"
python3 "$ROLLUP" premises "$ROOT/tests/rollup/premises.json" \
  | sed '1s/.*/code,name,gigabit,gigabit_study/' > "$WORK/premises_study.csv"
compare "$WORK/premises/areas.csv" "$WORK/premises_study.csv" "premises fixture, the study's average_by" \
  "gigabit availability by its own premises, and by another table's as the study says"
check "the one averaged by households is warned of as a proxy" \
  grep -q "WARNING: indicator 'gigabit_households' is a percentage of premises averaged by households, a proxy" \
  "$WORK/premises/coverage.txt"

# Croydon, from the national tables.
if [ ! -d "$NATIONAL" ]; then
  ok "# SKIP Croydon: no national data at $NATIONAL"
  done_testing
  exit
fi
"$DXI" index --quiet --draws 10 "$ROOT/scenarios/croydon/study.yaml" -o "$WORK/croydon" > /dev/null 2> "$WORK/err"
rc=$?
check "dxi index on the Croydon study succeeds (exit $rc $(head -c 300 "$WORK/err"))" test $rc -eq 0
python3 "$ROLLUP" "$ROOT/tests/rollup/croydon.json" > "$WORK/croydon.csv"
check "rollup.py computes Croydon's 28 wards" test "$(($(wc -l < "$WORK/croydon.csv") - 1))" -eq 28
compare "$WORK/croydon/areas.csv" "$WORK/croydon.csv" Croydon
# E01001045 splits 1,120 / 1,628 / 2,115: its 2,115 in the ward count whole.
got=$(field imd_score E05011475 "$WORK/croydon/areas.csv")
check "Park Hill & Whitgift IMD score $got is the independent 17.66" \
  awk -v g="$got" 'BEGIN { exit !(g > 17.655 && g < 17.665) }'
check "Croydon coverage: the national table's 229 rows reaching the areas, 390,665 and 390,665" \
  grep -q "population of the source areas 390665 (229 of the 35672 rows.*of the target areas 390665 (100.00%)" \
  "$WORK/croydon/coverage.txt"
check "Croydon coverage: E01034139 has no broadband row; Broad Green has 91.2% of its population with data" \
  grep -q "have no row (E01034139); share of each area's weight with data: Broad Green (E05011465) 91.2%" \
  "$WORK/croydon/coverage.txt"
check "Croydon's file has no premises count: gigabit availability, a % of premises, is averaged by households and warned of as a proxy" \
  grep -q "WARNING: indicator 'gigabit_availability' is a percentage of premises averaged by households, a proxy weight" \
  "$WORK/croydon/coverage.txt"
got=$(field gigabit_availability E05011465 "$WORK/croydon/areas.csv")
check "Broad Green gigabit availability is given at min_coverage 0.9 ($got)" test -n "$got"
sed "s|\.\./\.\./\.\./shared/|$ROOT/../shared/|g; s|\.\./\.\./|$ROOT/|g; s|  on_mismatch: error|  on_mismatch: error\n  min_coverage: 0.95|" \
  "$ROOT/scenarios/croydon/study.yaml" > "$WORK/strict.yaml"
"$DXI" index --quiet --draws 10 "$WORK/strict.yaml" -o "$WORK/strict" > /dev/null 2>&1
got=$(field gigabit_availability E05011465 "$WORK/strict/areas.csv")
check "at min_coverage 0.95 Broad Green's gigabit availability is missing, not averaged from the rest ('$got')" \
  test -z "$got"
check "and coverage.txt says so" grep -q "indicator 'gigabit_availability': 1 area(s) .*Broad Green (E05011465)" \
  "$WORK/strict/coverage.txt"
done_testing
