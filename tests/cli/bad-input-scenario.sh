#!/bin/sh
# The bad-input corpus, scenario cases: each a copy of the Trafford champions
# scenario (or of the benefit library) with one change that dxi run must
# refuse with file:line:col where there is a YAML node, exit 1 (2 for a usage
# error) and no output (helpers in bad-input.inc).
#
# DUPLICATED IN DATA: these 79 cases of this script are now also cases of
# tests/bad-input/ (run by bad-input-data.sh, same YAML, same message, exit 1,
# nothing written); remove them here once the eager config work has merged.
# Case (in the order below) and its data file tests/bad-input/NNN-*.yaml:
#   201  malformed scenario YAML
#   202  unknown top-level key with suggestion
#   203  unknown appraisal key with suggestion
#   204  unknown intervention key with suggestion
#   205  wrong type: horizon_years a word
#   206  wrong type: budget a number, not {year: amount}
#   207  wrong type: top_percent a list
#   208  duplicate key in a parameter
#   209  a bare number without its source
#   210  unknown parameter key with suggestion
#   211  success rate above 1
#   212  deadweight above 1
#   213  negative drop-off
#   214  displacement above 1
#   215  optimism bias above 500%
#   216  negative cost per person
#   217  zero cost per person with a budget (issue 9)
#   218  an intervention that costs nothing
#   219  a price year on a cost
#   220  persistence of 0 years
#   221  negative budget
#   222  negative people
#   223  budget year after the horizon
#   224  budget without years
#   225  budget and people both given
#   226  neither budget nor people
#   227  fixed cost before the first year
#   228  fixed costs above the budget (issue 9)
#   229  fixed costs in a year without budget
#   230  negative fixed cost
#   231  duplicate intervention id (issue 9)
#   232  unknown area code in targeting (issue 9)
#   233  targeting no areas
#   234  decile 11
#   235  top_percent above 100
#   236  two targeting rules
#   237  unknown targeting key with suggestion
#   238  unknown intervention type with suggestion
#   239  unknown allocation with suggestion
#   240  cap naming no area column
#   241  no interventions
#   242  unknown benefit stream with suggestion
#   243  unknown stream override key with suggestion
#   244  a stream listed twice for one intervention
#   245  a library value with no published figure
#   246  a value in another price year without a deflator
#   247  unknown stream kind in the library
#   248  unknown recipient in the library
#   249  library without streams
#   250  unknown distribution with suggestion
#   251  triangular with min above max
#   252  absolute bounds not holding the value
#   253  a mode other than the value
#   254  triangular with min but no max
#   255  a relative spread not around the value
#   256  a percentage as an absolute bound
#   257  uniform with min = max
#   258  normal with sd 0
#   259  a parameter of another distribution
#   260  a share's distribution above 1
#   261  horizon of 0 years
#   262  implausible price base year
#   263  first year long before the price base year
#   264  unknown discount schedule with suggestion
#   265  flat discounting without its rate
#   266  discount rate in percent
#   267  discount rate beside the STPR
#   268  tornado range in percent
#   269  negative Monte Carlo draws
#   270  unknown Monte Carlo key with suggestion
#   271  no optimism bias
#   272  deflator index of 0
#   273  deflator without its source
#   274  no appraisal section
#   275  a name that is not a plain word
#   276  no name
#   277  a scenario naming a missing study
#   278  a scenario naming a missing library
#   279  a scenario naming a broken study
# Kept here only (several files, or a control run): "the unchanged scenario
# copy runs", "two scenarios naming different studies", "two scenarios with
# the same name", "a study after a scenario".
. "$(dirname "$0")/tap.inc"

. "$(dirname "$0")/bad-input.inc"

# The unchanged copy runs, so each case below fails for its own change.
mkscenario
check "the unchanged scenario copy runs" "$DXI" run --quiet --draws 10 "$WORK/scenario.yaml" -o "$WORK/control"
rm -rf "$WORK/control"

S='scenario\.yaml'
# at REGEX [N]: "scenario.yaml:LINE" of the first (or Nth) line matching REGEX
at () { echo "$S:$(grep -n -e "$1" "$WORK/scenario.yaml" | sed -n "${2:-1}p" | cut -d: -f1)"; }

