#!/bin/sh
# The business case workbook recalculated by LibreOffice: its formulas, not
# just their cached values, must give dxi's NPSV and BCR.  The cached values
# of every formula are zeroed first, so only a real recalculation passes.
. "$(dirname "$0")/tap.inc"
. "$(dirname "$0")/libreoffice.inc"
OUT=$WORK/out
"$DXI" run --quiet --draws 2000 "$ROOT/scenarios/trafford/champions.yaml" -o "$OUT" > /dev/null 2> "$WORK/err"
rc=$?
check "a single scenario writes business_case.xlsx (exit $rc $(head -c 200 "$WORK/err"))" test $rc -eq 0 -a -s "$OUT/business_case.xlsx"
check "... and appraisal.csv" test -s "$OUT/appraisal.csv"
check "appraisal.csv is tidy (scenario,area,year,measure,value,note)" sh -c "head -1 '$OUT/appraisal.csv' | grep -qx 'scenario,area,year,measure,value,note'"
check "appraisal.csv: the council, NHS, DWP and HMRC streams give a fiscal ROI above 0, with no note" \
  grep -Eqx 'champions,ALL,all,fiscal_roi,0*[1-9.][0-9.e+-]*,' "$OUT/appraisal.csv"
for r in council nhs dwp hmrc other_public individual employer society; do
  check "appraisal.csv has the PV of benefits to $r" grep -q "^champions,ALL,all,pv_benefits:$r," "$OUT/appraisal.csv"
done
check "the PV of benefits by recipient sums to PV benefits" sh -c "awk -F, '\$4 ~ /^pv_benefits:/ { s += \$5 } \$4 == \"pv_benefits\" && \$2 == \"ALL\" { t = \$5 } END { d = s - t; exit !(t > 0 && d < 1e-3 && d > -1e-3) }' '$OUT/appraisal.csv'"
check "compare.csv: no note on the fiscal ROI" sh -c "! grep '^champions,' '$OUT/compare.csv' | grep -q 'fiscal_roi n/a'"
check "nothing prints nan" sh -c "! grep -qi 'nan' '$OUT/compare.csv'"
# A stream built from its parts is built in the workbook too, as a formula on
# the named inputs: contacts x (phone - web cost), consultations x cost x the
# share who make fewer.
python3 - "$OUT/business_case.xlsx" > "$WORK/benefit_formulas.txt" <<'PY'
import sys, zipfile
print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet4.xml").decode())
PY
check "Benefits: council contacts as quantity x (phone cost - web cost)" grep -q \
  'in_champions_council_channel_shift_quantity\*(in_champions_council_channel_shift_unit_value-in_champions_council_channel_shift_less_unit_value)' "$WORK/benefit_formulas.txt"
check "Benefits: GP consultations as quantity x unit cost x eligibility" grep -q \
  'in_champions_nhs_gp_visits_quantity\*in_champions_nhs_gp_visits_unit_value\*in_champions_nhs_gp_visits_eligibility' "$WORK/benefit_formulas.txt"
check "appraisal.csv has the Monte Carlo with the index's uncertainty" \
  grep -q '^champions,ALL,all,p_bcr_above_1_with_index,' "$OUT/appraisal.csv"
check "appraisal.csv: each area's share of index draws targeted, all in [0, 1], the nominal 30% of 21 wards (7) among the most often" \
  sh -c "awk -F, '\$4 == \"share_of_index_draws_targeted\" { n++; if (\$5 < 0 || \$5 > 1) bad = 1; if (\$5 >= 0.5) most++ } END { exit bad || n != 21 || most < 5 }' '$OUT/appraisal.csv'"

# The per-year values in the GeoPackage, people helped on the map layers.
n=$(ogrinfo -ro -so "$OUT/wards.gpkg" appraisal_by_year 2>/dev/null | awk '/Feature Count/ {print $3}')
check "wards.gpkg has the appraisal by year (10 years: $n)" test "$n" = 10
check "wards.shp carries people helped per ward (champions_helped as champi_hlp)" \
  grep -Eq "^champi_hlp,champions_helped(,|$)" "$OUT/wards_fields.csv"
check "wards.gpkg carries benefits per ward under the full name" sh -c \
  "ogrinfo -ro -so '$OUT/wards.gpkg' wards | grep -q '^champions_pv_benefit: Real'"

