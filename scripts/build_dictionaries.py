#!/usr/bin/env python3
"""Rebuild kansli's dictionaries from registry packages with clear licences.

Sources
  * wordfreq (PyPI, `pip download wordfreq --no-deps`): word frequencies from
    wordfreq/data/large_sv.msgpack.gz. Code Apache-2.0, data CC BY-SA 4.0.
  * hunspell-sv (Debian, `apt-get download hunspell-sv`): sv_SE.dic/.aff by
    Göran Andersson, LGPL-3. Word forms are expanded by scripts/build_hunspell.py
    (pure Python; no `unmunch` needed).
  * scripts/build_dict_handwritten.py: agencies, expenditure areas, names.

Outputs (in dictionaries/, see dictionaries/README.md):
  lexicon.tsv, compound_parts.tsv, names.tsv, agencies.tsv,
  utgiftsomraden.tsv, MANIFEST.tsv, licenses/*

Usage
  python3 scripts/build_dictionaries.py                # download + build all
  python3 scripts/build_dictionaries.py --cache DIR    # keep/reuse downloads
  python3 scripts/build_dictionaries.py --hunspell-dir /usr/share/hunspell \\
        --wordfreq-wheel wordfreq-3.1.1-py3-none-any.whl   # offline
Needs only Python >= 3.9, pip (for download) and apt-get + dpkg-deb.
"""
import argparse
import glob
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import build_dict_handwritten as hand  # noqa: E402
import build_hunspell  # noqa: E402
from build_msgpack import unpackb  # noqa: E402

REPO = os.path.dirname(HERE)
DEFAULT_OUT = os.path.join(REPO, "dictionaries")
WORDFREQ_VERSION = "3.1.1"
HUNSPELL_PKG = "hunspell-sv"
DEFAULT_MAX_LEXICON_BYTES = 12_000_000

# Required words: the build fails if one of these is missing from lexicon.tsv.
REQUIRED_WORDS = [
    "och", "för", "är", "från", "även", "stärka", "användas", "hälso",
    "sjukvården", "månad", "budgetåret", "äldre", "ökat", "färdigbehandlade",
    "kommunerna", "omställningen",
]


