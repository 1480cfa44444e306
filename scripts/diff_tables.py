#!/usr/bin/env python3
"""Compares the tables of two newsframe output folders, table by table, ignoring run-level
columns that differ on every run: for checking that a change leaves the output identical, or
for counting and showing the rows it changes.

    target/venv-eval/bin/python scripts/diff_tables.py OUT_BEFORE OUT_AFTER [--show 5]

Exits 1 when any table differs. Needs polars: `scripts/venv.sh eval` builds that venv.
"""
import argparse
import sys

import polars as pl

TABLES = ["articles", "quotes", "entities", "entity_mentions", "sources", "rejects"]
# Columns that name the run or the input path, not what was extracted.
IGNORED = {"source_file", "run_id"}


def read(folder, table):
    try:
        df = pl.read_parquet(f"{folder}/{table}.parquet")
    except FileNotFoundError:
        return None
    cols = [c for c in df.columns if c not in IGNORED]
    return df.select(cols)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--show", type=int, default=3, help="rows to print of each side's extras")
    a = ap.parse_args()
    differs = False
    for table in TABLES:
        x, y = read(a.before, table), read(a.after, table)
        if x is None or y is None:
            print(f"{table:<16} missing in {'before' if x is None else 'after'}")
            differs = True
            continue
        # List columns compare as their text (anti-joins do not take lists).
        def as_text(df):
            return df.with_columns([pl.col(c).map_elements(str, return_dtype=pl.String)
                                    for c, dt in df.schema.items() if dt.is_nested()])
        x, y = as_text(x), as_text(y)
        only_x, only_y = x.join(y, on=x.columns, how="anti", nulls_equal=True), y.join(x, on=y.columns, how="anti", nulls_equal=True)
        same = len(only_x) == 0 and len(only_y) == 0 and len(x) == len(y)
        print(f"{table:<16} {len(x):>9} -> {len(y):>9} rows   {'identical' if same else f'{len(only_x)} only before, {len(only_y)} only after'}")
        if not same:
            differs = True
            with pl.Config(tbl_cols=-1, fmt_str_lengths=80, tbl_width_chars=200):
                if len(only_x):
                    print(only_x.head(a.show))
                if len(only_y):
                    print(only_y.head(a.show))
    sys.exit(1 if differs else 0)


if __name__ == "__main__":
    main()
