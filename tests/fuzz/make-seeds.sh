#!/bin/sh
# Regenerate the seed corpora (tests/fuzz/corpus/<target>/) from the fixtures,
# the catalogue and the Trafford scenarios.  Run from anywhere; the result is
# committed, so make check replays the same files on every machine.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FX=$ROOT/tests/fixtures
C=$ROOT/tests/fuzz/corpus
rm -rf "$C"
mkdir -p "$C/ydoc" "$C/csv" "$C/table" "$C/ogr-table" "$C/boundaries" "$C/study" "$C/scenario"

# YAML documents as dxi reads them.
cp "$ROOT/indicators/rates.yaml" "$C/ydoc/rates.yaml"
cp "$ROOT/scenarios/benefits.yaml" "$C/ydoc/benefits.yaml"
cp "$ROOT/scenarios/trafford/champions.yaml" "$C/ydoc/champions.yaml"
cp "$FX/gm/study.yaml" "$C/ydoc/gm-study.yaml"
head -c 4000 "$ROOT/indicators/catalogue.yaml" > "$C/ydoc/catalogue-head.yaml"
printf 'base: &b {a: 1, b: [x, "y", ~]}\nuse: *b\nmerge: {<<: *b, c: 2.5e3}\nflow: [1, -0x1f, .inf, null, true]\n' > "$C/ydoc/anchors.yaml"

# CSV rows.
for f in "$FX"/tables/*.csv "$FX/lookups/postcodes_onspd_sample.csv"; do cp "$f" "$C/csv/"; done
head -c 2000 "$FX/lookups/lsoa11_lsoa21_trafford.csv" > "$C/csv/lsoa11_lsoa21_head.csv"

# Table definition, "====", table.
seed () { # seed DIR NAME SPEC FILE: SPEC (printf format) then the file's bytes
  { printf "$3"; printf '\n====\n'; cat "$4"; } > "$1/$2"
}
T=$FX/tables
seed "$C/table" wide-prefix 'file: t.csv\nshape: wide\ncode_column: geography code\nname_column: geography\nprefix: "Age: "\nexclude: [Total]' "$T/wide_ts007a_sample.csv"
seed "$C/table" wide-columns 'file: t.csv\ncode_column: geography code\ncolumns: ["Age: Total", {column: "Age: Aged 85 years and over", as: age85}]' "$T/wide_ts007a_sample.csv"
seed "$C/table" wide-markers 'file: t.csv\ncode_column: geography code\ngeography: lsoa21' "$T/markers_ts038_sample.csv"
seed "$C/table" long-filter 'file: t.csv\nshape: long\ncode_column: area_code\nname_column: area_name\ncategory_column: indicator\nvalue_column: value\nfilter: {measure: Count}' "$T/long_age_sample.csv"
seed "$C/table" wide-filter-markers 'file: t.csv\ncode_column: geography code\nfilter: {date: ["2021"], geography code: [E01000001, E01000003]}\nmissing_markers: ["#VALUE!", n/a]' "$T/markers_ts038_sample.csv"
seed "$C/table" long-categories 'file: t.csv\nshape: long\ncode_column: area_code\ncategory_column: indicator\nvalue_column: value\ncategories: [Aged 4 years and under, Aged 5 to 9 years]' "$T/long_age_sample.csv"
seed "$C/table" long-bom-crlf 'file: t.csv\nshape: long\ncode_column: area_code\ncategory_column: highest_qualification\nvalue_column: value' "$T/bom_crlf_quoted.csv"
seed "$C/table" nomis 'file: t.csv\nshape: nomis' "$T/nomis_rm121_sample.csv"
seed "$C/table" nomis-columns 'file: t.csv\nshape: nomis\nname_column: name\nexclude: [Total]' "$T/nomis_rm121_sample.csv"

# Table definition, "====", a file OGR reads.
seed "$C/ogr-table" xlsx 'file: t.xlsx\ncode_column: geography code\ncolumns: ["Age: Total", "Age: Aged 85 years and over"]' "$T/wide_ts007a_sample.xlsx"
seed "$C/ogr-table" xlsx-filter 'file: t.xlsx\ncode_column: geography code\ncolumns: ["Age: Total"]\nfilter: {geography: [City of London 001A]}' "$T/wide_ts007a_sample.xlsx"
seed "$C/ogr-table" xlsx-layer 'file: t.xlsx\ncode_column: geography code\nname_column: geography\nlayer: wide_ts007a_sample' "$T/wide_ts007a_sample.xlsx"
printf '%s\n' '{"type": "FeatureCollection", "features": [' \
  '{"type": "Feature", "properties": {"code": "A", "name": "a", "people": 120, "share": "c"}, "geometry": null},' \
  '{"type": "Feature", "properties": {"code": "B", "name": "b", "people": 7.5, "share": 0.25}, "geometry": null}]}' \
  > "$C/ogr-table/.geojson"
seed "$C/ogr-table" geojson 'file: t.geojson\ncode_column: code\nname_column: name' "$C/ogr-table/.geojson"
rm "$C/ogr-table/.geojson"
seed "$C/ogr-table" csv 'file: t.csv\ncode_column: geography code\nname_column: geography' "$T/markers_ts038_sample.csv"

# "CODE_FIELD [NAME_FIELD]", then GeoJSON.
{ echo code; cat "$FX/lookups/squares_source.geojson"; } > "$C/boundaries/squares-source"
{ echo code; cat "$FX/lookups/squares_target.geojson"; } > "$C/boundaries/squares-target"
cat > "$C/boundaries/ward-crs84" <<'JSON'
area_code area_name
{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
"features": [{"type": "Feature", "properties": {"area_code": "E05000819", "area_name": "Altrincham"},
"geometry": {"type": "MultiPolygon", "coordinates": [[[[-2.342, 53.395], [-2.341, 53.390], [-2.350, 53.389], [-2.342, 53.395]]]]}},
{"type": "Feature", "properties": {"area_code": "E05000820", "area_name": "Ashton upon Mersey"},
"geometry": {"type": "Polygon", "coordinates": [[[-2.33, 53.43], [-2.32, 53.43], [-2.32, 53.44], [-2.33, 53.43]]]}}]}
JSON

# Studies: paths rewritten to the links fuzz-study makes (indicators/, tests/, data/).
sed -e 's#\.\./\.\./\.\./indicators/#indicators/#' -e 's#file: \([a-z0-9_.]*\.\(csv\|geojson\)\)#file: tests/fixtures/gm/\1#' \
  "$FX/gm/study.yaml" > "$C/study/gm.yaml"
for s in study study_lsoa; do sed 's|\.\./\.\./||' "$ROOT/scenarios/trafford/$s.yaml" > "$C/study/trafford-$s.yaml"; done

# Scenarios; one with its own library after "====".
for s in champions devices digital_you; do cp "$ROOT/scenarios/trafford/$s.yaml" "$C/scenario/$s.yaml"; done
{ cat "$ROOT/scenarios/trafford/digital_you.yaml"; printf '\n====\n'; cat "$ROOT/scenarios/benefits.yaml"; } > "$C/scenario/digital_you-library"
