#!/bin/sh
# The bad-input corpus, further study cases: each a copy of the Trafford study
# (or of its catalogue or rates) with one change that dxi run must refuse with
# file:line:col where there is a YAML node, exit 1 and no output (helpers in
# bad-input.inc).
#
# DUPLICATED IN DATA: these 94 cases of this script are now also cases of
# tests/bad-input/ (run by bad-input-data.sh, same YAML, same message, exit 1,
# nothing written); remove them here once the eager config work has merged.
# Case (in the order below) and its data file tests/bad-input/NNN-*.yaml:
#   001  no name
#   002  title a list
#   003  unknown top-level key with suggestion
#   004  unknown areas key with suggestion
#   005  areas without code_field
#   006  code field not in the boundary file
#   007  layer not in the boundary file
#   008  a boundary file that is not a vector file
#   009  missing catalogue
#   010  no rates
#   011  unknown direction in the catalogue
#   012  catalogue entry without its label
#   013  catalogue entry both a rate and an average
#   014  catalogue entry on a dataset the study lacks
#   015  unknown roll-up weight in the catalogue
#   016  excluded-adults band without a rate
#   017  rate that is not a number
#   018  a study rate without its source
#   019  unknown lookup kind with suggestion
#   020  chain of one step
#   021  chain with itself as a step
#   022  chain step naming no lookup
#   023  chain without steps
#   024  lookup column not in its file
#   025  apportion lookup without from_column
#   026  overlap lookup without from_code_field
#   027  unknown lookup key with suggestion
#   028  dataset geography neither the areas' nor a lookup
#   029  dataset without geography
#   030  unknown table shape with suggestion
#   031  long table without category_column
#   032  prefix on a long table
#   033  category_column on a wide table
#   034  wide table column not in the file
#   035  value column not in the file
#   036  missing table file
#   037  long filter on a column the table lacks
#   038  wide filter on a column the table lacks, naming those it has
#   039  wide filter on an unlike column lists the columns
#   040  filter keeping no value
#   041  filter not a mapping
#   042  filter value a mapping
#   043  filter that keeps no row of the table, naming the values held
#   044  missing marker that is a number
#   045  missing markers not a list
#   046  missing_markers misspelt
#   047  a spreadsheet error in a cell names missing_markers
#   048  unknown dataset on_mismatch
#   049  no population
#   050  rate on a total
#   051  unknown subtract dataset with suggestion
#   052  columns a mapping
#   053  total column not in the dataset
#   054  indicators a single id
#   055  an index of one indicator
#   056  indicator weight 0
#   057  unknown indicator key with suggestion
#   058  unknown extra indicator with suggestion
#   059  average_by on an unknown dataset with suggestion
#   060  average_by on a rate
#   061  average_by naming no weight
#   062  average_by on an IoD summary
#   063  average_by a column the dataset lacks
#   064  average_by with both column and columns
#   065  average_by a dataset off the lookup chain
#   066  a catalogue weight from a dataset without what it counts
#   067  percent_of on a rate
#   068  unknown normalisation with suggestion
#   069  range with lo above hi
#   070  range of three numbers
#   071  reference dataset not named
#   072  goalposts reference without goalposts
#   073  goalposts with lo above hi
#   074  negative domain weight
#   075  domain weights summing to 0
#   076  unknown missing policy
#   077  unknown aggregation with suggestion
#   078  geometric shift of 0
#   079  correlation flag above 1
#   080  negative winsorise_max
#   081  index draws above the limit
#   082  negative index seed
#   083  Dirichlet concentration of 0
#   084  unknown alternative normalisation with suggestion
#   085  unknown uncertainty key
#   086  Sobol samples above the limit
#   087  unknown index key
#   088  ignore as the study's coverage policy
#   089  unknown coverage policy
#   090  unknown coverage key
#   091  resolution of 0 metres
#   092  unknown output key with suggestion
#   093  YAML nested deeper than 64 levels
#   094  alias expansion past a million nodes
. "$(dirname "$0")/tap.inc"

