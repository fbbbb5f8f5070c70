#!/bin/sh
# The bad-input corpus, further study cases: each a copy of the Trafford study
# (or of its catalogue or rates) with one change that dxi run must refuse with
# file:line:col where there is a YAML node, exit 1 and no output (helpers in
# bad-input.inc).
#
# The cases that are only "this YAML, this message" are data: tests/bad-input/
# (001-094, run by bad-input-data.sh with dxi check). What stays here are the
# sections nothing uses, each refused by dxi check and by dxi run alike.
. "$(dirname "$0")/tap.inc"

. "$(dirname "$0")/bad-input.inc"

Y='study\.yaml'
# at REGEX [N]: "study.yaml:LINE" of the first (or Nth) line matching REGEX
at () { echo "$Y:$(grep -n -e "$1" "$WORK/study.yaml" | sed -n "${2:-1}p" | cut -d: -f1)"; }

# Sections nothing uses are checked all the same, by dxi run and by dxi check
# (issue 13): a dataset no indicator or count reads and a lookup no dataset
# goes through, each written into the study beside the used ones.
IMD="$ROOT/data/trafford/imd2019/gb_imd_e_trafford.csv"
BESTFIT="$ROOT/data/trafford/lookups/lsoa21_ward24_bestfit_trafford.csv"
# unused_dataset 'KEY: VALUE\n...': a dataset 'spare_scores' on the IMD table
unused_dataset () {
  edit "s|^datasets:|datasets:\n  spare_scores:\n    file: $IMD\n    code_column: lsoa\n$1    geography: lsoa11|"
}
# unused_lookup 'KEY: VALUE\n...': a lookup 'spare_fit' after the others
unused_lookup () {
  edit "s|^datasets:|  spare_fit:\n$1\ndatasets:|"
}
FIT_OK="    kind: csv\n    file: $BESTFIT\n    from_column: lsoa21_code\n    to_column: ward24_code"
# expect_check NAME CODE PATTERN: dxi check on $WORK/study.yaml
expect_check () {
  "$DXI" check --quiet "$WORK/study.yaml" > "$WORK/stdout" 2> "$WORK/stderr"
  got=$? msg=$(cat "$WORK/stderr")
  if [ "$got" -ne "$2" ]; then not_ok "dxi check, $1: exit $got, expected $2 ($msg)"; return; fi
  if [ -n "$3" ] && ! grep -Eq -- "$3" "$WORK/stderr"; then
    not_ok "dxi check, $1: message '$msg' does not match '$3'"; return; fi
  ok "dxi check, $1${msg:+: $msg}"
}
# both NAME PATTERN: dxi check and dxi run refuse the study with PATTERN
both () { expect_check "$1" 1 "$2"; expect "$1" 1 "$2"; }

unused_dataset "    columns: [overall_local_score]\n"
expect_check "a correct unused dataset passes" 0 ""
unused_lookup "$FIT_OK"
expect_check "a correct unused lookup passes" 0 ""

unused_dataset "    shpae: wide\n"
both "unused dataset with a misspelt key" "$(at '^    shpae: wide'):5: unknown key 'shpae' \(did you mean 'shape'\?\)"

edit "s|^datasets:|datasets:\n  spare_scores:\n    file: $WORK/nofile.csv\n    code_column: lsoa\n    geography: lsoa11|"
both "unused dataset whose file is missing" "$(at "^    file: $WORK/nofile.csv"):5: dataset 'spare_scores', which nothing uses: cannot open '$WORK/nofile.csv': No such file or directory"

unused_dataset "    filter: {nation: []}\n"
both "unused dataset with a filter keeping no value" "$(at 'nation: \[\]'):22: a filter needs at least one value to keep"

unused_dataset "    filter: {natoin: E}\n"
both "unused dataset filtering on a column its table lacks" "$(at 'natoin: E'):14: filter: no column 'natoin' in '.*gb_imd_e_trafford.csv' \(did you mean 'nation'\?"

unused_dataset "    columns: [overall_local_scor]\n"
both "unused dataset naming a column its table lacks" "dataset 'spare_scores', which nothing uses: .*no column 'overall_local_scor' \(did you mean 'overall_local_score'\?\)"

unused_lookup "    kind: csvv\n    file: $BESTFIT\n    from_column: lsoa21_code\n    to_column: ward24_code"
both "unused lookup of an unknown kind" "$(at 'kind: csvv'):11: unknown value 'csvv' \(did you mean 'csv'\?"

unused_lookup "    kind: csv\n    file: $BESTFIT\n    from_column: lsoa21_cd\n    to_column: ward24_code"
both "unused lookup naming a column its file lacks" "$Y:$(($(grep -n '^  spare_fit:' "$WORK/study.yaml" | cut -d: -f1) + 1)):5: lookup 'spare_fit', which nothing uses: '.*lsoa21_ward24_bestfit_trafford.csv': no column 'lsoa21_cd' \(columns: 'lsoa21_name', 'lsoa21_code'"

unused_lookup "    kind: csv\n    file: $WORK/nolookup.csv\n    from_column: a\n    to_column: b"
both "unused lookup whose file is missing" "lookup 'spare_fit', which nothing uses: cannot open '$WORK/nolookup.csv': No such file or directory"

unused_lookup "    kind: chain\n    steps: [lsoa11_lsoa21, lsoa22]"
both "unused chain step naming no lookup" "$(at 'steps: \[lsoa11_lsoa21, lsoa22\]'):28: in chain step 'lsoa22': no lookup named 'lsoa22' under 'lookups'"

unused_lookup "    kind: overlap\n    from_areas: $WORK/noareas.geojson\n    from_code_field: code"
both "unused overlap whose boundaries are missing" "lookup 'spare_fit', which nothing uses: cannot open '$WORK/noareas.geojson'"

unused_lookup "    kind: apportion\n    file: $BESTFIT\n    from_column: lsoa21_code\n    part_column: oa21cd\n    parts: oa21\n    part_weight: census2021_age_oa"
both "unused apportion naming a column its file lacks" "lookup 'spare_fit', which nothing uses: .*no column 'oa21cd'"

unused_lookup "    kind: apportion\n    file: $BESTFIT\n    from_column: lsoa21_code\n    part_column: lsoa21_name\n    parts: oa21\n    part_weight: census2021_oa"
both "unused apportion weighed by no dataset" "part_weight 'census2021_oa': no dataset named 'census2021_oa' under 'datasets' \(did you mean"

edit 's|^  preset: deri|  preset: deri\n  normalisation: minmx|'
both "index setting misspelt" "$(at 'normalisation: minmx'):18: unknown value 'minmx' \(did you mean 'minmax'\?"

done_testing
