#!/bin/sh
# The local economic impact at an area boundary, end to end: the run summary,
# appraisal.csv, compare.csv and the workbook's Local impact sheet
# recalculated by LibreOffice agree, and the social NPSV does not move.
. "$(dirname "$0")/tap.inc"
. "$(dirname "$0")/libreoffice.inc"
sed -e "s|^study: |study: $ROOT/scenarios/trafford/|" -e "s|^benefits: \.\./|benefits: $ROOT/scenarios/|" \
  "$ROOT/scenarios/trafford/champions.yaml" > "$WORK/plain.yaml"
sed -e 's|^  tornado_range: 0.2|  tornado_range: 0.2\
  local_impact:\
    area: Trafford\
    to_year: 2030\
    deadweight: {value: 0.1, source: test}\
    displacement: {value: 0.25, source: test}\
    leakage: {value: 0.2, source: test}\
    multiplier: {value: 1.5, source: test}|' "$WORK/plain.yaml" > "$WORK/local.yaml"
"$DXI" run --draws 50 "$WORK/plain.yaml" -o "$WORK/plain" > "$WORK/plain.txt" 2>&1
"$DXI" run --draws 50 "$WORK/local.yaml" -o "$WORK/local" > "$WORK/local.txt" 2>&1
rc=$?
check "a scenario with a local impact runs (exit $rc)" test $rc -eq 0 -a -s "$WORK/local/business_case.xlsx"
check "the summary prints the local impact apart from the NPSV" \
  grep -q 'local economic impact in Trafford (undiscounted, 2025-2030, apart from the NPSV): gross £[0-9]*, net £[0-9]*' "$WORK/local.txt"
col () { awk -F, -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } { print $c }' "$1/compare.csv"; }
check "the NPSV does not move with a local impact ($(col "$WORK/plain" npsv) = $(col "$WORK/local" npsv))" \
  test "$(col "$WORK/plain" npsv)" = "$(col "$WORK/local" npsv)" -a -n "$(col "$WORK/plain" npsv)"
check "compare.csv: no local impact columns filled without one" test -z "$(col "$WORK/plain" local_impact_net)"
gross=$(col "$WORK/local" local_impact_gross) net=$(col "$WORK/local" local_impact_net)
# By hand from dxi's own gross: x 0.9 x 0.75 x 0.8 x 1.5.
check "compare.csv: net = gross x 0.9 x 0.75 x 0.8 x 1.5 ($gross -> $net)" \
  awk -v g="$gross" -v n="$net" 'BEGIN { w = g * 0.9 * 0.75 * 0.8 * 1.5; d = n - w; exit !(g > 0 && d < 1e-6 * w && d > -1e-6 * w) }'
sum=$(awk -F, '$4 == "local_impact_gross" && $3 != "all" && $3 <= 2030 { s += $5 } END { printf "%.6f", s }' "$WORK/local/appraisal.csv")
check "appraisal.csv: the gross by year to 2030 sums to the gross ($sum)" \
  awk -v a="$sum" -v b="$gross" 'BEGIN { d = a - b; exit !(b > 0 && d < 1e-6 * b && d > -1e-6 * b) }'
check "appraisal.csv: the net in all" grep -q '^champions,ALL,all,local_impact_net,' "$WORK/local/appraisal.csv"

python3 "$ROOT/tests/cli/zero-cached.py" "$WORK/local/business_case.xlsx" "$WORK/zeroed.xlsx"
lo_csv "$WORK/csv" "$WORK/zeroed.xlsx"
sheet="$WORK/csv/zeroed-Local impact.csv"
check "the workbook has a Local impact sheet" test -s "$sheet"
lo=$(awk -F, '$1 == "net at the boundary" { print $2 }' "$sheet")
check "Local impact: the net recalculated by LibreOffice ($lo) = dxi's ($net)" \
  awk -v a="$lo" -v b="$net" 'BEGIN { d = a - b; exit !(a != "" && d < 1e-6 * b && d > -1e-6 * b) }'
check "Local impact: each factor carries its source" sh -c "grep -c '^\(deadweight\|displacement\|leakage\|multiplier\),.*,test' '$sheet' | grep -qx 4"

# The published comparisons run as they are, on their councils' current wards
# from the bundled national tables (studies written by dxi new).
for s in salford/digital_you sthelens/o2; do
  name=$(dirname "$s")
  "$DXI" run "$ROOT/scenarios/$s.yaml" -o "$WORK/$name" > "$WORK/$name.log" 2>&1; rc=$?
  check "dxi run scenarios/$s.yaml works on its dxi-new study (exit $rc)" test "$rc" -eq 0 -a -s "$WORK/$name/business_case.xlsx"
done
check "Salford: 8,000 residents reached" grep -q "people reached 8000," "$WORK/salford.log"
check "St Helens: the local economic impact is reported apart from the NPSV" \
  grep -q "local economic impact in St Helens (undiscounted, 2015-2020, apart from the NPSV)" "$WORK/sthelens.log"
done_testing
