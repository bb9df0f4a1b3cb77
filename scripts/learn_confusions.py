#!/usr/bin/env python3
"""Learn an OCR confusion table P(truth | ocr) from the TRAINING corpus.

Usage: learn_confusions.py [--corpus corpus] [--out dictionaries/ocr_confusions.tsv]
                           [--summary corpus/confusions_summary.txt] [--min-count 2]

How it works
 1. For every profile directory corpus/train_ocr/<profile>/ and every file in it, read the OCR text and
    the clean text of the same name from corpus/train_clean/. Whitespace runs are collapsed (OCR rewraps
    lines) and both are split into whitespace tokens.
 2. Word alignment: difflib.SequenceMatcher (autojunk off) aligns the two token sequences.
      equal blocks           -> every word pair is an identity pair (gives identity counts)
      replace, same length   -> words are paired 1:1 (pairs whose character distance exceeds 60% of the
                                longer word are dropped as garbage)
      replace, <= 4 tokens   -> the two spans are joined with spaces and aligned as one string
                                (catches split and merged words)
      anything else          -> skipped (lost lines, junk lines, long mis-segmented blocks)
 3. Character alignment inside each pair: weighted Levenshtein with backtrace; a substitution between
    letters with the same base letter (o/ö, a/å, e/é) costs 0.5 instead of 1, so "oé"->"ö" aligns as
    o->ö + é->"" rather than o->"" + é->ö. Every truth character that OCR dropped (an insertion in the
    OCR->truth direction) is attached to the preceding column (to the next one at the start of a word),
    so every column holds exactly ONE OCR character and 0..n truth characters.
 4. Counting: every window of 1 or 2 consecutive columns is an OCR substring (1-2 chars) and the truth
    substring it stands for. Each window counts once as a source (count(ocr)), and, when its truth side
    is at most 2 chars and neither side contains a space, once as the pair (ocr, truth). Identity windows
    ("ä"->"ä", "ar"->"ar") are counted too, so prob = count(ocr->truth) / count(ocr) estimates
    P(truth | ocr) over all aligned text of all training profiles.
 5. Output: pairs with ocr != truth and count >= --min-count, sorted by count desc (then ocr, truth),
    as TSV `ocr<TAB>truth<TAB>count<TAB>prob`. An empty truth means OCR added the character ("w" -> "").
    A per-profile top-40 summary is printed and saved.
Only the training set is used, so the eval set (corpus/clean, corpus/ocr) stays unseen.
"""
import argparse, difflib, os, re, sys, unicodedata
from collections import Counter, defaultdict

def norm_ws(s):
    return re.sub(r"\s+", " ", s).strip()

def base(c):
    return "".join(x for x in unicodedata.normalize("NFD", c.lower()) if not unicodedata.combining(x))

def sub_cost(a, b):
    if a == b:
        return 0.0
    if a.isalpha() and b.isalpha() and base(a) == base(b):
        return 0.5
    return 1.0

def align(o, t):
    """Weighted Levenshtein alignment of OCR string o with truth string t.
    Returns columns [(ocr_char, truth_str)], each with exactly one OCR char (see step 3)."""
    n, m = len(o), len(t)
    D = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        D[i][0] = float(i)
    for j in range(1, m + 1):
        D[0][j] = float(j)
    for i in range(1, n + 1):
        oi = o[i - 1]; Di = D[i]; Dp = D[i - 1]
        for j in range(1, m + 1):
            Di[j] = min(Dp[j - 1] + sub_cost(oi, t[j - 1]), Dp[j] + 1.0, Di[j - 1] + 1.0)
    ops = []  # (ocr_char or '', truth_char or '')
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and D[i][j] == D[i - 1][j - 1] + sub_cost(o[i - 1], t[j - 1]):
            ops.append((o[i - 1], t[j - 1])); i -= 1; j -= 1
        elif i > 0 and D[i][j] == D[i - 1][j] + 1.0:
            ops.append((o[i - 1], "")); i -= 1
        else:
            ops.append(("", t[j - 1])); j -= 1
    ops.reverse()
    cols, pending = [], ""
    for oc, tc in ops:
        if oc == "":
            if cols:
                cols[-1][1] += tc
            else:
                pending += tc
        else:
            cols.append([oc, pending + tc]); pending = ""
    if pending:  # truth chars but no OCR char at all
        return [], D[n][m]
    return cols, D[n][m]

