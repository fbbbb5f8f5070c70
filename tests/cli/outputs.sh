#!/bin/sh
# Every map output opened with the real tools (ogrinfo, gdalinfo, pdfinfo),
# rerun determinism by checksum, and failed or killed runs that leave the
# previous output folder intact.
. "$(dirname "$0")/tap.inc"
STUDY=$ROOT/scenarios/trafford/study.yaml
OUT=$WORK/out
# The date of production: SOURCE_DATE_EPOCH (14 November 2023 22:13 UTC).
export SOURCE_DATE_EPOCH=1700000000
"$DXI" run --quiet "$STUDY" -o "$OUT" > /dev/null 2> "$WORK/err"
rc=$?
check "run writes the outputs (exit $rc $(head -c 200 "$WORK/err"))" test $rc -eq 0 -a -s "$OUT/wards.shp"

# Shapefile: 21 features, EPSG:27700, UTF-8, short field names, style beside it.
ogrinfo -ro -so -al "$OUT/wards.shp" > "$WORK/shp.txt" 2>&1
check "wards.shp has 21 features" grep -q "Feature Count: 21" "$WORK/shp.txt"
check "wards.shp is in British National Grid (EPSG:27700)" grep -q 'ID\["EPSG",27700\]' "$WORK/shp.txt"
check "wards.shp has the quintile field i_quintile" grep -q "^i_quintile: " "$WORK/shp.txt"
check "every DBF field name is 10 characters or fewer" sh -c \
  "! grep -E '^[A-Za-z_0-9]{11,}: (Real|String|Integer)' '$WORK/shp.txt'"
# Ready to use: ranks, classes, counts and people as integers; estimates of
# people rounded to whole people (Altrincham's 954.80 adults not online).
check "ranks and classes are integers in the DBF" sh -c \
  "grep -q '^index_rank: Integer ' '$WORK/shp.txt' && grep -q '^i_quintile: Integer ' '$WORK/shp.txt' && grep -q '^i_decile: Integer ' '$WORK/shp.txt'"
check "counts and people are integers in the DBF" sh -c \
  "grep -q '^population: Integer ' '$WORK/shp.txt' && grep -q '^households: Integer ' '$WORK/shp.txt' && grep -q '^excl_ad: Integer ' '$WORK/shp.txt' && grep -q '^mdls_hh: Integer ' '$WORK/shp.txt'"
want=$(awk -F, 'NR==1{for(i=1;i<=NF;i++) if($i=="excluded_adults") c=i} $1=="E05015239"{printf "%.0f", $c}' "$OUT/areas.csv")
got=$(ogrinfo -ro -q "$OUT/wards.shp" -sql "SELECT excl_ad FROM wards WHERE code = 'E05015239'" | awk '/excl_ad \(Integer\) =/ {print $4}')
check "adults not online in whole people: Altrincham $got = areas.csv rounded $want" test -n "$got" -a "$got" = "$want"
check "short DBF names read as words (age_75plus, old_alone)" sh -c \
  "grep -q '^age_75plus,age_75_plus,' '$OUT/wards_fields.csv' && grep -q '^old_alone,older_living_alone,' '$OUT/wards_fields.csv'"
