#!/usr/bin/env python3
"""score_corpus.py - compare `thidua extract --json` with a gold file.

Runs the extractor on every document named in the gold file (default
corpus/expected.jsonl; /work/shared/seeds/gold.jsonl has the same keys) and
prints, per field, how many documents agree with the gold.  Strings are
compared folded (NFC, lower case, no diacritics, đ -> d, spaces squeezed),
so "Khánh Hoà" = "Khánh Hòa".  Lists (members, leaders, officials) are
scored as sets with precision / recall.  Goals are summaries in the gold,
so only their number is compared.  This is a measurement, not a test: it
never fails on a low score.

usage: tools/score_corpus.py [-v] THIDUA [GOLD]
  -v   list every disagreement
"""
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fold(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFD", str(s).replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip().lower()


def bloc_name(v):
    return v.get("name") if isinstance(v, dict) else v


def leader_key(l):
    return (fold(l.get("unit")), l.get("role"), l.get("year"))


SCALARS = ["title", "province", "bloc", "bloc_level", "event", "pledge_year",
           "reviewed_year", "meeting_date", "member_count", "byline"]
SETS = {"members": fold, "leaders": leader_key,
        "officials": lambda o: fold(o.get("name"))}


def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if not args:
        sys.stderr.write(__doc__)
        return 2
    thidua = args[0]
    gold_path = args[1] if len(args) > 1 else os.path.join(ROOT, "corpus", "expected.jsonl")
    base = os.path.dirname(os.path.abspath(gold_path))
    ok = {k: 0 for k in SCALARS}
    sets = {k: [0, 0, 0] for k in SETS}     # true positives, extracted, gold
    goals = [0, 0]
    n = 0
    for line in open(gold_path, encoding="utf-8"):
        g = json.loads(line)
        path = os.path.join(base, g["id"])
        r = subprocess.run([thidua, "extract", "--json", path], capture_output=True, text=True)
        try:
            x = json.loads(r.stdout.splitlines()[0])
        except (IndexError, ValueError):
            print("%s: no JSON (%s)" % (g["id"], r.stderr.strip()))
            x = {}
        n += 1
        if "bloc" in x:
            x["bloc_level"] = x["bloc"].get("level") if isinstance(x["bloc"], dict) else None
            x["bloc"] = bloc_name(x["bloc"])
        for k in SCALARS:
            a, b = g.get(k), x.get(k)
            same = fold(a) == fold(b) if isinstance(a, str) or isinstance(b, str) else a == b
            ok[k] += same
            if verbose and not same:
                print("%s: %s: want %r, got %r" % (g["id"], k, a, b))
        for k, key in SETS.items():
            want = {key(v) for v in g.get(k) or []}
            got = {key(v) for v in x.get(k) or []}
            sets[k][0] += len(want & got)
            sets[k][1] += len(got)
            sets[k][2] += len(want)
            if verbose and want != got:
                print("%s: %s: missing %s, extra %s" % (g["id"], k, sorted(map(str, want - got)),
                                                       sorted(map(str, got - want))))
        goals[0] += len(g.get("goals") or [])
        goals[1] += len(x.get("goals") or [])
    print("documents %d (%s)" % (n, os.path.relpath(gold_path)))
    for k in SCALARS:
        print("  %-14s %3d/%d" % (k, ok[k], n))
    for k, (tp, got, want) in sets.items():
        p = tp / got if got else 0.0
        rc = tp / want if want else 0.0
        print("  %-14s precision %.2f  recall %.2f  (%d extracted, %d gold)" % (k, p, rc, got, want))
    print("  %-14s %d extracted, %d in the gold (summaries: counts only)" % ("goals", goals[1], goals[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
