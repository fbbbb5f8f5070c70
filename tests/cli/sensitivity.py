# The Sensitivity sheet of a business case workbook checked against the
# workbook's own recalculation (used by workbook.sh).
#
# sensitivity.py make ZEROED.xlsx CSVDIR OUTDIR EDIT
#   reads ZEROED's Sensitivity and Inputs sheets as LibreOffice recalculated
#   them (CSVDIR/<stem>-Sensitivity.csv, -Inputs.csv) and writes to OUTDIR:
#   sw<i>.xlsx, ZEROED with input i at its switching value; ed.xlsx, ZEROED
#   with the input named EDIT at 1.1 x its value; and for the rows marked
#   live, lo<i>.xlsx and hi<i>.xlsx, ed.xlsx with input i moved by -+ the
#   tornado range (a share held to 0..1), as dxi's tornado moves it.
#   EDIT "first-unit-value": the first input priced a unit or a person a year;
#   "none": the switching values alone.
# sensitivity.py switch-edited OUTDIR
#   after LibreOffice has recalculated them into OUTDIR/csv: sw_ed<i>.xlsx,
#   ed.xlsx with live input i at the switching value ed.xlsx now shows.
# sensitivity.py check OUTDIR
#   after LibreOffice has recalculated OUTDIR's workbooks into OUTDIR/csv,
#   prints "ok|not ok<TAB>item<TAB>detail" lines: each switching value zeroes
#   the NPSV to within 1 pound; in ed.xlsx each live row's tornado equals the
#   NPSV of lo<i>/hi<i> to within 1 pound and its switching value zeroes
#   ed's NPSV; the rows not live say the inputs changed.
import csv, json, os, re, sys, zipfile

NPSV_LABEL = "NPSV (net present social value)"


def input_cells(src):
    """Defined name -> (sheet xml, cell) of each input."""
    wb = zipfile.ZipFile(src).read("xl/workbook.xml").decode()
    return {m.group(1): m.group(2).replace("$", "")
            for m in re.finditer(r'<definedName name="(in_[^"]*)">Inputs!([^<]*)</definedName>',
                                 wb)}


