#!/bin/sh
# The bad-input corpus, study and data cases (helpers in bad-input.inc).
. "$(dirname "$0")/tap.inc"

. "$(dirname "$0")/bad-input.inc"

edit 's|^index:|index: [1, 2\nx:|'
expect "malformed YAML" 1 'study.yaml:[0-9]+:[0-9]+: '

edit 's|^indicators:|indicatorz:|'
expect "unknown key with suggestion" 1 "study.yaml:[0-9]+:1: unknown key 'indicatorz' \(did you mean 'indicators'\?\)"

edit 's|^coverage:|output: {resolution: fine}\ncoverage:|'
expect "wrong type" 1 "study.yaml:[0-9]+:[0-9]+: expected a number, found 'fine'"

edit 's|wards_2023.geojson|wards_2099.geojson|'
expect "missing boundary file" 1 "wards_2099.geojson"

edit 's|code_column: lsoa$|code_column: lsoa_code|'
expect "missing column" 1 "lsoa_code"

edit 's|^  - imd_score|  - imd_scor|'
expect "unknown indicator" 1 "unknown indicator 'imd_scor' \(did you mean 'imd_score'\?\)"

edit 's|dataset: census2021_households$|dataset: census2021_household|'
expect "unknown dataset" 1 "unknown dataset 'census2021_household' \(did you mean 'census2021_households'\?\)"

edit 's|preset: deri|preset: dery|'
expect "unknown preset" 1 "study.yaml:[0-9]+:[0-9]+: .*'dery'"

edit 's|wards_2023.geojson|wards_2022.geojson|'
expect "vintage mismatch (2023 ward codes on 2022 wards)" 1 "ward23_median_download_speed_2022-05.csv:2: dataset 'ofcom_speed_2022': none of its 21 codes \(E05015239, "

edit 's|^population: {dataset: census2021_age}|population: {dataset: census2021_age}\npopulation: {dataset: census2021_age}|'
expect "duplicate key" 1 "duplicate key 'population'"

edit 's|  age_45_54: {dataset: census2021_age,|  age_45_54: {rate: 1.5, source: test, dataset: census2021_age,|'
expect "rate out of range" 1 "rate must be between 0 and 1"

edit 's|^  - lone_parents|  - lone_parents\n  - lone_parents|'
expect "indicator listed twice" 1 "indicator 'lone_parents' is listed twice"

edit_data trafford/imd2019/gb_imd_e_trafford.csv '3s|,52.996,|,abc,|'
expect "non-numeric cell" 1 "data.csv:3:[0-9]+: .*'abc'"

edit_data trafford/imd2019/gb_imd_e_trafford.csv '4s|^E,E01006168,|E,E01006109,|'
expect "duplicate code in a table" 1 "E01006109"

edit_data trafford/imd2019/gb_imd_e_trafford.csv '1,$d'
expect "empty data file" 1 "data.csv.*empty"

edit 's|filter: {measure: Count}|filter: {measure: Count}\n    categories: [Aged 65 to 69 yeers]|'
expect "category not in the table" 1 "Aged 65 to 69 yeers"

mkstudy; rm -f "$WORK/nostudy.yaml"
"$DXI" run --quiet "$WORK/nostudy.yaml" -o "$WORK/out" 2> "$WORK/stderr"; got=$?
if [ $got -eq 1 ] && grep -q "cannot open '.*nostudy.yaml': No such file or directory" "$WORK/stderr" && [ ! -e "$WORK/out" ]
then ok "missing study file"; else not_ok "missing study file (exit $got: $(cat "$WORK/stderr"))"; fi

"$DXI" run --no-such-option "$STUDY" 2> "$WORK/stderr"; got=$?
if [ $got -eq 2 ]; then ok "unknown option exits 2"; else not_ok "unknown option exits $got"; fi
"$DXI" runn 2> "$WORK/stderr"; got=$?
if [ $got -eq 2 ] && grep -q "did you mean 'run'" "$WORK/stderr"; then ok "unknown command exits 2 with a suggestion"; else not_ok "unknown command ($got)"; fi
"$DXI" run 2> "$WORK/stderr"; got=$?
if [ $got -eq 2 ]; then ok "run without files exits 2"; else not_ok "run without files exits $got"; fi

done_testing
