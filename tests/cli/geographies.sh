#!/bin/sh
# Target geographies other than wards: Greater Manchester's local authorities
# from GMCA's published DERI input table (LSOA 2011 rolled up to authorities),
# checked against sums done independently from the raw rows.
. "$(dirname "$0")/tap.inc"
GM=$ROOT/tests/fixtures/gm
"$DXI" index --quiet "$GM/study.yaml" -o "$WORK/lad" > /dev/null 2> "$WORK/err"
rc=$?
check "dxi index on local authorities succeeds (exit $rc $(head -c 300 "$WORK/err"))" test $rc -eq 0 -a -s "$WORK/lad/areas.csv"
check "ten authorities" test "$(($(wc -l < "$WORK/lad/areas.csv") - 1))" -eq 10
field () { awk -F, -v col="$1" -v code="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } $1 == code { print $c }' "$WORK/lad/areas.csv"; }
python3 - "$GM/deri_inputs_v1.6_gm_partial.csv" > "$WORK/hand.txt" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
for lad in ('E08000008', 'E08000003'):
    mine = [r for r in rows if r['Local authority code'] == lad]
    pop = sum(float(r['Total population']) for r in mine)
    a75 = sum(float(r['Aged 75+']) for r in mine)
    imd = sum(float(r['Index of Multiple Deprivation 2019 score - England base']) * float(r['Total population']) for r in mine) / pop
    print(lad, int(pop), '%.6f' % (100 * a75 / pop), '%.6f' % imd)
PY
while read lad pop a75 imd; do
  check "$lad population $(field population $lad) = $pop summed by hand" test "$(field population $lad)" = "$pop"
  check "$lad share aged 75+ $(field deri_age_75_plus $lad) = $a75 by hand" \
    awk -v a="$(field deri_age_75_plus $lad)" -v b="$a75" 'BEGIN { d = a - b; exit !(d < 1e-6 && d > -1e-6) }'
  check "$lad IMD score $(field deri_imd_score $lad) = $imd population-weighted by hand" \
    awk -v a="$(field deri_imd_score $lad)" -v b="$imd" 'BEGIN { d = a - b; exit !(d < 1e-6 && d > -1e-6) }'
done < "$WORK/hand.txt"
check "ranks 1 to 10, each once" sh -c "awk -F, 'NR==1{for(i=1;i<=NF;i++) if(\$i==\"index_rank\") c=i; next} {print \$c}' '$WORK/lad/areas.csv' | sort -n | tr '\n' ' ' | grep -qx '1 2 3 4 5 6 7 8 9 10 '"
check "one authority per decile" sh -c "awk -F, 'NR==1{for(i=1;i<=NF;i++) if(\$i==\"index_decile\") c=i; next} {print \$c}' '$WORK/lad/areas.csv' | sort -n | uniq | wc -l | grep -qx 10"

# The published table's two '#VALUE!' cells stop a run that reads that column.
sed "s|columns: \[Total population,|columns: [Unemployment rate, Total population,|" "$GM/study.yaml" > "$GM/.bad-study.yaml"
"$DXI" check --quiet "$GM/.bad-study.yaml" > /dev/null 2> "$WORK/bad.err"; got=$?
rm -f "$GM/.bad-study.yaml"
check "a '#VALUE!' cell is an error at file:row:col (exit $got)" grep -q "deri_inputs_v1.6_gm_partial.csv:[0-9]*:[0-9]*: not a number '#VALUE!' in column 'Unemployment rate'" "$WORK/bad.err"
# LSOAs of Trafford as target areas, and as the reference set a ward index is
# normalised against (index reference: dataset).
"$DXI" index --quiet "$ROOT/scenarios/trafford/study_lsoa.yaml" -o "$WORK/lsoa" > /dev/null 2> "$WORK/err"
rc=$?
check "Trafford's 139 LSOAs as target areas (exit $rc)" test $rc -eq 0 -a "$(($(wc -l < "$WORK/lsoa/areas.csv") - 1))" -eq 139
sed "s|\.\./\.\./|$ROOT/|g; s|^  preset: deri|  preset: deri\n  reference: dataset\n  reference_dataset: $ROOT/scenarios/trafford/study_lsoa.yaml|" \
  "$ROOT/scenarios/trafford/study.yaml" > "$WORK/ref.yaml"
"$DXI" index --quiet "$WORK/ref.yaml" -o "$WORK/ref" > /dev/null 2> "$WORK/err"
rc=$?
check "a ward index normalised against Trafford's LSOAs (exit $rc $(head -c 200 "$WORK/err"))" test $rc -eq 0
col () { awk -F, -v col="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } { print $1, $c }' "$2"; }
col age_75_plus "$WORK/lsoa/areas.csv" | sort -k2 -g | sed -n '1p;$p' | awk '{print $2}' | tr '\n' ' ' > "$WORK/range"
read lo hi < "$WORK/range"
x=$(col age_75_plus "$WORK/ref/areas.csv" | awk '$1 == "E05015249" {print $2}')
got=$(col norm_age_75_plus "$WORK/ref/areas.csv" | awk '$1 == "E05015249" {print $2}')
want=$(awk -v x="$x" -v lo="$lo" -v hi="$hi" 'BEGIN { printf "%.6f", 10 * (x - lo) / (hi - lo) }')
check "Hale Barns' 75+ normalised on the LSOA range [$lo, $hi]: $got = $want by hand" \
  awk -v a="$got" -v b="$want" 'BEGIN { d = a - b; exit !(d < 1e-6 && d > -1e-6) }'
check "the coverage report names the reference study" grep -q "index reference: 139 areas" "$WORK/ref/coverage.txt"
done_testing