. "$(dirname "$0")/bad-input.inc"

Y='study\.yaml'
# at REGEX [N]: "study.yaml:LINE" of the first (or Nth) line matching REGEX
at () { echo "$Y:$(grep -n -e "$1" "$WORK/study.yaml" | sed -n "${2:-1}p" | cut -d: -f1)"; }

# Top level.
edit '/^name: /d'
expect "no name" 1 "$Y:[0-9]+:1: missing key 'name'"

edit 's|^title: .*|title: [Digital, exclusion]|'
expect "title a list" 1 "$(at '^title:'):8: expected a single value"

edit '/^  geography: ward23/,$d; s|^areas:|arias:|'
expect "unknown top-level key with suggestion" 1 "$(at '^arias'):1: unknown key 'arias' \(did you mean 'areas'\?\)"

# Areas.
edit 's|^  code_field: area_code|  code_feild: area_code|'
expect "unknown areas key with suggestion" 1 "$(at 'code_feild'):3: unknown key 'code_feild' \(did you mean 'code_field'\?\)"

edit '/^  code_field: area_code/d'
expect "areas without code_field" 1 "$(at '^  file: .*wards_2023'):3: missing key 'code_field'"

edit 's|^  code_field: area_code|  code_field: ward_code|'
expect "code field not in the boundary file" 1 "wards_2023.geojson': no field 'ward_code' \(fields: .*area_code"

edit 's|^  name_field: area_name|  name_field: area_name\n  layer: wards|'
expect "layer not in the boundary file" 1 "wards_2023.geojson': no layer 'wards'"

edit "s|^  file: .*wards_2023.geojson|  file: $ROOT/README.md|"
expect "a boundary file that is not a vector file" 1 "cannot open '$ROOT/README.md'"

# Catalogue and rates.
edit "s|^catalogue: .*|catalogue: $WORK/nocatalogue.yaml|"
expect "missing catalogue" 1 "cannot open '$WORK/nocatalogue.yaml': No such file or directory"

edit '/^rates: /d'
expect "no rates" 1 "$Y:[0-9]+:1: missing key 'rates'"

edit_copy indicators/catalogue.yaml '0,/    direction: higher_is_worse/s||    direction: higher_is_wrose|'
expect "unknown direction in the catalogue" 1 "catalogue\.yaml:$(lineof catalogue.yaml 'higher_is_wrose'):16: .*'higher_is_wrose' \(did you mean 'higher_is_worse'\?"

edit_copy indicators/catalogue.yaml '0,/    label: Residents aged 65 to 74.*/s|||'
expect "catalogue entry without its label" 1 "catalogue\.yaml:$(lineof catalogue.yaml '^    theme: demography'):5: missing key 'label'"

edit_copy indicators/catalogue.yaml '0,/    denominator: all/s||    denominator: all\n    value: Aged 65 to 69 years|'
expect "catalogue entry both a rate and an average" 1 "catalogue\.yaml:[0-9]+:5: indicator 'age_65_74' needs either 'numerator' \(a rate\) or 'value' \(an average\)"

edit_copy indicators/catalogue.yaml '0,/    dataset: census2021_age/s||    dataset: census2021_ages|'
expect "catalogue entry on a dataset the study lacks" 1 "$(at '^  - age_65_74'):5: indicator 'age_65_74' needs dataset 'census2021_ages', which the study does not define"

edit_copy indicators/catalogue.yaml '0,/    weight: .*/s||    weight: people|'
expect "unknown roll-up weight in the catalogue" 1 "catalogue\.yaml:$(lineof catalogue.yaml 'weight: people'):13: unknown value 'people' \(valid: 'population', 'households', 'area'\)"

edit 's|^  age_45_54: {dataset|  age_45_55: {dataset|'
expect "excluded-adults band without a rate" 1 "$(at 'age_45_55'):14: no rate for 'age_45_55' in '.*rates.yaml' \(excluded_adults.bands\); give 'rate' and 'source' here"

