#!/bin/sh
# make bench: wall time and peak memory (/usr/bin/time: %e, %M) of dxi on
# real data beside the Python peer pipeline on the same national workload,
# then the scale cases and the stage benchmarks.  The machine's load is
# printed beside the times (wall times move with other work; peak memory
# does not).  National data (../shared/data/national) is not bundled whole:
# those runs are skipped, with a message, when it is absent; so is the peer
# when Debian's python3-geopandas, python3-rasterio, python3-xlsxwriter are.
set -u
DXI=${1:-build/dxi}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NATIONAL=$ROOT/../shared/data/national
PEER=$ROOT/../shared/bench/peer.py
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# measure KEY LABEL COMMAND...: run, print "LABEL  wall  CPU (user + system)
# peak  (load)" (CPU seconds move less than wall ones with others' work), keep
# the wall seconds and peak KiB in $OUT/KEY.{s,kib}.
measure () {
  key=$1 label=$2; shift 2
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%U %S %e %M" -o "$OUT/$key.time" "$@" > "$OUT/$key.log" 2>&1
  status=$?
  # The last line: /usr/bin/time puts "Command exited with ..." before it.
  set -- $(tail -1 "$OUT/$key.time") 0 0 0 0
  cpu=$(awk -v u="$1" -v s="$2" 'BEGIN { printf "%.2f", u + s }') secs=$3 kib=$4
  echo "$secs" > "$OUT/$key.s"
  echo "$kib" > "$OUT/$key.kib"
  echo "$cpu" > "$OUT/$key.cpu"
  printf '%-62s %7.2f s %7.2f s CPU %6d MiB  (load %s)%s\n' "$label" "$secs" "$cpu" \
    $((kib / 1024)) "$load" \
    "$([ "$status" -ne 0 ] && echo " FAILED, see below")"
  [ "$status" -ne 0 ] && tail -5 "$OUT/$key.log"
  return 0
}

# ratio A B: B's wall and CPU seconds over A's, and A's peak over B's
ratio () {
  awk -v a="$(cat "$OUT/$1.s")" -v b="$(cat "$OUT/$2.s")" -v ma="$(cat "$OUT/$1.kib")" -v mb="$(cat "$OUT/$2.kib")" \
    -v ca="$(cat "$OUT/$1.cpu")" -v cb="$(cat "$OUT/$2.cpu")" \
    'BEGIN { if (a > 0 && ma > 0 && ca > 0)
               printf "%.1fx faster (%.1fx less CPU), %.2fx the memory", b / a, cb / ca, ma / mb
             else printf "n/a" }'
}

echo "dxi benchmarks on $(nproc) cores ($(uname -m)); wall time and peak RSS from /usr/bin/time; $(uptime)"
measure trafford "Trafford: dxi run, 3 scenarios (1,000 + 3 x 10,000 draws)" "$DXI" run --quiet \
  "$ROOT/scenarios/trafford/champions.yaml" "$ROOT/scenarios/trafford/devices.yaml" "$ROOT/scenarios/trafford/digital_you.yaml" -o "$OUT/trafford"