# Zero every cached formula value of workbook $1 into $2.
zero_caches () { python3 "$ROOT/tests/cli/zero-cached.py" "$1" "$2"; }
zero_caches "$OUT/business_case.xlsx" "$WORK/zeroed.xlsx"
lo_csv "$WORK/csv" "$WORK/zeroed.xlsx"
check "LibreOffice converts the workbook" test -s "$WORK/csv/zeroed-Summary.csv"
lo_value () { awk -F, -v label="$1" '$1 == label { print $2 }' "$WORK/csv/zeroed-Summary.csv"; }
dxi_value () { awk -F, -v col="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } { print $c }' "$OUT/compare.csv"; }
rel_close () { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b; exit !(a != "" && d <= 1e-6 * s) }'; }
lo=$(lo_value "NPSV (net present social value)"); want=$(dxi_value npsv)
check "NPSV recalculated by LibreOffice ($lo) = dxi's ($want) within 1e-6" rel_close "$lo" "$want"
lo=$(lo_value "Benefit-cost ratio"); want=$(dxi_value bcr)
check "BCR recalculated by LibreOffice ($lo) = dxi's ($want) within 1e-6" rel_close "$lo" "$want"
lo=$(lo_value "PV costs (with optimism bias)"); want=$(dxi_value pv_costs)
check "PV costs recalculated ($lo) = dxi's ($want)" rel_close "$lo" "$want"
lo=$(lo_value "PV direct benefits"); want=$(dxi_value pv_direct)
check "PV direct benefits recalculated ($lo) = dxi's ($want)" rel_close "$lo" "$want"
check "value for money category recalculated" sh -c "grep -q '^Value for money (DfT category),$(dxi_value value_for_money),' '$WORK/csv/zeroed-Summary.csv'"
check "the categories are named as the DfT's" grep -q "Department for Transport's value for money categories" "$WORK/csv/zeroed-Summary.csv"
lo=$(lo_value "Fiscal ROI (fiscal benefits / public cost)"); want=$(dxi_value fiscal_roi)
check "fiscal ROI recalculated ($lo) = dxi's ($want)" rel_close "$lo" "$want"
lo=$(lo_value "Economic ROI (economic benefits / public cost)"); want=$(dxi_value economic_roi)
check "economic ROI recalculated ($lo) = dxi's ($want)" rel_close "$lo" "$want"
lo=$(lo_value "People reached"); want=$(dxi_value people_reached)
check "people reached recalculated from the formulas ($lo) = dxi's ($want)" rel_close "$lo" "$want"

# Whole people are shown as integers: the number format of the Summary's
# people cells and of the Costs sheet's people reached.
python3 - "$OUT/business_case.xlsx" > "$WORK/people_formats.txt" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
styles = z.read("xl/styles.xml").decode()
fmts = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
xfs = re.findall(r'<xf [^>]*?numFmtId="(\d+)"', styles.split("<cellXfs")[1].split("</cellXfs>")[0])
strings = [re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode())]
sheet = z.read("xl/worksheets/sheet1.xml").decode()
for label in ("People reached", "People helped online"):
    row = re.search(r'<c r="A(\d+)"[^>]*t="s"[^>]*><v>%d</v>' % strings.index(label), sheet).group(1)
    s = re.search(r'<c r="B%s" s="(\d+)"' % row, sheet).group(1)
    print(label, fmts.get(xfs[int(s)], xfs[int(s)]))
PY
check "people reached and helped are whole numbers (#,##0): $(tr '\n' ';' < "$WORK/people_formats.txt")" \
  test "$(grep -c ' #,##0$' "$WORK/people_formats.txt")" -eq 2

# Discount factors in the workbook against the Green Book table.
df10=$(awk -F, '$2 == "9" { print $4 }' "$WORK/csv/zeroed-Appraisal.csv")
check "workbook discount factor in year 9 = 1/1.035^9 = 0.7337 ($df10)" \
  awk -v v="$df10" 'BEGIN { d = v - 0.733731; exit !(d < 1e-5 && d > -1e-5) }'

# Every input has a source; sheets are all there.
for sheet in Summary Inputs Costs Benefits Appraisal Sensitivity Uncertainty Affordability Areas "Method & sources"; do
  check "sheet '$sheet' present" test -s "$WORK/csv/zeroed-$sheet.csv"
