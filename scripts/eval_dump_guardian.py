#!/usr/bin/env python3
"""What the dump step changes on a real dump (the Guardian 2022 corpus by default): bare
person names left unlinked, and names typed differently in different articles, before (the
per-article tables) and after (entity_links + entity_catalog). --sample N prints N random
surname links (seeded), each with its first mention in context from the corpus, for reading by
hand.

usage: target/venv-eval/bin/python scripts/eval_dump_guardian.py OUT [--sample N] [--seed S] [--corpus JSONL]
       (OUT from: newsframe extract ../shared/corpora/guardian_capi.jsonl --out OUT)
needs: polars (scripts/venv.sh eval builds that venv)
"""
import json
import os
import sys

import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dump_tables import resolved  # noqa: E402


def opt(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    ents = pl.read_parquet(f"{out}/entities.parquet", columns=["article_id", "entity_id", "name", "type"])
    links = pl.read_parquet(f"{out}/entity_links.parquet")
    catalog = pl.read_parquet(f"{out}/entity_catalog.parquet")
    quotes = pl.read_parquet(f"{out}/quotes.parquet", columns=["article_id", "speaker_entity_id", "speaker_name"])
    rows = resolved(ents, links).with_columns(
        key=pl.col("name").str.to_lowercase().str.replace_all(r"[.]", "").str.replace_all("-", " ")
    )
    # A bare name (one word) of a person or speaker row, and whether a full person name of the
    # dump ends in it.
    speakers = quotes.filter(pl.col("speaker_entity_id").is_not_null()).select(
        "article_id", pl.col("speaker_entity_id").alias("entity_id")
    ).unique()
    personish = rows.filter(pl.col("type") == "PERSON").join(
        speakers.with_columns(sp=pl.lit(True)), on=["article_id", "entity_id"], how="left"
    )
    personish = pl.concat(
        [personish, rows.join(speakers, on=["article_id", "entity_id"]).filter(pl.col("type") != "PERSON")
         .with_columns(sp=pl.lit(True))],
        how="diagonal",
    )
    full = rows.filter((pl.col("type") == "PERSON") & pl.col("key").str.contains(" "))
    surnames = set(full["key"].str.split(" ").list.last().to_list())
    bare = personish.filter(~pl.col("key").str.contains(" "))
    with_full = bare.filter(pl.col("key").is_in(list(surnames)))
    linked = with_full.filter(pl.col("link") != "same_name")
    print(f"bare person/speaker rows: {bare.height}; with a full form elsewhere in the dump: {with_full.height}")
    print(f"  before: {with_full.height} unlinked (ids are per name)")
    share = linked.height / with_full.height if with_full.height else 0.0
    print(f"  after: {with_full.height - linked.height} unlinked, {linked.height} linked ({share:.3f}; needs >= 0.5)")
    # The same share where the full form is attested: a person name of three rows or more, as
    # the dump step asks of a name before a bare one may link to it (a full form seen once or
    # twice is mostly a tagger's slip: "Thank God", "Uncle Sam", "Veles Moscow").
    attested = full.group_by("key").agg(pl.len().alias("n")).filter(pl.col("n") >= 3)
    attested_surnames = set(attested["key"].str.split(" ").list.last().to_list())
    with_attested = with_full.filter(pl.col("key").is_in(list(attested_surnames)))
    linked_attested = with_attested.filter(pl.col("link") != "same_name")
    share_attested = linked_attested.height / with_attested.height if with_attested.height else 0.0
    print(f"  of them with an attested full form (a person name in >= 3 rows): {with_attested.height}, "
          f"linked {linked_attested.height} ({share_attested:.3f})")
    by_key = rows.group_by("key").agg(pl.col("type").n_unique().alias("types"))
    print(f"names typed differently in different articles, before: {by_key.filter(pl.col('types') > 1).height} of {by_key.height}")
    per_entry = rows.join(catalog.select("canonical_id", pl.col("type").alias("resolved")), on="canonical_id")
    after = per_entry.group_by("key").agg(pl.col("resolved").n_unique().alias("types"))
    print(f"  after (resolved type of each row's entry): {after.filter(pl.col('types') > 1).height} of {after.height}")
    n = opt("--sample", 0)
    if n:
        print_sample(out, catalog, n, opt("--seed", 7))


def print_sample(out, catalog, n, seed):
    """N random surname links, each with its first mention in context, for reading by hand."""
    corpus = sys.argv[sys.argv.index("--corpus") + 1] if "--corpus" in sys.argv else "../shared/corpora/guardian_capi.jsonl"
    texts = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            texts[rec["id"]] = rec.get("text") or ""
    links = pl.read_parquet(f"{out}/entity_links.parquet").filter(pl.col("link") == "surname")
    names = catalog.select("canonical_id", pl.col("name").alias("linked_to"))
    mentions = pl.read_parquet(f"{out}/entity_mentions.parquet", columns=["article_id", "entity_id", "start", "end"])
    sample = links.join(names, on="canonical_id").sample(n=min(n, links.height), seed=seed)
    for i, r in enumerate(sample.iter_rows(named=True), 1):
        m = mentions.filter((pl.col("article_id") == r["article_id"]) & (pl.col("entity_id") == r["entity_id"])).sort("start")
        text = texts.get(r["article_id"], "")
        start, end = (m["start"][0], m["end"][0]) if m.height else (0, 0)
        print(f"{i}. {text[start:end]!r} -> {r['linked_to']!r} | {r['article_id']}")
        print(f"   ...{text[max(0, start - 150):end + 80]!r}")

if __name__ == "__main__":
    main()