edit_copy indicators/rates.yaml 's|^    age_45_54: 0.03|    age_45_54: three percent|'
expect "rate that is not a number" 1 "rates\.yaml:$(lineof rates.yaml 'three percent'):16: expected a number, found 'three percent'"

edit 's|  age_45_54: {dataset: census2021_age,|  age_45_54: {rate: 0.05, dataset: census2021_age,|'
expect "a study rate without its source" 1 "$(at 'rate: 0.05'):[0-9]+: a rate given in the study needs its 'source' beside it"

# Lookups.
edit 's|^    kind: crosswalk|    kind: crosswalc|'
expect "unknown lookup kind with suggestion" 1 "$(at 'kind: crosswalc'):11: .*'crosswalc' \(did you mean 'crosswalk'\?"

edit 's|^    steps: \[lsoa11_lsoa21, lsoa21\]|    steps: [lsoa11_lsoa21]|'
expect "chain of one step" 1 "$(at 'steps: \[lsoa11_lsoa21\]'):12: a chain needs at least two steps"

edit 's|^    steps: \[lsoa11_lsoa21, lsoa21\]|    steps: [lsoa11_lsoa21, lsoa11]|'
expect "chain with itself as a step" 1 "$(at 'steps: \[lsoa11_lsoa21, lsoa11'):[0-9]+: lookup 'lsoa11' cannot be a step of itself"

edit 's|^    steps: \[lsoa11_lsoa21, lsoa21\]|    steps: [lsoa11_lsoa21, lsoa22]|'
expect "chain step naming no lookup" 1 "$Y.*no lookup named 'lsoa22' under 'lookups'"

edit 's|^    steps: \[lsoa11_lsoa21, lsoa21\]||'
expect "chain without steps" 1 "$(at '^    kind: chain'):5: a chain needs 'steps'"

edit 's|^    from_column: lsoa21cd|    from_column: lsoa21_code|'
expect "lookup column not in its file" 1 "oa21_lsoa21_msoa21_lad22_gm.csv': no column 'lsoa21_code' \(columns: 'oa21cd', 'lsoa21cd'"

edit '/^    from_column: lsoa21cd/d'
expect "apportion lookup without from_column" 1 "$(at '^    kind: apportion'):5: missing key 'from_column'"

edit '/^    from_code_field: area_code/d'
expect "overlap lookup without from_code_field" 1 "$(at '^    kind: overlap'):5: missing key 'from_code_field'"

edit 's|^    from_column: lsoa21cd|    from_colum: lsoa21cd|'
expect "unknown lookup key with suggestion" 1 "$(at 'from_colum:'):5: unknown key 'from_colum' \(did you mean 'from_column'\?\)"

# Datasets and table shapes.
edit '0,/^    geography: lsoa21/s||    geography: lsoa31|'
expect "dataset geography neither the areas' nor a lookup" 1 "$(at 'geography: lsoa31'):16: geography 'lsoa31' is neither the areas' own \('ward23'\) nor a lookup under 'lookups'"

edit '0,/^    geography: lsoa21/s|||'
expect "dataset without geography" 1 "$(at '^    file: .*5_year_age_bands_lsoa'):5: missing key 'geography'"

edit '0,/^    shape: long/s||    shape: longg|'
expect "unknown table shape with suggestion" 1 "$(at 'shape: longg'):12: .*'longg' \(did you mean 'long'\?"

edit '0,/^    category_column: indicator/s|||'
expect "long table without category_column" 1 "$(at '^    file: .*5_year_age_bands'):5: missing key 'category_column'"

edit '0,/^    category_column: indicator/s||    category_column: indicator\n    prefix: "Age: "|'
expect "prefix on a long table" 1 "$(at '^    file: .*5_year_age_bands'):5: 'prefix' does not apply to a long table"

