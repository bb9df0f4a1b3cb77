#!/usr/bin/env python3
"""Real Tesseract ALTO, hOCR and plain text of a clean text rendered as scanned pages.

Renders like shared/tools/scan_sim.py (A4 at 300 dpi, Liberation Serif 12 pt, skew, downscaling,
blur, salt-and-pepper noise), then runs Tesseract once on all pages for each output format, so the
three files describe the same recognition. A form feed in the input starts a new page.

Usage: make_ocr_xml_fixtures.py IN.txt OUT_STEM [--lang eng] [--dpi 150] [--seed 1] [--blur 0.6]
       [--noise 0.01] [--keep-png]
Writes OUT_STEM.alto.xml, OUT_STEM.hocr and OUT_STEM.txt (and OUT_STEM-pN.png with --keep-png).
Needs Debian's tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-swe, fonts-liberation and Pillow.
Deterministic for a given seed (run with OMP_THREAD_LIMIT=1 for identical confidences)."""
import argparse, os, random, shutil, subprocess, tempfile
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ap = argparse.ArgumentParser()
ap.add_argument("src"); ap.add_argument("stem")
ap.add_argument("--lang", default="eng")
ap.add_argument("--dpi", type=int, default=150)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--blur", type=float, default=0.6)
ap.add_argument("--noise", type=float, default=0.01)
ap.add_argument("--keep-png", action="store_true")
a = ap.parse_args()
rnd = random.Random(a.seed)
font = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf", 50)
W, H, margin, size = 2480, 3508, 250, 50
per_page = (H - 2 * margin) // int(size * 1.35)


def wrap(lines):
    out = []
    for l in lines:
        cur = ""
        for w in l.split():
            t = (cur + " " + w).strip()
            if font.getlength(t) > W - 2 * margin and cur:
                out.append(cur); cur = w
            else:
                cur = t
        out.append(cur)
    return out


pages = []
for chunk in open(a.src, encoding="utf-8").read().split("\f"):
    wrapped = wrap(chunk.strip("\n").splitlines())
    pages += [wrapped[i:i + per_page] for i in range(0, len(wrapped), per_page)]

with tempfile.TemporaryDirectory() as tmp:
    images = []
    for n, pg in enumerate(pages, 1):
        im = Image.new("L", (W, H), 255)
        d = ImageDraw.Draw(im)
        for i, l in enumerate(pg):
            d.text((margin, margin + i * int(size * 1.35)), l, font=font, fill=0)
        im = im.rotate(rnd.uniform(-0.6, 0.6), fillcolor=255, resample=Image.BICUBIC)
        scale = a.dpi / 300
        im = im.resize((int(W * scale), int(H * scale)), Image.BILINEAR)
        if a.blur:
            im = im.filter(ImageFilter.GaussianBlur(a.blur))
        px = im.load()
        for _ in range(int(im.size[0] * im.size[1] * a.noise)):
            x, y = rnd.randrange(im.size[0]), rnd.randrange(im.size[1])
            px[x, y] = rnd.choice((0, 255))
        # the image name is recorded in the outputs: keep it short and stable
        p = os.path.join(tmp, f"{os.path.basename(a.stem)}-p{n}.png")
        im.save(p, dpi=(a.dpi, a.dpi))
        images.append(p)
    listing = os.path.join(tmp, "pages.txt")
    open(listing, "w").write("\n".join(images) + "\n")
    out = os.path.join(tmp, "out")
    for fmt, ext in (("alto", ".xml"), ("hocr", ".hocr"), ("txt", ".txt")):
        subprocess.run(["tesseract", listing, out, "-l", a.lang, "--psm", "4", fmt],
                       check=True, capture_output=True, cwd=tmp)
        data = open(out + ext, encoding="utf-8").read().replace(tmp + os.sep, "")
        target = a.stem + (".alto.xml" if fmt == "alto" else "." + fmt)
        open(target, "w", encoding="utf-8").write(data)
    if a.keep_png:
        for p in images:
            shutil.copy(p, os.path.join(os.path.dirname(a.stem) or ".", os.path.basename(p)))
