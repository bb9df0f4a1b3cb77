#!/usr/bin/env python3
"""Verify the golden allocation tables tests/golden/tables/*.tsv.

Each golden file is the hand-checked allocation list of one fixture in
fixtures/tables/ (the table as written, NAME.txt) and of its scan
(fixtures/tables/ocr/NAME.txt, made with /work/shared/tools/scan_sim.py
--lang eng --dpi 200 --noise 0.001 --blur 0.4 --seed 1). Both must give the
same allocations; only the printed names differ (name_ocr, name_ocr_scan).

Checks (stdlib only; exits 1 if any check fails):

 1. The header is exactly
    row, name_ocr, name_ocr_scan, name, municipality_code, region_code,
    county_code, amounts_by_column, per_inhabitant_sek, group,
    and `row` runs 1..n in order.
 2. Every row names exactly one register entry: a municipality
    (dictionaries/municipalities.tsv: name, code and county code agree) or a
    region (dictionaries/regions.tsv: name and county code agree, and
    region_code equals county_code).
 3. Against the fixture as written: the k-th recipient line of the table
    starts with name_ocr, and its digits are the row's figures as printed
    (amounts in the fixture's unit, then the per-inhabitant figure, with the
    inhabitants first in 05). Total lines (Summa, Totalt) are not rows.
 4. Against the scan: the scan's lines starting with name_ocr_scan followed
    by a space or digit occur in the same order.
 5. The fixture's total lines agree with the golden rows as stated in
    TOTALS below (label, rows covered, column, stated figure and the
    difference stated - sum, which is rounding where it is not zero); the
    decision's prose total in 06 disagrees with the table total.

Run from anywhere:  python3 tests/golden/tables/verify_tables.py
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests/golden/tables"
FIXTURES = ROOT / "fixtures/tables"
HEADER = ["row", "name_ocr", "name_ocr_scan", "name", "municipality_code",
          "region_code", "county_code", "amounts_by_column",
          "per_inhabitant_sek", "group"]
TOTAL_WORDS = ("Summa", "Totalt")

# The figures of a row as printed, from its golden amounts and per-inhabitant figure.
PRINTED = {
    "01_regioner_vaccination_beslut": lambda a, p: [a[0]],
    "02_skr_lan_tva_kolumner": lambda a, p: a,
    "03_kommuner_per_lan_summor": lambda a, p: [a[0]],
    "04_landsting_mnkr_per_invanare": lambda a, p: [a[0] // 100_000, p],
    "05_kommuner_kr_per_invanare": lambda a, p: [a[0] // p, p, a[0]],
    "06_prosa_total_avviker": lambda a, p: [a[0]],
}

# (label, first row, last row, column, stated in kronor, stated - sum of the golden rows)
TOTALS = {
    "01_regioner_vaccination_beslut": [("Totalt", 1, 21, 1, 400_000_000, -4)],
    "02_skr_lan_tva_kolumner": [("Totalt", 1, 21, 1, 1_367_000_000, 0),
                                ("Totalt", 1, 21, 2, 150_000_000, 0)],
    "03_kommuner_per_lan_summor": [("Summa kommuner", 1, 5, 1, 168_042_326, 1),
                                   ("Totalt länet", 1, 6, 1, 215_684_043, 2),
                                   ("Summa kommuner", 7, 21, 1, 308_463_324, 0),
                                   ("Totalt länet", 7, 22, 1, 395_656_352, 1),
                                   ("Totalt Gotlands län", 23, 24, 1, 46_069_202, -1),
                                   ("Totalt", 1, 24, 1, 657_409_597, 2)],
    "04_landsting_mnkr_per_invanare": [("Summa", 1, 21, 1, 1_470_000_000, -100_000)],
    "05_kommuner_kr_per_invanare": [("Summa länet", 1, 13, 1, 788_333_634, 0)],
    "06_prosa_total_avviker": [("Totalt", 1, 21, 1, 1_367_000_000, 0)],
}
PROSE = {"06_prosa_total_avviker": 1_357_000_000, "01_regioner_vaccination_beslut": 400_000_000}

failures = []


def fail(msg):
    failures.append(msg)


def register():
    mun = {r["kommunkod"]: r for r in csv.DictReader(
        open(ROOT / "dictionaries/municipalities.tsv", encoding="utf-8"), delimiter="\t")}
    reg = {r["lanskod"]: r for r in csv.DictReader(
        open(ROOT / "dictionaries/regions.tsv", encoding="utf-8"), delimiter="\t")}
    return mun, reg


def table_lines(path):
    """(label, digits) of the lines after the table header, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines)
                 if re.match(r"^(Region|Län|Kommun|Landsting) .*(kronor|mnkr)", l))
    out = []
    for line in lines[start + 1:]:
        m = re.match(r"^(\D+?)\s+(\d[\d ,]*)$", line)
        if m:
            out.append((m.group(1), re.sub(r"\D", "", m.group(2))))
    return out