check "wards.cpg says UTF-8" grep -qi "utf-8" "$OUT/wards.cpg"
ogrinfo -ro -al -q "$OUT/wards.shp" -where "code = 'E05015244'" > "$WORK/bucklow.txt" 2>&1
check "UTF-8 ward name read back: Bucklow-St Martins" grep -q "name (String) = Bucklow-St Martins" "$WORK/bucklow.txt"
# Classes: 21 wards (fewer than 50) are shown as quintiles in ColorBrewer's
# 5-class YlOrRd (colorbrewer2.org: #ffffb2 #fecc5c #fd8d3c #f03b20 #bd0026),
# darkest for class 1, the same in every output.
YLORRD5="189,0,38 240,59,32 253,141,60 254,204,92 255,255,178"
check "wards.qml is a graduated style on i_quintile" grep -q 'renderer-v2 type="graduatedSymbol" attr="i_quintile"' "$OUT/wards.qml"
qml_colours () {
  python3 -c 'import sys,xml.etree.ElementTree as E
r=E.parse(sys.argv[1]).getroot()
print(len(r.findall(".//range")), " ".join(o.get("value").rsplit(",",1)[0] for o in r.findall(".//symbol/layer/Option/Option[@name=\"color\"]")))' "$1"
}
got=$(qml_colours "$OUT/wards.qml")
check "wards.qml has 5 classes in YlOrRd, class 1 darkest ($got)" test "$got" = "5 $YLORRD5"
check "wards.qml class 1 says what it means" grep -q 'label="1: the 20% most at risk"' "$OUT/wards.qml"
check "wards_fields.csv gives the ward vintage with code and name" sh -c \
  "grep -q '^code,code,Area code,text,,\"The area.s GSS code, ONS Wards (May 2023) Boundaries UK BGC (wards 2023)\"' '$OUT/wards_fields.csv' && grep -q '^name,name,Area name,text,,.*(wards 2023)' '$OUT/wards_fields.csv'"
check "wards_fields.csv maps i_decile to index_decile" grep -q "^i_decile,index_decile" "$OUT/wards_fields.csv"
check "wards_fields.csv gives the full name, type, unit and description" sh -c \
  "head -1 '$OUT/wards_fields.csv' | grep -qx 'shapefile_field,column,alias,type,unit,description' && grep -q '^index_rank,index_rank,Index rank,integer,rank,\"Rank among' '$OUT/wards_fields.csv' && grep -q '^excl_ad,excluded_adults,Adults not online (estimate),integer,people,' '$OUT/wards_fields.csv'"
check "wards_fields.csv takes an indicator's unit from its label" grep -q '^dl_speed,download_speed,"Median download speed, May 2022 (Mbit/s)",real,Mbit/s,' "$OUT/wards_fields.csv"
check "wards.qml gives every field its full name as an alias" sh -c \
  "grep -q '<alias field=\"index_rank\" index=\"3\" name=\"Index rank\"/>' '$OUT/wards.qml' && test \$(grep -c '<alias ' '$OUT/wards.qml') -eq \$((\$(wc -l < '$OUT/wards_fields.csv') - 1))"
check "wards.qmd (QGIS layer metadata) lists each field with its unit" sh -c \
  "python3 -c 'import sys,xml.etree.ElementTree as E; a=E.parse(sys.argv[1]).getroot().find(\"abstract\").text; sys.exit(\"index_rank / index_rank: Index rank [rank]: Rank among\" not in a)' '$OUT/wards.qmd'"

# GeoPackage: full names, style in layer_styles.
ogrinfo -ro -so "$OUT/wards.gpkg" wards > "$WORK/gpkg.txt" 2>&1
check "wards.gpkg layer has full field names (index_decile)" grep -q "^index_decile: Integer" "$WORK/gpkg.txt"
check "wards.gpkg has 21 features" grep -q "Feature Count: 21" "$WORK/gpkg.txt"
n=$(ogrinfo -ro -q "$OUT/wards.gpkg" -sql "SELECT count(*) AS n FROM layer_styles WHERE f_table_name = 'wards' AND useAsDefault" | awk '/n \(Integer\) =/ {print $4}')
check "wards.gpkg has its default style in layer_styles ($n)" test "$n" = 1
python3 -c 'import sqlite3,sys; sys.stdout.write(sqlite3.connect(sys.argv[1]).execute("SELECT styleQML FROM layer_styles").fetchone()[0])' "$OUT/wards.gpkg" > "$WORK/style.qml"
got=$(qml_colours "$WORK/style.qml")
check "layer_styles has the same 5 YlOrRd classes on index_quintile ($got)" sh -c \
  "test '$got' = '5 $YLORRD5' && grep -q 'attr=\"index_quintile\"' '$WORK/style.qml'"

