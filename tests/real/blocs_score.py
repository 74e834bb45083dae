#!/usr/bin/env python3
"""Score how thidua groups real reports into blocs: pair precision and recall.

    blocs_score.py THIDUA CACHE_DIR GOLD.jsonl [GOLD.jsonl ...] [--errors]

Every report of the gold files whose text is cached in CACHE_DIR/<id>.txt is
ingested into a scratch database with its page address (ingest --sources), as
a user with the addresses would. Two reports are one bloc in the gold when
their `same_bloc_group` is equal. A pair is predicted when `thidua blocs`
files both reports under one bloc. Precision: predicted pairs that are gold
pairs; recall: gold pairs that are predicted.
"""
import itertools, json, os, subprocess, sys, tempfile

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    errors = "--errors" in sys.argv
    thidua, cache, golds = args[0], args[1], args[2:]
    group, path_of = {}, {}
    for g in golds:
        for line in open(g, encoding="utf-8"):
            if not line.strip():
                continue
            o = json.loads(line)
            rid = o["id"].split(".")[0]
            p = os.path.join(cache, rid + ".txt")
            if o.get("url") and o.get("same_bloc_group") and os.path.exists(p):
                group[rid] = o["same_bloc_group"]
                path_of[rid] = (os.path.abspath(p), o["url"])
    if not group:
        print("blocs: no cached texts for these gold files")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "sources.tsv")
        with open(src, "w", encoding="utf-8") as f:
            for rid, (p, u) in path_of.items():
                f.write(f"{p}\t{u}\n")
        db = os.path.join(tmp, "b.db")
        subprocess.run([thidua, "--db", db, "--quiet", "ingest", "--sources", src]
                       + [p for p, _ in path_of.values()],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = subprocess.run([thidua, "--db", db, "blocs", "--json"],
                             capture_output=True, text=True).stdout
    blocs = json.loads(out or "[]")
    pred = {}
    for b in blocs:
        for srcs in b.get("evidence", {}).get("names", []):
            for s in srcs:
                rid = os.path.splitext(os.path.basename(s["path"]))[0]
                pred[rid] = b["id"]
    tp = fp = fn = 0
    wrong, missed = [], []
    for a, b in itertools.combinations(sorted(group), 2):
        g = group[a] == group[b]
        p = a in pred and b in pred and pred[a] == pred[b]
        tp += g and p
        fp += p and not g
        fn += g and not p
        if p and not g:
            wrong.append((a, b))
        if g and not p:
            missed.append((a, b))
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    print(f"blocs: {len(group)} reports, {len(blocs)} blocs; pairs merged {tp + fp} "
          f"(right {tp}, wrong {fp}); gold pairs {tp + fn}; "
          f"pair precision {prec:.3f} recall {rec:.3f}")
    if errors:
        for a, b in wrong:
            print(f"  wrong merge {a} ({group[a]}) + {b} ({group[b]})")
        for a, b in missed:
            print(f"  missed {a} + {b} ({group[a]}); bloc {pred.get(a)} vs {pred.get(b)}")

if __name__ == "__main__":
    main()