def check(name, mun, reg):
    rows = list(csv.reader(open(GOLDEN / f"{name}.tsv", encoding="utf-8"), delimiter="\t"))
    if rows[0] != HEADER:
        fail(f"{name}: header {rows[0]}")
        return
    rows = rows[1:]
    for i, r in enumerate(rows, 1):
        if r[0] != str(i):
            fail(f"{name}: row {r[0]} at position {i}")
        official, mcode, rcode, ccode = r[3], r[4], r[5], r[6]
        if bool(mcode) == bool(rcode):
            fail(f"{name} row {i}: needs exactly one of municipality_code, region_code")
        elif mcode:
            m = mun.get(mcode)
            if not m or (m["kommun"], m["lanskod"]) != (official, ccode):
                fail(f"{name} row {i}: {official} {mcode} {ccode} not in the municipality register")
        else:
            g = reg.get(rcode)
            if not g or g["region"] != official or rcode != ccode:
                fail(f"{name} row {i}: {official} {rcode} {ccode} not in the region register")
    amounts = [[int(a) for a in r[7].split(";")] for r in rows]
    per = [int(r[8]) if r[8] else None for r in rows]

    written = [l for l in table_lines(FIXTURES / f"{name}.txt") if not l[0].startswith(TOTAL_WORDS)]
    if len(written) != len(rows):
        fail(f"{name}: {len(written)} recipient lines, {len(rows)} golden rows")
    for r, a, p, (label, digits) in zip(rows, amounts, per, written):
        if label != r[1]:
            fail(f"{name} row {r[0]}: fixture label {label!r}, golden {r[1]!r}")
        printed = "".join(str(x) for x in PRINTED[name](a, p))
        if printed != digits:
            fail(f"{name} row {r[0]}: fixture digits {digits}, golden {printed}")

    scan = (FIXTURES / "ocr" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    at = 0
    for r in rows:
        pattern = re.compile(re.escape(r[2]) + r"[\s\d.]")
        found = next((i for i in range(at, len(scan)) if pattern.match(scan[i])), None)
        if found is None:
            fail(f"{name} row {r[0]}: {r[2]!r} not found in the scan after line {at + 1}")
        else:
            at = found + 1

    stated_lines = {l: d for l, d in table_lines(FIXTURES / f"{name}.txt") if l.startswith(TOTAL_WORDS)}
    for label, first, last, column, stated, difference in TOTALS[name]:
        total = sum(a[column - 1] for a in amounts[first - 1:last])
        if stated - total != difference:
            fail(f"{name} {label} rows {first}-{last}: stated {stated}, sum {total}, "
                 f"expected difference {difference}")
        if label not in stated_lines:
            fail(f"{name}: no total line {label!r}")
    if name in PROSE:
        table_total = TOTALS[name][-1][4]
        print(f"{name}: prose {PROSE[name]}, table total {table_total}, "
              f"{'agree' if PROSE[name] == table_total else 'DISAGREE'}")


def main():
    mun, reg = register()
    for name in PRINTED:
        check(name, mun, reg)
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"ok: {len(PRINTED)} golden tables")


main()
