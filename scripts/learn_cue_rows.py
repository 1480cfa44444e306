#!/usr/bin/env python3
"""Learns which learned cue words give right rows, from PolNeAR's train split.

usage: target/venv-eval/bin/python scripts/learn_cue_rows.py [--train GOLD.jsonl]
       (reading Parquet needs polars: `scripts/venv.sh eval` builds that venv)

`scripts/learn_cues.py` counts how often each word was annotated as a cue. That share says little
about the rows a word gives: "voted" is a cue in a quarter of its uses, but the rows it gives are
right more often than "suggested"'s. This script runs the release binary on the train gold with
NEWSFRAME_EVERY_LEARNED_CUE=1 (every learned word counts as a cue alone), scores every row as the
shared scorer does (all@0.3, and the row's cue must overlap the gold cue), and writes data/lexicon/cue_rows.tsv: for each learned cue word
outside the hand-written lexicon, the rows it gave as a cue and how many were right. newsframe
keeps a word as a cue alone when enough of its rows were right (see `MIN_CUE_ROW_PRECISION` in
src/lexicon.rs). Only words and counts are written, no text. The dev split is never read here.

Rerun it after changing the quote rules (they change the rows), rebuild, then relearn the
confidence table (scripts/calibrate_confidence.py).
"""
import argparse
import collections
import os

import gold_runs
from gold_runs import EVAL, ROOT, sq

OUT = os.path.join(ROOT, "data", "lexicon", "cue_rows.tsv")


def data_words(name):
    """First column of a data/lexicon table, lowercase, comments skipped."""
    words = set()
    for line in open(os.path.join(ROOT, "data", "lexicon", name), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            words.add(line.split("\t")[0].split()[0].lower())
    return words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default=os.path.join(EVAL, "polnear", "train.jsonl"))
    args = ap.parse_args()
    learned = data_words("cues_learned.tsv") - data_words("cues.tsv")
    right = collections.Counter()
    rows = collections.Counter()
    env = {"NEWSFRAME_EVERY_LEARNED_CUE": "1"}
    for a, ps, gold_of in gold_runs.matched_rows(args.train, env):
        for p in ps:
            cue = a["text"][p["cue_start"]:p["cue_end"]].split() if p.get("cue_start") is not None else []
            word = cue[0].lower() if cue else ""
            if word in learned:
                # Right: a found attribution, and the word is its cue (not a verb inside its content).
                g = gold_of.get(id(p))
                gold_cues = sq.gold_spans(g, "cue") if g else []
                rows[word] += 1
                right[word] += g is not None and (
                    not gold_cues or sq.overlaps(p.get("cue_start"), p.get("cue_end"), gold_cues)
                )
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Learned from PolNeAR train by scripts/learn_cue_rows.py: for each learned cue word outside\n")
        f.write("# cues.tsv, the rows it gave as a cue (every learned word counting alone) and how many the\n")
        f.write("# shared scorer found right (all@0.3, with the word inside the gold cue).\n# word\trows_right\trows\n")
        for word in sorted(rows, key=lambda w: (-rows[w], w)):
            f.write(f"{word}\t{right[word]}\t{rows[word]}\n")
    kept = sum(1 for w in rows if rows[w] >= 5 and right[w] / rows[w] >= 0.35)
    print(f"{len(rows)} cue words with rows, {kept} right in at least 35% of 5 or more rows -> {OUT}")


if __name__ == "__main__":
    main()
