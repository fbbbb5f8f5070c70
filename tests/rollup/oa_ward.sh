#!/bin/sh
# oa_ward.sh OA_FILE OA_FIELD WARD_FILE WARD_FIELD OUT.csv SCRATCH.gpkg
# Each OA to the ward it overlaps most, both reprojected to EPSG:27700, by
# SpatiaLite (GDAL's SQLite dialect): OUT.csv has columns oa, ward, overlap
# (m^2).  The independent side of the OA-apportioned roll-up (rollup.py).
set -e
rm -f "$6"
ogr2ogr -t_srs EPSG:27700 -nln oa "$6" "$1"
ogr2ogr -update -t_srs EPSG:27700 -nln w "$6" "$3"
rm -f "$5"
ogr2ogr -f CSV "$5" -dialect sqlite -sql "SELECT o AS oa, ward, max(a) AS overlap FROM
  (SELECT oa.$2 AS o, w.$4 AS ward, ST_Area(ST_Intersection(oa.geom, w.geom)) AS a
   FROM oa, w WHERE ST_Intersects(oa.geom, w.geom)) GROUP BY o" "$6"
