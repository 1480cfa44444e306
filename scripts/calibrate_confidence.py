#!/usr/bin/env python3
"""Learn the quote confidence calibration from PolNeAR train, and check it on another split.

usage: python3 scripts/calibrate_confidence.py [--train GOLD.jsonl] [--check GOLD.jsonl]

Runs the release binary with NEWSFRAME_RAW_CONFIDENCE=1 (the rules' own scores) on the train
gold, and writes data/models/quote_confidence.tsv: for each quote type, attribution rule and
score, the share of rows that were a real attribution with the right speaker, matched as the
shared scorer matches them (Laplace-smoothed; scores seen fewer than MIN_ROWS times fall back
to the rule's share). With --check, prints the expected calibration error of the raw and the
calibrated confidence on that split (rebuild the binary first: the table is compiled in).
"""
import argparse
import collections
import os

import gold_runs
from gold_runs import EVAL, ROOT, sq

TABLE = os.path.join(ROOT, "data", "models", "quote_confidence.tsv")
MIN_ROWS = 20


def rows_with_outcome(gold_path, raw):
    """(quote_type, attribution, confidence, correct) for every row newsframe writes."""
    env = {"NEWSFRAME_RAW_CONFIDENCE": "1" if raw else None}
    for _, rows, gold_of in gold_runs.matched_rows(gold_path, env):
        for p in rows:
            g = gold_of.get(id(p))
            speakers = sq.gold_spans(g, "speaker") if g else []
            right = g is not None and (
                not speakers or sq.overlaps(p.get("speaker_start"), p.get("speaker_end"), speakers)
            )
            yield p["quote_type"], p["attribution"], round(float(p["confidence"]), 2), right


def learn(train):
    by_score = collections.defaultdict(lambda: [0, 0])
    by_rule = collections.defaultdict(lambda: [0, 0])
    for kind, rule, score, right in rows_with_outcome(train, raw=True):
        for counts in (by_score[(kind, rule, score)], by_rule[(kind, rule)]):
            counts[0] += right
            counts[1] += 1
    share = lambda ok, n: (ok + 1) / (n + 2)  # noqa: E731
    with open(TABLE, "w", encoding="utf-8") as f:
        f.write(
            "# Quote confidence calibrated on PolNeAR train by scripts/calibrate_confidence.py: for each quote\n"
            "# type, attribution rule and rule score, the share of rows that were a real attribution with the\n"
            '# right speaker (Laplace-smoothed), and per rule (score "*").\n'
            "# quote_type\tattribution\tscore\tcalibrated\trows\n"
        )
        for (kind, rule), (ok, n) in sorted(by_rule.items()):
            f.write(f"{kind}\t{rule}\t*\t{share(ok, n):.3f}\t{n}\n")
        for (kind, rule, score), (ok, n) in sorted(by_score.items()):
            if n >= MIN_ROWS:
                f.write(f"{kind}\t{rule}\t{score:.2f}\t{share(ok, n):.3f}\t{n}\n")
    print(f"wrote {TABLE}: {len(by_rule)} rules, {sum(1 for v in by_score.values() if v[1] >= MIN_ROWS)} scores")


def ece(rows):
    """Expected calibration error over ten equal-width confidence bins, and the bins."""
    bins = collections.defaultdict(lambda: [0, 0, 0.0])
    for _, _, c, right in rows:
        b = bins[min(9, int(c * 10))]
        b[0] += right
        b[1] += 1
        b[2] += c
    n = sum(b[1] for b in bins.values())
    error = sum(abs(b[0] / b[1] - b[2] / b[1]) * b[1] / n for b in bins.values())
    return error, sorted(bins.items())


def check(split):
    for label, raw in (("raw rule scores", True), ("calibrated", False)):
        error, bins = ece(list(rows_with_outcome(split, raw=raw)))
        print(f"{label:16} expected calibration error {error:.3f}")
        for b, (ok, n, total) in bins:
            print(f"    {b / 10:.1f}-{(b + 1) / 10:.1f}: mean confidence {total / n:.2f}, right {ok / n:.2f} ({n} rows)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default=os.path.join(EVAL, "polnear", "train.jsonl"))
    ap.add_argument("--check")
    args = ap.parse_args()
    if args.check:
        check(args.check)
    else:
        learn(args.train)


if __name__ == "__main__":
    main()
