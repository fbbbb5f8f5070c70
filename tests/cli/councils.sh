#!/bin/sh
# Any council out of the box: `dxi new COUNCIL` writes a study that
# `dxi check` passes with the coverage checks on, for every council of
# England and Wales, and the ward populations sum to the council's census
# total as computed here straight from the published rows (Python, no dxi
# code).  Three councils are run fully (a London borough, a shire district,
# a Welsh unitary authority) and their ward figures compared with
# tests/rollup/rollup.py.  The sanitizer build checks a sample of councils
# (every council there would take most of CI's time).
. "$(dirname "$0")/tap.inc"
NAT=$ROOT/data/national
export DXI_ROOT=$ROOT

# Council census totals from the raw rows: LSOA21 population (TS007a
# "Age: Total") summed by the lookup's LTLA 2024.
python3 - "$NAT" > "$WORK/totals.tsv" <<'PY'
import csv, gzip, sys
nat = sys.argv[1]
def rows(p):
    with gzip.open(p, "rt", newline="", encoding="utf-8-sig") as f:
        yield from csv.DictReader(f)
pop = {r["geography code"]: int(r["Age: Total"]) for r in rows(nat + "/census2021/census2021-ts007a-lsoa.csv.gz")}
lad = {}
for r in rows(nat + "/lookups/lookup_lsoa21_ward24_ltla24.csv.gz"):
    lad[r["ltla24_code"]] = lad.get(r["ltla24_code"], 0) + pop[r["lsoa21_code"]]
for code in sorted(lad, key=lambda c: c.encode()):
    print("%s\t%d" % (code, lad[code]))
PY
"$DXI" new --list > "$WORK/list.tsv"
n=$(wc -l < "$WORK/list.tsv")
check "dxi new --list lists the 318 councils of England and Wales (LAD 2024): $n" test "$n" -eq 318
cut -f1 "$WORK/list.tsv" > "$WORK/list.codes"; cut -f1 "$WORK/totals.tsv" > "$WORK/totals.codes"
check "... the same councils as the raw lookup's, in code order" cmp -s "$WORK/list.codes" "$WORK/totals.codes"

case "${BUILD:-build}" in
  *san*) cut -f1 "$WORK/list.tsv" | grep -E '^(E09000001|E09000008|E07000177|W06000015|E06000053|W06000001)$' > "$WORK/todo" ;;
  *) cut -f1 "$WORK/list.tsv" > "$WORK/todo" ;;
esac

# One council: dxi new, then dxi check; its line in results.tsv is
# "code<TAB>new exit<TAB>check exit<TAB>population<TAB>CPU milliseconds".  CPU
# time (user + system, from /usr/bin/time), not wall time, which a loaded
# machine stretches.
cat > "$WORK/one.sh" <<'EOF'
code=$1 dir=$WORK/c/$1
/usr/bin/time -f '%U %S' -o "$dir.t1" "$DXI" new -q "$code" -o "$dir" > "$dir.new.log" 2>&1; rn=$?
/usr/bin/time -f '%U %S' -o "$dir.t2" "$DXI" check "$dir/study.yaml" > "$dir.check.log" 2>&1; rc=$?
ms=$(tail -qn 1 "$dir.t1" "$dir.t2" | awk '{ s += $1 + $2 } END { printf "%d", s * 1000 }')
pop=$(sed -n 's/^totals over the areas: population \([0-9.]*\) .*/\1/p' "$dir.check.log")
printf '%s\t%s\t%s\t%s\t%s\n' "$code" "$rn" "$rc" "${pop:-none}" "$ms"
EOF
mkdir -p "$WORK/c"
export DXI WORK
xargs -P 2 -n 1 sh "$WORK/one.sh" < "$WORK/todo" | LC_ALL=C sort > "$WORK/results.tsv"

LC_ALL=C join -t "$(printf '\t')" "$WORK/results.tsv" "$WORK/totals.tsv" > "$WORK/joined.tsv"
checked=$(wc -l < "$WORK/todo")
bad_new=$(awk -F'\t' '$2 != 0' "$WORK/joined.tsv" | wc -l)
bad_check=$(awk -F'\t' '$3 != 0' "$WORK/joined.tsv" | wc -l)
bad_pop=$(awk -F'\t' '$4 == "none" || $4 + 0 != $6 + 0' "$WORK/joined.tsv" | wc -l)
slowest=$(sort -t "$(printf '\t')" -k5 -n "$WORK/joined.tsv" | tail -1 | cut -f1,5)
check "dxi new succeeds for all $checked councils checked ($bad_new failed)" test "$bad_new" -eq 0 -a "$(wc -l < "$WORK/joined.tsv")" -eq "$checked"
check "dxi check passes on each of their studies, mismatch checks on ($bad_check failed)" test "$bad_check" -eq 0
check "each council's ward populations sum to its census total from the raw rows ($bad_pop differ)" test "$bad_pop" -eq 0
case "${BUILD:-build}" in
  *san*) ok "# SKIP timing: the sanitizer build is several times slower (slowest: $slowest ms)" ;;
  *) check "dxi new + dxi check take a few seconds of CPU a council at most (slowest: $slowest ms)" \
       test "$(echo "$slowest" | cut -f2)" -lt 10000 ;;
