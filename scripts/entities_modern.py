#!/usr/bin/env python3
"""The modern entities gold set: pick, anchor, join and check (no article text is ever committed).

usage:
  entities_modern.py select                      print the seeded sample: id, corpus, split
  entities_modern.py export DIR [--batches N]    write the sampled articles, with text, to DIR/batchK.jsonl
  entities_modern.py anchor [--dry-run] [--show] DRAFT.jsonl [...]
                                                 turn string drafts into offsets; merge into the gold file
  entities_modern.py join OUT.jsonl [--split S]  write the gold set with its text (the input of
                                                 newsframe and of ../shared/eval/score_entities.py)
  entities_modern.py check                       join in memory and verify every span

The sample: SAMPLE_N articles of the modern quotes sample (`scripts/quotes_modern.py select`),
drawn with SEED so that each (corpus, split) cell gives the same number; each article keeps the
split it has there, so no test article of one set is a train article of the other.

The committed file `data/eval/entities_modern.jsonl` holds, per article, its id, corpus, split,
the entities as code-point offsets with a CoNLL type (PER, ORG, LOC, MISC), and a `check`: the
first 12 hex digits of sha1 over the annotated strings. `join` slices the shared text and fails if
the check differs.

A draft (what an annotator writes) has one article a line:
  {"id": ..., "entities": [{"text": "Liz Truss", "type": "PER"},
                           {"text": "Washington", "type": "LOC", "only": [0, 2]},
                           {"text": "Labour", "type": "ORG", "except": [3]}]}
`anchor` marks every whole-word, case-sensitive match of each string with its type, longest strings
first, skipping a match that overlaps a longer one already marked. `only` keeps just those matches
(0-based, counted over all whole-word matches in the text), `except` drops them. A string that is
never found, an index out of range, or one string given two types without `only`/`except` to
separate them is a problem: it is reported with the article id and the article is not merged.

See data/eval/entities_GUIDELINES.md for what is annotated and how.
"""
import hashlib
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quotes_modern as qm  # noqa: E402

GOLD = os.path.join(qm.ROOT, "data", "eval", "entities_modern.jsonl")
SEED = 17
PER_CELL = 10
TYPES = ("PER", "ORG", "LOC", "MISC")


def sample(arts):
    """[(id, corpus, split)]: PER_CELL seeded picks from each (corpus, split) of the quotes sample."""
    rng = random.Random(SEED)
    base = qm.sample(arts)
    out = []
    for corpus in ("guardian", "aeb"):
        for split in ("train", "test"):
            pool = [a for a, c, s in base if c == corpus and s == split]
            out += [(a, corpus, split) for a in sorted(rng.sample(pool, PER_CELL))]
    return out


def check_hash(text, ents):
    joined = "\x1f".join(f"{text[e['start']:e['end']]}\x1e{e['type']}" for e in ents)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:12]


def whole_word_matches(text, needle):
    return [i for i in qm.find_all(text, needle) if qm.at_word_edges(text, i, i + len(needle))]


def anchor_article(text, draft):
    """The draft's entities as sorted [{start, end, type}]; raises ValueError on a problem."""
    seen = {}
    for d in draft:
        if d.get("type") not in TYPES:
            raise ValueError(f"{d.get('text')!r}: type {d.get('type')!r} is not one of {TYPES}")
        if not d.get("text"):
            raise ValueError("an entity with no text")
        seen.setdefault(d["text"], []).append(d)
    for s, ds in seen.items():
        if len(ds) > 1 and any(not (x.get("only") or x.get("except")) for x in ds):
            raise ValueError(f"{s!r} is listed {len(ds)} times: separate them with only/except")
    placed = []
    for d in sorted(draft, key=lambda d: -len(d["text"])):
        hits = whole_word_matches(text, d["text"])
        if not hits:
            raise ValueError(f"{d['text']!r} is not in the text as a whole word")
        keep = range(len(hits))
        if d.get("only") is not None:
            keep = d["only"]
        for k in list(keep) + list(d.get("except") or []):
            if not 0 <= k < len(hits):
                raise ValueError(f"{d['text']!r}: match {k} asked, {len(hits)} found")
        drop = set(d.get("except") or [])
        for k in keep:
            if k in drop:
                continue
            i, j = hits[k], hits[k] + len(d["text"])
            if any(j > s and i < e for s, e, _ in placed):
                continue
            placed.append((i, j, d["type"]))
    return [{"start": s, "end": e, "type": t} for s, e, t in sorted(placed)]


def show(text, aid, ents):
    for e in ents:
        s, t = e["start"], e["end"]
        ctx = f"{text[max(0, s - 30):s]}[{text[s:t]}]{text[t:t + 30]}".replace("\n", " / ")
        print(f"{aid[:40]} {s:>6} {e['type']:<4} {ctx}")


def cmd_anchor(paths, dry_run=False, verbose=False):
    arts = qm.load_corpora()
    order = sample(arts)
    meta = {a: (c, s) for a, c, s in order}
    gold = {} if dry_run else qm.read_gold(GOLD)
    found, bad = qm.read_drafts(paths, meta)
    for where, aid, d in found:
        text = arts[aid]["text"]
        try:
            ents = anchor_article(text, d.get("entities") or [])
        except ValueError as e:
            print(f"{where}: {aid}: {e}", file=sys.stderr)
            bad += 1
            continue
        if verbose:
            show(text, aid, ents)
        corpus, split = meta[aid]
        gold[aid] = {"id": aid, "corpus": corpus, "split": split, "entities": ents,
                     "check": check_hash(text, ents)}
    n_ents = sum(len(g["entities"]) for g in gold.values())
    if dry_run:
        print(f"dry run: {n_ents} entities anchored; {bad} problems", file=sys.stderr)
        return 1 if bad else 0
    qm.write_gold(gold, order, GOLD)
    print(f"{len(gold)} articles, {n_ents} entities in {os.path.relpath(GOLD)}; {bad} problems", file=sys.stderr)
    return 1 if bad else 0


def joined(split=None):
    """Gold articles with text, in score_entities.py's layout; raise on a changed text."""
    for g, a in qm.gold_with_text(GOLD, split):
        aid, text = g["id"], a["text"]
        if check_hash(text, g["entities"]) != g["check"]:
            raise SystemExit(f"{GOLD}: {aid}: spans no longer slice to the annotated strings")
        ents = [dict(e, text=text[e["start"]:e["end"]]) for e in g["entities"]]
        row = {k: v for k, v in a.items() if v is not None}
        row.update({"split": g["split"], "entities": ents})
        yield row


def main(argv):
    return qm.gold_cli(argv, __doc__, sample, cmd_anchor, joined, "entities", "entities")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