edit 's|^    columns: \[IMD_rank, IMD_decile\]|    columns: [IMD_rank, IMD_decile]\n    category_column: x|'
expect "category_column on a wide table" 1 "$(at '^    file: .*imd2019_ranks_deciles'):5: 'category_column' does not apply to a wide table"

edit 's|^    columns: \[overall_local_score, income_score, employment_score\]|    columns: [overall_local_score, income_scor, employment_score]|'
expect "wide table column not in the file" 1 "gb_imd_e_trafford.csv': no column 'income_scor' \(did you mean 'income_score'\?\)"

edit 's|^    value_column: value$|    value_column: values|'
expect "value column not in the file" 1 "no column 'values'"

edit 's|census2021/2021_disability_lsoa_trafford.csv|census2021/2021_disability_lsoa_trafford.cvs|'
expect "missing table file" 1 "cannot open '.*2021_disability_lsoa_trafford.cvs': No such file or directory"

edit 's|^    filter: {measure: Count}|    filter: {measur: Count}|'
expect "long filter on a column the table lacks" 1 "$(at 'measur: Count' 2):14: filter: no column 'measur' in '.*2021_population_by_5_year_age_bands_lsoa_trafford.csv' \(did you mean 'measure'\? columns: 'area_code', 'area_name', 'geography'"

# Filters on wide tables, missing markers and a dataset's own on_mismatch.
IMD_COLUMNS='^    columns: \[overall_local_score, income_score, employment_score\]'
edit "s|$IMD_COLUMNS|&\n    filter: {natoin: E}|"
expect "wide filter on a column the table lacks, naming those it has" 1 "$(at 'natoin: E'):14: filter: no column 'natoin' in '.*gb_imd_e_trafford.csv' \(did you mean 'nation'\? columns: 'nation', 'lsoa', 'overall_local_score'"

edit "s|$IMD_COLUMNS|&\n    filter: {geography code: E}|"
expect "wide filter on an unlike column lists the columns" 1 "$(at 'geography code: E'):14: filter: no column 'geography code' in '.*gb_imd_e_trafford.csv' \(columns: 'nation', 'lsoa', "

edit "s|$IMD_COLUMNS|&\n    filter: {nation: []}|"
expect "filter keeping no value" 1 "$(at 'nation: \[\]'):22: a filter needs at least one value to keep"

edit "s|$IMD_COLUMNS|&\n    filter: nation|"
expect "filter not a mapping" 1 "$(at 'filter: nation'):13: expected a mapping"

edit "s|$IMD_COLUMNS|&\n    filter: {nation: {E: 1}}|"
expect "filter value a mapping" 1 "$(at 'nation: {E: 1}'):22: expected a list"

edit "s|$IMD_COLUMNS|&\n    filter: {nation: [W, S]}|"
expect "filter that keeps no row of the table, naming the values held" 1 "$(at 'nation: .W, S'):13: no row of '.*gb_imd_e_trafford.csv' matches the filter \('nation' holds 'E'\)"

edit "s|$IMD_COLUMNS|&\n    missing_markers: ['0']|"
expect "missing marker that is a number" 1 "$(at 'missing_markers: .'"'"'0'):23: missing marker '0' is a number"

edit "s|$IMD_COLUMNS|&\n    missing_markers: '#VALUE!'|"
expect "missing markers not a list" 1 "$(at 'missing_markers:'):22: expected a list"

edit "s|$IMD_COLUMNS|&\n    missing_marker: ['#VALUE!']|"
expect "missing_markers misspelt" 1 "$(at 'missing_marker:'):5: unknown key 'missing_marker' \(did you mean 'missing_markers'\?\)"

edit_data trafford/imd2019/gb_imd_e_trafford.csv '3s|^E,\([^,]*\),[^,]*,|E,\1,#VALUE!,|'
expect "a spreadsheet error in a cell names missing_markers" 1 "data\.csv:3:3: not a number '#VALUE!' in column 'overall_local_score' .*'missing_markers'"