# GeoPackage schema extension: full names and descriptions in gpkg_data_columns.
gpkg_sql () { python3 -c 'import sqlite3,sys; print("\n".join("|".join(map(str, r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))' "$OUT/wards.gpkg" "$1"; }
got=$(gpkg_sql "SELECT name || ' = ' || description FROM gpkg_data_columns WHERE table_name = 'wards' AND column_name = 'excluded_adults'")
check "gpkg_data_columns describes excluded_adults with its unit ($got)" sh -c \
  "echo \"\$1\" | grep -q '^Adults not online (estimate) = Adults of each age band .*Unit: people$'" - "$got"
n=$(gpkg_sql "SELECT count(*) FROM gpkg_data_columns WHERE table_name = 'wards' AND description <> ''")
check "gpkg_data_columns describes every field of wards, code and name ($n)" test "$n" -eq "$(($(wc -l < "$OUT/wards_fields.csv") - 1))" -a "$n" -gt 20
n=$(gpkg_sql "SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_schema' AND table_name IN ('gpkg_data_columns', 'gpkg_data_column_constraints')")
check "wards.gpkg registers the gpkg_schema extension ($n)" test "$n" = 2

# COG index.tif: layout, CRS, bands, descriptions, nodata, overviews.
gdalinfo -json "$OUT/index.tif" > "$WORK/index.json"
check "index.tif is a Cloud Optimized GeoTIFF" jq -e '.metadata.IMAGE_STRUCTURE.LAYOUT == "COG"' "$WORK/index.json"
check "index.tif is in EPSG:27700" jq -e '.stac["proj:epsg"] == 27700' "$WORK/index.json"
check "index.tif has 100 m cells" jq -e '.geoTransform[1] == 100 and .geoTransform[5] == -100' "$WORK/index.json"
check "index.tif band 1 is the Float32 index score" jq -e '.bands[0].type == "Float32" and .bands[0].description == "index_score"' "$WORK/index.json"
check "index.tif has a band per domain" jq -e '[.bands[].description] == ["index_score","dom_demography","dom_deprivation","dom_broadband"]' "$WORK/index.json"
check "index.tif nodata -9999 outside the wards" jq -e 'all(.bands[]; .noDataValue == -9999)' "$WORK/index.json"
check "index.tif has overviews" jq -e 'all(.bands[]; (.overviews | length) >= 1)' "$WORK/index.json"
gdalinfo -json "$OUT/decile.tif" > "$WORK/decile.json"
check "decile.tif is Byte with a colour table" jq -e '.bands[0].type == "Byte" and (.bands[0].colorTable.entries | length) >= 6' "$WORK/decile.json"
got=$(jq -r '[.bands[0].colorTable.entries[1:6][] | "\(.[0]),\(.[1]),\(.[2])"] | join(" ")' "$WORK/decile.json")
check "decile.tif colour table is the style's YlOrRd classes ($got)" test "$got" = "$YLORRD5"
# The raster agrees with the table: the cell under Bucklow-St Martins' label point.
xy=$(ogrinfo -ro -q "$OUT/wards.gpkg" -dialect sqlite -sql "SELECT ST_X(ST_PointOnSurface(geom)) || ' ' || ST_Y(ST_PointOnSurface(geom)) AS p FROM wards WHERE code = 'E05015244'" | awk -F' = ' '/p \(String\)/ {print $2}')
cell=$(gdallocationinfo -valonly -geoloc "$OUT/decile.tif" $xy)
want=$(awk -F, 'NR==1{for(i=1;i<=NF;i++) if($i=="index_quintile") c=i} $1=="E05015244"{print $c}' "$OUT/areas.csv")
check "decile.tif inside Bucklow-St Martins = its quintile in areas.csv ($cell = $want)" test "$cell" = "$want"

# Print map.
check "map.png is A4 landscape at 150 dpi (1754 x 1241)" sh -c \
  "python3 -c 'import struct,sys; d=open(sys.argv[1],\"rb\").read(24); sys.exit(struct.unpack(\">II\", d[16:24]) != (1754, 1241))' '$OUT/map.png'"
