#!/usr/bin/env python3
"""The three questions of the sources issue, asked of a newsframe output folder:
who gets to speak, how often reporters rely on anonymous sources, and which wire agencies the
copy comes from. Also prints random `sources` rows (with the sentence they came from) for reading
by hand.

usage: target/venv-eval/bin/python scripts/source_report.py OUT_DIR [--sample 30] [--seed 7]
       (needs polars: `scripts/venv.sh eval` builds that venv)

    target/release/newsframe extract ../shared/corpora/reuters21578.jsonl \\
        ../shared/corpora/guardian_capi.jsonl --out /tmp/src --overwrite
    scripts/venv.sh eval && target/venv-eval/bin/python scripts/source_report.py /tmp/src
"""
import argparse
import glob
import os

import polars as pl


def table(out, name):
    single = os.path.join(out, f"{name}.parquet")
    if os.path.exists(single):
        return pl.read_parquet(single)
    return pl.read_parquet(glob.glob(os.path.join(out, name, "**", "*.parquet"), recursive=True))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    articles, quotes, sources = (table(args.out, t) for t in ("articles", "quotes", "sources"))
    pl.Config.set_tbl_rows(40)
    pl.Config.set_fmt_str_lengths(60)
    pl.Config.set_tbl_width_chars(160)

    print(f"{articles.height} articles, {quotes.height} quotes, {sources.height} sources\n")
    attributed = quotes.filter(pl.col("speaker_kind") != "unknown")
    anonymous = quotes.filter(pl.col("speaker_kind") == "anonymous").height
    print(f"quotes with an anonymous source: {anonymous} of {quotes.height} "
          f"({anonymous / max(quotes.height, 1):.1%}); of quotes with a known speaker: "
          f"{anonymous / max(attributed.height, 1):.1%}")
    share = (articles.join(sources.filter(pl.col("kind") == "anonymous").select("article_id").unique(),
                           on="article_id", how="semi").height / max(articles.height, 1))
    print(f"articles relying on at least one anonymous source: {share:.1%}\n")

    print("quotes by speaker kind")
    print(quotes.group_by("speaker_kind").len().sort("len", descending=True), "\n")

    print("top 10 wire agencies (articles credited)")
    print(articles.filter(pl.col("wire_agency").is_not_null()).group_by("wire_agency").len()
          .sort("len", descending=True).head(10), "\n")

    print("top 10 person sources (articles quoting them), with gender")
    people = sources.filter(pl.col("kind") == "person")
    print(people.group_by("name").agg(
        pl.len().alias("articles"),
        (pl.col("n_direct") + pl.col("n_indirect")).sum().alias("quotes"),
        pl.col("gender").mode().first().alias("gender"),
        pl.col("gender_evidence").mode().first().alias("evidence"),
    ).sort("articles", descending=True).head(10), "\n")

    print("person sources by gender (rows, and quotes they gave)")
    print(people.group_by("gender").agg(pl.len().alias("sources"),
                                        (pl.col("n_direct") + pl.col("n_indirect")).sum().alias("quotes"))
          .sort("sources", descending=True), "\n")

    print("sources by kind")
    print(sources.group_by("kind").len().sort("len", descending=True), "\n")

    if args.sample:
        print(f"{args.sample} random sources rows (seed {args.seed}), with their first quote's speaker text")
        first = quotes.select("article_id", "speaker", "speaker_name", "text").rename({"text": "quote"})
        sample = sources.sample(n=min(args.sample, sources.height), seed=args.seed)
        sample = sample.join(first, left_on=["article_id", "name"], right_on=["article_id", "speaker_name"],
                             how="left").unique(subset=["source_id"], keep="first", maintain_order=True)
        for i, r in enumerate(sample.iter_rows(named=True), 1):
            print(f"{i:2}. [{r['kind']}] {r['name']!r} title={r['title']!r} affiliation={r['affiliation']!r} "
                  f"gender={r['gender']}/{r['gender_evidence']} n={r['n_direct']}+{r['n_indirect']}\n"
                  f"    as written: {r['speaker']!r}; quote: {(r['quote'] or '')[:110]!r}")


if __name__ == "__main__":
    main()