edit "s|$IMD_COLUMNS|&\n    on_mismatch: skip|"
expect "unknown dataset on_mismatch" 1 "$(at 'on_mismatch: skip'):18: unknown value 'skip' \(valid: 'error', 'warn', 'ignore'\)"

# Totals and estimates.
edit '/^population: /d'
expect "no population" 1 "$Y:[0-9]+:1: missing key 'population' \(the dataset giving population per area\)"

edit 's|^population: {dataset: census2021_age}|population: {dataset: census2021_age, rate: 0.5, source: x}|'
expect "rate on a total" 1 "$(at '^population:'):13: 'rate' and 'source' belong to excluded_adults and mdls entries only"

edit 's|^      dataset: census2021_age$|      dataset: census2021_ag|'
expect "unknown subtract dataset with suggestion" 1 "$(at 'dataset: census2021_ag$'):16: unknown dataset 'census2021_ag' \(did you mean 'census2021_age'\?\)"

edit 's|^population: {dataset: census2021_age}|population: {dataset: census2021_age, columns: {a: b}}|'
expect "columns a mapping" 1 "$(at '^population:'):[0-9]+: expected a list"

edit 's|^households: {dataset: census2021_households}|households: {dataset: census2021_households, columns: [Every household]}|'
expect "total column not in the dataset" 1 "'Every household'"

# Indicators.
edit '/^indicators:/,/^$/c\indicators: age_65_74\n'
expect "indicators a single id" 1 "$(at '^indicators:'):13: expected a list"

edit '/^indicators:/,/^$/c\indicators:\n  - age_65_74\n'
expect "an index of one indicator" 1 "$(at '^  - age_65_74'):3: an index needs at least two indicators"

edit 's|^  - disability$|  - {id: disability, weight: 0}|'
expect "indicator weight 0" 1 "$(at 'id: disability, weight: 0'):5: indicator weight must be positive, found 0"

edit 's|^  - disability$|  - {id: disability, wieght: 2}|'
expect "unknown indicator key with suggestion" 1 "$(at 'wieght'):[0-9]+: unknown key 'wieght' \(did you mean 'weight'\?\)"

edit 's|^  - imd_extent|  - imd_extnt|'
expect "unknown extra indicator with suggestion" 1 "$(at 'imd_extnt'):5: unknown indicator 'imd_extnt' \(did you mean 'imd_extent'\?\)"

# Roll-up weights of averages: the study's average_by, the catalogue's percent_of.
edit 's|^  - imd_score$|  - {id: imd_score, average_by: {dataset: census2021_househols, column: x, counts: households}}|'
expect "average_by on an unknown dataset with suggestion" 1 "$(at 'average_by'):[0-9]+: unknown dataset 'census2021_househols' \(did you mean 'census2021_households'\?\)"

edit 's|^  - age_65_74$|  - {id: age_65_74, average_by: households}|'
expect "average_by on a rate" 1 "$(at 'average_by: households'):33: 'average_by' is for an average \('value'\); 'age_65_74' is a rate"

edit 's|^  - imd_score$|  - {id: imd_score, average_by: premises}|'
expect "average_by naming no weight" 1 "$(at 'average_by: premises'):33: unknown value 'premises' \(valid: 'population', 'households', 'area'\)"

edit 's|^  - imd_extent$|  - {id: imd_extent, average_by: households}|'
expect "average_by on an IoD summary" 1 "$(at 'average_by: households'):34: IoD summaries are weighted by population"

edit 's|^  - imd_score$|  - {id: imd_score, average_by: {dataset: census2021_households, column: Every household, counts: households}}|'
expect "average_by a column the dataset lacks" 1 "$(at 'average_by'):33: the weight of an average: dataset 'census2021_households' .* has no category 'Every household'"

edit 's|^  - imd_score$|  - {id: imd_score, average_by: {dataset: census2021_households, columns: [a], column: b, counts: households}}|'
expect "average_by with both column and columns" 1 "$(at 'average_by'):33: a weight from a dataset needs 'column' \(or 'columns', summed\)"

