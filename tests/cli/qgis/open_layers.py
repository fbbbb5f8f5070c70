"""Open dxi's map layers the way an analyst does, in QGIS (its Python API),
and report what QGIS sees: validity, features, CRS, the style it applied on
its own (the .qml beside the shapefile, layer_styles in the GeoPackage), and
a rendering of each to PNG.  Run with Debian's python3 (python3-qgis)."""
import os
import sys

from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

app = QgsApplication([], False)
app.initQgis()
out, png_dir = sys.argv[1], sys.argv[2]
for uri, name in ((out + "/wards.shp", "shp"), (out + "/wards.gpkg|layername=wards", "gpkg")):
    layer = QgsVectorLayer(uri, name, "ogr")
    # QGIS Desktop reads the .qmd beside a layer when it adds it; do the same.
    layer.loadDefaultMetadata()
    r = layer.renderer()
    ranges = r.ranges() if hasattr(r, "ranges") else []
    first = ranges[0].symbol().color().name() if ranges else ""
    print(f"{name} valid={layer.isValid()} features={layer.featureCount()} crs={layer.crs().authid()} "
          f"renderer={r.type()} attr={getattr(r, 'classAttribute', lambda: '')()} classes={len(ranges)} "
          f"first={first} labels={layer.labelsEnabled()}")
    # Full names as aliases (from the style), descriptions and units in the
    # layer's metadata (the .qmd, and the GeoPackage's own).
    fields = [f for f in layer.fields() if f.name() != "fid"]
    aliased = sum(1 for f in fields if f.alias())
    rank = next(f for f in fields if f.name() == "index_rank")
    meta = layer.metadata()
    described = sum(1 for f in fields if f.name() not in ("code", "name") and
                    (f"/ {f.name()}: " in meta.abstract() or f"{f.name()} / " in meta.abstract()))
    print(f"{name}-fields fields={len(fields)} aliased={aliased} rank_alias={rank.alias()!r} rank_type={rank.typeName()} "
          f"described={described} title={meta.title()!r} licence={'Open Government Licence v3.0' in ' '.join(meta.rights())}")
    print(f"{name}-abstract {meta.abstract()!r}")
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(600, 500))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(f"{png_dir}/qgis_{name}.png")
# QGIS 3.22's teardown can crash after the work is done; leave without it.
sys.stdout.flush()
os._exit(0)