done
check "every input row has a source" sh -c "awk -F, 'NR > 3 && \$1 ~ /^in_/ && \$NF == \"\" { bad = 1 } END { exit bad }' '$WORK/csv/zeroed-Inputs.csv'"
check "Areas sheet lists the 21 wards" test "$(($(wc -l < "$WORK/csv/zeroed-Areas.csv") - 1))" -eq 21

# The workbook means what dxi means.  In each Trafford scenario, each
# switching value the Sensitivity sheet shows (recalculated by LibreOffice
# from zeroed caches), put into its input cell, zeroes the workbook's own
# NPSV to within 1 pound.  In champions (a budget's cost per person and a
# planned one, inputs shared by two interventions), with a unit value edited
# to 1.1 x, each live tornado row equals the workbook's own NPSV with its input moved by the
# tornado range (a second edit, recalculated again), each live switching
# value still zeroes it, and the rows not live say the inputs changed.
for s in champions devices digital_you; do
  D=$WORK/sens-$s
  edit=none
  [ $s = champions ] && edit=first-unit-value
  "$DXI" run --quiet --draws 0 "$ROOT/scenarios/trafford/$s.yaml" -o "$D/out" > /dev/null 2>&1
  zero_caches "$D/out/business_case.xlsx" "$D/$s.xlsx"
  lo_csv "$D/csv0" "$D/$s.xlsx"
  python3 "$ROOT/tests/cli/sensitivity.py" make "$D/$s.xlsx" "$D/csv0" "$D/wb" $edit 2> "$D/err"
  check "$s: the Sensitivity sheet is read and its workbooks made ($(head -c 200 "$D/err"))" \
    test -s "$D/wb/manifest.json"
  lo_csv "$D/wb/csv" "$D"/wb/*.xlsx
  if [ $edit != none ]; then
    python3 "$ROOT/tests/cli/sensitivity.py" switch-edited "$D/wb"
    lo_csv "$D/wb/csv" "$D"/wb/sw_ed*.xlsx
  fi
  python3 "$ROOT/tests/cli/sensitivity.py" check "$D/wb" > "$D/verdicts.txt" 2> "$D/err"
  n=$(grep -c 'at its switching value' "$D/verdicts.txt")
  check "$s: at least 5 switching values tried ($n)" test "$n" -ge 5
  n=$(grep -c 'tornado lo' "$D/verdicts.txt")
  [ $edit = none ] || check "$s: at least 25 live tornado rows compared ($n)" test "$n" -ge 25
  check "$s: the check ran ($(head -c 200 "$D/err"))" test ! -s "$D/err"
  verdicts "$D/verdicts.txt" "$s:" "within 1 pound"
done
# Which rows are not live, and why: the earnings drop-off (over three years)
# compounds; the champions' cost per person (a budget's) is live, no cap
# binding.
sens=$WORK/sens-champions/csv0/champions-Sensitivity.csv
check "not live: a drop-off over several years, with its reason" \
  grep -q '^Higher earnings.*drop_off.*not live: drop-off compounds' "$sens"
check "live: the champions' cost per person (budget-driven, no cap binding)" \
  grep -q "^Digital champions: cost per person reached,.*live: .* (no area's cap binds)" "$sens"
check "the sheet's note says which rows are not live and why" \
  grep -q 'rows\{0,1\} hold.* dxi.s values, flagged once an input changes: drop-off' "$sens"
cpp_row=$(awk -F, '$1 == "in_champions_cost_per_person" { print NR }' "$WORK/csv/zeroed-Inputs.csv")
mkdir -p "$WORK/switch"
python3 - "$WORK/zeroed.xlsx" "$cpp_row" "$WORK/switch/cpp200.xlsx" <<'PY'
import re, sys, zipfile
src, row, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "xl/worksheets/sheet2.xml":
            data = re.sub(r'(<c r="C%d"[^>]*>)<v>[^<]*</v>' % row, r'\g<1><v>200</v>', data.decode()).encode()
        zout.writestr(item, data)
PY
lo_csv "$WORK/switch" "$WORK/switch/cpp200.xlsx"
# Rows of the tornado marked live recalculate: with an input edited in the
# workbook (optimism bias 0.3, wifi's cost per person 20), the row's NPSV at
# -20% / +20% is the workbook's own NPSV with the input at 0.24 / 24 (all
# recalculated by LibreOffice), and the rows still holding dxi's values say
# the inputs have changed.
edit_input () { # name value out.xlsx
  row=$(awk -F, -v n="$1" '$1 == n { print NR }' "$WORK/csv/zeroed-Inputs.csv")
  python3 - "$WORK/zeroed.xlsx" "$row" "$2" "$3" <<'PY'
import os, re, sys, zipfile
src, row, value, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
os.makedirs(os.path.dirname(dst), exist_ok=True)
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "xl/worksheets/sheet2.xml":
            data, n = re.subn(r'(<c r="C%d"[^>]*>)<v>[^<]*</v>' % row, r'\g<1><v>%s</v>' % value, data.decode())
            assert n == 1
            data = data.encode()
        zout.writestr(item, data)
PY
}
edit_input in_optimism_bias 0.3 "$WORK/live/ob0.3.xlsx"
edit_input in_optimism_bias 0.24 "$WORK/live/ob0.24.xlsx"
edit_input in_wifi_cost_per_person 20 "$WORK/live/wifi20.xlsx"
edit_input in_wifi_cost_per_person 24 "$WORK/live/wifi24.xlsx"
HOME=$WORK soffice -env:UserInstallation=file://$WORK/lo --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1' \
  --outdir "$WORK/live" "$WORK"/live/*.xlsx > "$WORK/lo4.log" 2>&1
wifi=$(awk -F, '$1 == "Free public wifi in community venues: cost per person reached" { print $5 }' "$WORK/live/wifi20-Sensitivity.csv")
own=$(awk -F, '$1 == "NPSV (net present social value)" { print $2 }' "$WORK/live/wifi24-Summary.csv")
check "tornado, wifi cost 20 at +20%: the row ($wifi) = the workbook's NPSV at 24 ($own)" \
  awk -v a="$wifi" -v b="$own" 'BEGIN { d = a - b; exit !(a != "" && b != "" && d < 1 && d > -1) }'
low=$(awk -F, '$1 == "Optimism bias on costs" { print $4 }' "$WORK/live/ob0.3-Sensitivity.csv")
own=$(awk -F, '$1 == "NPSV (net present social value)" { print $2 }' "$WORK/live/ob0.24-Summary.csv")
check "tornado, optimism bias 0.3 at -20%: the row ($low) = the workbook's NPSV at 0.24 ($own)" \
  awk -v a="$low" -v b="$own" 'BEGIN { d = a - b; exit !(a != "" && b != "" && d < 1 && d > -1) }'
sw=$(awk -F, '$1 == "Optimism bias on costs" { print $3 }' "$WORK/live/ob0.3-Sensitivity.csv")
sw0=$(awk -F, '$1 == "Optimism bias on costs" { print $3 }' "$WORK/csv/zeroed-Sensitivity.csv")
check "the optimism bias switching value is a formula (recalculated from zeroed caches: $sw0; it does not depend on the bias: $sw)" \
  awk -v a="$sw" -v b="$sw0" 'BEGIN { d = a - b; exit !(a > 0.3 && d < 1e-9 && d > -1e-9) }'
check "rows with dxi's values say the inputs changed" grep -q "inputs changed: rerun dxi for this row" "$WORK/live/ob0.3-Sensitivity.csv"
check "... and not when they have not" sh -c "! grep -q 'inputs changed' '$WORK/csv/zeroed-Sensitivity.csv'"
sed -e 's|^study: |study: '"$ROOT"'/scenarios/trafford/|' -e 's|^benefits: \.\./|benefits: '"$ROOT"'/scenarios/|' \
  -e 's|^      value: 180$|      value: 200|' -e 's|min: 120, mode: 180, max: 300|min: 120, mode: 200, max: 300|' \
  "$ROOT/scenarios/trafford/champions.yaml" > "$WORK/cpp200.yaml"
"$DXI" run --quiet --draws 0 "$WORK/cpp200.yaml" -o "$WORK/cpp200" > /dev/null 2>&1
want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "people_reached") c = i; next } { print $c }' "$WORK/cpp200/compare.csv")
lo=$(awk -F, '$1 == "People reached" { print $2 }' "$WORK/switch/cpp200-Summary.csv")
check "cost per person 200 in the workbook reaches the people dxi reaches with 200 in the scenario ($lo, $want)" rel_close "$lo" "$want"
want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "npsv") c = i; next } { print $c }' "$WORK/cpp200/compare.csv")
lo=$(awk -F, '$1 == "NPSV (net present social value)" { print $2 }' "$WORK/switch/cpp200-Summary.csv")
check "... and the same NPSV ($lo, $want)" rel_close "$lo" "$want"

# The Monte Carlo honours the value: the champions' cost edited alone is
# refused (its distribution still names the old mode), never ignored; edited
# with its mode, the Monte Carlo mean moves.
sed 's|mode: 200, max: 300|mode: 180, max: 300|' "$WORK/cpp200.yaml" > "$WORK/cpp200-only.yaml"
"$DXI" run --quiet --draws 500 "$WORK/cpp200-only.yaml" -o "$WORK/cpp200-only" > /dev/null 2> "$WORK/cpp200-only.err"
check "the cost edited without its distribution's mode is refused ($(head -c 160 "$WORK/cpp200-only.err"))" \
  grep -q "cpp200-only.yaml:[0-9]*:[0-9]*: the distribution of 'champions.cost_per_person' is centred on its value 200, not 180" "$WORK/cpp200-only.err"
"$DXI" run --quiet --draws 2000 "$WORK/cpp200.yaml" -o "$WORK/cpp200-mc" > /dev/null 2>&1
m180=$(dxi_value npsv_mean); m200=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "npsv_mean") c = i; next } { print $c }' "$WORK/cpp200-mc/compare.csv")
check "a dearer champion lowers the Monte Carlo NPSV mean ($m180 -> $m200)" awk -v a="$m180" -v b="$m200" 'BEGIN { exit !(a != "" && b != "" && b < a - 50000) }'

# No cost at all (nobody reached): the BCR and ROIs say why they are
# undefined, in the summary, the CSVs and the workbook; nothing prints nan.
sed -e "s|^study: |study: $ROOT/scenarios/trafford/|" -e "s|^benefits: \.\./|benefits: $ROOT/scenarios/|" \
  -e 's|people: {2025: 4000, 2026: 4000}|people: {2025: 0}|' "$ROOT/scenarios/trafford/digital_you.yaml" > "$WORK/nocost.yaml"
"$DXI" run --draws 50 "$WORK/nocost.yaml" -o "$WORK/nocost" > "$WORK/nocost.txt" 2>&1
check "no cost: the summary says 'BCR n/a (no cost)'" grep -q 'BCR n/a (no cost), payback never' "$WORK/nocost.txt"
check "no cost: no P(BCR > 1) of 0 from draws without a BCR" grep -q 'BCR n/a (no cost in any draw)' "$WORK/nocost.txt"
check "no cost: nothing prints nan" sh -c "! grep -qiw nan '$WORK/nocost.txt' '$WORK/nocost/compare.csv' '$WORK/nocost/appraisal.csv'"
check "no cost: appraisal.csv's bcr is empty with its reason" grep -qx 'digital_you,ALL,all,bcr,,n/a (no cost)' "$WORK/nocost/appraisal.csv"
# No stream with a public-sector recipient: the fiscal ROI says why it is
# undefined, never 0.00.
sed -e "s|^study: |study: $ROOT/scenarios/trafford/|" -e "s|^benefits: \.\./|benefits: $ROOT/scenarios/|" \
  -e '/stream: \(council_channel_shift\|nhs_\|hmrc_\|dwp_\)/d' "$ROOT/scenarios/trafford/digital_you.yaml" > "$WORK/nofiscal.yaml"
"$DXI" run --draws 50 "$WORK/nofiscal.yaml" -o "$WORK/nofiscal" > "$WORK/nofiscal.txt" 2>&1
check "no fiscal streams: the summary says 'fiscal n/a (no fiscal streams)'" grep -q 'fiscal n/a (no fiscal streams)' "$WORK/nofiscal.txt"
check "no fiscal streams: appraisal.csv's fiscal ROI is empty with its reason" \
  grep -qx 'digital_you,ALL,all,fiscal_roi,,n/a (no fiscal streams)' "$WORK/nofiscal/appraisal.csv"
check "no fiscal streams: compare.csv gives the reason" sh -c "grep '^digital_you,' '$WORK/nofiscal/compare.csv' | grep -q 'fiscal_roi n/a (no fiscal streams)'"
python3 - "$WORK/nocost/business_case.xlsx" > "$WORK/nocost_bcr.txt" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode()
print(re.search(r'<c r="B5"[^>]*><f>([^<]*)</f><v>([^<]*)</v>', sheet).groups())
PY
check "no cost: the workbook's BCR cell says n/a (no cost) ($(cat "$WORK/nocost_bcr.txt"))" grep -q "n/a (no cost)" "$WORK/nocost_bcr.txt"

# Same inputs and seed: the same bytes.
"$DXI" run --quiet --draws 2000 "$ROOT/scenarios/trafford/champions.yaml" -o "$WORK/again" > /dev/null 2>&1
check "rerun gives a byte-identical business_case.xlsx" cmp -s "$OUT/business_case.xlsx" "$WORK/again/business_case.xlsx"
check "rerun gives a byte-identical appraisal.csv" cmp -s "$OUT/appraisal.csv" "$WORK/again/appraisal.csv"

# Several scenarios: a comparison table and workbook.
"$DXI" run --draws 500 "$ROOT/scenarios/trafford/champions.yaml" "$ROOT/scenarios/trafford/devices.yaml" \
  "$ROOT/scenarios/trafford/digital_you.yaml" -o "$WORK/three" > "$WORK/three.txt" 2> /dev/null
check "three scenarios compared in compare.csv" test "$(($(wc -l < "$WORK/three/compare.csv") - 1))" -eq 3
check "and in compare.xlsx" test -s "$WORK/three/compare.xlsx"
check "one workbook per scenario" test -s "$WORK/three/business_case_digital_you.xlsx"
check "without an 'optimiser' block the optimiser does not run, and says why" \
  sh -c "test \$(grep -c 'optimiser: not run: the scenario has no .optimiser: {reach_cost_rise' '$WORK/three.txt') -eq 3"

# The optimiser on the same problem: devices with no rise in reach cost
# (the scenario's split priced by the optimiser is then dxi's appraisal), and
# with a rising one.
for k in 0 2; do
  sed -e "s|^study: |study: $ROOT/scenarios/trafford/|" -e "s|^benefits: \.\./|benefits: $ROOT/scenarios/|" \
    "$ROOT/scenarios/trafford/devices.yaml" > "$WORK/opt$k.yaml"
  printf 'optimiser:\n  reach_cost_rise: {value: %s, source: test}\n' $k >> "$WORK/opt$k.yaml"
  "$DXI" run --draws 0 "$WORK/opt$k.yaml" -o "$WORK/opt$k" > "$WORK/opt$k.txt" 2>&1
done
check "optimise.csv: each intervention's people, scenario and optimised, with the reason" \
  sh -c "head -1 '$WORK/opt0/optimise.csv' | grep -qx 'scenario,intervention,area,people_scenario,people_optimised,change,next_person_cost,why' && grep -q '^devices,data_sims,ALL,1200,' '$WORK/opt0/optimise.csv'"
base=$(grep -o "the scenario's split NPSV £[-0-9]*" "$WORK/opt0.txt" | tr -dc '0-9-')
own=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "npsv") c = i; next } { print $c }' "$WORK/opt0/compare.csv")
check "no rise in reach cost: the scenario's split on the optimiser's problem is dxi's NPSV ($base, $own)" \
  awk -v a="$base" -v b="$own" 'BEGIN { d = a - b; exit !(a != "" && d < 1 && d > -1) }'
for k in 0 2; do
  b=$(grep -o "the scenario's split NPSV £[-0-9]*" "$WORK/opt$k.txt" | tr -dc '0-9-')
  o=$(grep -o "optimised £[-0-9]*" "$WORK/opt$k.txt" | tr -dc '0-9-')
  check "k = $k: the optimised split ($o) is no worse than the scenario's on the same problem ($b)" \
    awk -v a="$o" -v b="$b" 'BEGIN { exit !(a != "" && b != "" && a + 0 >= b + 0) }'
done
sed 's|  reach_cost_rise: {value: 0, source: test}|  capacity: {devices: {value: 100, source: test}}|' "$WORK/opt0.yaml" > "$WORK/opt-bad.yaml"
"$DXI" run --quiet --draws 0 "$WORK/opt-bad.yaml" -o "$WORK/opt-bad" > /dev/null 2> "$WORK/opt-bad.err"
check "an optimiser without its reach_cost_rise is refused with its place, nothing written ($(head -c 160 "$WORK/opt-bad.err"))" \
  sh -c "grep -q \"opt-bad.yaml:[0-9]*:[0-9]*: the optimiser needs 'reach_cost_rise'\" '$WORK/opt-bad.err' && test ! -e '$WORK/opt-bad'"
b0=$(grep -o "the scenario's split NPSV £[-0-9]*" "$WORK/opt0.txt" | tr -dc '0-9-')
b2=$(grep -o "the scenario's split NPSV £[-0-9]*" "$WORK/opt2.txt" | tr -dc '0-9-')
check "a rising reach cost lowers what the same spend buys ($b0 -> $b2)" awk -v a="$b0" -v b="$b2" 'BEGIN { exit !(b + 0 < a + 0) }'
# Affordability: nominal cash by financial year, capital and revenue, as
# formulas LibreOffice recalculates.  By hand for 2025-26: champions spend
# their budget of 250,000 (fixed revenue 40,000, so 210,000 on people, 10% of
# it capital); wifi 30,000 capital and 300 x 15 = 4,500 on people (revenue);
# index 102 over 100.  Capital (30,000 + 21,000) x 1.02 = 52,020; total
# 284,500 x 1.02 = 290,190.
sed -e "s|^study: |study: $ROOT/scenarios/trafford/|" -e "s|^benefits: \.\./|benefits: $ROOT/scenarios/|" \
  "$ROOT/scenarios/trafford/champions.yaml" > "$WORK/aff.yaml"
cat >> "$WORK/aff.yaml" <<'EOF'
affordability:
  deflator: {source: test index, index: {2024: 100, 2025: 102, 2026: 104, 2027: 106, 2028: 108, 2029: 110, 2030: 112, 2031: 114, 2032: 116, 2033: 118, 2034: 120}}
  capital_share: {champions: {value: 0.1, source: test}, wifi: {value: 0, source: test}}
EOF
"$DXI" run --quiet --draws 0 "$WORK/aff.yaml" -o "$WORK/aff" > /dev/null 2>&1
zero_caches "$WORK/aff/business_case.xlsx" "$WORK/aff/zeroed.xlsx"
HOME=$WORK soffice -env:UserInstallation=file://$WORK/lo --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1' \
  --outdir "$WORK/aff" "$WORK/aff/zeroed.xlsx" > "$WORK/lo3.log" 2>&1
aff () { awk -F, -v fy="$1" -v col="$2" '$1 == fy { print $col }' "$WORK/aff/zeroed-Affordability.csv"; }
close_to () { awk -v v="$1" -v w="$2" 'BEGIN { d = v - w; exit !(v != "" && d < 0.01 && d > -0.01) }'; }
check "affordability 2025-26 nominal capital recalculated = 52,020 by hand ($(aff 2025-26 11))" close_to "$(aff 2025-26 11)" 52020
check "affordability 2025-26 nominal total recalculated = 290,190 by hand ($(aff 2025-26 13))" close_to "$(aff 2025-26 13)" 290190
check "affordability real total = the scenario's spend, 250,000 x 3 + 30,000 + 3 x 4,500 ($(aff total 9))" \
  close_to "$(aff total 9)" 793500
sed 's|, wifi: {value: 0, source: test}||' "$WORK/aff.yaml" > "$WORK/aff-bad.yaml"
"$DXI" run --quiet --draws 0 "$WORK/aff-bad.yaml" -o "$WORK/aff-bad" > /dev/null 2> "$WORK/aff-bad.err"
check "a capital share left out is refused with its place ($(head -c 200 "$WORK/aff-bad.err"))" \
  sh -c "grep -q \"aff-bad.yaml:[0-9]*:[0-9]*: affordability.capital_share needs 'wifi'\" '$WORK/aff-bad.err' && test ! -e '$WORK/aff-bad'"
sed 's|2029: 110, ||' "$WORK/aff.yaml" > "$WORK/aff-gap.yaml"
"$DXI" run --quiet --draws 0 "$WORK/aff-gap.yaml" -o "$WORK/aff-gap" > /dev/null 2> "$WORK/aff-gap.err"
check "a deflator without an appraisal year is refused ($(head -c 200 "$WORK/aff-gap.err"))" \
  grep -q "aff-gap.yaml:[0-9]*:[0-9]*: the deflator needs an index value for 2029" "$WORK/aff-gap.err"
done_testing
