#!/usr/bin/env python3
"""Learn the quote confidence calibration from train splits, and check it on another split.

usage: target/venv-eval/bin/python scripts/calibrate_confidence.py [--train GOLD.jsonl ...] [--check GOLD.jsonl]
       (reading Parquet needs polars: `scripts/venv.sh eval` builds that venv)

Runs the release binary with NEWSFRAME_RAW_CONFIDENCE=1 (the rules' own scores) on the train
gold (PolNeAR train by default; give --train several times to pool splits), and writes
data/models/quote_confidence.tsv: the share of rows that were a real attribution with the right
speaker, matched as the shared scorer matches them (Laplace-smoothed), keyed by the rule that
made the row (`quotes.rule`):
  quote type, rule, attribution, score   when at least MIN_ROWS rows had that score;
  quote type, rule, attribution, *       when at least MIN_ROWS rows came from that rule;
  quote type, *, attribution, *          always (the fallback of rare rules).
With --check, prints the expected calibration error of the raw and the calibrated confidence
on that split (rebuild the binary first: the table is compiled in).
"""
import argparse
import collections
import os

import gold_runs
from gold_runs import EVAL, ROOT, sq

TABLE = os.path.join(ROOT, "data", "models", "quote_confidence.tsv")
MIN_ROWS = 20


def rows_with_outcome(gold_path, raw):
    """(quote_type, rule, attribution, confidence, correct) for every row newsframe writes."""
    env = {"NEWSFRAME_RAW_CONFIDENCE": "1" if raw else None}
    for _, rows, gold_of in gold_runs.matched_rows(gold_path, env):
        for p in rows:
            g = gold_of.get(id(p))
            speakers = sq.gold_spans(g, "speaker") if g else []
            right = g is not None and (
                not speakers or sq.overlaps(p.get("speaker_start"), p.get("speaker_end"), speakers)
            )
            yield p["quote_type"], p["rule"], p["attribution"], round(float(p["confidence"]), 2), right


def learn(trains):
    counts = collections.defaultdict(lambda: [0, 0])
    for train in trains:
        for kind, rule, attribution, score, right in rows_with_outcome(train, raw=True):
            for key in ((kind, rule, attribution, f"{score:.2f}"), (kind, rule, attribution, "*"), (kind, "*", attribution, "*")):
                counts[key][0] += right
                counts[key][1] += 1
    share = lambda ok, n: (ok + 1) / (n + 2)  # noqa: E731
    kept = {k: v for k, v in counts.items() if k[1] == "*" or v[1] >= MIN_ROWS}
    with open(TABLE, "w", encoding="utf-8") as f:
        f.write(
            "# Quote confidence calibrated by scripts/calibrate_confidence.py on: "
            + ", ".join(os.path.relpath(t, ROOT) for t in trains)
            + ".\n# The share of rows that were a real attribution with the right speaker (Laplace-smoothed),\n"
            "# by quote type, rule, attribution and score; \"*\" matches any (rare rules fall back to their type).\n"
            "# quote_type\trule\tattribution\tscore\tcalibrated\trows\n"
        )
        for key, (ok, n) in sorted(kept.items()):
            f.write("\t".join(key) + f"\t{share(ok, n):.3f}\t{n}\n")
    print(f"wrote {TABLE}: {len(kept)} rows")


def ece(rows):
    """Expected calibration error over ten equal-width confidence bins, and the bins."""
    bins = collections.defaultdict(lambda: [0, 0, 0.0])
    for *_, c, right in rows:
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
    ap.add_argument("--train", action="append")
    ap.add_argument("--check")
    args = ap.parse_args()
    if args.check:
        check(args.check)
    else:
        learn(args.train or [os.path.join(EVAL, "polnear", "train.jsonl")])


if __name__ == "__main__":
    main()