def with_inputs(src, dst, cells, edits):
    """A copy of SRC with the Inputs cells of EDITS {name: value} set."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":  # Inputs
                text = data.decode()
                for name, value in edits.items():
                    text, n = re.subn(r'(<c r="%s"[^>]*>)<v>[^<]*</v>' % cells[name],
                                      r"\g<1><v>%r</v>" % float(value), text)
                    assert n == 1, name
                data = text.encode()
            zout.writestr(item, data)


def input_values(src, cells):
    """Defined name -> the value of each input (a number, not a formula)."""
    sheet = zipfile.ZipFile(src).read("xl/worksheets/sheet2.xml").decode()
    return {name: float(re.search(r'<c r="%s"[^>]*><v>([^<]*)</v>' % cell, sheet).group(1))
            for name, cell in cells.items()}


def rows_of(path):
    return list(csv.reader(open(path, encoding="utf-8")))


def make(zeroed, csvdir, outdir, edit):
    os.makedirs(outdir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(zeroed))[0]
    sens = rows_of("%s/%s-Sensitivity.csv" % (csvdir, stem))
    inputs = [r for r in rows_of("%s/%s-Inputs.csv" % (csvdir, stem))
              if r and r[0].startswith("in_")]
    cells = input_cells(zeroed)
    values = input_values(zeroed, cells)
    r = float(re.match(r"NPSV at -(\d+(?:\.\d+)?)%", sens[2][3]).group(1)) / 100
    table = []
    for i, inp in enumerate(inputs):
        row = sens[3 + i]
        assert row[0] == inp[1], (row[0], inp[1])  # the same input, in the same order
        table.append({"i": i, "name": inp[0], "label": inp[1], "unit": inp[3],
                      "value": values[inp[0]],
                      "switching": row[2], "live": row[6].startswith("live")})
    for t in table:
        try:
            with_inputs(zeroed, "%s/sw%02d.xlsx" % (outdir, t["i"]), cells,
                        {t["name"]: float(t["switching"])})
            t["sw_file"] = "sw%02d" % t["i"]
        except ValueError:
            pass  # none in range
    json.dump({"table": table}, open("%s/manifest.json" % outdir, "w"))
    if edit == "none":
        return
    if edit == "first-unit-value":
        priced = ("GBP per unit", "GBP per person per year")
        edit = next(t["name"] for t in table if t["unit"] in priced)
    edited = {edit: 1.1 * next(t["value"] for t in table if t["name"] == edit)}
    with_inputs(zeroed, "%s/ed.xlsx" % outdir, cells, edited)
    for t in table:
        if not t["live"]:
            continue
        x = edited.get(t["name"], t["value"])
        for k, sign in (("lo", -1), ("hi", 1)):
            v = x * (1 + sign * r)
            if t["unit"] == "share":
                v = min(1, max(0, v))
            with_inputs(zeroed, "%s/%s%02d.xlsx" % (outdir, k, t["i"]), cells,
                        dict(edited, **{t["name"]: v}))
    json.dump({"table": table, "edited": edited}, open("%s/manifest.json" % outdir, "w"))


def npsv(outdir, f):
    try:
        for row in rows_of("%s/csv/%s-Summary.csv" % (outdir, f)):
            if row and row[0] == NPSV_LABEL:
                return float(row[1])
    except (OSError, ValueError):
        pass
    return None


def verdict(ok, item, detail):
    print("ok" if ok else "not ok", item, detail, sep="\t")


def check(outdir):
    m = json.load(open("%s/manifest.json" % outdir))
    for t in m["table"]:
        if "sw_file" in t:
            v = npsv(outdir, t["sw_file"])
            verdict(v is not None and abs(v) < 1,
                    "'%s' at its switching value %s" % (t["label"], t["switching"]),
                    "NPSV recalculated %s" % v)
    if "edited" not in m:
        return
    name, = m["edited"]
    ed = rows_of("%s/csv/ed-Sensitivity.csv" % outdir)
    base = npsv(outdir, "ed")
    verdict(base is not None and base != 0, "the workbook with %s at 1.1 x is recalculated" % name,
            "NPSV %s (the cached values were zeroed)" % base)
    for t in m["table"]:
        row = ed[3 + t["i"]]
        if not t["live"]:
            verdict(row[6].startswith("inputs changed: rerun dxi"), "'%s' (not live)" % t["label"],
                    "status with %s edited: %s" % (name, row[6]))
            continue
        for k, col in (("lo", 3), ("hi", 4)):
            want = npsv(outdir, "%s%02d" % (k, t["i"]))
            try:
                got = float(row[col])
            except ValueError:
                got = None
            ok = got is not None and want is not None and abs(got - want) < 1
            verdict(ok, "'%s' tornado %s with %s edited" % (t["label"], k, name),
                    "row %s, the workbook's NPSV with the input moved %s" % (got, want))
        if os.path.exists("%s/sw_ed%02d.xlsx" % (outdir, t["i"])):
            v = npsv(outdir, "sw_ed%02d" % t["i"])
            verdict(v is not None and abs(v) < 1,
                    "'%s' switching value %s with %s edited" % (t["label"], row[2], name),
                    "NPSV recalculated %s (%s before)" % (v, base))


def switch_edited(outdir):
    """sw_ed<i>.xlsx: ed.xlsx with live input i at the switching value the
    recalculated ed.xlsx shows."""
    m = json.load(open("%s/manifest.json" % outdir))
    if "edited" not in m:
        return
    ed = rows_of("%s/csv/ed-Sensitivity.csv" % outdir)
    cells = input_cells("%s/ed.xlsx" % outdir)
    for t in m["table"]:
        try:
            sw = float(ed[3 + t["i"]][2])
        except ValueError:
            continue
        if t["live"]:
            with_inputs("%s/ed.xlsx" % outdir, "%s/sw_ed%02d.xlsx" % (outdir, t["i"]), cells,
                        {t["name"]: sw})


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(*sys.argv[2:6])
    elif sys.argv[1] == "switch-edited":
        switch_edited(sys.argv[2])
    else:
        check(sys.argv[2])