# Syntax, keys and types.
edit_scenario 's|^interventions:|interventions: [\n|'
expect_scenario "malformed scenario YAML" 1 "$S:[0-9]+:[0-9]+: "

edit_scenario 's|^appraisal:|apraisal:|'
expect_scenario "unknown top-level key with suggestion" 1 "$(at '^apraisal'):1: unknown key 'apraisal' \(did you mean 'appraisal'\?\)"

edit_scenario 's|^  horizon_years: 10|  horizon_year: 10|'
expect_scenario "unknown appraisal key with suggestion" 1 "$(at '^  horizon_year:'):3: unknown key 'horizon_year' \(did you mean 'horizon_years'\?\)"

edit_scenario 's|    budget: {2025|    budjet: {2025|'
expect_scenario "unknown intervention key with suggestion" 1 "$(at 'budjet'):5: unknown key 'budjet' \(did you mean 'budget'\?\)"

edit_scenario 's|^  horizon_years: 10|  horizon_years: ten|'
expect_scenario "wrong type: horizon_years a word" 1 "$(at 'horizon_years: ten'):[0-9]+: .*'ten'"

edit_scenario 's|    budget: {2025: 250000, 2026: 250000, 2027: 250000}|    budget: 750000|'
expect_scenario "wrong type: budget a number, not {year: amount}" 1 "$(at 'budget: 750000'):13: expected a mapping"

edit_scenario 's|^    targeting: {top_percent: 30}|    targeting: {top_percent: [30]}|'
expect_scenario "wrong type: top_percent a list" 1 "$(at 'top_percent: \['):[0-9]+: expected a number"

edit_scenario '0,/^      value: 0.6$/s||      value: 0.6\n      value: 0.7|'
expect_scenario "duplicate key in a parameter" 1 "duplicate key 'value'"

edit_scenario '/^    success_rate:$/,/^      distribution/c\    success_rate: 0.6'
expect_scenario "a bare number without its source" 1 "$(at 'success_rate: 0.6'):19: 'champions.success_rate' needs its source"

edit_scenario '0,/^      source: ILLUSTRATIVE assumption, not a published figure/s||      sauce: ILLUSTRATIVE|'
expect_scenario "unknown parameter key with suggestion" 1 "$(at 'sauce:'):7: unknown key 'sauce' \(did you mean 'source'\?\)"

# Rates outside [0, 1] and other out-of-range values.
edit_scenario 's|^      value: 0.6$|      value: 1.2|'
expect_scenario "success rate above 1" 1 "$(at 'value: 1.2$'):14: 'champions.success_rate' must be between 0 and 1, found 1.2"

edit_scenario '0,/deadweight: {value: 0.5,/s||deadweight: {value: 1.15,|'
expect_scenario "deadweight above 1" 1 "$(at 'value: 1.15'):[0-9]+: 'wifi.council_channel_shift.deadweight' must be between 0 and 1, found 1.15"

edit_scenario '0,/drop_off: &drop {value: 0.2,/s||drop_off: \&drop {value: -0.2,|'
expect_scenario "negative drop-off" 1 "$(at 'value: -0.2'):[0-9]+: 'champions.earnings_gain.drop_off' must be between 0 and 1, found -0.2"

edit_scenario '0,/^        deadweight: {value: 0.5,/s||        displacement: {value: 2, source: x}\n&|'
expect_scenario "displacement above 1" 1 "$(at 'displacement: {value: 2'):[0-9]+: 'wifi.council_channel_shift.displacement' must be between 0 and 1, found 2"

edit_scenario 's|^    value: 0.41|    value: 6|'
expect_scenario "optimism bias above 500%" 1 "$(at '^    value: 6'):12: 'optimism_bias' must be between 0 and 5, found 6"

edit_scenario 's|^      value: 180|      value: -180|'
expect_scenario "negative cost per person" 1 "$(at 'value: -180'):14: 'champions.cost_per_person' must be between 0 and 1e\+07"

edit_scenario 's|^      value: 180|      value: 0|; s|min: 120, mode: 180|min: 0, mode: 0|'
expect_scenario "zero cost per person with a budget (issue 9)" 1 "$(at '^      value: 0$'):14: 'champions.cost_per_person' must be above 0 with a budget"

