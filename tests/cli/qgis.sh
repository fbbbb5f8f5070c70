#!/bin/sh
# The map layers opened in QGIS: each must load valid, in EPSG:27700, with
# its fields under their full names (aliases), units and descriptions in the
# layer metadata, and dxi's graduated quintile style (ColorBrewer YlOrRd 5, class 1 #bd0026) applied by QGIS itself, and render.
. "$(dirname "$0")/tap.inc"
if ! /usr/bin/python3 -c "import qgis.core" 2>/dev/null; then
  echo "1..0 # SKIP QGIS's Python API (python3-qgis) is not installed; make deps installs it"
  exit 0
fi
"$DXI" run --quiet "$ROOT/scenarios/trafford/study.yaml" -o "$WORK/out" > /dev/null 2>&1
QT_QPA_PLATFORM=offscreen /usr/bin/python3 "$ROOT/tests/cli/qgis/open_layers.py" "$WORK/out" "$WORK" > "$WORK/qgis.txt" 2> "$WORK/qgis.err"
for layer in shp gpkg; do
  line=$(grep "^$layer " "$WORK/qgis.txt")
  check "QGIS opens wards.$layer: valid, 21 features, EPSG:27700 ($line)" sh -c \
    "echo '$line' | grep -q 'valid=True features=21 crs=EPSG:27700'"
  check "QGIS applies dxi's graduated quintile style (ColorBrewer YlOrRd 5, class 1 #bd0026) to wards.$layer on its own" sh -c \
    "echo '$line' | grep -Eq 'renderer=graduatedSymbol attr=(i_quintile|index_quintile) classes=5 first=#bd0026 labels=True'"
  fields=$(grep "^$layer-fields " "$WORK/qgis.txt")
  n=$(echo "$fields" | sed -n 's/.* fields=\([0-9]*\) .*/\1/p')
  check "QGIS shows every field of wards.$layer under its full name ($fields)" \
    grep -q "^$layer-fields fields=$n aliased=$n rank_alias='Index rank' rank_type=Integer" "$WORK/qgis.txt"
  check "QGIS shows each field's unit and description in wards.$layer's metadata" sh -c \
    "grep -q '^$layer-fields .* described=$((n - 2)) ' '$WORK/qgis.txt' && grep '^$layer-abstract ' '$WORK/qgis.txt' | grep -q 'Index rank \[rank\]: Rank among the study'"
  check "QGIS shows wards.$layer's title, sources and licence" sh -c \
    "grep '^$layer-fields ' '$WORK/qgis.txt' | grep -q \"title='Digital exclusion risk in Trafford, by ward (wards 2023)' licence=True\" && grep '^$layer-abstract ' '$WORK/qgis.txt' | grep -q 'Ofcom Connected Nations 2022 (data of May 2022)'"
  check "QGIS renders wards.$layer" test -s "$WORK/qgis_$layer.png"
done
done_testing
