#!/usr/bin/env python3
"""Checks the DuckDB views of sql/views.sql and the partitioned dataset layout against polars.

usage: test_views.py SINGLE_FILE_RUN_DIR PARTITIONED_RUN_DIR
Both runs must come from the same input (the sample dump). Prints one line per check and a
closing 'N passed, N failed' line; exits non-zero on any failure.
"""
import os
import sys
import tempfile

import duckdb
import polars as pl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from make_duckdb import build  # noqa: E402

VIEWS = ["quotes_enriched", "speaker_leaderboard", "daily_counts", "anonymous_share_by_outlet", "entity_cooccurrence"]
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}")


def tables(out):
    def read(t):
        single = os.path.join(out, f"{t}.parquet")
        if os.path.exists(single):
            return pl.read_parquet(single)
        return pl.read_parquet(os.path.join(out, t, "**", "*.parquet"), hive_partitioning=True)
    return {t: read(t) for t in ("articles", "quotes", "entities", "sources")}


def views_agree(out, label):
    db = os.path.join(tempfile.mkdtemp(), "nf.duckdb")
    build(out, db)
    con = duckdb.connect(db, read_only=True)
    t = tables(out)
    for view in VIEWS:
        n = con.execute(f"SELECT count(*) FROM {view}").fetchone()[0]
        check(f"{label}: view {view} returns rows", n > 0, n)

    n = con.execute("SELECT count(*) FROM quotes_enriched").fetchone()[0]
    check(f"{label}: quotes_enriched has one row per quote", n == t["quotes"].height, (n, t["quotes"].height))

    board = dict(con.execute("SELECT speaker_name, sum(quotes) FROM speaker_leaderboard GROUP BY 1").fetchall())
    expected = dict(t["quotes"].filter(pl.col("speaker_name").is_not_null()).group_by("speaker_name").len().iter_rows())
    check(f"{label}: speaker_leaderboard agrees with polars", board == expected)

    daily = {str(d): (a, q) for d, a, q in con.execute("SELECT day, articles, quotes FROM daily_counts").fetchall()}
    pdaily = (t["articles"].filter(pl.col("published").is_not_null())
              .group_by(pl.col("published").dt.date().alias("day"))
              .agg(pl.len(), pl.col("n_quotes").sum()))
    expected = {str(d): (a, q) for d, a, q in pdaily.iter_rows()}
    check(f"{label}: daily_counts agrees with polars", daily == expected, (daily, expected))

    share = {o: (s, a) for o, s, a in con.execute(
        "SELECT outlet, sources, anonymous_sources FROM anonymous_share_by_outlet").fetchall()}
    joined = t["sources"].join(t["articles"].select("article_id", "outlet"), on="article_id")
    pshare = (joined.with_columns(pl.col("outlet").fill_null("unknown"))
              .group_by("outlet").agg(pl.len(), (pl.col("kind") == "anonymous").sum()))
    expected = {o: (s, a) for o, s, a in pshare.iter_rows()}
    check(f"{label}: anonymous_share_by_outlet agrees with polars", share == expected, (share, expected))

    pairs = con.execute("SELECT sum(articles) FROM entity_cooccurrence").fetchone()[0]
    e = t["entities"].select("article_id", "entity_id")
    ppairs = e.join(e, on="article_id").filter(pl.col("entity_id") < pl.col("entity_id_right")).height
    check(f"{label}: entity_cooccurrence agrees with polars", pairs == ppairs, (pairs, ppairs))
    con.close()


def main():
    single, partitioned = sys.argv[1], sys.argv[2]
    views_agree(single, "single files")
    views_agree(partitioned, "date partitions")
    flat = pl.read_parquet(os.path.join(single, "quotes.parquet"))
    hive = pl.read_parquet(os.path.join(partitioned, "quotes", "**", "*.parquet"), hive_partitioning=True)
    check("partitions read back as one table in polars", hive.height == flat.height and "date" in hive.columns)
    con = duckdb.connect()
    n = con.execute(
        f"SELECT count(*), count(DISTINCT date) FROM read_parquet('{partitioned}/quotes/**/*.parquet', hive_partitioning = true)"
    ).fetchone()
    check("partitions read back as one table in DuckDB", n[0] == flat.height and n[1] > 1, n)
    passed = sum(results)
    print(f"views: {passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
