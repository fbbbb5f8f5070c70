#!/bin/sh
# The run's warnings reach manifest.json (issue 12): the index's diagnostics,
# coverage warnings, approximate ward boundaries and a missing broadband
# domain, each also in the run summary (stderr); the broadband one on the map.
. "$(dirname "$0")/tap.inc"
TRAFFORD=$ROOT/scenarios/trafford/study.yaml

# Diagnostics: Trafford's Sobol indices come with their standard errors,
# and within two of them of [0, 1] they are no warning (a Sobol index is a
# share of variance: only sampling error takes it outside).
"$DXI" run "$TRAFFORD" -o "$WORK/traf" > /dev/null 2> "$WORK/traf.err"
check "Trafford runs" test -s "$WORK/traf/manifest.json"
check "diagnostics.txt gives the Sobol indices with their standard errors (4096 base samples)" \
  grep -Eq "^    weights +first-order +[0-9.]+ \(standard error 0\.0[0-9]+\)  total +[0-9.]+ \(standard error 0\.0[0-9]+\)\$" "$WORK/traf/diagnostics.txt"
check "no Sobol warning in diagnostics.txt, the manifest or the run summary" sh -c \
  "! grep -q 'Sobol indices of .* outside' '$WORK/traf/diagnostics.txt' '$WORK/traf.err' && jq -e '.warnings | map(select(test(\"Sobol\"))) | length == 0' '$WORK/traf/manifest.json'"
check "Trafford has a broadband domain: no broadband warning" sh -c \
  "! grep -q 'Broadband domain not included' '$WORK/traf.err' && ! jq -r '.warnings[]' '$WORK/traf/manifest.json' | grep -q 'Broadband domain'"
check "... nor on the map" sh -c "! pdftotext -raw '$WORK/traf/map.pdf' - | grep -q 'Broadband domain not included'"

# Coverage: a vintage mismatch made a warning (on_mismatch: warn), with the
# speeds kept out of the index: the coverage warning and, since no indicator
# is left in the Broadband domain, the broadband one.  On the 2022 wards,
# where Ofcom's 2023 ward codes are the other vintage.
sed "s|\.\./\.\./|$ROOT/|g; s|^    geography: ward23|    geography: ward22|; s|on_mismatch: error|on_mismatch: warn|;
     /^  - download_speed\$/d; s|^  - imd_most_deprived_10\$|&\n  - download_speed|" \
  "$ROOT/scenarios/trafford/study_wards2022.yaml" > "$WORK/warn.yaml"
"$DXI" run "$WORK/warn.yaml" -o "$WORK/warn" > /dev/null 2> "$WORK/warn.err"
check "the mismatch made a warning runs on" test -s "$WORK/warn/areas.csv"
check "manifest.json carries the coverage warning" \
  sh -c "jq -e '.warnings | map(select(test(\"ofcom_speed_2022\"))) | length == 1' '$WORK/warn/manifest.json'"
check "manifest.json says the broadband domain is not included" \
  sh -c "jq -e '.warnings | map(select(test(\"^Broadband domain not included: no Ofcom file given\"))) | length == 1' '$WORK/warn/manifest.json'"
check "the run summary says so once" test "$(grep -c 'Broadband domain not included: no Ofcom file given' "$WORK/warn.err")" -eq 1
check "... and the map's footnote" sh -c "pdftotext -raw '$WORK/warn/map.pdf' - | grep -q '^Broadband domain not included: no Ofcom file given\\.\$'"
# Every warning printed is in the manifest, and nothing else.
sed -n 's/^dxi: warning: //p' "$WORK/warn.err" | sort > "$WORK/printed"
jq -r '.warnings[]' "$WORK/warn/manifest.json" | sort > "$WORK/listed"
check "the manifest's warnings are the run's ($(wc -l < "$WORK/listed") listed, $(wc -l < "$WORK/printed") printed)" \
  sh -c "test -s '$WORK/listed' && cmp -s '$WORK/printed' '$WORK/listed'"

# Approximate ward boundaries: Middlesbrough's 2024 wards have no published
# boundary file here, so dxi new dissolves LSOA 2021s (data/national).
if [ -f "$ROOT/data/national/boundaries/boundaries_lsoa21.fgb.gz" ]; then
  "$DXI" new E06000002 -o "$WORK/mid" > "$WORK/new.out" 2>&1
  check "dxi new Middlesbrough writes approximate wards" grep -q "boundaries approximate" "$WORK/new.out"
  "$DXI" index "$WORK/mid/study.yaml" -o "$WORK/midout" > /dev/null 2> "$WORK/mid.err"
  check "manifest.json warns that the ward boundaries are approximate" \
    sh -c "jq -e '.warnings | map(select(test(\"^area boundaries are approximate: \"))) | length == 1' '$WORK/midout/manifest.json'"
  check "the run summary says so" grep -q "^dxi: warning: area boundaries are approximate: " "$WORK/mid.err"
  check "and that the broadband domain is not included" sh -c \
    "jq -e '.warnings | map(select(test(\"^Broadband domain not included\"))) | length == 1' '$WORK/midout/manifest.json'"
else
  ok "# SKIP data/national not present"
fi
done_testing
