#!/bin/sh
# Broadband from Ofcom Connected Nations files as Ofcom publishes them (issue
# 8 point 12).  dxi new says which Ofcom file to download, where it goes and
# which lines of study.yaml to uncomment; the index runs without the domain
# and says so; with the files in place the catalogue's ofcom_gigabit,
# ofcom_superfast and ofcom_no_decent_broadband reach the wards as rates of
# premises counts, checked against an independent roll-up here.
#
# No Ofcom Output Area file is bundled, so the coverage file is made here:
# Ofcom's published header (202407_fixed_oa_res_coverage_r01.csv) over
# Trafford's real Output Areas, with SYNTHETIC counts (a formula of the row
# number), plus rows for Scottish OAs that lie outside.
. "$(dirname "$0")/tap.inc"
if [ ! -f "$ROOT/data/national/lookups/lookup_lsoa21_ward24_ltla24.csv.gz" ]; then
  echo "1..0 # SKIP data/national not present"
  exit 0
fi
GM_OA=$ROOT/data/trafford/lookups/oa21_lsoa21_msoa21_lad22_gm.csv

"$DXI" new E08000009 -o "$WORK/traf" > "$WORK/new.out" 2>&1
rc=$?
check "dxi new Trafford (exit $rc)" test $rc -eq 0
check "dxi new says no broadband file is bundled" grep -q "no broadband domain: no national Ofcom Connected Nations file is bundled" "$WORK/new.out"
check "... which file to download (Ofcom Connected Nations, fixed coverage by Output Area)" sh -c \
  "grep -q 'Ofcom Connected Nations, fixed broadband coverage by Output Area (residential' '$WORK/new.out' && grep -q '202407_fixed_oa_res_coverage_r01.csv' '$WORK/new.out'"
check "... where it goes" grep -q "as $WORK/traf/broadband/ofcom_fixed_oa_coverage.csv" "$WORK/new.out"
check "... and which study keys to add" grep -q "the dataset$" "$WORK/new.out"
check "... naming the dataset and indicators" sh -c \
  "grep -q 'ofcom_fixed_coverage and the indicators ofcom_gigabit, ofcom_superfast, ofcom_no_decent_broadband' '$WORK/new.out'"
check "study.yaml holds the lines to uncomment" test "$(grep -c '^#+ ' "$WORK/traf/study.yaml")" -eq 16

# Without the file: the index runs, without the domain, and says so.
"$DXI" index "$WORK/traf/study.yaml" -o "$WORK/without" > "$WORK/without.out" 2> "$WORK/without.err"
rc=$?
check "the index runs without broadband (exit $rc)" test $rc -eq 0 -a -s "$WORK/without/areas.csv"
check "... with no broadband domain" sh -c "! head -1 '$WORK/without/areas.csv' | grep -q dom_broadband"
check "... and says so in the run summary" grep -q "^dxi: warning: Broadband domain not included: no Ofcom file given" "$WORK/without.err"
check "... and on the map" sh -c "pdftotext -raw '$WORK/without/map.pdf' - | grep -q '^Broadband domain not included: no Ofcom file given\\.'"

# The analyst downloads the two files and uncomments the lines.
mkdir -p "$WORK/traf/broadband" "$WORK/traf/lookups"
# The ONS OA21 -> LSOA21 lookup as the Open Geography Portal names its columns.
awk -F, 'NR == 1 {print toupper($0); next} $6 == "E08000009"' "$GM_OA" > "$WORK/traf/lookups/lookup_oa21_lsoa21.csv"
python3 - "$WORK/traf/lookups/lookup_oa21_lsoa21.csv" "$WORK/traf/broadband/ofcom_fixed_oa_coverage.csv" <<'PY'
import csv, sys
oas = [r["OA21CD"] for r in csv.DictReader(open(sys.argv[1]))] + ["S00135307", "S00135308"]
head = ["output_area", "All Premises", "All Matched Premises", "SFBB availability (% premises)",
        "UFBB (100Mbit/s) availability (% premises)", "UFBB availability (% premises)",
        "% of premises unable to receive 2Mbit/s", "% of premises unable to receive 5Mbit/s",
        "% of premises unable to receive 10Mbit/s", "% of premises unable to receive 30Mbit/s",
        "Gigabit availability (% premises)", "% of premises below the USO", "% of premises with NGA",
        "Number of premises with SFBB availability", "Number of premises with UFBB availability",
        "Number of premises with Gigabit availability", "Number of premises below the USO"]
w = csv.writer(open(sys.argv[2], "w", newline=""), lineterminator="\r\n")
w.writerow(head)
for i, oa in enumerate(oas):
    n = 90 + (i * 37) % 160          # SYNTHETIC premises
    sfbb, gig, uso = n - i % 7, (n * ((i * 13) % 101)) // 100, i % 3
    pct = lambda k: f"{100 * k / n:.1f}"
    w.writerow([oa, n, n - i % 2, pct(sfbb), pct(gig), pct(gig), pct(uso), pct(uso), pct(uso), pct(n - sfbb),
                pct(gig), pct(uso), pct(sfbb), sfbb, gig, gig, uso])
