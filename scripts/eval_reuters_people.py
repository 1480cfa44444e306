#!/usr/bin/env python3
"""Does the dump step give one person one canonical_id across a dump? Measured with the
hand-assigned people tags of Reuters-21578 (meta.people, e.g. james-baker, howard-baker).

For every tag in at least 5 articles, its surname is the tag's last hyphenated part. In each of
the tag's articles, the PERSON rows of `entities` whose name holds that surname as a word are
mapped to catalog ids through `entity_links`. A (tag, article) case is consistent when all of
those ids are the tag's most common id, or the most common id of another tag of the article
with the same surname. Needs >= 99% consistent cases, and no two tags sharing their id.

usage: target/venv-eval/bin/python scripts/eval_reuters_people.py OUT [REUTERS_JSONL] [--show N]
       (OUT from: newsframe extract ../shared/corpora/reuters21578.jsonl --out OUT)
needs: polars (scripts/venv.sh eval builds that venv)
"""
import collections
import json
import re
import os
import sys

import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dump_tables import resolved  # noqa: E402


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    if show:
        args = [a for a in args if a != str(show)]
    if not args:
        raise SystemExit(__doc__)
    out = args[0]
    corpus = args[1] if len(args) > 1 else "../shared/corpora/reuters21578.jsonl"
    tags = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            people = (rec.get("meta") or {}).get("people") or []
            if people:
                tags[rec["id"]] = people
    by_tag = collections.defaultdict(list)
    for aid, people in tags.items():
        for p in people:
            by_tag[p].append(aid)
    frequent = {t: a for t, a in by_tag.items() if len(a) >= 5}

    ents = pl.read_parquet(f"{out}/entities.parquet", columns=["article_id", "entity_id", "name", "type"])
    links = pl.read_parquet(f"{out}/entity_links.parquet")
    rows = resolved(ents.filter(pl.col("type") == "PERSON"), links)
    names_by_article = collections.defaultdict(list)
    for aid, name, cid in rows.select("article_id", "name", "canonical_id").iter_rows():
        names_by_article[aid].append((name, cid))

    def ids_for(aid, surname):
        word = re.compile(r"\b" + re.escape(surname) + r"\b", re.IGNORECASE)
        return [(n, c) for n, c in names_by_article.get(aid, []) if word.search(n)]

    modal = {}
    for tag, aids in frequent.items():
        surname = tag.split("-")[-1]
        counts = collections.Counter(c for aid in aids for _, c in ids_for(aid, surname))
        if counts:
            modal[tag] = counts.most_common(1)[0][0]
    cases = consistent = 0
    bad = []
    for tag, aids in sorted(frequent.items()):
        if tag not in modal:
            continue
        surname = tag.split("-")[-1]
        for aid in aids:
            found = ids_for(aid, surname)
            if not found:
                continue
            allowed = {modal[tag]} | {
                modal[t] for t in tags[aid] if t in modal and t.split("-")[-1] == surname
            }
            cases += 1
            if all(c in allowed for _, c in found):
                consistent += 1
            else:
                bad.append((tag, aid, [n for n, c in found if c not in allowed]))
    shared = collections.defaultdict(list)
    for tag, cid in modal.items():
        shared[cid].append(tag)
    collisions = {c: t for c, t in shared.items() if len(t) > 1}
    share = consistent / cases if cases else 0.0
    print(f"tags in >= 5 articles: {len(frequent)} ({len(modal)} with a PERSON row holding the surname)")
    print(f"(tag, article) cases: {cases}, consistent: {consistent} ({share:.4f}; needs >= 0.99)")
    print(f"tags sharing an id: {sum(len(t) for t in collisions.values())} {sorted(collisions.values())[:10]}")
    for tag, aid, names in bad[:show]:
        print(f"  {tag} {aid}: {names}")
    ok = share >= 0.99 and not collisions
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
