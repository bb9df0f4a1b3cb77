#!/usr/bin/env python3
"""Corpus-level CER and WER of OTHER_DIR against CLEAN_DIR.

Usage: cer.py CLEAN_DIR OTHER_DIR [--per-file]

Files are paired by name (every *.txt in CLEAN_DIR must exist in OTHER_DIR). Both sides are normalised
by collapsing every whitespace run to one space (OCR rewraps lines), then
  CER = sum(char Levenshtein distance) / sum(clean length in chars)
  WER = sum(word Levenshtein distance over space-split tokens) / sum(clean word count)
Uses rapidfuzz if installed (fast), else a pure-Python fallback (slow but identical results).
"""
import os, re, sys

try:
    from rapidfuzz.distance import Levenshtein as _L
    def lev(a, b):
        return _L.distance(a, b)
except ImportError:  # pure-Python fallback, works on str or list
    def lev(a, b):
        if len(a) < len(b):
            a, b = b, a
        prev = list(range(len(b) + 1))
        for i, x in enumerate(a, 1):
            cur = [i]
            for j, y in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
            prev = cur
        return prev[-1]

def norm(s):
    return re.sub(r"\s+", " ", s).strip()

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    per_file = "--per-file" in sys.argv
    if len(args) != 2:
        sys.exit(__doc__)
    clean_dir, other_dir = args
    names = sorted(f for f in os.listdir(clean_dir) if f.endswith(".txt"))
    ce = cn = we = wn = 0
    for n in names:
        c = norm(open(os.path.join(clean_dir, n), encoding="utf-8").read())
        o = norm(open(os.path.join(other_dir, n), encoding="utf-8").read())
        d = lev(c, o); cw, ow = c.split(" "), o.split(" ")
        wd = lev(cw, ow)
        ce += d; cn += len(c); we += wd; wn += len(cw)
        if per_file:
            print(f"{n}\tCER {d / max(len(c), 1):.4f}\tWER {wd / max(len(cw), 1):.4f}")
    print(f"files {len(names)}  chars {cn}  words {wn}")
    print(f"CER {ce / cn:.4f}")
    print(f"WER {we / wn:.4f}")

if __name__ == "__main__":
    main()
