#!/usr/bin/env python3
"""Error classes of the quotes table against PolNeAR-style gold, for tuning (run it on train).

usage: target/venv-eval/bin/python scripts/quote_errors.py GOLD.jsonl OUT_DIR
       (reading Parquet needs polars: `scripts/venv.sh eval` builds that venv)
Counts missed gold attributions (coverage < 0.3) by type and by why, then wrong or missing
speakers and cues among the found ones, by the rule that made the row (`quotes.rule`), and per
rule: rows, rows that are a found attribution, and rows with the right speaker.
"""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval"))
from tables import read_table  # noqa: E402

LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "lexicon")


def word_counts(name):
    with open(os.path.join(LEXICON, name)) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                w, a, b = line.rstrip("\n").split("\t")
                yield w, int(a), int(b)


# Whether a learned word is a cue alone, as src/lexicon.rs decides: by the rows it gave on train
# when it gave 5 or more (right in at least 35%), else by how often it was annotated (30%).
LEARNED = {w: c / max(1, n) >= 0.3 for w, c, n in word_counts("cues_learned.tsv") if c >= 5}
LEARNED.update({w: r / n >= 0.35 for w, r, n in word_counts("cue_rows.tsv") if n >= 5 and w in LEARNED})


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
            elif head and not LEARNED.get(head, False):
                why = "cue word not a cue alone"
            elif g.get("speaker_start") is None:
                why = "no speaker in gold"
            else:
                why = "cue known, construction not matched"
            missed[(g["type"], why)] += 1
    print(f"{'type':<9} {'why missed':<40} {'count':>6}")
    for (t, why), n in sorted(missed.items(), key=lambda kv: -kv[1]):
        print(f"{t:<9} {why:<40} {n:>6}")
    print("totals:", dict(total), "missed:", sum(missed.values()))
    print_wrong_attributions(gold, preds)


def print_wrong_attributions(gold, preds):
    """Speaker and cue errors among the found attributions (as score_quotes.py counts them),
    by the predicted quote type, the rule that attributed it, and none vs wrong."""
    import score_quotes as sq  # the shared scorer's own matching

    errors = {"speaker": collections.Counter(), "cue": collections.Counter()}
    checked = collections.Counter()
    for aid, a in gold.items():
        _, matched = sq.assess(a["quotes"], preds.get(aid, []), 0.3)
        for g, p in matched:
            for field, counts in errors.items():
                if not sq.gold_spans(g, field):
                    continue
                checked[field] += 1
                if sq.overlaps(p.get(f"{field}_start"), p.get(f"{field}_end"), sq.gold_spans(g, field)):
                    continue
                how = "none" if p.get(f"{field}_start") is None else "wrong"
                counts[(p["quote_type"], p.get("rule") or p.get("attribution"), how)] += 1
    for field, counts in errors.items():
        print(f"\n{field} errors: {sum(counts.values())} of {checked[field]}")
        print(f"{'type':<9} {'rule':<32} {'error':<6} {'count':>6}")
        for (t, rule, how), n in counts.most_common():
            print(f"{t:<9} {rule or '':<32} {how:<6} {n:>6}")
    print_rules(gold, preds)


def print_rules(gold, preds):
    """Per rule: rows written, rows that are a found attribution (all@0.3), and those whose
    speaker is right too (or whose gold has none)."""
    import score_quotes as sq

    rows, found, right = collections.Counter(), collections.Counter(), collections.Counter()
    for aid, a in gold.items():
        ps = preds.get(aid, [])
        _, matched = sq.assess(a["quotes"], ps, 0.3)
        for p in ps:
            rows[p.get("rule")] += 1
        for g, p in matched:
            found[p.get("rule")] += 1
            speakers = sq.gold_spans(g, "speaker")
            right[p.get("rule")] += not speakers or sq.overlaps(p.get("speaker_start"), p.get("speaker_end"), speakers)
    print(f"\n{'rule':<32} {'rows':>6} {'found':>6} {'right':>6} {'precision':>9}")
    for rule, n in rows.most_common():
        print(f"{rule or '':<32} {n:>6} {found[rule]:>6} {right[rule]:>6} {right[rule] / n:>9.2f}")


if __name__ == "__main__":
    main()