def log(*a):
    print("[build_dictionaries]", *a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Character classes
# ---------------------------------------------------------------------------
def is_latin_letter(c: str) -> bool:
    if not c.isalpha():
        return False
    o = ord(c)
    # Basic Latin, Latin-1, Latin Extended-A/B, Latin Extended Additional;
    # excludes IPA symbols (U+0250-02AF) and other scripts.
    if not (o < 0x250 or 0x1E00 <= o <= 0x1EFF):
        return False
    try:
        return unicodedata.name(c).startswith("LATIN ")
    except ValueError:
        return False


def is_word(s: str) -> bool:
    """Latin letters, optionally joined by single internal hyphens."""
    if not s or s[0] == "-" or s[-1] == "-" or "--" in s:
        return False
    return all(c == "-" or is_latin_letter(c) for c in s)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# ---------------------------------------------------------------------------
# Fetching
# ---------------------------------------------------------------------------
def run(cmd, cwd=None):
    log("$", " ".join(cmd))
    subprocess.run(cmd, cwd=cwd, check=True)


def fetch_wordfreq(cache: str, wheel: str = None) -> dict:
    if not wheel:
        found = sorted(glob.glob(os.path.join(cache, f"wordfreq-{WORDFREQ_VERSION}-*.whl")))
        if not found:
            run([sys.executable, "-m", "pip", "download", f"wordfreq=={WORDFREQ_VERSION}",
                 "--no-deps", "--only-binary=:all:", "-d", cache])
            found = sorted(glob.glob(os.path.join(cache, f"wordfreq-{WORDFREQ_VERSION}-*.whl")))
        wheel = found[0]
    dest = os.path.join(cache, "wordfreq-wheel")
    shutil.rmtree(dest, ignore_errors=True)
    with zipfile.ZipFile(wheel) as z:
        z.extractall(dest)
    info = glob.glob(os.path.join(dest, "wordfreq-*.dist-info"))[0]
    version = os.path.basename(info)[len("wordfreq-"):-len(".dist-info")]
    return {
        "version": version,
        "wheel": os.path.basename(wheel),
        "sha256": sha256(wheel),
        "data": os.path.join(dest, "wordfreq", "data", "large_sv.msgpack.gz"),
        "license": first_existing([os.path.join(info, "LICENSE.txt"),
                                   os.path.join(info, "licenses", "LICENSE.txt")]),
        "metadata": os.path.join(info, "METADATA"),
    }


def fetch_hunspell(cache: str, hunspell_dir: str = None) -> dict:
    if hunspell_dir:
        copyright_ = first_existing([f"/usr/share/doc/{HUNSPELL_PKG}/copyright"])
        ver = subprocess.run(["dpkg-query", "-W", "-f=${Version}", HUNSPELL_PKG],
                             capture_output=True, text=True).stdout.strip() or "unknown"
        return {"version": ver, "deb": "(installed files)", "sha256": "",
                "aff": os.path.join(hunspell_dir, "sv_SE.aff"),
                "dic": os.path.join(hunspell_dir, "sv_SE.dic"),
                "copyright": copyright_}
    debs = sorted(glob.glob(os.path.join(cache, f"{HUNSPELL_PKG}_*.deb")))
    if not debs:
        run(["apt-get", "download", HUNSPELL_PKG], cwd=cache)
        debs = sorted(glob.glob(os.path.join(cache, f"{HUNSPELL_PKG}_*.deb")))
    deb = debs[-1]
    dest = os.path.join(cache, "hunspell-sv-deb")
    shutil.rmtree(dest, ignore_errors=True)
    run(["dpkg-deb", "-x", deb, dest])
    ver = subprocess.run(["dpkg-deb", "-f", deb, "Version"], capture_output=True,
                         text=True, check=True).stdout.strip()
    return {"version": ver, "deb": os.path.basename(deb), "sha256": sha256(deb),
            "aff": os.path.join(dest, "usr/share/hunspell/sv_SE.aff"),
            "dic": os.path.join(dest, "usr/share/hunspell/sv_SE.dic"),
            "copyright": os.path.join(dest, f"usr/share/doc/{HUNSPELL_PKG}/copyright")}


def first_existing(paths):
    for p in paths:
        if p and os.path.exists(p):
            return p
    raise FileNotFoundError(paths)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------
def read_wordfreq(path: str) -> dict:
    """word -> frequency (proportion of tokens), as wordfreq.get_frequency_dict."""
    with gzip.open(path, "rb") as f:
        data = unpackb(f.read())
    header, buckets = data[0], data[1:]
    if not (isinstance(header, dict) and header.get("format") == "cB"
            and header.get("version") == 1):
        raise SystemExit(f"unexpected cBpack header {header!r}")
    freqs = {}
    for index, bucket in enumerate(buckets):
        freq = 10 ** (-index / 100)  # index = -centibels
        for word in bucket:
            freqs.setdefault(word, freq)
    return freqs


def read_column(path, col):
    """Values of column `col` of a TSV file with a header row ([] if absent)."""
    if not os.path.exists(path):
        log(f"warning: {path} not found; skipped")
        return []
    out = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if col not in header:
            log(f"warning: no column {col!r} in {path}")
            return []
        i = header.index(col)
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if i < len(cells) and cells[i].strip():
                out.append(nfc(cells[i].strip()))
    return out


def write_tsv(path, rows, comments=()):
    """rows: iterable of tuples of str. Writes UTF-8, LF, optional # comments."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for c in comments:
            f.write(("# " + c).rstrip() + "\n")
        for r in rows:
            for cell in r:
                if "\t" in cell or "\n" in cell:
                    raise ValueError(f"bad cell {cell!r}")
            f.write("\t".join(r) + "\n")
            n += 1
    log(f"wrote {os.path.relpath(path, REPO)}: {n} rows, {os.path.getsize(path)} bytes")
    return n


def bytesort(rows):
    """Sort rows by their UTF-8 encoded line (bytewise), dropping duplicates."""
    uniq = {"\t".join(r): r for r in rows}
    return [uniq[k] for k in sorted(uniq, key=lambda s: s.encode("utf-8"))]


# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------
def build_lexicon(out, wf_freqs, forms, max_bytes):
    counts = {}
    for w, fr in wf_freqs.items():
        w = nfc(w).lower()
        if not is_word(w):
            continue
        c = max(1, round(fr * 1e9))
        if c > counts.get(w, 0):
            counts[w] = c
    n_wf = len(counts)

    # hunspell standalone forms; rank by the stem's corpus frequency, then length
    stem_score = {}
    cand = {}
    for f in forms:
        if not f.standalone:
            continue
        w = nfc(f.text).lower()
        if not is_word(w):
            continue
        stem = f.stem.lower()
        sc = counts.get(w, 0)
        if sc > stem_score.get(stem, 0):
            stem_score[stem] = sc
        if w not in counts:
            cand.setdefault(w, stem)
    size = sum(len(w.encode()) + len(str(c)) + 2 for w, c in counts.items())
    ranked = sorted(cand.items(),
                    key=lambda kv: (-stem_score.get(kv[1], 0), len(kv[1]), len(kv[0]), kv[0]))
    added = dropped = 0
    for w, _stem in ranked:
        line = len(w.encode()) + 3  # "\t1\n"
        if size + line > max_bytes:
            dropped += 1
            continue
        counts[w] = 1
        size += line
        added += 1
    log(f"lexicon: {n_wf} wordfreq words, +{added} hunspell-only forms, "
        f"{dropped} hunspell forms dropped by size cap {max_bytes}")
    missing = [w for w in REQUIRED_WORDS if w not in counts]
    if missing:
        raise SystemExit(f"required words missing from lexicon: {missing}")
    keys = sorted(counts, key=lambda s: s.encode("utf-8"))
    path = os.path.join(out, "lexicon.tsv")
    n = write_tsv(path, ((k, str(counts[k])) for k in keys))
    return {"rows": n, "wordfreq_words": n_wf, "hunspell_added": added,
            "hunspell_dropped": dropped}


COMPOUND_COMMENTS = [
    "compound_parts.tsv: form<TAB>role, role in {begin, middle, end}; lowercase NFC,",
    "sorted bytewise by line. Lines starting with '#' are comments.",
    "Derived from hunspell sv_SE.aff/.dic (Debian hunspell-sv, LGPL-3) compound flags:",
    "  COMPOUNDBEGIN X  -> role begin : may be the first element of a compound",
    "  COMPOUNDMIDDLE U -> role middle: may be a middle element of a compound",
    "  COMPOUNDEND Y    -> role end   : may be the last element (with its inflections)",
    "  ONLYINCOMPOUND Z : the form is not a word by itself (e.g. 'hälso', 'flick')",
    "  COMPOUNDPERMITFLAG W on a suffix rule: the suffixed form may stand inside a",
    "    compound, e.g. sjukvård+s -> 'sjukvårds' (begin), hälsa -> 'hälso' (begin).",
    "A begin/middle form ending in '-' (e.g. 'tv-') is written with its hyphen.",
    "Compounding in Swedish is open: hunspell also joins forms through the",
    "linking forms listed here, so begin+(middle)*+end covers most compounds.",
]


def build_compound_parts(out, forms, include_end=True):
    rows = set()
    for f in forms:
        w = nfc(f.text).lower()
        core = w[:-1] if w.endswith("-") else w
        if not is_word(core):
            continue
        for role in f.roles:
            if role == "end" and (not include_end or w.endswith("-")):
                continue
            rows.add((w, role))
    path = os.path.join(out, "compound_parts.tsv")
    n = write_tsv(path, bytesort(rows), COMPOUND_COMMENTS)
    by_role = {}
    for _, r in rows:
        by_role[r] = by_role.get(r, 0) + 1
    return {"rows": n, **by_role}


# Heuristic only; endings that are also common in place names (-holm, -lund,
# -mark, -by) are left out.
SURNAME_SUFFIXES = ("sson", "ström", "qvist", "kvist", "gren", "berg", "stedt",
                    "blad", "dahl", "blom", "löf", "sköld", "ius", "feldt",
                    "hielm", "hjelm", "crantz")


def build_names(out, dic_path, aff):
    first = set(nfc(x) for x in hand.FIRST_NAMES)
    sur = set(nfc(x) for x in hand.SURNAMES)
    for full in hand.MINISTERS:
        parts = nfc(full).split()
        first.add(parts[0])
        rest = parts[1:]
        sur.update(rest)
        if len(rest) > 1:
            sur.add(" ".join(rest))
    places = set(nfc(x) for x in hand.PLACES)
    places.update(read_column(os.path.join(out, "municipalities.tsv"), "kommun"))
    places.update(read_column(os.path.join(out, "regions.tsv"), "lan"))
    rows = set()
    for n in first:
        rows.add((n, "first"))
    for n in sur:
        rows.add((n, "surname"))
    for n in places:
        rows.add((n, "place"))
    known = first | sur | places
    forbid = aff.flag("FORBIDDENWORD")
    need = aff.flag("NEEDAFFIX")
    onlyc = aff.flag("ONLYINCOMPOUND")
    n_hun = 0
    for word, flags in build_hunspell.read_dic(dic_path):
        if not word[:1].isupper() or forbid in flags or need in flags or onlyc in flags:
            continue
        toks = word.split(" ")
        if not all(is_word(t) and t[:1].isupper() for t in toks[:1]) or \
                not all(is_word(t) for t in toks):
            continue
        if any(not p[:1].isupper() for p in re.split(r"[- ]", word)[1:]
               if " " not in word):
            continue  # "KOL-sköterska", "Angeles-bo": compounds, not names
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            continue  # acronym such as EU, SVT
        if len(letters) < 2:
            continue
        n_hun += 1
        if word in known:
            continue
        low = word.lower()
        kind = "surname" if (" " not in word and low.endswith(SURNAME_SUFFIXES)) else "other"
        rows.add((word, kind))
    comments = [
        "names.tsv: name<TAB>kind, kind in {first, surname, place, other}. Original case, NFC,",
        "sorted bytewise by line; a name may appear with several kinds. '#' lines are comments.",
        "Sources: hand-written lists in scripts/build_dict_handwritten.py (first names,",
        "surnames, ministers 2014-2024, places), municipalities.tsv/regions.tsv (place), and",
        "capitalised entries of hunspell sv_SE.dic (Debian hunspell-sv, LGPL-3): those are",
        "'surname' when they end in a typical surname suffix (-sson, -ström, -berg, ...),",
        "else 'other' (unclassified proper noun: person, place, brand, organisation).",
    ]
    path = os.path.join(out, "names.tsv")
    n = write_tsv(path, bytesort(rows), comments)
    kinds = {}
    for _, k in rows:
        kinds[k] = kinds.get(k, 0) + 1
    return {"rows": n, "hunspell_capitalised": n_hun, **kinds}


def build_agencies(out):
    kinds = {"ministry", "agency", "organisation", "court", "region_body", "other"}
    rows = []
    for name, abbr, kind in hand.AGENCIES:
        assert kind in kinds, (name, kind)
        rows.append((nfc(name), nfc(abbr), kind))
    # one county administrative board per län, from regions.tsv (column "lan")
    have = {r[0] for r in rows}
    for lan in read_column(os.path.join(out, "regions.tsv"), "lan"):
        name = f"Länsstyrelsen i {lan}"
        if name not in have:
            rows.append((name, "", "agency"))
            have.add(name)
    rows = bytesort(rows)
    names = [r[0] for r in rows]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit(f"duplicate agency names: {sorted(dup)}")
    comments = [
        "agencies.tsv: name<TAB>abbreviation<TAB>kind; kind in {ministry, agency,",
        "organisation, court, region_body, other}; empty abbreviation if none.",
        "Ministry abbreviations are Regeringskansliet diarienummer prefixes (S2020/...).",
        "Hand-written (scripts/build_dict_handwritten.py) plus one 'Länsstyrelsen i <län>'",
        "row per län from regions.tsv. Sorted bytewise by line.",
    ]
    return {"rows": write_tsv(os.path.join(out, "agencies.tsv"), rows, comments)}


def build_utgiftsomraden(out):
    rows = [(str(n), nfc(name)) for n, name in sorted(hand.UTGIFTSOMRADEN)]
    assert [int(r[0]) for r in rows] == list(range(1, 28))
    comments = [
        "utgiftsomraden.tsv: number<TAB>name; the 27 expenditure areas of the Swedish",
        "state budget as named in the budget bill for 2020 (prop. 2019/20:1).",
        "Sorted numerically. Source: scripts/build_dict_handwritten.py.",
    ]
    return {"rows": write_tsv(os.path.join(out, "utgiftsomraden.tsv"), rows, comments)}


def copy_licenses(out, wf, hs):
    lic = os.path.join(out, "licenses")
    os.makedirs(lic, exist_ok=True)
    shutil.copyfile(wf["license"], os.path.join(lic, "wordfreq-LICENSE.txt"))
    meta = open(wf["metadata"], encoding="utf-8").read()
    m = re.search(r"^## License\n(.*?)(?=^## Citing)", meta, re.S | re.M)
    notice = m.group(1).strip() if m else "(see wordfreq METADATA)"
    with open(os.path.join(lic, "wordfreq-DATA-NOTICE.txt"), "w", encoding="utf-8") as f:
        f.write(
            f"lexicon.tsv contains word frequencies derived from wordfreq {wf['version']}\n"
            f"(PyPI package wordfreq, file wordfreq/data/large_sv.msgpack.gz), by Robyn Speer.\n"
            "The wordfreq code is Apache-2.0 (wordfreq-LICENSE.txt); its data is licensed\n"
            "under Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0,\n"
            "https://creativecommons.org/licenses/by-sa/4.0/). lexicon.tsv is therefore\n"
            "distributed under CC BY-SA 4.0 as well (and, for forms from hunspell-sv,\n"
            "under LGPL-3; see hunspell-sv-copyright.txt).\n\n"
            "Citation: Robyn Speer. (2022). rspeer/wordfreq: v3.0 (v3.0.2). Zenodo.\n"
            "https://doi.org/10.5281/zenodo.7199437\n\n"
            "---- wordfreq's licence section (from its package METADATA) ----\n\n"
            + notice + "\n")
    shutil.copyfile(hs["copyright"], os.path.join(lic, "hunspell-sv-copyright.txt"))
    with open(os.path.join(lic, "hunspell-sv-NOTICE.txt"), "w", encoding="utf-8") as f:
        f.write(
            f"lexicon.tsv, compound_parts.tsv and names.tsv contain word forms derived from\n"
            f"the Swedish hunspell dictionary sv_SE.dic/sv_SE.aff, Debian package\n"
            f"{HUNSPELL_PKG} {hs['version']} (source package libreoffice-dictionaries).\n"
            "Copyright 2003-2014 Göran Andersson <goran@init.se>, licence LGPL-3\n"
            "(GNU Lesser General Public License version 3; full Debian copyright file in\n"
            "hunspell-sv-copyright.txt, section 'Files: dictionaries/sv_SE/*'; licence text\n"
            "at /usr/share/common-licenses/LGPL-3 on Debian systems).\n"
            "The forms were generated by applying the dictionary's suffix rules with\n"
            "scripts/build_hunspell.py; that derived list may be rebuilt with\n"
            "scripts/build_dictionaries.py.\n")
    lgpl = "/usr/share/common-licenses/LGPL-3"
    if os.path.exists(lgpl):
        shutil.copyfile(lgpl, os.path.join(lic, "LGPL-3.txt"))


def write_manifest(out, wf, hs, stats):
    rows = []
    for fn in ("lexicon.tsv", "compound_parts.tsv", "names.tsv", "agencies.tsv",
               "utgiftsomraden.tsv"):
        p = os.path.join(out, fn)
        rows.append((fn, str(stats[fn]["rows"]), str(os.path.getsize(p)), sha256(p)))
    with open(os.path.join(out, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write(f"# built by scripts/build_dictionaries.py from wordfreq {wf['version']} "
                f"({wf['wheel']} sha256 {wf['sha256']}) and {HUNSPELL_PKG} {hs['version']} "
                f"({hs['deb']} sha256 {hs['sha256']})\n")
        f.write("# file\trows\tbytes\tsha256\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory")
    ap.add_argument("--cache", help="download/extract directory (default: temporary)")
    ap.add_argument("--wordfreq-wheel", help="use this local wordfreq wheel")
    ap.add_argument("--hunspell-dir", help="use sv_SE.aff/.dic from this directory "
                    "(e.g. /usr/share/hunspell) instead of apt-get download")
    ap.add_argument("--max-lexicon-bytes", type=int, default=DEFAULT_MAX_LEXICON_BYTES)
    ap.add_argument("--no-compound-end", action="store_true",
                    help="omit role=end rows from compound_parts.tsv (smaller file)")
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    tmp = None
    cache = args.cache
    if not cache:
        tmp = tempfile.mkdtemp(prefix="kansli-dict-")
        cache = tmp
    os.makedirs(cache, exist_ok=True)
    cache = os.path.abspath(cache)
    try:
        wf = fetch_wordfreq(cache, args.wordfreq_wheel)
        hs = fetch_hunspell(cache, args.hunspell_dir)
        log(f"wordfreq {wf['version']}, {HUNSPELL_PKG} {hs['version']}")
        wf_freqs = read_wordfreq(wf["data"])
        aff = build_hunspell.read_aff(hs["aff"])
        if aff.pfx_flags:
            log(f"warning: PFX rules ignored: {sorted(aff.pfx_flags)}")
        forms = list(build_hunspell.expand(aff, hs["dic"]))
        log(f"hunspell: {len(forms)} generated forms")
        stats = {
            "lexicon.tsv": build_lexicon(args.out, wf_freqs, forms, args.max_lexicon_bytes),
            "compound_parts.tsv": build_compound_parts(args.out, forms,
                                                       not args.no_compound_end),
            "names.tsv": build_names(args.out, hs["dic"], aff),
            "agencies.tsv": build_agencies(args.out),
            "utgiftsomraden.tsv": build_utgiftsomraden(args.out),
        }
        copy_licenses(args.out, wf, hs)
        write_manifest(args.out, wf, hs, stats)
        for k, v in stats.items():
            log(k, v)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