check "map.pdf is two A4 landscape pages" sh -c \
  "pdfinfo -f 1 -l 2 '$OUT/map.pdf' | grep -c 'Page *[12] size: *841.89 x 595.28' | grep -qx 2 && pdfinfo '$OUT/map.pdf' | grep -q '^Pages: *2$'"
pdftotext -f 2 -l 2 -raw "$OUT/map.pdf" - | tr '\n' ' ' > "$WORK/page2.txt"
check "page 2 shows each domain as a small map" sh -c \
  "grep -q 'domains and uncertainty' '$WORK/page2.txt' && grep -q 'Demography' '$WORK/page2.txt' && grep -q 'Deprivation' '$WORK/page2.txt' && grep -q 'Broadband' '$WORK/page2.txt'"
check "page 2 charts the rank intervals of all 21 wards" sh -c \
  "grep -q 'Rank and its 5.95% interval' '$WORK/page2.txt' && grep -q 'Bucklow-St Martins' '$WORK/page2.txt' && grep -q 'Brooklands' '$WORK/page2.txt'"
pdftotext -f 1 -l 1 -raw "$OUT/map.pdf" - | tr '\n' ' ' > "$WORK/map.txt"
check "map.pdf carries the attribution" grep -qi 'Contains OS data' "$WORK/map.txt"
check "map.pdf's title and sources carry the ward vintage" sh -c \
  "grep -q 'Digital exclusion risk in Trafford, by ward (wards 2023)' '$WORK/map.txt' && grep -q 'ONS Wards (May 2023) Boundaries UK BGC (wards 2023)' '$WORK/map.txt'"
# Labels: every ward named on the map, whole (or numbered, named in the key).
missing=$(awk -F, 'NR>1 {print $2}' "$OUT/areas.csv" | while read -r ward; do grep -qF "$ward" "$WORK/map.txt" || echo "$ward"; done)
check "map.pdf names all 21 wards, none cut or dropped (missing: $missing)" test -z "$missing"
check "map.pdf numbers no 2023 ward: each name fits inside its ward" sh -c "! grep -q 'Numbered on the map' '$WORK/map.txt'"
# On the 2022 wards, Timperley is too small for its name: set beside its ward with a leader line, not keyed.
"$DXI" index --quiet --draws 10 "$ROOT/scenarios/trafford/study_wards2022.yaml" -o "$WORK/wards2022" > /dev/null 2>&1
check "map.pdf of the 2022 wards names Timperley beside its ward (a leader line), so none is keyed" sh -c \
  "pdftotext -f 1 -l 1 -raw '$WORK/wards2022/map.pdf' - | tr '\n' ' ' | grep -q 'Timperley' && ! pdftotext -f 1 -l 1 -raw '$WORK/wards2022/map.pdf' - | grep -q 'Numbered on the map'"
# Dates and credits: the study's sources with their vintages, the method in
# words, the date of production, the copyright and licence statements.
check "map.pdf credits the Ofcom data with its date, from the study" grep -q 'Ofcom Connected Nations 2022 (data of May 2022)' "$WORK/map.txt"
check "map.pdf credits Census 2021 and IoD 2019 (from the catalogue)" sh -c \
  "grep -q 'ONS Census 2021' '$WORK/map.txt' && grep -q 'English Indices of Deprivation 2019' '$WORK/map.txt'"
check "map.pdf names the method in words" grep -q 'GMCA Digital Exclusion Risk Index method (min-max 0-10, equal domain weights)' "$WORK/map.txt"
check "map.pdf is dated SOURCE_DATE_EPOCH's day" grep -q 'Produced 14 November 2023' "$WORK/map.txt"
check "map.pdf carries the OS statement" grep -q 'Contains OS data © Crown copyright and database right 2025' "$WORK/map.txt"
check "map.pdf carries the OGL v3.0 and Ofcom statements" sh -c \
  "grep -q 'Open Government Licence v3.0' '$WORK/map.txt' && grep -q '© Ofcom' '$WORK/map.txt'"
