#!/bin/sh
# A dataset's own keys, so that one national table needs no check turned off:
# `filter` on a wide table, `missing_markers` and `on_mismatch`.
#   Stockport's wards from GMCA's DERI input table (a GM-wide file with two
#   '#VALUE!' cells), every figure against a roll-up computed here from the
#   raw rows (Python standard library, no dxi code);
#   on_mismatch of one dataset overriding the study's, each way.
. "$(dirname "$0")/tap.inc"
GM=$ROOT/tests/fixtures/gm

# Stockport: filter {Local authority name: Stockport}, missing_markers ['#VALUE!'].
"$DXI" index --quiet --draws 10 "$GM/study_stockport.yaml" -o "$WORK/stockport" > /dev/null 2> "$WORK/err"
rc=$?
check "dxi index on the Stockport DERI study succeeds (exit $rc $(head -c 300 "$WORK/err"))" test $rc -eq 0
check "coverage: the filter kept Stockport's 104 of the table's 914 rows, one cell missing ('#VALUE!')" \
  grep -q "104 rows (the filter 'Local authority name: Stockport' kept 104 of the file's 914 rows), 8 columns, 1 missing" \
  "$WORK/stockport/coverage.txt"
python3 - "$GM/deri_inputs_v1.6_gm_partial.csv" "$WORK/stockport/areas.csv" <<'PY' > "$WORK/compare" 2>&1
# Each ward from the raw rows of Stockport: counts summed, rates recomputed,
# averages weighted by Total population over the rows with a value; an
# average whose rows with a value hold less than 90% of the ward's
# population is missing (min_coverage).
import csv, sys
src = [r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig"))
       if r["Local authority name"] == "Stockport"]
got = {r["code"]: r for r in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8"))}
def num(t):
    return None if t == "#VALUE!" else float(t)
wards = {}
for r in src:
    wards.setdefault(r["Ward code"], []).append(r)
averages = {"deri_unemployment": "Unemployment rate",
            "deri_imd_score": "Index of Multiple Deprivation 2019 score - England base",
            "deri_no_qualifications": "Percentage of residents aged 16+ with no qualifications"}
for code, rows in sorted(wards.items()):
    pop = sum(float(r["Total population"]) for r in rows)
    want = {"population": pop,
            "deri_age_75_plus": 100 * sum(float(r["Aged 75+"]) for r in rows) / pop,
            "deri_age_65_74": 100 * sum(float(r["Aged 65-74"]) for r in rows) / pop}
    for ind, col in averages.items():
        have = [(num(r[col]), float(r["Total population"])) for r in rows if num(r[col]) is not None]
        held = sum(p for _, p in have)
        want[ind] = sum(v * p for v, p in have) / held if held >= 0.9 * pop else None
    row, bad = got.get(code), []
    for col, w in want.items():
        g = row.get(col, "") if row else ""
        if w is None:
            if g != "":
                bad.append("%s %s, expected missing" % (col, g))
        elif g == "" or abs(float(g) - w) > 1e-9 * max(1.0, abs(w)):
            bad.append("%s %s against %r" % (col, g or "(none)", w))
    print("%s\t%s\t%s" % ("ok" if row and not bad else "not ok", code + " " + rows[0]["Ward name"],
                          "; ".join(bad) if row else "not in areas.csv"))
PY
check "the roll-up here computes Stockport's 21 wards" test "$(grep -c . "$WORK/compare")" -eq 21
verdicts "$WORK/compare" Stockport \
  "population, 65-74, 75+, no qualifications, unemployment and IMD as rolled up from the raw rows"
check "Cheadle Hulme South's unemployment is missing: E01005787 ('#VALUE!') holds 23.7% of its population" \
  grep -q "indicator 'deri_unemployment': 1 area(s) .*Cheadle Hulme South (E05000786) 76.3%" "$WORK/stockport/coverage.txt"

# on_mismatch of one dataset.  Trafford's disability table with one LSOA's
# code changed to one no lookup has (E01006109 -> E01099999): a mismatch.
# (the 2022 wards, which their LSOAs reach whole by ONS best fit)
sed "s|\.\./\.\./|$ROOT/|g" "$ROOT/scenarios/trafford/study_wards2022.yaml" > "$WORK/base.yaml"
sed 's|^E01006109,|E01099999,|' "$ROOT/data/trafford/census2021/2021_disability_lsoa_trafford.csv" > "$WORK/disability.csv"
DISABILITY='^    file: .*2021_disability_lsoa_trafford.csv'
# variant NAME SED: the study with the changed table and one more edit
variant () {
  sed "s|$DISABILITY|    file: $WORK/disability.csv|; $2" "$WORK/base.yaml" > "$WORK/$1.yaml"
}
run () { # run NAME: exit status of dxi index into $WORK/NAME
  "$DXI" index --quiet --draws 10 "$WORK/$1.yaml" -o "$WORK/$1" > /dev/null 2> "$WORK/$1.err"
  echo $?
}
ON_DISABILITY='s|^    category_column: disability_category|&\n    on_mismatch'

variant default ''
rc=$(run default)
check "a code no lookup has stops the run (exit $rc)" test "$rc" -eq 1
check "naming file:row of the code ($(head -c 200 "$WORK/default.err"))" \
  grep -q "disability.csv:2: dataset 'census2021_disability': 1 of .* codes (E01099999) are not in the lookup" \
  "$WORK/default.err"

variant warn "$ON_DISABILITY: warn|"
rc=$(run warn)
check "the dataset's on_mismatch: warn runs (exit $rc $(head -c 200 "$WORK/warn.err"))" test "$rc" -eq 0
check "and the mismatch is a warning of the run (manifest.json)" grep -q "E01099999" "$WORK/warn/manifest.json"
check "and in coverage.txt" grep -q "WARNING: .*dataset 'census2021_disability': 1 of .*(E01099999)" \
  "$WORK/warn/coverage.txt"

# Clifford (E05000825) keeps 91.1% of its population with a row, above
# min_coverage: its disability rate is the raw rows' of its other LSOAs.
want=$(python3 - "$ROOT/data/trafford" <<'PY'
import csv, sys
d = sys.argv[1]
clifford = {r["lsoa21cd"] for r in csv.DictReader(open(d + "/lookups/lsoa21_wd22_bestfit_gm.csv", encoding="utf-8-sig"))
            if r["wd22cd"] == "E05000825"} - {"E01006109"}
num = den = 0.0
for r in csv.DictReader(open(d + "/census2021/2021_disability_lsoa_trafford.csv", encoding="utf-8-sig")):
    if r["area_code"] in clifford:
        den += float(r["value"])
        num += float(r["value"]) if r["disability_category"].startswith("Disabled under the Equality Act") else 0
print("%.12g" % (100 * num / den))
PY
)
got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "disability") c = i; next } $1 == "E05000825" { print $c }' \
  "$WORK/warn/areas.csv")
