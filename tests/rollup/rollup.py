#!/usr/bin/env python3
"""Ward figures computed straight from the published rows, independently of dxi.

    rollup.py CONFIG.json > wards.csv

    rollup.py CONFIG.json OA_WARD.csv > wards.csv   (a config whose ward_lookup is "by_oa")
    rollup.py --weights CONFIG.json OA_WARD.csv     (lsoa21,ward,weight: each LSOA21's share)

CONFIG (paths relative to the config file) names the ward boundaries, the
LSOA 2021 -> ward lookup, the census age table, the LSOA 2011 -> 2021
crosswalk and the IoD 2019 scores (see trafford.json, croydon.json).  Out
comes one row per ward: population, residents aged 75+ (count and % of the
population), and the IMD score, income and employment deprivation scores
weighted by population.

The ward lookup is a published table (a best fit: weight 1) or "by_oa":
apportioned through Output Areas the way ONS builds ward statistics.  Each
OA lies in one ward (OA_WARD.csv, columns oa,ward: tests/cli/rollup.sh makes
it with SpatiaLite, each OA to the ward of its largest overlap); an LSOA21's
weight in a ward is the census population of its OAs there over that of all
its OAs (the OA -> LSOA lookup and the OA age table of the config).

The method, worked from the LSOA 2021 side so it shares nothing with dxi's
code: each LSOA21's population is the sum of its census age bands; a ward's
figures sum its LSOA21s (times the lookup's weight, 1 for a best fit).  An
IoD score, published on LSOA 2011, reaches an LSOA21 from the LSOA11(s) it
comes from: unchanged (U) or split (S), the LSOA21 takes its parent's score,
so a split LSOA11 is weighted by the 2021 population of its parts; an
LSOA21 merged from k LSOA11s (M) gives each 1/k of its population.  A ward's
score is then the population-weighted mean over its LSOA21s.

    rollup.py premises CONFIG.json > wards.csv

averages percentages of premises (Ofcom availability) by premises counts,
from the same table or another (see premises_weighted and premises.json).

Python standard library only (csv, json): no dxi code.
"""
import csv
import gzip
import json
import os
import sys


def rows(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="", encoding="utf-8-sig") as f:
        yield from csv.DictReader(f)


def number(text):
    return float(text)


def census(spec, base):
    """code -> {category: value} from a long or wide census table."""
    out = {}
    path = os.path.join(base, spec["file"])
    if spec["shape"] == "long":
        keep = spec.get("filter", {})
        for r in rows(path):
            if any(r[k] != v for k, v in keep.items()):
                continue
            cats = out.setdefault(r[spec["code"]], {})
            cats[r[spec["category"]]] = cats.get(r[spec["category"]], 0) + number(r[spec["value"]])
        return out
    prefix, exclude = spec.get("prefix", ""), set(spec.get("exclude", []))
    for r in rows(path):
        cats = {}
        for k, v in r.items():
            if k.startswith(prefix) and k[len(prefix):] not in exclude:
                cats[k[len(prefix):]] = number(v)
        out[r[spec["code"]]] = cats
    return out


def oa_weights(lk, base, oa_ward_path):
    """ward -> [(lsoa21, weight)]: each LSOA21 shared by the population of its OAs."""
    ward_of = {r["oa"]: r["ward"] for r in rows(oa_ward_path)}
    pop_oa = {code: sum(c.values()) for code, c in census(lk["oa_population"], base).items()}
    parts = lk["oa_lsoa"]
    held = {}  # (lsoa, ward) -> population of its OAs in the ward
    total = {}  # lsoa -> population of its OAs
    for r in rows(os.path.join(base, parts["file"])):
        oa, lsoa = r[parts["oa"]], r[parts["lsoa"]]
        if oa not in ward_of:
            continue  # an OA of another borough in the Greater Manchester lookup
        held[lsoa, ward_of[oa]] = held.get((lsoa, ward_of[oa]), 0) + pop_oa[oa]
        total[lsoa] = total.get(lsoa, 0) + pop_oa[oa]
    in_ward = {}
    for (lsoa, ward), p in held.items():
        in_ward.setdefault(ward, []).append((lsoa, p / total[lsoa]))
    return in_ward


def wards_and_members(cfg, base, oa_ward_path=None):
    """The wards [(code, name)] and ward -> [(lsoa, weight)] from the lookup
    (by OA population when the lookup is by_oa: OA_WARD_PATH puts each OA in its ward)."""
    with open(os.path.join(base, cfg["wards"]["file"]), encoding="utf-8") as f:
        features = json.load(f)["features"]
    wards = [(ft["properties"][cfg["wards"]["code_field"]], ft["properties"][cfg["wards"]["name_field"]])
             for ft in features]
    ward_codes = {code for code, _ in wards}
    lk = cfg["ward_lookup"]
    in_ward = {}  # ward -> [(lsoa21, weight)]
    if lk.get("by_oa"):
        if oa_ward_path is None:
            sys.exit("the ward lookup is by OA: give the OA -> ward file")
        in_ward = oa_weights(lk, base, oa_ward_path)
    for r in rows(os.path.join(base, lk["file"])) if not lk.get("by_oa") else ():
        if r[lk["to"]] in ward_codes:
            w = number(r[lk["weight"]]) if "weight" in lk else 1.0
            in_ward.setdefault(r[lk["to"]], []).append((r[lk["from"]], w))
    return wards, in_ward