edit 's|^  - imd_score$|  - {id: imd_score, average_by: {dataset: census2021_age_oa, column: Aged 4 years and under, counts: population}}|'
expect "average_by a dataset off the lookup chain" 1 "$(at 'average_by'):33: indicator 'imd_score' is weighted by 'Aged 4 years and under', which dataset 'census2021_age_oa' gives at geography 'oa21', not at 'lsoa11' nor on the lookup chain from it"

edit_copy indicators/catalogue.yaml '/    value: overall_local_score$/{n;s|    weight: population|    weight: {dataset: census2021_age, column: Aged 20 to 24 years}|}'
expect "a catalogue weight from a dataset without what it counts" 1 "catalogue\.yaml:$(lineof catalogue.yaml 'weight: {dataset: census2021_age'):13: missing key 'counts'"

edit_copy indicators/catalogue.yaml '0,/    denominator: all/s||    denominator: all\n    percent_of: residents|'
expect "percent_of on a rate" 1 "catalogue\.yaml:$(lineof catalogue.yaml 'percent_of: residents'):17: 'percent_of' is for an average of percentages \('value'\); a rate's base is its denominator"

# Index settings: normalisation, weights, missing policy, draws and seed.
edit 's|^  preset: deri|  preset: deri\n  normalisation: min_max|'
expect "unknown normalisation with suggestion" 1 "$(at 'min_max'):18: .*'min_max' \(did you mean 'minmax'\?"

edit 's|^  preset: deri|  preset: deri\n  range: [10, 0]|'
expect "range with lo above hi" 1 "$(at 'range: \[10, 0\]'):10: expected lo < hi in \[lo, hi\]"

edit 's|^  preset: deri|  preset: deri\n  range: [0, 5, 10]|'
expect "range of three numbers" 1 "$(at 'range: \[0, 5'):10: expected two numbers \[lo, hi\], found 3"

edit 's|^  preset: deri|  preset: deri\n  reference: dataset|'
expect "reference dataset not named" 1 "$(at '^  preset: deri'):3: 'reference: dataset' needs 'reference_dataset'"

edit 's|^  preset: deri|  preset: deri\n  reference: goalposts|'
expect "goalposts reference without goalposts" 1 "$(at '^  preset: deri'):3: 'reference: goalposts' needs 'goalposts'"

edit 's|^  preset: deri|  preset: deri\n  reference: goalposts\n  goalposts: {imd_score: [80, 0]}|'
expect "goalposts with lo above hi" 1 "$(at 'goalposts: {imd'):[0-9]+: expected lo < hi in \[lo, hi\]"

edit 's|^  preset: deri|  preset: deri\n  domain_weights: {Demography: -1}|'
expect "negative domain weight" 1 "$(at 'Demography: -1'):[0-9]+: expected a number >= 0, found '-1'"

edit 's|^  preset: deri|  preset: deri\n  domain_weights: {Demography: 0, Deprivation: 0, Broadband: 0}|'
expect "domain weights summing to 0" 1 "domain weights sum to 0"

edit 's|^  preset: deri|  preset: deri\n  missing: impute|'
expect "unknown missing policy" 1 "$(at 'missing: impute'):12: unknown value 'impute' .*'fail', 'impute_mean', 'impute_median', 'renormalise'"

edit 's|^  preset: deri|  preset: deri\n  aggregation: geometrc|'
expect "unknown aggregation with suggestion" 1 "$(at 'geometrc'):16: .*'geometrc' \(did you mean 'geometric'\?"

edit 's|^  preset: deri|  preset: deri\n  geometric_shift: 0|'
expect "geometric shift of 0" 1 "$(at 'geometric_shift: 0'):20: 'geometric_shift' must be greater than 0"

edit 's|^  preset: deri|  preset: deri\n  correlation_flag: 1.5|'
expect "correlation flag above 1" 1 "$(at 'correlation_flag: 1.5'):21: 'correlation_flag' must be in \(0, 1\]"