edit_scenario 's|^      value: 15$|      value: 0|; s|      - {year: 2025, capital: 30000, revenue: 0}|      - {year: 2025, capital: 0, revenue: 0}|'
expect_scenario "an intervention that costs nothing" 1 "$(at '^      value: 0$'):14: intervention 'wifi' costs nothing"

edit_scenario 's|^      value: 180|      value: 180\n      price_year: 2019|'
expect_scenario "a price year on a cost" 1 "$(at 'price_year: 2019'):19: 'champions.cost_per_person' is not rebased: price_year belongs to benefit values \(give this one in 2024 prices\)"

edit_scenario 's|^        persistence: 3|        persistence: 0|'
expect_scenario "persistence of 0 years" 1 "$(at 'persistence: 0'):22: persistence must be 1 to 50 years, found 0"

# Budgets, people and years.
edit_scenario 's|budget: {2025: 250000,|budget: {2025: -250000,|'
expect_scenario "negative budget" 1 "$(at 'budget: {2025: -'):14: year 2025 with -250000: years run from 2025 to 2034 and amounts are >= 0"

edit_scenario 's|people: {2025: 300,|people: {2025: -300,|'
expect_scenario "negative people" 1 "$(at 'people: {2025: -'):14: year 2025 with -300:"

edit_scenario 's|budget: {2025: 250000, 2026: 250000, 2027: 250000}|budget: {2025: 250000, 2026: 250000, 2037: 250000}|'
expect_scenario "budget year after the horizon" 1 "$(at '2037: 250000'):[0-9]+: year 2037 with 250000: years run from 2025 to 2034"

edit_scenario 's|budget: {2025: 250000, 2026: 250000, 2027: 250000}|budget: {}|'
expect_scenario "budget without years" 1 "$(at 'budget: {}'):13: no years given"

edit_scenario 's|budget: {2025: 250000, 2026: 250000, 2027: 250000}|budget: {2025: 250000}\n    people: {2025: 1000}|'
expect_scenario "budget and people both given" 1 "$(at '^  - id: champions'):5: intervention 'champions' needs either 'budget' or 'people' by year"

edit_scenario '/^    people: {2025: 300/d'
expect_scenario "neither budget nor people" 1 "$(at '^  - id: wifi'):5: intervention 'wifi' needs either 'budget' or 'people' by year"

edit_scenario 's|      - {year: 2025, capital: 0, revenue: 40000}|      - {year: 2024, capital: 0, revenue: 40000}|'
expect_scenario "fixed cost before the first year" 1 "$(at 'year: 2024, capital'):9: year 2024 is outside the appraisal \(2025 to 2034\)"

edit_scenario 's|      - {year: 2026, capital: 0, revenue: 40000}|      - {year: 2026, capital: 300000, revenue: 40000}|'
expect_scenario "fixed costs above the budget (issue 9)" 1 "$(at 'capital: 300000'):9: fixed costs of 2026 \(340000\) are above its budget \(250000\)"

edit_scenario 's|      - {year: 2027, capital: 0, revenue: 40000}|      - {year: 2027, capital: 0, revenue: 40000}\n      - {year: 2028, capital: 0, revenue: 40000}|'
expect_scenario "fixed costs in a year without budget" 1 "$(at 'year: 2028'):9: fixed costs of 2028 \(40000\) are above its budget \(0\)"

edit_scenario 's|      - {year: 2025, capital: 30000, revenue: 0}|      - {year: 2025, capital: -30000, revenue: 0}|'
expect_scenario "negative fixed cost" 1 "$(at 'capital: -30000'):9: fixed costs are amounts >= 0"

# Interventions and targeting.
edit_scenario 's|^  - id: wifi|  - id: champions|'
expect_scenario "duplicate intervention id (issue 9)" 1 "$(at '^  - id: champions' 2):9: intervention id 'champions' is used twice"

edit_scenario '0,/targeting: {top_percent: 30}/s||targeting: {areas: [E05015244, E0501524X]}|'
expect_scenario "unknown area code in targeting (issue 9)" 1 "$(at 'E0501524X'):36: area 'E0501524X' targeted by 'champions' is not one of the study's 21 areas \('E05"

edit_scenario '0,/targeting: {top_percent: 30}/s||targeting: {areas: []}|'
expect_scenario "targeting no areas" 1 "$(at 'areas: \[\]'):[0-9]+: targeting names no area codes"

