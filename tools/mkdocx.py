#!/usr/bin/env python3
"""mkdocx.py - build the corpus DOCX files from their readable sources.

Every directory corpus/src/<name>/ holds the parts of one DOCX, written by
hand ([Content_Types].xml, _rels/, word/..., docProps/).  This script zips
each into corpus/<name>.docx deterministically: parts in a fixed order
([Content_Types].xml first, then sorted), fixed timestamps, deflate.

Legacy TCVN3 text.  A DOCX typed in the .VnTime fonts stores TCVN3 bytes
that look like windows-1252 letters.  To keep that source reviewable, the
text of every run whose w:rFonts names a .Vn font is written in Unicode in
the source and encoded here, the way a typist with an ABC keyboard would
have produced it:
  - a run in .VnTime becomes TCVN3 bytes; a capital letter with a tone has
    no TCVN3 code, so it is split into its own .VnTimeH run that holds the
    code of the lowercase letter (the H font draws it as a capital);
  - a run in .VnTimeH (headings) is typed with the lowercase codes.
Such runs must have the form <w:r><w:rPr>...</w:rPr><w:t ...>TEXT</w:t></w:r>.

Legacy-encoded pages.  corpus/src/legacy/<file>.utf8 is the readable UTF-8
source of corpus/<file>; a name holding "cp1258" is encoded in windows-1258
the way glibc iconv writes it (a precomposed byte where the code page has
one, else base letter + combining tone byte) with CRLF line ends.

usage: tools/mkdocx.py [--check] [NAME...]
  (no NAME)  every directory under corpus/src and every corpus/src/legacy/*.utf8
  --check    build in memory and compare with the files in corpus/: for a DOCX
             the same parts, order, bytes and timestamps; for a legacy page the
             same bytes.  Exit 1 on a difference.
"""
import html
import io
import unicodedata
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "corpus", "src")
OUT = os.path.join(ROOT, "corpus")
STAMP = (2020, 1, 1, 0, 0, 0)