if [ -f "$NATIONAL/boundaries/boundaries_lsoa21.geojson" ]; then
  STUDY=$ROOT/bench/national/study.yaml
  measure check "England & Wales: dxi check (35,672 LSOAs, read + join)" "$DXI" check --quiet "$STUDY"
  measure lsoa "England & Wales: dxi index, 35,672 LSOAs, 100 m, 1,000 draws" \
    "$DXI" index --quiet --resolution 100 --draws 1000 "$STUDY" -o "$OUT/national"
  [ -f "$OUT/national/manifest.json" ] && echo "  of which (manifest.json, seconds): $(jq -c .timings_seconds "$OUT/national/manifest.json")"
  # The peer writes a GeoPackage, one GeoTIFF band, a CSV and a workbook; dxi
  # index writes no workbook (dxi run does, for an appraisal), so this run
  # does a little less than the peer in that and more in the GeoTIFF (every
  # band, decile.tif, overviews).
  measure lsoa_same "England & Wales: dxi index as above, --formats gpkg,tif,csv" \
    "$DXI" index --quiet --resolution 100 --draws 1000 --formats gpkg,tif,csv "$STUDY" \
    -o "$OUT/national_same"
  SAME=$OUT/national_same/manifest.json
  [ -f "$SAME" ] && echo "  of which (manifest.json, seconds): $(jq -c .timings_seconds "$SAME")"
  measure lsoa10k "England & Wales: dxi index, 35,672 LSOAs, 100 m, 10,000 draws" \
    "$DXI" index --quiet --resolution 100 --draws 10000 "$STUDY" -o "$OUT/national10k"
  [ -f "$OUT/national10k/manifest.json" ] && echo "  of which (manifest.json, seconds): $(jq -c .timings_seconds "$OUT/national10k/manifest.json")"
  if /usr/bin/python3 -c "import geopandas, rasterio, xlsxwriter" 2>/dev/null && [ -f "$PEER" ]; then
    measure peer "England & Wales: Python peer (peer.py), 100 m, 1,000 draws" \
      /usr/bin/python3 "$PEER" "$NATIONAL" "$OUT/peer" --draws 1000 --res 100
    echo "  dxi vs Python at 1,000 draws, every output: $(ratio lsoa peer)"
    echo "    (targets: >= 10x faster, peak < 400 MiB)"
    echo "  dxi vs Python at 1,000 draws, the peer's outputs: $(ratio lsoa_same peer)"
  else
    echo "skipped: the Python peer needs $PEER and python3-geopandas, python3-rasterio, python3-xlsxwriter"
  fi
  index_s () { jq -r '.timings_seconds.index // 0' "$1/manifest.json" 2>/dev/null || echo 0; }
  awk -v a="$(cat "$OUT/lsoa.s")" -v b="$(cat "$OUT/lsoa10k.s")" -v m="$(cat "$OUT/lsoa10k.kib")" \
    -v ia="$(index_s "$OUT/national")" -v ib="$(index_s "$OUT/national10k")" \
    'BEGIN { printf "  10,000 draws against 1,000: %.1fx the run, %.1fx the index stage, for 10x the draws; peak %d MiB (target < 600 MiB)\n", b / a, (ia > 0 ? ib / ia : 0), m / 1024 }'

  # Wards by overlap: the English and Welsh wards, the duplicated code dissolved.
  WARDS=$ROOT/bench/national/wards22_ew.geojson
  [ -f "$WARDS" ] || ogr2ogr -f GeoJSON "$WARDS" "$NATIONAL/boundaries/boundaries_wards22.geojson" -nln wards22_ew \
    -dialect SQLite -sql "SELECT ward22_code, ward22_name, ST_Union(geometry) AS geometry FROM boundaries_wards22
                          WHERE substr(ward22_code, 1, 1) IN ('E', 'W') GROUP BY ward22_code, ward22_name"
  measure wards "England & Wales: dxi check, 7,665 wards by overlap with LSOAs" "$DXI" check --quiet "$ROOT/bench/national/wards.yaml"
  # Rasterising (issue 11.2): dxi's area grid against GDAL, one band of the same 100 m grid.
  if [ -f "$OUT/national/wards.gpkg" ]; then
    "$(dirname "$DXI")/bench/bench-burn" "$OUT/national/wards.gpkg" code 100
    measure gdal "gdal_rasterize: one Float32 band of that grid (reads wards.gpkg)" gdal_rasterize -q -burn 1 -tr 100 100 \
      -tap -ot Float32 -of MEM -l wards "$OUT/national/wards.gpkg" "$OUT/burn.mem"
  fi
else
  echo "skipped: England & Wales runs need ../shared/data/national (not bundled with dxi)"
fi

# Scale in areas: SYNTHETIC output areas (random values, made here, never bundled).
if /usr/bin/python3 "$ROOT/bench/synthetic_oa.py" "$OUT/oa" "$ROOT/indicators" > /dev/null; then
  measure oa "SYNTHETIC: dxi index, 188,880 output areas, 100 m, 1,000 draws" \
    "$DXI" index --quiet --resolution 100 --draws 1000 "$OUT/oa/study.yaml" -o "$OUT/oa-out"
  [ -f "$OUT/oa-out/manifest.json" ] && echo "  of which (manifest.json, seconds): $(jq -c .timings_seconds "$OUT/oa-out/manifest.json")"
  [ -f "$OUT/lsoa.s" ] && awk -v a="$(cat "$OUT/lsoa.s")" -v b="$(cat "$OUT/oa.s")" \
    'BEGIN { printf "  188,880 SYNTHETIC areas against 35,672 LSOAs (5.3x the areas): %.1fx the time (target <= 5x)\n", b / a }'
fi

for b in "$(dirname "$DXI")"/bench/bench-*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b") (synthetic data generated by the benchmark, labelled SYNTHETIC)"
  "$b"
done