edit_scenario '0,/targeting: {top_percent: 30}/s||targeting: {deciles: [1, 11]}|'
expect_scenario "decile 11" 1 "$(at 'deciles: \[1, 11'):[0-9]+: deciles (are whole numbers from|run from) 1 \(most excluded\) to 10"

edit_scenario '0,/targeting: {top_percent: 30}/s||targeting: {top_percent: 130}|'
expect_scenario "top_percent above 100" 1 "$(at 'top_percent: 130'):[0-9]+: top_percent must be above 0 and at most 100"

edit_scenario '0,/targeting: {top_percent: 30}/s||targeting: {top_percent: 30, deciles: [1]}|'
expect_scenario "two targeting rules" 1 "$(at 'deciles: \[1\]'):16: targeting takes one of top_percent, deciles or areas"

edit_scenario '0,/targeting: {top_percent: 30}/s||targeting: {top_percnt: 30}|'
expect_scenario "unknown targeting key with suggestion" 1 "$(at 'top_percnt'):17: unknown key 'top_percnt' \(did you mean 'top_percent'\?\)"

edit_scenario 's|^    type: champions|    type: champion|'
expect_scenario "unknown intervention type with suggestion" 1 "$(at 'type: champion$'):11: .*'champion'.*did you mean 'champions'"

edit_scenario 's|^    allocation: excluded_adults|    allocation: exclude_adults|'
expect_scenario "unknown allocation with suggestion" 1 "$(at 'exclude_adults'):17: .*did you mean 'excluded_adults'"

edit_scenario '0,/^    cap: excluded_adults/s||    cap: excluded_adult|'
expect_scenario "cap naming no area column" 1 "$(at 'cap: excluded_adult$'):10: cap 'excluded_adult' of 'champions' is not a column of the area table"

edit_scenario 's|^interventions:|interventions: []|; /^interventions:/q'
expect_scenario "no interventions" 1 "$(at '^interventions:'):16: a scenario needs at least one intervention"

# Benefit streams and the library.
edit_scenario '0,/stream: earnings_gain/s||stream: earnings_gian|'
expect_scenario "unknown benefit stream with suggestion" 1 "$(at 'earnings_gian'):9: no stream 'earnings_gian' in '.*benefits.yaml' \(did you mean 'earnings_gain'\?\)"

edit_scenario '0,/^        persistence: 3/s||        persistance: 3|'
expect_scenario "unknown stream override key with suggestion" 1 "$(at 'persistance'):9: unknown key 'persistance' \(did you mean 'persistence'\?\)"

edit_scenario 's|      - stream: job_finding$|      - stream: earnings_gain|'
expect_scenario "a stream listed twice for one intervention" 1 "$(at '^      - stream: earnings_gain' 2):9: stream 'earnings_gain' is listed twice for 'champions'"

edit_scenario '0,/      - stream: earnings_gain/s||      - wellbeing\n      - stream: earnings_gain|'
expect_scenario "a library value with no published figure" 1 "benefits\.yaml:[0-9]+:[0-9]+: 'wellbeing\.value' has no published value .*the scenario must supply it"

edit_scenario '0,/      - stream: earnings_gain/s||      - {stream: online_shopping, value: {value: 250, source: test, price_year: 2010}}\n      - stream: earnings_gain|'
expect_scenario "a value in another price year without a deflator" 1 "$(at 'price_year: 2010'):[0-9]+: 'champions.online_shopping.value' is in 2010 prices: the scenario's appraisal.deflator needs index values for 2010 and 2024"

edit_library '0,/^    kind: direct/s||    kind: direkt|'
expect_scenario "unknown stream kind in the library" 1 "benefits\.yaml:$(lineof benefits.yaml 'kind: direkt'):11: .*'direkt'.*did you mean 'direct'"

edit_library '0,/^    recipient: individual/s||    recipient: citizens|'
expect_scenario "unknown recipient in the library" 1 "benefits\.yaml:$(lineof benefits.yaml 'recipient: citizens'):16: unknown value 'citizens' \(valid: 'council', 'nhs', .*'individual', 'employer', 'society'\)"

