#!/usr/bin/env python3
"""Checks that every quote, speaker, cue and mention offset slices back to its text.

usage: target/venv-eval/bin/python scripts/check_offsets.py OUT_DIR INPUT.jsonl [INPUT.jsonl ...]
Inputs are JSON Lines with "id" and "text" (the shared corpora, the samples). Prints the rows
checked and the bad ones; exits non-zero if any offset is wrong. Needs polars: `scripts/venv.sh eval` builds that venv.
"""
import json
import sys

import polars as pl


def main():
    out, inputs = sys.argv[1], sys.argv[2:]
    texts = {}
    for path in inputs:
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                texts[str(d["id"])] = d["text"]
    ids = list(texts)
    bad = 0
    quotes = pl.read_parquet(f"{out}/quotes.parquet").filter(pl.col("article_id").is_in(ids))
    for r in quotes.iter_rows(named=True):
        t = texts[r["article_id"]]
        if r["text"] not in t[r["start"]:r["end"]]:
            bad += 1
        for key in ("speaker", "cue"):
            if r[key] is not None and t[r[f"{key}_start"]:r[f"{key}_end"]] != r[key]:
                bad += 1
    mentions = pl.read_parquet(f"{out}/entity_mentions.parquet").filter(pl.col("article_id").is_in(ids))
    for r in mentions.iter_rows(named=True):
        if texts[r["article_id"]][r["start"]:r["end"]] != r["text"]:
            bad += 1
    print(f"{quotes.height} quotes, {mentions.height} mentions checked, {bad} bad offsets")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
