#!/bin/sh
# The bad-input corpus, scenario cases: each a copy of the Trafford champions
# scenario (or of the benefit library) with one change that dxi run must
# refuse with file:line:col where there is a YAML node, exit 1 (2 for a usage
# error) and no output (helpers in bad-input.inc).
#
# The cases that are only "this YAML, this message" are data: tests/bad-input/
# (201-279, run by bad-input-data.sh). What stays here: the control run,
# unused library streams (refused by dxi run and dxi check alike) and the
# cases of several files.
. "$(dirname "$0")/tap.inc"

. "$(dirname "$0")/bad-input.inc"

# The unchanged copy runs, so each case below fails for its own change.
mkscenario
check "the unchanged scenario copy runs" "$DXI" run --quiet --draws 10 "$WORK/scenario.yaml" -o "$WORK/control"
rm -rf "$WORK/control"

S='scenario\.yaml'
# at REGEX [N]: "scenario.yaml:LINE" of the first (or Nth) line matching REGEX
at () { echo "$S:$(grep -n -e "$1" "$WORK/scenario.yaml" | sed -n "${2:-1}p" | cut -d: -f1)"; }

# Every stream of the library is checked when it is read, used or not: the
# champions scenario uses neither time_saved nor online_shopping, and both
# dxi run and dxi check refuse a mistake in them.
# expect_unused NAME PATTERN: dxi run and dxi check on $WORK/scenario.yaml
expect_unused () {
  expect_scenario "$1" 1 "$2"
  "$DXI" check --quiet "$WORK/scenario.yaml" > "$WORK/stdout" 2> "$WORK/stderr"
  got=$? msg=$(cat "$WORK/stderr")
  if [ "$got" -ne 1 ]; then
    not_ok "dxi check, $1: exit $got, expected 1 ($msg)"
  elif ! grep -Eq -- "$2" "$WORK/stderr"; then
    not_ok "dxi check, $1: message '$msg' does not match '$2'"
  else
    ok "dxi check, $1: $msg"
  fi
}
# lib REGEX: "benefits.yaml:LINE" of the first line of the library copy matching REGEX
lib () { echo "benefits\.yaml:$(lineof benefits.yaml "$1")"; }
TIME='/^  time_saved:/,/^  online_shopping:/'
SHOP='/^  online_shopping:/,/^  wellbeing:/'
edit_library "${TIME}s|^    persistence: 1|    persistance: 1|"
expect_unused "an unused stream with a misspelt key" \
  "$(lib 'persistance: 1'):5: unknown key 'persistance' \(did you mean 'persistence'\?\)"

edit_library "${TIME}s|^      price_year: 2002|      price_yaer: 2002|"
expect_unused "an unused stream's parameter with a misspelt key" \
  "$(lib 'price_yaer'):7: unknown key 'price_yaer' \(did you mean 'price_year'\?\)"

edit_library "${SHOP}s|^    recipient: individual|    recipient: individuals|"
expect_unused "an unused stream with an unknown recipient" \
  "$(lib 'recipient: individuals'):16: unknown value 'individuals'"

edit_library "${SHOP}s|^    persistence: 1|    persistence: 0|"
expect_unused "an unused stream lasting 0 years" \
  "$(lib 'persistence: 0'):18: persistence must be 1 to 50 years, found 0"

edit_library "${SHOP}s|^    kind: direct|    kind: [direct]|"
expect_unused "an unused stream with a list for its kind" \
  "$(lib 'kind: \[direct\]'):11: expected a single value, found a list"

# Several files.
edit_scenario "s|^study: .*|study: $ROOT/scenarios/trafford/study_lsoa.yaml|; s|^name: champions|name: lsoa|"
mv "$WORK/scenario.yaml" "$WORK/lsoa.yaml"; mkscenario
expect_run "two scenarios naming different studies" 2 "'.*lsoa.yaml' names study '.*study_lsoa.yaml', but '.*scenario.yaml' names '.*study.yaml': scenarios compared in one run share a study" "$WORK/scenario.yaml" "$WORK/lsoa.yaml"

mkscenario; cp "$WORK/scenario.yaml" "$WORK/again.yaml"
expect_run "two scenarios with the same name" 2 "two scenarios are named 'champions'" "$WORK/scenario.yaml" "$WORK/again.yaml"

mkscenario
expect_run "a study after a scenario" 2 "'$STUDY' is not a scenario" "$WORK/scenario.yaml" "$STUDY"

done_testing
