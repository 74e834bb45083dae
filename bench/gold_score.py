#!/usr/bin/env python3
"""gold_score.py - field precision/recall/F1 of `thidua extract --json`
against a gold jsonl (a dev tool; not part of make test).

    python3 bench/gold_score.py GOLD.jsonl PRED.jsonl [-v]
    python3 bench/gold_score.py GOLD.jsonl --run THIDUA DIR [-v]

Gold lines carry "id" (file name), and the keys of extract --json, with
"bloc" as a string and "bloc_level" beside it.  Predictions are matched to
gold by file base name.  Scalars count TP when equal (strings compared
folded: no diacritics, case, spacing around dashes), FP when predicted
and different, FN when gold has a value that was not predicted.  Lists are
matched one-to-one: members and officials by folded name, leaders by
(folded unit, role, year), goals by word overlap (a goal counts when at
least half of the gold goal's words appear in the predicted one and half
of the predicted one's words in the gold one, or one contains the other).
"""
import json
import os
import re
import subprocess
import sys
import unicodedata


def fold(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFD", str(s)).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    s = re.sub(r"\s*[-–—]\s*", " - ", s)
    s = re.sub(r"[“”\"'.,;:()]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def words(s):
    return set(w for w in fold(s).split() if len(w) > 1 or w.isdigit())


def goal_match(g, p):
    gw, pw = words(g), words(p)
    if not gw or not pw:
        return False
    if fold(g) in fold(p) or fold(p) in fold(g):
        return True
    inter = len(gw & pw)
    return inter >= 0.5 * len(gw) and inter >= 0.5 * len(pw)


FIELDS = ["province", "bloc", "bloc_level", "event", "pledge_year", "meeting_date",
          "member_count", "members", "leaders", "goals", "officials"]


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def scalar(sc, g, p, log, name):
    eq = (fold(g) == fold(p)) if isinstance(g, str) or isinstance(p, str) else g == p
    if p is not None and g is not None and eq:
        sc.tp += 1
        return
    if p is not None:
        sc.fp += 1
    if g is not None:
        sc.fn += 1
    if g is not None or p is not None:
        log.append(f"  {name}: gold={g!r} pred={p!r}")


def listmatch(sc, gold, pred, same, log, name):
    used = [False] * len(pred)
    for g in gold:
        hit = None
        for i, p in enumerate(pred):
            if not used[i] and same(g, p):
                hit = i
                break
        if hit is None:
            sc.fn += 1
            log.append(f"  {name} missed: {g!r}")
        else:
            used[hit] = True
            sc.tp += 1
    for i, p in enumerate(pred):
        if not used[i]:
            sc.fp += 1
            log.append(f"  {name} extra: {p!r}")


def main(argv):
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    if len(argv) < 2:
        print(__doc__)
        return 2
    gold = [json.loads(l) for l in open(argv[0], encoding="utf-8") if l.strip()]
    if argv[1] == "--run":
        thidua, d = argv[2], argv[3]
        files = [os.path.join(d, g["id"]) for g in gold]
        out = subprocess.run([thidua, "extract", "--json"] + files, capture_output=True,
                             text=True).stdout
        preds = [json.loads(l) for l in out.splitlines() if l.strip()]
    else:
        preds = [json.loads(l) for l in open(argv[1], encoding="utf-8") if l.strip()]
    bypath = {os.path.basename(p["file"]): p for p in preds}
    scores = {f: Score() for f in FIELDS}
    for g in gold:
        p = bypath.get(g["id"], {})
        log = []
        bloc = p.get("bloc") or {}
        scalar(scores["province"], g.get("province"), p.get("province"), log, "province")
        scalar(scores["bloc"], g.get("bloc"), bloc.get("name"), log, "bloc")
        scalar(scores["bloc_level"], g.get("bloc_level"), bloc.get("level"), log, "bloc_level")
        for k in ("event", "pledge_year", "meeting_date", "member_count"):
            scalar(scores[k], g.get(k), p.get(k), log, k)
        listmatch(scores["members"], g.get("members") or [], p.get("members") or [],
                  lambda a, b: fold(a) == fold(b), log, "member")
        listmatch(scores["leaders"], g.get("leaders") or [], p.get("leaders") or [],
                  lambda a, b: fold(a["unit"]) == fold(b["unit"]) and a["role"] == b["role"]
                  and a.get("year") == b.get("year"), log, "leader")
        listmatch(scores["goals"], g.get("goals") or [], p.get("goals") or [],
                  goal_match, log, "goal")
        listmatch(scores["officials"], g.get("officials") or [], p.get("officials") or [],
                  lambda a, b: fold(a["name"]) == fold(b["name"]), log, "official")
        if verbose and log:
            print(g["id"])
            print("\n".join(log))
    print(f"{'field':14} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for f in FIELDS:
        s = scores[f]
        pr, rc, f1 = s.prf()
        print(f"{f:14} {pr:6.3f} {rc:6.3f} {f1:6.3f}  {s.tp:3} {s.fp:3} {s.fn:3}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
