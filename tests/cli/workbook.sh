#!/bin/sh
# The business case workbook recalculated by LibreOffice: its formulas, not
# just their cached values, must give dxi's NPSV and BCR.  The cached values
# of every formula are zeroed first, so only a real recalculation passes.
. "$(dirname "$0")/tap.inc"
OUT=$WORK/out
"$DXI" run --quiet --draws 2000 "$ROOT/scenarios/trafford/champions.yaml" -o "$OUT" > /dev/null 2> "$WORK/err"
rc=$?
check "a single scenario writes business_case.xlsx (exit $rc $(head -c 200 "$WORK/err"))" test $rc -eq 0 -a -s "$OUT/business_case.xlsx"
check "... and appraisal.csv" test -s "$OUT/appraisal.csv"
check "appraisal.csv is tidy (scenario,area,year,measure,value)" sh -c "head -1 '$OUT/appraisal.csv' | grep -qx 'scenario,area,year,measure,value'"

# The per-year values in the GeoPackage, people helped on the map layers.
n=$(ogrinfo -ro -so "$OUT/wards.gpkg" appraisal_by_year 2>/dev/null | awk '/Feature Count/ {print $3}')
check "wards.gpkg has the appraisal by year (10 years: $n)" test "$n" = 10
check "wards.shp carries people helped per ward (champions_helped as champi_hlp)" \
  grep -q "^champi_hlp,champions_helped$" "$OUT/wards_fields.csv"
check "wards.gpkg carries benefits per ward under the full name" sh -c \
  "ogrinfo -ro -so '$OUT/wards.gpkg' wards | grep -q '^champions_pv_benefit: Real'"

# Zero every cached formula value.
python3 - "$OUT/business_case.xlsx" "$WORK/zeroed.xlsx" <<'PY'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/worksheets/sheet"):
            text = data.decode("utf-8")
            text = re.sub(r'(<f>[^<]*</f>)<v>[^<]*</v>', r'\1<v>0</v>', text)
            text = re.sub(r'(<c [^>]*)t="str"([^>]*><f>[^<]*</f>)<v>[^<]*</v>', r'\1\2<v>0</v>', text)
            data = text.encode("utf-8")
        zout.writestr(item, data)
PY
mkdir -p "$WORK/lo/user" "$WORK/csv"
cp "$ROOT/tests/fixtures/libreoffice/registrymodifications.xcu" "$WORK/lo/user/"
HOME=$WORK soffice -env:UserInstallation=file://$WORK/lo --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1' \
  --outdir "$WORK/csv" "$WORK/zeroed.xlsx" > "$WORK/lo.log" 2>&1
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
check "value for money band recalculated" sh -c "grep -q '^Value for money,$(dxi_value value_for_money),' '$WORK/csv/zeroed-Summary.csv'"

# Discount factors in the workbook against the Green Book table.
df10=$(awk -F, '$2 == "9" { print $4 }' "$WORK/csv/zeroed-Appraisal.csv")
check "workbook discount factor in year 9 = 1/1.035^9 = 0.7337 ($df10)" \
  awk -v v="$df10" 'BEGIN { d = v - 0.733731; exit !(d < 1e-5 && d > -1e-5) }'

# Every input has a source; sheets are all there.
for sheet in Summary Inputs Costs Benefits Appraisal Sensitivity Uncertainty Areas "Method & sources"; do
  check "sheet '$sheet' present" test -s "$WORK/csv/zeroed-$sheet.csv"
done
check "every input row has a source" sh -c "awk -F, 'NR > 3 && \$1 ~ /^in_/ && \$NF == \"\" { bad = 1 } END { exit bad }' '$WORK/csv/zeroed-Inputs.csv'"
check "Areas sheet lists the 21 wards" test "$(($(wc -l < "$WORK/csv/zeroed-Areas.csv") - 1))" -eq 21

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
check "optimise.csv compares each intervention's people with the optimised split" \
  grep -q "^devices,data_sims,ALL,1200," "$WORK/three/optimise.csv"
grep optimiser "$WORK/three.txt" | grep -o 'NPSV £[-0-9]*' | tr -d 'NPSV £' > "$WORK/opt.txt"
grep optimiser "$WORK/three.txt" | grep -o 'scenario £[-0-9]*' | tr -d 'scenario £' > "$WORK/own.txt"
check "the optimiser never does worse than the scenario" sh -c \
  "paste '$WORK/opt.txt' '$WORK/own.txt' | awk '\$1 < \$2 { bad = 1 } END { exit bad || NR != 3 }'"
done_testing
