# zero-cached.py SRC DST: a copy of the workbook SRC with the cached value of
# every formula set to 0, so that only a real recalculation gives dxi's
# numbers (used by workbook.sh and local-impact.sh).
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/worksheets/sheet"):
            text = data.decode("utf-8")
            text = re.sub(r'(<f>[^<]*</f>)<v>[^<]*</v>', r'\1<v>0</v>', text)
            text = re.sub(r'(<c [^>]*)t="str"([^>]*><f>[^<]*</f>)<v>[^<]*</v>', r'\1\2<v>0</v>', text)
            data = text.encode("utf-8")
        zout.writestr(item, data)