check "map.pdf's creation date is the day of production" sh -c "pdfinfo -isodates '$OUT/map.pdf' | grep -q 'CreationDate: *2023-11-14'"
jq -r '.metadata[""]' "$WORK/index.json" > "$WORK/index_md.json"
check "index.tif metadata: title, sources with vintages, method" jq -e \
  '.TITLE == "Digital exclusion risk in Trafford, by ward (wards 2023)" and (.AREAS == "ONS Wards (May 2023) Boundaries UK BGC (wards 2023)") and (.SOURCES | contains("Ofcom Connected Nations 2022 (data of May 2022)")) and (.METHOD | startswith("GMCA Digital Exclusion Risk Index method"))' "$WORK/index_md.json"
check "index.tif TIFF tags: image description, date, copyright" jq -e \
  '(.TIFFTAG_IMAGEDESCRIPTION | contains("Sources: ")) and .TIFFTAG_DATETIME == "2023:11:14 00:00:00" and (.TIFFTAG_COPYRIGHT | contains("Open Government Licence v3.0"))' "$WORK/index_md.json"
check "decile.tif carries the same description" jq -e '.metadata[""].TIFFTAG_IMAGEDESCRIPTION | contains("GMCA Digital Exclusion Risk Index method")' "$WORK/decile.json"
python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT description FROM gpkg_contents WHERE table_name = ?", ("wards",)).fetchone()[0])' "$OUT/wards.gpkg" > "$WORK/gpkg_desc.txt"
check "wards.gpkg layer description names the sources and method" sh -c \
  "grep -q 'Sources: .*Ofcom Connected Nations 2022 (data of May 2022)' '$WORK/gpkg_desc.txt' && grep -q 'Produced 14 November 2023' '$WORK/gpkg_desc.txt'"
check "wards.gpkg layer description lists the fields with units" grep -q '^excl_ad / excluded_adults: Adults not online (estimate) \[people\]: ' "$WORK/gpkg_desc.txt"
ogrinfo -ro -so "$OUT/wards.gpkg" wards > "$WORK/gpkg_md.txt" 2>&1
check "wards.gpkg layer metadata carries the copyright" grep -q 'COPYRIGHT=Contains OS data' "$WORK/gpkg_md.txt"
check "wards.gpkg layer metadata carries the ward vintage" grep -q 'AREAS=ONS Wards (May 2023) Boundaries UK BGC (wards 2023)' "$WORK/gpkg_md.txt"
# Without SOURCE_DATE_EPOCH the date is today's.
today=$(date -u '+%-d %B %Y')
(unset SOURCE_DATE_EPOCH; "$DXI" index --quiet "$STUDY" -o "$WORK/today") > /dev/null 2>&1
check "without SOURCE_DATE_EPOCH the map is dated today ($today)" sh -c "pdftotext '$WORK/today/map.pdf' - | tr '\n' ' ' | grep -q 'Produced $today'"
check "map legend says what class 1 means, in the study's words" grep -q "Class 1 is the 20% of Trafford's wards most at risk on the index" "$WORK/map.txt"

# Diagnostics that warn, in diagnostics.txt, the run's warnings and on the
# map: Trafford's 2022 wards with Broadband weighted 4 to 1 (download_speed
# alone then carries 4/6 of the index, and the Broadband domain drives it:
# r > 0.9 with the index, every other domain's |r| below 0.3; on the 2023
# wards Deprivation's r is 0.319, so the warning does not apply there).
sed "s|\.\./\.\./|$ROOT/|g; s|^  preset: deri|  preset: deri\n  domain_weights: {Broadband: 4}|" \
  "$ROOT/scenarios/trafford/study_wards2022.yaml" > "$WORK/weighted.yaml"
