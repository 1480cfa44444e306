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

VIEWS = ["quotes_enriched", "speaker_leaderboard", "daily_counts", "anonymous_share_by_outlet", "entity_cooccurrence",
         "speakers", "quotations_ranked", "entities_resolved", "quotes_resolved", "sources_resolved"]
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
    t = {t: read(t) for t in ("articles", "quotes", "entities", "sources", "entity_catalog", "entity_links", "quote_links")}
    # The counting views leave duplicate articles out.
    originals = t["articles"].filter(pl.col("duplicate_of").is_null()).select("article_id")
    for name in ("quotes", "entities", "sources"):
        t[name + "_counted"] = t[name].join(originals, on="article_id")
    return t


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
    expected = dict(t["quotes_counted"].filter(pl.col("speaker_name").is_not_null() & (pl.col("speaker_kind") != "author"))
                    .group_by("speaker_name").len().iter_rows())
    check(f"{label}: speaker_leaderboard agrees with polars", board == expected)

    daily = {str(d): (a, q) for d, a, q in con.execute("SELECT day, articles, quotes FROM daily_counts").fetchall()}
    pdaily = (t["articles"].filter(pl.col("published").is_not_null() & pl.col("duplicate_of").is_null())
              .group_by(pl.col("published").dt.date().alias("day"))
              .agg(pl.len(), pl.col("n_quotes").sum()))
    expected = {str(d): (a, q) for d, a, q in pdaily.iter_rows()}
    check(f"{label}: daily_counts agrees with polars", daily == expected, (daily, expected))

    share = {o: (s, a) for o, s, a in con.execute(
        "SELECT outlet, sources, anonymous_sources FROM anonymous_share_by_outlet").fetchall()}
    joined = t["sources_counted"].join(t["articles"].select("article_id", "outlet"), on="article_id")
    pshare = (joined.with_columns(pl.col("outlet").fill_null("unknown"))
              .group_by("outlet").agg(pl.len(), (pl.col("kind") == "anonymous").sum()))
    expected = {o: (s, a) for o, s, a in pshare.iter_rows()}
    check(f"{label}: anonymous_share_by_outlet agrees with polars", share == expected, (share, expected))

    pairs = con.execute("SELECT sum(articles) FROM entity_cooccurrence").fetchone()[0]
    e = t["entities_counted"].select("article_id", "entity_id")
    ppairs = e.join(e, on="article_id").filter(pl.col("entity_id") != pl.col("entity_id_right")).height
    check(f"{label}: entity_cooccurrence agrees with polars", pairs == ppairs, (pairs, ppairs))
    one_way = con.execute("""SELECT count(*) FROM entity_cooccurrence x
        WHERE NOT EXISTS (SELECT 1 FROM entity_cooccurrence y WHERE y.entity_a = x.entity_b AND y.type_a = x.type_b
                          AND y.entity_b = x.entity_a AND y.type_b = x.type_a AND y.articles = x.articles)""").fetchone()[0]
    check(f"{label}: entity_cooccurrence holds every pair both ways", one_way == 0, one_way)

    spoken = dict(con.execute("SELECT canonical_id, quotes FROM speakers").fetchall())
    links = t["entity_links"]
    default = links.filter(pl.col("article_id").is_null()).select("entity_id", pl.col("canonical_id").alias("default_id"))
    own = links.filter(pl.col("article_id").is_not_null()).select("article_id", "entity_id", pl.col("canonical_id").alias("own_id"))
    pq = (t["quotes_counted"].filter(pl.col("speaker_kind") != "author")
          .rename({"speaker_entity_id": "entity_id"})
          .join(default, on="entity_id", how="left").join(own, on=["article_id", "entity_id"], how="left")
          .join(t["quote_links"].select("article_id", "quote_id", pl.col("speaker_canonical_id").alias("dump_id")),
                on=["article_id", "quote_id"], how="left")
          .with_columns(pl.coalesce("dump_id", "own_id", "default_id").alias("speaker_canonical_id"))
          .filter(pl.col("speaker_canonical_id").is_not_null())
          .join(t["entity_catalog"].select(pl.col("canonical_id").alias("speaker_canonical_id")), on="speaker_canonical_id")
          .group_by("speaker_canonical_id").len())
    check(f"{label}: speakers agrees with polars over entity_links and quote_links", spoken == dict(pq.iter_rows()), len(spoken))
    n = con.execute("SELECT count(*) FROM quotes_resolved").fetchone()[0]
    check(f"{label}: quotes_resolved has one row per quote", n == t["quotes"].height, (n, t["quotes"].height))
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