PY
sed -i 's/^#+ //' "$WORK/traf/study.yaml"
"$DXI" index "$WORK/traf/study.yaml" -o "$WORK/with" > "$WORK/with.out" 2> "$WORK/with.err"
rc=$?
check "with the Ofcom file the index runs (exit $rc $(head -c 300 "$WORK/with.err"))" test $rc -eq 0 -a -s "$WORK/with/areas.csv"
check "... with a broadband domain" sh -c "head -1 '$WORK/with/areas.csv' | grep -q dom_broadband"
check "... and no broadband warning" sh -c "! grep -q 'Broadband domain not included' '$WORK/with.err' && ! pdftotext -raw '$WORK/with/map.pdf' - | grep -q 'Broadband domain not included'"
check "coverage.txt: the Scottish OAs lie outside the areas" grep -q "2 lie outside them" "$WORK/with/coverage.txt"
python3 - "$WORK/traf/broadband/ofcom_fixed_oa_coverage.csv" "$WORK/traf/lookups/lookup_oa21_lsoa21.csv" \
  "$ROOT/data/national/lookups/lookup_lsoa21_ward24_ltla24.csv.gz" "$WORK/with/areas.csv" > "$WORK/rollup.txt" 2>&1 <<'PY'
import csv, gzip, sys
from collections import defaultdict
ofcom = list(csv.DictReader(open(sys.argv[1], newline="")))
lsoa = {r["OA21CD"]: r["LSOA21CD"] for r in csv.DictReader(open(sys.argv[2]))}
ward = {r["lsoa21_code"]: r["ward24_code"] for r in csv.DictReader(gzip.open(sys.argv[3], "rt"))}
sums = defaultdict(lambda: defaultdict(float))
for r in ofcom:
    if r["output_area"] not in lsoa:
        continue
    s = sums[ward[lsoa[r["output_area"]]]]
    for k in ("All Premises", "Number of premises with Gigabit availability",
              "Number of premises with SFBB availability", "Number of premises below the USO"):
        s[k] += float(r[k])
out = {r["code"]: r for r in csv.DictReader(open(sys.argv[4]))}
bad, n = [], 0
for code, s in sums.items():
    for ind, col in (("ofcom_gigabit", "Number of premises with Gigabit availability"),
                     ("ofcom_superfast", "Number of premises with SFBB availability"),
                     ("ofcom_no_decent_broadband", "Number of premises below the USO")):
        want, got = 100 * s[col] / s["All Premises"], float(out[code][ind])
        n += 1
        if abs(want - got) > 1e-6:
            bad.append(f"{code} {ind}: want {want} got {got}")
print("\n".join(bad) if bad else f"ok {len(sums)} wards {n} values")
sys.exit(1 if bad or len(sums) != len(out) else 0)
PY
check "every ward's gigabit, superfast and no-decent-broadband rates equal the premises roll-up ($(head -c 300 "$WORK/rollup.txt"))" \
  grep -q "^ok 21 wards 63 values" "$WORK/rollup.txt"

# With both files bundled in data/national, dxi new binds them itself.
mkdir -p "$WORK/root/data/national/broadband" "$WORK/root/data/national/lookups"
for d in indicators scenarios; do ln -s "$ROOT/$d" "$WORK/root/$d"; done
for d in boundaries census2021 imd2019; do ln -s "$ROOT/data/national/$d" "$WORK/root/data/national/$d"; done
ln -s "$ROOT"/data/national/lookups/*.gz "$WORK/root/data/national/lookups/"
cp "$WORK/traf/broadband/ofcom_fixed_oa_coverage.csv" "$WORK/root/data/national/broadband/"
gzip -c "$WORK/traf/lookups/lookup_oa21_lsoa21.csv" > "$WORK/root/data/national/lookups/lookup_oa21_lsoa21.csv.gz"
"$DXI" new --root "$WORK/root" E08000009 -o "$WORK/bundled" > "$WORK/bundled.out" 2>&1
check "with the files bundled, dxi new adds the broadband domain" sh -c \
  "grep -q 'broadband: Ofcom Connected Nations fixed coverage by Output Area (bundled)' '$WORK/bundled.out' && ! grep -q '^#+' '$WORK/bundled/study.yaml' && grep -q '^  - ofcom_gigabit' '$WORK/bundled/study.yaml'"
"$DXI" check "$WORK/bundled/study.yaml" > "$WORK/bundled.check" 2>&1
check "... and the study checks ($(grep -m1 dxi: "$WORK/bundled.check"))" grep -q "^dataset 'ofcom_fixed_coverage': " "$WORK/bundled.check"
done_testing