esac
for code in $(awk -F'\t' '$2 != 0 || $3 != 0 || $4 == "none" || $4 + 0 != $6 + 0 {print $1}' "$WORK/joined.tsv" | head -5); do
  echo "# $code: $(cat "$WORK/c/$code.new.log"; tail -n 2 "$WORK/c/$code.check.log" | tr '\n' ' ' | cut -c1-400)"
done

# Refusals: an unknown council, an existing folder.
"$DXI" new Croydn -o "$WORK/typo" > /dev/null 2> "$WORK/err"; rc=$?
check "an unknown council is a usage error suggesting the nearest (exit $rc)" \
  sh -c "test $rc -eq 2 && grep -q \"no council 'Croydn'.*did you mean 'Croydon'\" '$WORK/err' && test ! -e '$WORK/typo'"
mkdir -p "$WORK/taken" && echo mine > "$WORK/taken/study.yaml"
"$DXI" new Croydon -o "$WORK/taken" > /dev/null 2> "$WORK/err"; rc=$?
check "dxi new never replaces an existing folder (exit $rc)" \
  sh -c "test $rc -eq 1 && grep -q 'already exists' '$WORK/err' && grep -q mine '$WORK/taken/study.yaml'"
mkdir -p "$WORK/d" && "$DXI" new croydon -o "$WORK/d/lower" > /dev/null 2>&1
check "a council's name in any case, or its code, gives the same study" cmp -s "$WORK/d/lower/study.yaml" "$WORK/c/E09000008/study.yaml"

# Three councils run fully, their ward figures against the independent roll-up.
full () { # full CODE LABEL WALES
  code=$1 label=$2 dir=$WORK/c/$1
  "$DXI" run --quiet --draws 200 "$dir/champions.yaml" -o "$WORK/out-$code" > /dev/null 2> "$WORK/err"; rc=$?
  check "$label ($code): dxi run writes every output (exit $rc)" \
    sh -c "test $rc -eq 0 && test -s '$WORK/out-$code/business_case.xlsx' && test -s '$WORK/out-$code/map.pdf' && test -s '$WORK/out-$code/wards.gpkg'"
  if [ "$3" = wales ]; then iod='{"imd_score": "GB_IMD_E_score"}'; else
    iod='{"imd_score": "GB_IMD_E_score", "income_deprivation": "income_score", "employment_deprivation": "employment_score"}'; fi
  cat > "$WORK/$code.json" <<EOF
{"wards": {"file": "$dir/wards.geojson", "code_field": "area_code", "name_field": "area_name"},
 "ward_lookup": {"file": "$NAT/lookups/lookup_lsoa21_ward24_ltla24.csv.gz", "from": "lsoa21_code", "to": "ward24_code"},
 "census_age": {"file": "$NAT/census2021/census2021-ts007a-lsoa.csv.gz", "shape": "wide", "code": "geography code",
                "prefix": "Age: ", "exclude": ["Total"]},
 "aged_75_plus": ["Aged 75 to 79 years", "Aged 80 to 84 years", "Aged 85 years and over"],
 "crosswalk": {"file": "$NAT/lookups/lookup_lsoa11_lsoa21_ltla22.csv.gz", "from": "lsoa11_code", "to": "lsoa21_code",
               "change": "change_code"},
 "iod": {"file": "$NAT/imd2019/gb_imd_e.csv.gz", "code": "lsoa", "columns": $iod}}
EOF
  python3 "$ROOT/tests/rollup/rollup.py" "$WORK/$code.json" > "$WORK/$code.want.csv" 2> "$WORK/err"
  python3 - "$WORK/out-$code/areas.csv" "$WORK/$code.want.csv" > "$WORK/$code.cmp" 2>&1 <<'PY'
import csv, sys
got = {r["code"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
n = bad = 0
for want in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")):
    n += 1
    row = got.get(want["code"], {})
    for col, w in want.items():
        if col in ("code", "name"):
            continue
        try:
            good = abs(float(row.get(col, "")) - float(w)) <= 1e-6 * max(1.0, abs(float(w)))
        except ValueError:
            good = False
        if not good:
            bad += 1
            print("%s %s: %s against %s" % (want["code"], col, row.get(col), w))
print("%d wards, %d differences" % (n, bad))
sys.exit(bad != 0 or n == 0 or n != len(got))
PY
  check "$label: every ward's population, 75+ and IoD scores equal the independent roll-up ($(tail -1 "$WORK/$code.cmp"))" \
    test $? -eq 0
}
full E09000008 "Croydon, a London borough"
full E07000177 "Cherwell, a shire district"
full W06000015 "Cardiff, a Welsh unitary authority" wales
done_testing
