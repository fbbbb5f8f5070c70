#!/usr/bin/python3
"""SYNTHETIC Output Area study for `make bench`: the scale test of issue 11.

    synthetic_oa.py OUT_DIR INDICATORS_DIR [N_AREAS]

Writes into OUT_DIR a study (study.yaml) of N_AREAS (default 188,880, the
number of Output Areas of England and Wales in Census 2021) square areas of
900 m in EPSG:27700, and its tables in the layouts of the national bench
study (nomis bulk wide TS007A, TS038, TS040; the IoD 2019 score columns).
Every value is drawn from a seeded random generator: nothing here is data.
Codes are SYN........, names and the title say SYNTHETIC, and these files
are made at bench time only, never bundled.
"""
import json, os, random, sys

out, indicators = sys.argv[1], os.path.abspath(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 188880
os.makedirs(out, exist_ok=True)
rng = random.Random(2021)
cell, cols = 900.0, 400
x0, y0 = 150000.0, 100000.0
codes = [f"SYN{i:08d}" for i in range(n)]

with open(f"{out}/synthetic_oa.geojson", "w") as f:
    f.write('{"type":"FeatureCollection","name":"synthetic_oa",'
            '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"features":[\n')
    for i, c in enumerate(codes):
        x, y = x0 + (i % cols) * cell, y0 + (i // cols) * cell
        ring = [[x, y], [x + cell, y], [x + cell, y + cell], [x, y + cell], [x, y]]
        f.write(("," if i else "") + json.dumps({"type": "Feature", "properties": {"code": c, "name": f"SYNTHETIC OA {i + 1}"},
                                                  "geometry": {"type": "Polygon", "coordinates": [ring]}},
                                                 separators=(",", ":")) + "\n")
    f.write("]}\n")

ages = ["Aged 4 years and under", "Aged 5 to 9 years", "Aged 10 to 14 years", "Aged 15 to 19 years",
        "Aged 20 to 24 years", "Aged 25 to 29 years", "Aged 30 to 34 years", "Aged 35 to 39 years",
        "Aged 40 to 44 years", "Aged 45 to 49 years", "Aged 50 to 54 years", "Aged 55 to 59 years",
        "Aged 60 to 64 years", "Aged 65 to 69 years", "Aged 70 to 74 years", "Aged 75 to 79 years",
        "Aged 80 to 84 years", "Aged 85 years and over"]
dis = ["Disabled under the Equality Act: Day-to-day activities limited a lot",
       "Disabled under the Equality Act: Day-to-day activities limited a little",
       "Not disabled under the Equality Act: Has long term physical or mental health condition but day-to-day activities are not limited",
       "Not disabled under the Equality Act: No long term physical or mental health conditions"]
with open(f"{out}/synthetic_age.csv", "w") as fa, open(f"{out}/synthetic_disability.csv", "w") as fd, \
     open(f"{out}/synthetic_households.csv", "w") as fh, open(f"{out}/synthetic_imd.csv", "w") as fi:
    fa.write("date,geography,geography code,Age: Total," + ",".join("Age: " + a for a in ages) + "\n")
    fd.write("date,geography,geography code,Disability: Total: All usual residents,"
             + ",".join('"Disability: ' + d + '"' for d in dis) + "\n")
    fh.write("date,geography,geography code,Number of disabled people in household: Total: All households\n")
    fi.write("nation,lsoa,overall_local_score,income_score,employment_score\n")
    for i, c in enumerate(codes):
        name = f"SYNTHETIC OA {i + 1}"
        by_age = [rng.randint(0, 40) for _ in ages]
        total = sum(by_age)
        d = [rng.randint(0, total // 8 + 1), rng.randint(0, total // 8 + 1)]
        d += [rng.randint(0, max(total - sum(d), 0) // 4)]
        d += [max(total - sum(d), 0)]
        fa.write(f"2021,{name},{c},{total}," + ",".join(map(str, by_age)) + "\n")
        fd.write(f"2021,{name},{c},{sum(d)}," + ",".join(map(str, d)) + "\n")
        fh.write(f"2021,{name},{c},{rng.randint(40, 200)}\n")
        fi.write(f"E,{c},{rng.uniform(1, 90):.3f},{rng.uniform(0, 60):.1f},{rng.uniform(0, 50):.1f}\n")

adult = ", ".join(ages[4:])
with open(f"{out}/study.yaml", "w") as f:
    f.write(f"""# SYNTHETIC: made by bench/synthetic_oa.py for `make bench`; random values, not data.
name: synthetic_oa
title: SYNTHETIC {n} output areas (random values, a benchmark, not data)
areas: {{file: synthetic_oa.geojson, code_field: code, name_field: name, geography: oa_synthetic}}
catalogue: {indicators}/catalogue.yaml
rates: {indicators}/rates.yaml
datasets:
  census2021_age: {{file: synthetic_age.csv, shape: wide, code_column: geography code, name_column: geography,
                   prefix: "Age: ", exclude: [Total], geography: oa_synthetic}}
  census2021_disability:
    file: synthetic_disability.csv
    shape: wide
    code_column: geography code
    prefix: "Disability: "
    exclude: ["Total: All usual residents"]
    geography: oa_synthetic
  census2021_households:
    file: synthetic_households.csv
    shape: wide
    code_column: geography code
    columns: [{{column: "Number of disabled people in household: Total: All households", as: households}}]
    geography: oa_synthetic
  imd2019_scores:
    file: synthetic_imd.csv
    shape: wide
    code_column: lsoa
    columns: [overall_local_score, income_score, employment_score]
    geography: oa_synthetic
population: {{dataset: census2021_age}}
households: {{dataset: census2021_households}}
adults: {{dataset: census2021_age, columns: [{adult}]}}
excluded_adults:
  age_16_44: {{dataset: census2021_age, columns: [{", ".join(ages[4:9])}]}}
  age_45_54: {{dataset: census2021_age, columns: [{", ".join(ages[9:11])}]}}
  age_55_64: {{dataset: census2021_age, columns: [{", ".join(ages[11:13])}]}}
  age_65_74: {{dataset: census2021_age, columns: [{", ".join(ages[13:15])}]}}
  age_75_plus: {{dataset: census2021_age, columns: [{", ".join(ages[15:])}]}}
indicators: [age_65_74, age_75_plus, disability, imd_score, income_deprivation, employment_deprivation]
index: {{preset: deri, missing: renormalise}}
output: {{resolution: 100}}
""")
print(f"synthetic_oa.py: {n} SYNTHETIC areas in {out}")