edit_library 's|^streams:|strams:|'
expect_scenario "library without streams" 1 "benefits\.yaml:$(lineof benefits.yaml '^strams'):1: unknown key 'strams' \(did you mean 'streams'\?\)"

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

# Distributions.
edit_scenario 's|{type: triangular, min: 120|{type: traingular, min: 120|'
expect_scenario "unknown distribution with suggestion" 1 "$(at 'traingular'):[0-9]+: .*'traingular'.*did you mean 'triangular'"

T='{type: triangular, min: 120, mode: 180, max: 300}'
C="'champions.cost_per_person'"
edit_scenario "s|$T|{type: triangular, min: 300, max: 120}|"
expect_scenario "triangular with min above max" 1 "$(at 'min: 300'):21: triangular distribution of $C runs from 300 to 120: it must hold the value 180, with min < max"

edit_scenario "s|$T|{type: triangular, min: 200, max: 300}|"
expect_scenario "absolute bounds not holding the value" 1 "$(at 'min: 200'):21: triangular distribution of $C runs from 200 to 300: it must hold the value 180"

edit_scenario "s|$T|{type: triangular, min: 120, mode: 250, max: 300}|"
expect_scenario "a mode other than the value" 1 "$(at 'mode: 250'):56: the distribution of $C is centred on its value 180, not 250: drop 'mode'"

edit_scenario "s|$T|{type: triangular, min: 120}|"
expect_scenario "triangular with min but no max" 1 "$(at 'min: 120}'):21: triangular distribution needs either low and high .* or min and max"

edit_scenario "s|$T|{type: triangular, low: +10%, high: +30%}|"
expect_scenario "a relative spread not around the value" 1 "$(at 'low: +10%'):21: low is a percentage at or below 0 and high one at or above 0"

edit_scenario "s|$T|{type: triangular, min: -20%, max: 300}|"
expect_scenario "a percentage as an absolute bound" 1 "$(at 'min: -20%'):[0-9]+: min and max are numbers; write percentages of the value as low and high"

edit_scenario "s|$T|{type: uniform, min: 180, max: 180}|"
expect_scenario "uniform with min = max" 1 "$(at 'type: uniform'):21: uniform distribution of $C runs from 180 to 180: it must hold the value 180, with min < max"

edit_scenario "s|$T|{type: normal, sd: 0}|"
expect_scenario "normal with sd 0" 1 "$(at 'type: normal'):[0-9]+: normal distribution of $C needs sd > 0 \\(value 180, sd 0\\)"

edit_scenario "s|$T|{type: triangular, low: -20%, high: +30%, sd: 5}|"
expect_scenario "a parameter of another distribution" 1 "$(at 'sd: 5'):[0-9]+: unknown key 'sd' \\(valid keys: 'type', 'source', 'low', 'high', 'min', 'max', 'mode'\\)"

edit_scenario 's|{type: pert, min: 0.4, mode: 0.6, max: 0.8}|{type: pert, min: 0.4, max: 1.2}|'
expect_scenario "a share's distribution above 1" 1 "$(at 'max: 1.2'):21: 'champions.success_rate' distribution runs from 0.4 to 1.2: it must lie between 0 and 1"

# Appraisal settings: years, discounting, Monte Carlo.
edit_scenario 's|^  horizon_years: 10|  horizon_years: 0|'
expect_scenario "horizon of 0 years" 1 "$(at 'horizon_years: 0'):18: horizon_years must be 1 to 60, .*\(found 0, 2024, 2025\)"

edit_scenario 's|^  price_base_year: 2024|  price_base_year: 1890|'
expect_scenario "implausible price base year" 1 "$(at 'price_base_year: 1890'):20: .*price_base_year 1990 to 2100 .*\(found 10, 1890, 2025\)"

edit_scenario 's|^  first_year: 2025|  first_year: 2015|'
expect_scenario "first year long before the price base year" 1 "$(at 'first_year: 2015'):15: .*first_year from 5 years before it to 2100 \(found 10, 2024, 2015\)"

edit_scenario 's|^  discounting: stpr|  discounting: stp|'
expect_scenario "unknown discount schedule with suggestion" 1 "$(at 'discounting: stp'):16: .*did you mean 'stpr'"

edit_scenario 's|^  discounting: stpr|  discounting: flat|'
expect_scenario "flat discounting without its rate" 1 "$(at '^  price_base_year'):3: missing key 'discount_rate'"

