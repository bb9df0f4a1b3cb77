#!/usr/bin/env python3
"""Check kansli's dictionaries/ files: UTF-8, NFC, LF, column counts, sort order,
uniqueness and required entries. Exit status 1 on any problem.

    python3 scripts/build_check_dictionaries.py [DICT_DIR]
"""
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DICT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(HERE), "dictionaries")

# file -> (columns, sort mode, allow '#' comments)
SPECS = {
    "lexicon.tsv": (2, "key", False),
    "compound_parts.tsv": (2, "line", True),
    "names.tsv": (2, "line", True),
    "agencies.tsv": (3, "line", True),
    "utgiftsomraden.tsv": (2, "numeric", True),
}
REQUIRED = {
    "lexicon.tsv": ["och", "för", "är", "från", "även", "stärka", "användas", "hälso",
                    "sjukvården", "månad", "budgetåret", "äldre", "ökat",
                    "färdigbehandlade", "kommunerna", "omställningen"],
    "names.tsv": ["Bergström", "Hallengren", "Lindström", "Åkesson", "Söderberg",
                  "Sjöberg", "Löfven", "Ygeman", "Hallberg", "Wikström", "Brändström",
                  "Aarflot", "Micko", "Paues"],
    "agencies.tsv": ["Socialdepartementet", "Finansdepartementet", "Statsrådsberedningen",
                     "Kammarkollegiet", "Socialstyrelsen", "Folkhälsomyndigheten",
                     "Myndigheten för samhällsskydd och beredskap",
                     "Sveriges Kommuner och Regioner", "Riksgälden"],
}

errors = []


def err(msg):
    errors.append(msg)
    print("ERROR:", msg)


for fn, (ncol, mode, comments) in SPECS.items():
    path = os.path.join(DICT, fn)
    if not os.path.exists(path):
        err(f"{fn}: missing")
        continue
    raw = open(path, "rb").read()
    if b"\r" in raw:
        err(f"{fn}: contains CR")
    if not raw.endswith(b"\n"):
        err(f"{fn}: no final newline")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(f"{fn}: not UTF-8: {e}")
        continue
    if unicodedata.normalize("NFC", text) != text:
        err(f"{fn}: not NFC")
    prev = None
    keys = set()
    n = 0
    firsts = set()
    for i, line in enumerate(text.split("\n")[:-1], 1):
        if line.startswith("#"):
            if not comments or n:
                err(f"{fn}:{i}: comment not allowed here")
            continue
        cells = line.split("\t")
        if len(cells) != ncol or not cells[0]:
            err(f"{fn}:{i}: expected {ncol} columns: {line!r}")
            continue
        n += 1
        firsts.add(cells[0])
        if mode == "key":
            k = cells[0].encode()
            if cells[0] != cells[0].lower():
                err(f"{fn}:{i}: not lowercase {cells[0]!r}")
            if not cells[1].isdigit() or int(cells[1]) < 1:
                err(f"{fn}:{i}: bad count {cells[1]!r}")
        elif mode == "line":
            k = line.encode()
        else:
            k = int(cells[0])
        if prev is not None and not prev < k:
            err(f"{fn}:{i}: not strictly sorted/unique: {line!r}")
            if len(errors) > 20:
                break
        prev = k
    for req in REQUIRED.get(fn, []):
        if req not in firsts:
            err(f"{fn}: required entry missing: {req}")
    print(f"ok {fn}: {n} rows, {len(raw)} bytes")

lic = os.path.join(DICT, "licenses")
for f in ("wordfreq-LICENSE.txt", "wordfreq-DATA-NOTICE.txt", "hunspell-sv-copyright.txt"):
    if not os.path.exists(os.path.join(lic, f)):
        err(f"licenses/{f} missing")
print("FAILED" if errors else "all dictionary checks passed")
sys.exit(1 if errors else 0)