check "Clifford's disability rate $got is its other LSOAs' from the raw rows ($want)" \
  awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; exit !(g != "" && d < 1e-6 && d > -1e-6) }'

variant ignore "$ON_DISABILITY: ignore|"
rc=$(run ignore)
check "the dataset's on_mismatch: ignore runs (exit $rc)" test "$rc" -eq 0
check "and the mismatch is no warning of the run" sh -c "! grep -q E01099999 '$WORK/ignore/manifest.json'"
check "but coverage.txt still says it" \
  grep -q "ignored (the dataset's on_mismatch: ignore): .*dataset 'census2021_disability': 1 of .*(E01099999)" \
  "$WORK/ignore/coverage.txt"

# The study says warn; the one dataset that must match says error.
variant strict "$ON_DISABILITY: error|; s|^  on_mismatch: error|  on_mismatch: warn|"
rc=$(run strict)
check "a dataset's on_mismatch: error beats the study's warn (exit $rc)" test "$rc" -eq 1
check "with the same message" grep -q "(E01099999) are not in the lookup" "$WORK/strict.err"

# Only that dataset: the study's error still holds for the others.
sed 's|^E01006109,|E01099999,|' "$ROOT/data/trafford/census2021/2021_highest_level_qualification_lsoa_trafford.csv" \
  > "$WORK/qualifications.csv"
variant others "$ON_DISABILITY: ignore|; s|^    file: .*2021_highest_level_qualification_lsoa_trafford.csv|    file: $WORK/qualifications.csv|"
rc=$(run others)
check "another dataset's mismatch still stops the run (exit $rc)" test "$rc" -eq 1
check "naming that dataset" grep -q "dataset 'census2021_qualifications'" "$WORK/others.err"
done_testing