# TCVN3 (ABC, VN3): the 74 letters at bytes 0xA1-0xFE in byte order, skipping
# the bytes VN3 leaves unused.  Same content as the 74 letter rows of
# /work/shared/legacy-encodings/tcvn3.tsv (checked when this was written).
_TCVN3_LETTERS = ("ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọ"
                  "ồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
_TCVN3_UNUSED = (0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xBA, 0xBF, 0xC0, 0xC1,
                 0xC2, 0xC3, 0xC4, 0xC5, 0xCD, 0xD9, 0xDA, 0xDB, 0xE0, 0xF0)
TCVN3 = dict(zip(_TCVN3_LETTERS,
                 [b for b in range(0xA1, 0xFF) if b not in _TCVN3_UNUSED]))
assert len(TCVN3) == 74


def tcvn3_char(ch, h_font):
    """One Unicode character -> the character a DOCX w:t holds (Latin-1)."""
    if ch.isascii():
        return ch
    if h_font and ch not in TCVN3:
        ch = ch.lower()
    if ch in TCVN3:
        return chr(TCVN3[ch])
    # punctuation such as '–' or '“' is stored as itself (windows-1252)
    ch.encode("cp1252")
    return ch


def needs_h(ch):
    return ch.isupper() and not ch.isascii() and ch not in TCVN3


RUN_RE = re.compile(r"<w:r>(<w:rPr>.*?</w:rPr>)(<w:t(?: [^>]*)?>)(.*?)</w:t></w:r>", re.S)
FONT_RE = re.compile(r'w:ascii="(\.Vn[^"]*)"')


def encode_legacy_runs(xml):
    def run(m):
        rpr, topen, text = m.group(1), m.group(2), html.unescape(m.group(3))
        fm = FONT_RE.search(rpr)
        if not fm:
            return m.group(0)
        font = fm.group(1)
        if font.replace(" ", "").endswith("H"):
            segs = [(True, text)]
        else:
            segs = []
            for ch in text:
                h = needs_h(ch)
                if segs and segs[-1][0] == h:
                    segs[-1] = (h, segs[-1][1] + ch)
                else:
                    segs.append((h, ch))
        hfont = font if font.replace(" ", "").endswith("H") else font + "H"
        out = []
        for h, seg in segs:
            f = hfont if h else font
            r = rpr.replace('"%s"' % font, '"%s"' % f)
            enc = "".join(tcvn3_char(c, h) for c in seg)
            out.append("<w:r>%s%s%s</w:t></w:r>"
                       % (r, topen, html.escape(enc, quote=False)))
        return "".join(out)
    return RUN_RE.sub(run, xml)


CP1258_TONES = {"\u0300": 0xCC, "\u0301": 0xEC, "\u0303": 0xDE,
                "\u0309": 0xD2, "\u0323": 0xF2}


def cp1258_encode(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        marks = "".join(c for c in d[1:] if c not in CP1258_TONES)
        out += unicodedata.normalize("NFC", d[0] + marks).encode("cp1258")
        out += bytes(CP1258_TONES[c] for c in d[1:] if c in CP1258_TONES)
    data = bytes(out)
    back = unicodedata.normalize("NFC", data.decode("cp1258"))
    assert back == unicodedata.normalize("NFC", text), "cp1258 round trip failed"
    return data


def build_legacy(src):
    with open(src, encoding="utf-8") as f:
        text = f.read()
    if "cp1258" not in os.path.basename(src):
        raise SystemExit("mkdocx: %s: no known encoding in the name" % src)
    return cp1258_encode(text.replace("\r\n", "\n").replace("\n", "\r\n"))


def parts_of(srcdir):
    names = []
    for dirpath, _, files in os.walk(srcdir):
        for f in files:
            rel = os.path.relpath(os.path.join(dirpath, f), srcdir)
            names.append(rel.replace(os.sep, "/"))
    names.sort(key=lambda n: (n != "[Content_Types].xml", n))
    return names


def build(name):
    srcdir = os.path.join(SRC, name)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for part in parts_of(srcdir):
            with open(os.path.join(srcdir, part), "rb") as f:
                data = f.read()
            if part.startswith("word/") and part.endswith(".xml") and b'".Vn' in data:
                data = encode_legacy_runs(data.decode("utf-8")).encode("utf-8")
            zi = zipfile.ZipInfo(part, STAMP)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            z.writestr(zi, data, compresslevel=6)
    return buf.getvalue()


def same(built, path):
    """Same parts in the same order with the same bytes and timestamps."""
    try:
        a = zipfile.ZipFile(io.BytesIO(built))
        b = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        return str(e)
    la, lb = a.infolist(), b.infolist()
    if [i.filename for i in la] != [i.filename for i in lb]:
        return "different parts"
    for x, y in zip(la, lb):
        if x.date_time != y.date_time:
            return "%s: different timestamp" % x.filename
        if a.read(x) != b.read(y):
            return "%s: different content" % x.filename
    return None


def main(argv):
    check = "--check" in argv
    names = [a for a in argv if a != "--check"]
    if any(n.startswith("-") for n in names):
        sys.stderr.write(__doc__)
        return 2
    legacy = os.path.join(SRC, "legacy")
    if not names:
        names = sorted(d for d in os.listdir(SRC)
                       if os.path.isdir(os.path.join(SRC, d)) and d != "legacy")
        if os.path.isdir(legacy):
            names += sorted(f for f in os.listdir(legacy) if f.endswith(".utf8"))
    bad = 0
    for n in names:
        if n.endswith(".utf8"):
            data = build_legacy(os.path.join(legacy, n))
            path = os.path.join(OUT, n[:-len(".utf8")])
            n = n[:-len(".utf8")]
        else:
            data = build(n)
            path = os.path.join(OUT, n + ".docx")
            n += ".docx"
        if check:
            if path.endswith(".docx"):
                why = same(data, path)
            else:
                try:
                    with open(path, "rb") as f:
                        why = None if f.read() == data else "different bytes"
                except OSError as e:
                    why = str(e)
            if why:
                print("mkdocx: %s is stale: %s" % (n, why))
                bad += 1
        else:
            with open(path, "wb") as f:
                f.write(data)
            print("mkdocx: wrote corpus/%s (%d bytes)" % (n, len(data)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