def count_windows(cols, src, pairs):
    for k in (1, 2):
        for s in range(len(cols) - k + 1):
            w = cols[s:s + k]
            o = "".join(c[0] for c in w); t = "".join(c[1] for c in w)
            if " " in o:
                continue
            src[o] += 1
            if len(t) <= 2 and " " not in t:
                pairs[(o, t)] += 1

def identity(word, src, pairs):
    count_windows([[c, c] for c in word], src, pairs)

def process(ocr_text, clean_text, src, pairs, stats):
    ow, cw = norm_ws(ocr_text).split(" "), norm_ws(clean_text).split(" ")
    sm = difflib.SequenceMatcher(None, ow, cw, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for w in ow[i1:i2]:
                identity(w, src, pairs); stats["equal_words"] += 1
        elif tag == "replace":
            if i2 - i1 == j2 - j1:
                for a, b in zip(ow[i1:i2], cw[j1:j2]):
                    cols, dist = align(a, b)
                    if not cols or dist > 0.6 * max(len(a), len(b)):
                        stats["dropped_pairs"] += 1; continue
                    count_windows(cols, src, pairs); stats["aligned_pairs"] += 1
            elif max(i2 - i1, j2 - j1) <= 4:
                a, b = " ".join(ow[i1:i2]), " ".join(cw[j1:j2])
                cols, dist = align(a, b)
                if not cols or dist > 0.6 * max(len(a), len(b)):
                    stats["dropped_spans"] += 1; continue
                count_windows(cols, src, pairs); stats["aligned_spans"] += 1
            else:
                stats["skipped_blocks"] += 1
        else:
            stats[tag + "_blocks"] += 1

def table(src, pairs, min_count):
    rows = [(o, t, c, c / src[o]) for (o, t), c in pairs.items() if o != t and c >= min_count]
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    return rows

def show(s):
    return s if s else "∅"

def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--corpus", default=os.path.join(root, "corpus"))
    ap.add_argument("--out", default=os.path.join(root, "dictionaries", "ocr_confusions.tsv"))
    ap.add_argument("--summary", default=None)
    ap.add_argument("--min-count", type=int, default=2)
    a = ap.parse_args()
    summary_path = a.summary or os.path.join(a.corpus, "confusions_summary.txt")
    clean_dir = os.path.join(a.corpus, "train_clean"); ocr_root = os.path.join(a.corpus, "train_ocr")
    src_all, pairs_all = Counter(), Counter()
    per = {}
    for prof in sorted(os.listdir(ocr_root)):
        pdir = os.path.join(ocr_root, prof)
        if not os.path.isdir(pdir):
            continue
        src, pairs, stats = Counter(), Counter(), Counter()
        for fn in sorted(os.listdir(pdir)):
            if not fn.endswith(".txt") or not os.path.exists(os.path.join(clean_dir, fn)):
                continue
            process(open(os.path.join(pdir, fn), encoding="utf-8").read(),
                    open(os.path.join(clean_dir, fn), encoding="utf-8").read(), src, pairs, stats)
            stats["files"] += 1
        per[prof] = (src, pairs, stats)
        src_all.update(src); pairs_all.update(pairs)
    rows = table(src_all, pairs_all, a.min_count)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("ocr\ttruth\tcount\tprob\n")
        for o, t, c, p in rows:
            f.write(f"{o}\t{t}\t{c}\t{p:.4f}\n")
    out = [f"# OCR confusions learned by scripts/learn_confusions.py from corpus/train_ocr/* vs corpus/train_clean",
           f"# prob = count(ocr->truth) / count(ocr as a source window); ∅ = empty string",
           f"# {len(rows)} pairs written to {os.path.relpath(a.out, root)} (count >= {a.min_count}, ocr != truth)", ""]
    for name, (src, pairs, stats) in list(per.items()) + [("ALL", (src_all, pairs_all, None))]:
        r = table(src, pairs, a.min_count)
        out.append(f"== {name}" + ("" if stats is None else "  " + " ".join(f"{k}={v}" for k, v in sorted(stats.items()))))
        out.append(f"{'ocr':>6} {'truth':>6} {'count':>6} {'prob':>7}")
        for o, t, c, p in r[:40]:
            out.append(f"{show(o):>6} {show(t):>6} {c:>6} {p:>7.4f}")
        out.append("")
    text = "\n".join(out)
    open(summary_path, "w", encoding="utf-8").write(text + "\n")
    print(text)

if __name__ == "__main__":
    main()
