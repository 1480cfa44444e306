#!/usr/bin/env python3
"""Learns the attribution-cue lexicon from PolNeAR's train split.

usage: python3 scripts/learn_cues.py [../shared/eval/polnear/train.jsonl]

Writes data/lexicon/cues_learned.tsv: for every cue head word annotated at least 3 times, how
often it is annotated as a cue (n_cue) and how often the word occurs in the train texts at all
(n_seen). newsframe reads a word as a cue when n_cue / n_seen is high enough. Only words and
counts are written, no text. The dev split is never read here.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "eval", "polnear", "train.jsonl")
OUT = os.path.join(HERE, "..", "data", "lexicon", "cues_learned.tsv")
# Words that open a cue phrase without being its head: "has said", "also told".
LEADING = {"has", "have", "had", "also", "is", "was", "were", "are", "be", "been", "being", "will", "would",
           "could", "should", "may", "might", "did", "does", "do", "not", "never", "later", "then", "previously",
           "publicly", "repeatedly", "again", "once", "recently", "already", "just", "still", "often", "it"}
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def head(cue):
    words = [w.lower() for w in WORD.findall(cue)]
    while len(words) > 1 and words[0] in LEADING:
        words.pop(0)
    return words[0] if words else None


def main():
    n_cue = collections.Counter()
    n_seen = collections.Counter()
    for line in open(TRAIN, encoding="utf-8"):
        art = json.loads(line)
        for w in WORD.findall(art["text"]):
            n_seen[w.lower()] += 1
        for q in art["quotes"]:
            h = head(q.get("cue") or "")
            if h:
                n_cue[h] += 1
    rows = sorted(((w, c, n_seen[w]) for w, c in n_cue.items() if c >= 3 and w not in LEADING),
                  key=lambda r: (-r[1], r[0]))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Learned from PolNeAR train by scripts/learn_cues.py: cue head word, times annotated as a\n")
        f.write("# cue, times seen in the train texts.\n# word\tn_cue\tn_seen\n")
        for w, c, s in rows:
            f.write(f"{w}\t{c}\t{s}\n")
    print(f"{len(rows)} cue words -> {OUT}")


if __name__ == "__main__":
    main()