edit_scenario 's|^  discounting: stpr|  discounting: flat\n  discount_rate: 3.5|'
expect_scenario "discount rate in percent" 1 "$(at 'discount_rate: 3.5'):18: discount_rate is a share a year \(0.035 for 3.5%\)"

edit_scenario 's|^  discounting: stpr|  discounting: stpr\n  discount_rate: 0.05|'
expect_scenario "discount rate beside the STPR" 1 "$(at 'discount_rate: 0.05'):18: discount_rate applies only with 'discounting: flat'"

edit_scenario 's|^  tornado_range: 0.2|  tornado_range: 20|'
expect_scenario "tornado range in percent" 1 "$(at 'tornado_range: 20'):18: tornado_range is a share"

edit_scenario 's|monte_carlo: {draws: 10000,|monte_carlo: {draws: -5,|'
expect_scenario "negative Monte Carlo draws" 1 "$(at 'draws: -5'):(16|24): '?draws'? must be (between )?0 (to|and) 10,?000,?000"

edit_scenario 's|monte_carlo: {draws: 10000, seed: 2025}|monte_carlo: {draws: 10000, seeds: 2025}|'
expect_scenario "unknown Monte Carlo key with suggestion" 1 "$(at 'seeds'):[0-9]+: unknown key 'seeds' \(did you mean 'seed'\?\)"

edit_scenario '/^  optimism_bias:/,/^    source: HM Treasury/d'
expect_scenario "no optimism bias" 1 "$(at '^  price_base_year'):3: missing key 'optimism_bias'"

edit_scenario 's|2012: 84.6,|2012: 0,|'
expect_scenario "deflator index of 0" 1 "$(at '2012: 0,'):[0-9]+: a deflator index value must be above 0, found 0"

edit_scenario '/^  deflator:$/,/^    index:/{/^    source:/,/^    index:/{/^    index:/!d}}'
expect_scenario "deflator without its source" 1 "$(at '^    index: {2011'):5: missing key 'source'"

edit_scenario '/^appraisal:/,/^  tornado_range/d'
expect_scenario "no appraisal section" 1 "$S:[0-9]+:[0-9]+: missing key 'appraisal'"

# The scenario's name, study and library.
edit_scenario 's|^name: champions|name: ../champions|'
expect_scenario "a name that is not a plain word" 1 "$(at '^name:'):7: name '../champions' names columns and files"

edit_scenario '/^name: /d'
expect_scenario "no name" 1 "$S:[0-9]+:[0-9]+: missing key 'name'"

edit_scenario "s|^study: .*|study: $WORK/nostudy.yaml|"
expect_scenario "a scenario naming a missing study" 1 "cannot open '.*nostudy.yaml': No such file or directory"

edit_scenario "s|^benefits: .*|benefits: $WORK/nobenefits.yaml|"
expect_scenario "a scenario naming a missing library" 1 "cannot open '.*nobenefits.yaml': No such file or directory"

mkstudy; sed -i 's|^indicators:|indicatorz:|' "$WORK/study.yaml"
edit_scenario "s|^study: .*|study: $WORK/study.yaml|"
expect_scenario "a scenario naming a broken study" 1 "study\.yaml:$(lineof study.yaml '^indicatorz'):1: unknown key 'indicatorz'"

edit_scenario "s|^study: .*|study: $ROOT/scenarios/trafford/study_lsoa.yaml|; s|^name: champions|name: lsoa|"
mv "$WORK/scenario.yaml" "$WORK/lsoa.yaml"; mkscenario
expect_run "two scenarios naming different studies" 2 "'.*lsoa.yaml' names study '.*study_lsoa.yaml', but '.*scenario.yaml' names '.*study.yaml': scenarios compared in one run share a study" "$WORK/scenario.yaml" "$WORK/lsoa.yaml"

mkscenario; cp "$WORK/scenario.yaml" "$WORK/again.yaml"
expect_run "two scenarios with the same name" 2 "two scenarios are named 'champions'" "$WORK/scenario.yaml" "$WORK/again.yaml"

mkscenario
expect_run "a study after a scenario" 2 "'$STUDY' is not a scenario" "$WORK/scenario.yaml" "$STUDY"

done_testing
