#!/usr/bin/env python3
"""Error classes of the quotes table against PolNeAR-style gold, for tuning (run it on train).

usage: python3 scripts/quote_errors.py GOLD.jsonl OUT_DIR
Counts missed gold attributions (coverage < 0.3) by type and by why, and wrong speakers.
"""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval"))
from tables import read_table  # noqa: E402

LEARNED = {}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "lexicon", "cues_learned.tsv")) as f:
    for line in f:
        if not line.startswith("#"):
            w, c, n = line.rstrip("\n").split("\t")
            LEARNED[w] = int(c) / max(1, int(n))


def main():
    gold_path, out = sys.argv[1], sys.argv[2]
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        a = json.loads(line)
        gold[a["id"]] = a
    preds = collections.defaultdict(list)
    for r in read_table(out, "quotes"):
        preds[str(r["article_id"])].append(r)
    missed = collections.Counter()
    total = collections.Counter()
    for aid, a in gold.items():
        for g in a["quotes"]:
            total[g["type"]] += 1
            spans = g.get("spans") or [[g["start"], g["end"]]]
            glen = max(1, sum(e - s for s, e in spans))
            cov = sum(max(0, min(e, p["end"]) - max(s, p["start"])) for p in preds[aid] for s, e in spans)
            if cov / glen >= 0.3:
                continue
            cue = (g.get("cue") or "").lower()
            words = re.findall(r"[a-z][a-z'-]*", cue)
            head = next((w for w in words if w not in ("has", "have", "had", "also", "is", "was", "were", "are")), "")
            if not cue:
                why = "no cue in gold"
            elif cue in (":", "-", "—"):
                why = "punctuation cue"
            elif head and LEARNED.get(head, 0) < 0.3:
                why = "cue word below the learned threshold"
            elif g.get("speaker_start") is None:
                why = "no speaker in gold"
            else:
                why = "cue known, construction not matched"
            missed[(g["type"], why)] += 1
    print(f"{'type':<9} {'why missed':<40} {'count':>6}")
    for (t, why), n in sorted(missed.items(), key=lambda kv: -kv[1]):
        print(f"{t:<9} {why:<40} {n:>6}")
    print("totals:", dict(total), "missed:", sum(missed.values()))


if __name__ == "__main__":
    main()