edit 's|^  preset: deri|  preset: deri\n  winsorise_max: -1|'
expect "negative winsorise_max" 1 "$(at 'winsorise_max: -1'):18: 'winsorise_max' must be between 0 and 1000"

edit 's|^  preset: deri|  preset: deri\n  uncertainty: {draws: 2000000}|'
expect "index draws above the limit" 1 "$(at 'draws: 2000000'):24: 'draws' must be between 0 and 1000000"

edit 's|^  preset: deri|  preset: deri\n  uncertainty: {seed: -1}|'
expect "negative index seed" 1 "$(at 'seed: -1'):23: 'seed' must be between 0 and 4294967295"

edit 's|^  preset: deri|  preset: deri\n  uncertainty: {concentration: 0}|'
expect "Dirichlet concentration of 0" 1 "$(at 'concentration: 0'):32: 'concentration' must be greater than 0"

edit 's|^  preset: deri|  preset: deri\n  uncertainty: {normalisations: [minmax, zscor]}|'
expect "unknown alternative normalisation with suggestion" 1 "$(at 'zscor'):[0-9]+: .*'zscor' \(did you mean 'zscore'\?"

edit 's|^  preset: deri|  preset: deri\n  uncertainty: {sobol: 256}|'
expect "unknown uncertainty key" 1 "$(at 'sobol: 256'):17: unknown key 'sobol' \(valid keys: 'draws', 'seed', 'concentration', 'normalisations', 'aggregations', 'sobol_samples'\)"

edit 's|^  preset: deri|  preset: deri\n  uncertainty: {sobol_samples: 1000000}|'
expect "Sobol samples above the limit" 1 "$(at 'sobol_samples: 1000000'):[0-9]+: 'sobol_samples' must be between 0 and 100000"

edit 's|^  preset: deri|  preset: deri\n  weights: {Demography: 2}|'
expect "unknown index key" 1 "$(at '^  weights:'):3: unknown key 'weights' \(valid keys: 'preset'"

# Coverage and output.
edit 's|^  on_mismatch: error|  on_mismatch: ignore|'
expect "ignore as the study's coverage policy" 1 "$(at 'on_mismatch: ignore'):16: 'ignore' is a dataset's own choice .*the study's on_mismatch is 'error' or 'warn'"

edit 's|^  on_mismatch: error|  on_mismatch: ignroe|'
expect "unknown coverage policy" 1 "$(at 'on_mismatch: ignroe'):16: unknown value 'ignroe' .*'error', 'warn'"

edit 's|^  on_mismatch: error|  on_mismatch: error\n  on_missing: warn|'
expect "unknown coverage key" 1 "$(at 'on_missing'):3: unknown key 'on_missing'"

edit 's|^coverage:|output: {resolution: 0}\ncoverage:|'
expect "resolution of 0 metres" 1 "$(at '^output:'):[0-9]+: resolution must be between 1 and 10000 metres, found 0"

edit 's|^coverage:|output: {resolutoin: 50}\ncoverage:|'
expect "unknown output key with suggestion" 1 "$(at '^output:'):[0-9]+: unknown key 'resolutoin' \(did you mean 'resolution'\?\)"

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
both "unused dataset with a misspelt key" "$(at '^    shpae: wide'):5: unknown key 'shpae' \(valid keys: 'file', 'shape',"

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

# YAML limits: nesting and alias expansion.
mkstudy
awk 'BEGIN { s = "x"; for (i = 0; i < 80; i++) s = "[" s "]"; print "deep: " s }' >> "$WORK/study.yaml"
expect "YAML nested deeper than 64 levels" 1 "$Y:[0-9]+:[0-9]+: .*(nest|deep)"

mkstudy
awk 'BEGIN { print "a0: &a0 [x, x, x, x, x, x, x, x, x, x]";
  for (i = 1; i < 9; i++) printf "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1 }' >> "$WORK/study.yaml"
expect "alias expansion past a million nodes" 1 "$Y:[0-9]+:[0-9]+: .*(alias|nodes)"

done_testing
