"""Pure-Python reader and suffix expander for hunspell .aff/.dic files.

Written for the Swedish dictionary sv_SE (LibreOffice / Göran Andersson, LGPL-3)
as packaged by Debian in `hunspell-sv`, but generic enough for any dictionary
that uses single-character flags and suffixes only (sv_SE has no PFX rules and
no two-level suffixes; both are reported if met).

Compound flags in sv_SE.aff (see README.md):
  COMPOUNDBEGIN  X  form may be the first element of a compound
  COMPOUNDMIDDLE U  form may be a middle element of a compound
  COMPOUNDEND    Y  form may be the last element of a compound
  ONLYINCOMPOUND Z  form is not a word on its own, only a compound part
  COMPOUNDPERMITFLAG W  set on a suffix: lets the suffixed form stand
                       inside a compound (e.g. "hälsa" -> "hälso-")
  NEEDAFFIX      ¤  the bare stem is not a word, only its affixed forms
  FORBIDDENWORD  %  the entry is explicitly wrong and must not be accepted
Flags X/U/Z/W on a suffix rule (after '/') apply to the form that the rule
produces, so "SFX z a 0/WXZ a" turns "flicka" into the compound-begin-only
form "flick" (flickskola).
"""
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class SfxRule:
    strip: str
    add: str
    cont: frozenset
    cond: re.Pattern


@dataclass
class Aff:
    sfx: dict = field(default_factory=dict)  # flag -> [SfxRule]
    pfx_flags: set = field(default_factory=set)
    opts: dict = field(default_factory=dict)  # directive -> flag char

    def flag(self, name, default=None):
        return self.opts.get(name, default)


_ONE_ARG = {
    "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND", "ONLYINCOMPOUND",
    "COMPOUNDPERMITFLAG", "NEEDAFFIX", "FORBIDDENWORD", "NOSUGGEST",
    "FORCEUCASE", "KEEPCASE", "COMPOUNDFLAG", "CIRCUMFIX", "FLAG", "SET",
}


def _cond_regex(cond: str) -> re.Pattern:
    if cond == ".":
        return re.compile(r"")  # matches everything with .search at end
    out = []
    i = 0
    while i < len(cond):
        c = cond[i]
        if c == "[":
            j = cond.index("]", i)
            body = cond[i + 1:j]
            neg = body.startswith("^")
            if neg:
                body = body[1:]
            out.append("[" + ("^" if neg else "") + re.escape(body) + "]")
            i = j + 1
        elif c == ".":
            out.append(".")
            i += 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("(?:" + "".join(out) + r")\Z")


def read_aff(path: str) -> Aff:
    aff = Aff()
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        parts = lines[i].split()
        i += 1
        if not parts or parts[0].startswith("#"):
            continue
        key = parts[0]
        if key in _ONE_ARG and len(parts) >= 2:
            aff.opts[key] = parts[1]
            continue
        if key in ("SFX", "PFX") and len(parts) >= 4 and parts[2] in ("Y", "N"):
            flag, n = parts[1], int(parts[3])
            rules = []
            for _ in range(n):
                rp = lines[i].split()
                i += 1
                strip = "" if rp[2] == "0" else rp[2]
                add, _, cont = rp[3].partition("/")
                add = "" if add == "0" else add
                cond = rp[4] if len(rp) > 4 else "."
                rules.append(SfxRule(strip, add, frozenset(cont), _cond_regex(cond)))
            if key == "SFX":
                aff.sfx[flag] = rules
            else:
                aff.pfx_flags.add(flag)
    if aff.opts.get("FLAG") not in (None, "UTF-8"):
        raise SystemExit("only single-character flags are supported")
    return aff


def read_dic(path: str):
    """Yield (word, flags) for each dictionary entry."""
    with open(path, encoding="utf-8") as f:
        first = True
        for line in f:
            line = line.rstrip("\n").split("\t")[0].rstrip()
            if first:
                first = False
                if line.strip().isdigit():
                    continue
            if not line:
                continue
            word, _, flags = line.partition("/")
            yield unicodedata.normalize("NFC", word), frozenset(flags)


@dataclass
class Form:
    text: str
    stem: str
    standalone: bool  # is a word on its own (not compound-only, not forbidden)
    roles: frozenset  # subset of {"begin", "middle", "end"}
    from_suffix: bool


def expand(aff: Aff, dic_path: str):
    """Yield Form objects for every surface form the dictionary generates."""
    X = aff.flag("COMPOUNDBEGIN")
    U = aff.flag("COMPOUNDMIDDLE")
    Y = aff.flag("COMPOUNDEND")
    Z = aff.flag("ONLYINCOMPOUND")
    W = aff.flag("COMPOUNDPERMITFLAG")
    NEED = aff.flag("NEEDAFFIX")
    FORBID = aff.flag("FORBIDDENWORD")
    for word, flags in read_dic(dic_path):
        if FORBID and FORBID in flags:
            continue
        roles = set()
        if X in flags:
            roles.add("begin")
        if U in flags:
            roles.add("middle")
        if Y in flags:
            roles.add("end")
        base_alone = not (Z in flags or (NEED and NEED in flags))
        yield Form(word, word, base_alone, frozenset(roles), False)
        for fl in flags:
            rules = aff.sfx.get(fl)
            if not rules:
                continue
            for r in rules:
                if r.strip and not word.endswith(r.strip):
                    continue
                if not r.cond.search(word):
                    continue
                text = (word[: len(word) - len(r.strip)] if r.strip else word) + r.add
                sroles = set()
                # suffixed forms keep the ability to end a compound
                if "end" in roles and not (Z in r.cont):
                    sroles.add("end")
                permit = W in r.cont
                if X in r.cont and permit:
                    sroles.add("begin")
                if U in r.cont and permit:
                    sroles.add("middle")
                alone = Z not in r.cont
                yield Form(text, word, alone, frozenset(sroles), True)