"$DXI" index "$WORK/weighted.yaml" -o "$WORK/weighted" > /dev/null 2> "$WORK/weighted.err"
check "an indicator above 1/3 of the index is a warning in diagnostics.txt" \
  grep -q "^  warning: indicator 'download_speed' carries 67% of the index alone (effective weight 0.667, above 1/3)" "$WORK/weighted/diagnostics.txt"
check "an index driven by one domain is a warning in diagnostics.txt" \
  grep -q "^  warning: the index is driven by the 'Broadband' domain (its correlation with the index r = 0.9" "$WORK/weighted/diagnostics.txt"
check "... and both are the run's warnings" sh -c \
  "grep -q \"^dxi: warning: index: indicator 'download_speed' carries 67%\" '$WORK/weighted.err' && grep -q \"^dxi: warning: index: the index is driven by the 'Broadband' domain\" '$WORK/weighted.err'"
pdftotext -raw "$WORK/weighted/map.pdf" - | tr '\n' ' ' > "$WORK/weighted.txt"
check "... and on the map" sh -c \
  "grep -q 'Warnings (see diagnostics.txt)' '$WORK/weighted.txt' && grep -q \"download_speed' carries 67% of the index alone\" '$WORK/weighted.txt' && grep -q \"driven by the 'Broadband' domain\" '$WORK/weighted.txt'"
# dxi's default 256 Sobol samples on Trafford: the weights' first-order
# index is 1.32, above 1 but within two standard errors of it: no warning,
# the standard error said, and the note to raise the samples.
sed "s|\.\./\.\./|$ROOT/|g; s|sobol_samples: 4096|sobol_samples: 256|" "$STUDY" > "$WORK/s256.yaml"
"$DXI" index "$WORK/s256.yaml" -o "$WORK/s256" > /dev/null 2> "$WORK/s256.err"
check "256 Sobol samples: first-order 1.324 with its standard error, no warning, a note to raise them" sh -c \
  "grep -q '^    weights        first-order  1.324 (standard error 0.301)' '$WORK/s256/diagnostics.txt' && grep -q 'a standard error above 0.1: raise index.uncertainty.sobol_samples' '$WORK/s256/diagnostics.txt' && ! grep -q Sobol '$WORK/s256.err'"

# Same inputs and seed: byte-identical outputs.
"$DXI" run --quiet "$STUDY" -o "$WORK/again" > /dev/null 2>&1
for f in wards.shp wards.dbf wards.shx wards.prj wards.qml wards.qmd wards_fields.csv wards.gpkg index.tif decile.tif map.png map.pdf; do
  check "rerun gives a byte-identical $f" cmp -s "$OUT/$f" "$WORK/again/$f"
done

# A failed write (file size limit) leaves the previous folder as it was.
cp -r "$OUT" "$WORK/prev"
sum_before=$(cd "$WORK/prev" && sha256sum * | sha256sum)
(ulimit -f 100; "$DXI" run --quiet "$STUDY" -o "$WORK/prev") > /dev/null 2> "$WORK/ulimit.err"
got=$?
sum_after=$(cd "$WORK/prev" && sha256sum * | sha256sum)
check "a run over the file size limit fails (exit $got)" test $got -ne 0
check "... and leaves the previous output folder untouched" test "$sum_before" = "$sum_after"
check "... and no temporary folder behind" sh -c "! ls -A '$WORK' | grep -q dxi-tmp"

# A run killed mid-write (SIGKILL) leaves the previous folder intact too.
for delay in 0.05 0.1 0.2; do
  "$DXI" run --quiet "$STUDY" -o "$WORK/prev" > /dev/null 2>&1 &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  sum_after=$(cd "$WORK/prev" && sha256sum * | sha256sum)
  check "killed after ${delay}s: the output folder is the previous or a complete new one" test "$sum_before" = "$sum_after"
done
"$DXI" run --quiet "$STUDY" -o "$WORK/prev" > /dev/null 2>&1
check "the next run clears what a killed run left" sh -c "! ls -A '$WORK' | grep -q dxi-tmp"
done_testing