def main(config_path, oa_ward_path=None):
    base = os.path.dirname(os.path.abspath(config_path))
    with open(config_path, encoding="utf-8") as f:
        cfg = json.load(f)

    wards, in_ward = wards_and_members(cfg, base, oa_ward_path)

    ages = census(cfg["census_age"], base)
    old = cfg["aged_75_plus"]
    pop21 = {code: sum(c.values()) for code, c in ages.items()}
    old21 = {code: sum(c[k] for k in old) for code, c in ages.items()}

    cw = cfg["crosswalk"]
    parents = {}  # lsoa21 -> [lsoa11]
    for r in rows(os.path.join(base, cw["file"])):
        if r[cw["change"]] not in ("U", "S", "M", "X"):
            sys.exit("%s: change code %r" % (cw["file"], r[cw["change"]]))
        parents.setdefault(r[cw["to"]], []).append(r[cw["from"]])

    iod = cfg["iod"]
    scores = {}  # lsoa11 -> {name: score}
    for r in rows(os.path.join(base, iod["file"])):
        scores[r[iod["code"]]] = {name: number(r[col]) for name, col in iod["columns"].items()}

    out = csv.writer(sys.stdout, lineterminator="\n")
    names = list(iod["columns"])
    out.writerow(["code", "name", "population", "age_75_plus_num", "age_75_plus"] + names)
    for code, name in wards:
        members = in_ward.get(code, [])
        pop = sum(pop21[l] * w for l, w in members)
        n75 = sum(old21[l] * w for l, w in members)
        means = []
        for s in names:
            num = den = 0.0
            for l, w in members:
                ps = parents[l]
                for p in ps:  # each parent holds 1/k of a merged LSOA21
                    held = pop21[l] * w / len(ps)
                    num += scores[p][s] * held
                    den += held
            means.append(num / den)
        out.writerow([code, name, "%.10g" % pop, "%.10g" % n75, "%.12g" % (100 * n75 / pop)]
                     + ["%.12g" % m for m in means])


def premises_weighted(config_path):
    """Ward averages of percentages of premises, weighted by premises counts.

    CONFIG names the wards, the LSOA -> ward lookup (with its weight column)
    and under "premises" the table of percentages ("values": file, code and
    {name: column}) and one or more tables of premises counts ("weights":
    {name: {file, code, column}}), the same table or another.  A ward's value
    is sum(v * P * w) / sum(P * w) over its LSOAs with a value and a count,
    P the LSOA's premises and w its share in the ward; missing when the LSOAs
    with a value hold less than min_coverage of the ward's premises.  Out:
    one row per ward, a column per (value, weight) pair named
    "<value>_by_<weight>".
    """
    base = os.path.dirname(os.path.abspath(config_path))
    with open(config_path, encoding="utf-8") as f:
        cfg = json.load(f)
    wards, in_ward = wards_and_members(cfg, base)
    spec = cfg["premises"]
    vals = spec["values"]
    values = {r[vals["code"]]: {name: number(r[col]) for name, col in vals["columns"].items()}
              for r in rows(os.path.join(base, vals["file"]))}
    counts = {}  # weight name -> {lsoa: premises}
    for name, ws in spec["weights"].items():
        counts[name] = {r[ws["code"]]: number(r[ws["column"]]) for r in rows(os.path.join(base, ws["file"]))}
    threshold = spec.get("min_coverage", 0.9)
    names = ["%s_by_%s" % (v, w) for v in vals["columns"] for w in spec["weights"]]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name"] + names)
    for code, name in wards:
        cells = []
        for v in vals["columns"]:
            for w in spec["weights"]:
                num = held = total = 0.0
                for l, share in in_ward.get(code, []):
                    if l not in counts[w]:
                        continue
                    p = counts[w][l] * share
                    total += p
                    if l in values:
                        num += values[l][v] * p
                        held += p
                cells.append("%.12g" % (num / held) if held > 0 and held >= threshold * total else "")
        out.writerow([code, name] + cells)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "premises":
        premises_weighted(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "--weights":
        config = sys.argv[2]
        with open(config, encoding="utf-8") as f:
            lookup = json.load(f)["ward_lookup"]
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["lsoa21", "ward", "weight"])
        for ward, members in sorted(oa_weights(lookup, os.path.dirname(os.path.abspath(config)), sys.argv[3]).items()):
            out.writerows([lsoa, ward, "%.17g" % w] for lsoa, w in sorted(members))
    elif len(sys.argv) in (2, 3):
        main(*sys.argv[1:])
    else:
        sys.exit("usage: rollup.py CONFIG.json [OA_WARD.csv] | rollup.py premises CONFIG.json"
                 " | rollup.py --weights CONFIG.json OA_WARD.csv")
