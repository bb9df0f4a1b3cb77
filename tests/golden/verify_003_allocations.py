#!/usr/bin/env python3
"""Verify the golden allocation table tests/golden/003_allocations.tsv.

The table is the hand-checked allocation list of the decision
S2020/06722/FS (OCR seed fixtures/seeds/003_3f744fcd4400da0f.txt,
hand-corrected transcription fixtures/truth/003_3f744fcd4400da0f.txt).

Checks (stdlib only; exits 1 if any check fails):

 1. The header is exactly
    row, name_ocr, name, municipality_code, county, amount_sek, footnote.
 2. There are exactly 290 rows, and `row` runs 1..290 in order.
 3. Every municipality code of dictionaries/municipalities.tsv appears
    exactly once (no unknown codes, no duplicates, none missing).
 4. For every row, `name` and `county` equal the register's `kommun` and
    `lan` for that code.
 5. Every amount_sek is a positive integer and the amounts sum to exactly
    30 000 000 (the sum stated in the decision).
 6. footnote is "true" or "false"; the rows marked true are listed.
 7. The order of `name` follows Swedish alphabetical order (a-z, then
    å, ä, ö; space before hyphen before letters; case-insensitive).
 8. Cross-check against the seed: the k-th non-blank table line of the
    OCR file (after the line "Kommun Belopp", up to the "*" note) starts
    with name_ocr, has "*" right after the name iff footnote is true, and
    its digits (spaces removed) equal amount_sek.
 9. Cross-check against the truth transcription: the k-th table line reads
    "<name>[*] <amount with space thousands separators> kr".

Run from anywhere:  python3 tests/golden/verify_003_allocations.py
"""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests/golden/003_allocations.tsv"
REGISTER = ROOT / "dictionaries/municipalities.tsv"
SEED = ROOT / "fixtures/seeds/003_3f744fcd4400da0f.txt"
TRUTH = ROOT / "fixtures/truth/003_3f744fcd4400da0f.txt"

HEADER = ["row", "name_ocr", "name", "municipality_code", "county",
          "amount_sek", "footnote"]
EXPECTED_ROWS = 290
EXPECTED_SUM = 30_000_000

ALPHABET = " -abcdefghijklmnopqrstuvwxyzåäö"

failures = []


def check(ok, label, detail=""):
    print(("PASS " if ok else "FAIL ") + label + (": " + detail if detail else ""))
    if not ok:
        failures.append(label)


def swedish_key(s):
    key = []
    for ch in s.lower():
        if ch not in ALPHABET:
            raise ValueError("character %r in %r has no Swedish sort position" % (ch, s))
        key.append(ALPHABET.index(ch))
    return key


def fmt_amount(n):
    return "{:,}".format(n).replace(",", " ")


def table_lines(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("Kommun Belopp") + 1
    out = []
    for line in lines[start:]:
        if line.startswith("*"):
            break
        if line.strip():
            out.append(line)
    return out


def main():
    with open(REGISTER, encoding="utf-8", newline="") as f:
        register = {r["kommunkod"]: r for r in csv.DictReader(f, delimiter="\t")}

    with open(GOLDEN, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        rows = [dict(zip(header, r)) for r in reader]

    check(header == HEADER, "header", "\t".join(header))
    check(len(rows) == EXPECTED_ROWS, "row count", "%d rows (expected %d)" % (len(rows), EXPECTED_ROWS))
    check([r["row"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)],
          "row numbers are 1..%d in order" % len(rows))

    codes = [r["municipality_code"] for r in rows]
    dup = sorted({c for c in codes if codes.count(c) > 1})
    unknown = sorted(set(codes) - set(register))
    missing = sorted(set(register) - set(codes))
    check(len(register) == 290, "register has 290 municipalities", str(len(register)))
    check(not dup and not unknown and not missing,
          "every register code appears exactly once",
          "duplicates=%s unknown=%s missing=%s" % (dup, unknown, missing))

    bad_names = [(r["row"], r["municipality_code"], r["name"], register[r["municipality_code"]]["kommun"])
                 for r in rows if r["municipality_code"] in register
                 and r["name"] != register[r["municipality_code"]]["kommun"]]
    check(not bad_names, "names equal register names for their codes", str(bad_names) if bad_names else "")
    bad_county = [(r["row"], r["county"]) for r in rows if r["municipality_code"] in register
                  and r["county"] != register[r["municipality_code"]]["lan"]]
    check(not bad_county, "counties equal register lan for their codes", str(bad_county) if bad_county else "")

    amounts_ok = all(re.fullmatch(r"[1-9][0-9]*", r["amount_sek"]) for r in rows)
    check(amounts_ok, "amounts are positive integers")
    total = sum(int(r["amount_sek"]) for r in rows) if amounts_ok else -1
    check(total == EXPECTED_SUM, "amounts sum to 30000000", "sum = %d" % total)

    fn_ok = all(r["footnote"] in ("true", "false") for r in rows)
    starred = [r["name"] for r in rows if r["footnote"] == "true"]
    check(fn_ok, "footnote values are true/false", "%d starred: %s" % (len(starred), ", ".join(starred)))

    names = [r["name"] for r in rows]
    keys = [swedish_key(n) for n in names]
    out_of_order = [(names[i], names[i + 1]) for i in range(len(names) - 1) if not keys[i] < keys[i + 1]]
    check(not out_of_order, "names are in Swedish alphabetical order (a-z, å, ä, ö)",
          str(out_of_order) if out_of_order else "")

    seed = table_lines(SEED)
    check(len(seed) == len(rows), "seed has one table line per row", "%d lines" % len(seed))
    seed_bad = []
    for r, line in zip(rows, seed):
        m = re.fullmatch(r"(.+?)(\*?) (\d[\d ]*) kr", line)
        if not m or m.group(1) != r["name_ocr"] or (m.group(2) == "*") != (r["footnote"] == "true") \
                or m.group(3).replace(" ", "") != r["amount_sek"]:
            seed_bad.append((r["row"], line))
    check(not seed_bad, "name_ocr/footnote/amount match the OCR seed lines", str(seed_bad) if seed_bad else "")

    truth = table_lines(TRUTH)
    check(len(truth) == len(rows), "truth has one table line per row", "%d lines" % len(truth))
    truth_bad = []
    for r, line in zip(rows, truth):
        want = "%s%s %s kr" % (r["name"], "*" if r["footnote"] == "true" else "",
                               fmt_amount(int(r["amount_sek"])))
        if line != want:
            truth_bad.append((r["row"], line, want))
    check(not truth_bad, "rows match the truth transcription lines", str(truth_bad) if truth_bad else "")

    print("\n%s: %d failure(s)" % ("OK" if not failures else "FAILED", len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
