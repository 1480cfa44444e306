#!/usr/bin/env python3
"""The modern quotes gold set: pick, anchor, join and check (no article text is ever committed).

usage:
  quotes_modern.py select                      print the seeded sample: id, corpus, split
  quotes_modern.py export DIR [--batches N]    write the sampled articles, with text, to DIR/batchK.jsonl
  quotes_modern.py anchor [--dry-run] DRAFT.jsonl [...]
                                               turn string drafts into offsets; merge into the gold file
                                               (--dry-run: only report problems and counts;
                                               --show: print each anchored row with its context)
  quotes_modern.py join OUT.jsonl [--split S]  write the gold set with its text (scorer input, newsframe input)
  quotes_modern.py check                       join in memory and verify every span
  quotes_modern.py redraft BATCH.jsonl OUT.jsonl
                                               write the gold of BATCH's articles back as a draft (to
                                               review it); anchoring that draft gives the same offsets

The sample: SEED-ed random draws of GUARDIAN_N articles of `../shared/corpora/guardian_capi.jsonl`
(2022) whose text has between MIN_CHARS and MAX_CHARS characters (stubs and live blogs are left
out), and AEB_N bodies of `../shared/eval/aeb_dev/ground-truth.json` (2019, ~90 outlets) with
at least MIN_CHARS. Within each corpus, the sample is split 50/50 into train and test by article.

The committed file `data/eval/quotes_modern.jsonl` holds, per article, its id, corpus, split and
the annotations as offsets (code points) with the speaker's canonical name and kind, plus a
`check`: the first 12 hex digits of sha1 over the annotated strings. `join` slices the shared
text at the offsets and fails if a check differs, so a changed corpus is caught, not scored.

A draft (what an annotator writes) has one article a line:
  {"id": ..., "quotes": [{"type": "direct|mixed|indirect",
     "content": ["exact fragment", ...],       # in order; direct fragments with their quote marks
     "speaker": "exact mention" | null, "cue": "exact cue" | null,
     "speaker_name": "Liz Truss" | null, "speaker_kind": "person|organization|media|anonymous|author|unknown",
     "occurrence": 0,                            # optional: which match of the first fragment (0-based)
     "speaker_near": "Sayed remembers",          # optional: a longer string around the speaker (or "cue_near")
     "far": true}]}                              # optional: the speaker is over 600 characters away
`anchor` finds the first fragment (its `occurrence`-th match), the others after it, and the
speaker and cue at their whole-word match nearest to the content, outside it (inside the nearest
match of `speaker_near` / `cue_near` when given). Unanchorable rows are
reported with the article id and the string, and the article is not merged.

See data/eval/quotes_GUIDELINES.md for what is annotated and how.
"""
import hashlib
import json
import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.path.join(ROOT, "..", "shared")
GOLD = os.path.join(ROOT, "data", "eval", "quotes_modern.jsonl")
GUARDIAN = os.path.join(SHARED, "corpora", "guardian_capi.jsonl")
AEB = os.path.join(SHARED, "eval", "aeb_dev", "ground-truth.json")

SEED = 16
GUARDIAN_N = 42
AEB_N = 42
MIN_CHARS = 1000
MAX_CHARS = 10000
KINDS = {"person", "organization", "media", "anonymous", "author", "unknown"}
TYPES = {"direct", "mixed", "indirect"}


def load_corpora():
    """id -> article dict with id, corpus, text, title, author, published, url."""
    arts = {}
    with open(GUARDIAN, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            meta = r.get("meta") or {}
            arts[r["id"]] = {
                "id": r["id"], "corpus": "guardian", "text": r["text"], "title": r.get("title"),
                "author": meta.get("byline"), "published": r.get("published"), "url": r.get("url"),
                "source": r.get("source"),
            }
    with open(AEB, encoding="utf-8") as fh:
        for key, v in json.load(fh).items():
            arts[f"aeb-{key}"] = {"id": f"aeb-{key}", "corpus": "aeb", "text": v["articleBody"], "url": v.get("url")}
    return arts


def sample(arts):
    """[(id, corpus, split)] in a fixed order: the seeded draw, then a seeded 50/50 split."""
    rng = random.Random(SEED)
    out = []
    for corpus, n, hi in (("guardian", GUARDIAN_N, MAX_CHARS), ("aeb", AEB_N, 10**9)):
        pool = sorted(a for a, v in arts.items() if v["corpus"] == corpus and MIN_CHARS <= len(v["text"]) <= hi)
        picked = rng.sample(pool, n)
        test = set(rng.sample(picked, n // 2))
        out += [(a, corpus, "test" if a in test else "train") for a in picked]
    return out


def check_hash(text, q):
    parts = [text[s:e] for s, e in q["spans"]]
    for key in ("speaker_spans", "cue_spans"):
        parts.append("|".join(text[s:e] for s, e in (q.get(key) or [])))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def find_all(text, needle):
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def at_word_edges(text, i, j):
    """Whether text[i:j] neither starts nor ends inside a word ("he" is not in "the")."""
    inner = lambda k: 0 < k < len(text) and text[k - 1].isalnum() and text[k].isalnum()
    return not inner(i) and not inner(j)


def nearest(text, needle, spans, near=None):
    """The whole-word match of needle nearest to the content that overlaps none of its
    fragments; with `near` (a longer string holding needle), the match inside the nearest
    match of `near`."""
    lo, hi = spans[0][0], spans[-1][1]
    best = None
    outer = near or needle
    for i in find_all(text, outer):
        j = i + len(outer)
        if near:
            inner = near.find(needle)
            if inner < 0:
                return None
            i, j = i + inner, i + inner + len(needle)
        if any(j > s and i < e for s, e in spans) or not at_word_edges(text, i, j):
            continue
        d = lo - j if j <= lo else (i - hi if i >= hi else 0)
        if best is None or d < best[0]:
            best = (d, i, j)
    return best


def anchor_quote(text, q):
    if q.get("type") not in TYPES:
        raise ValueError(f"type {q.get('type')!r} is not one of {sorted(TYPES)}")
    if q.get("speaker_kind") not in KINDS:
        raise ValueError(f"speaker_kind {q.get('speaker_kind')!r} is not one of {sorted(KINDS)}")
    frags = q.get("content") or []
    if isinstance(frags, str):
        frags = [frags]
    if not frags or not all(frags):
        raise ValueError("no content")
    spans, pos = [], None
    for k, frag in enumerate(frags):
        if k == 0:
            hits = find_all(text, frag)
            occ = q.get("occurrence", 0)
            if len(hits) <= occ:
                raise ValueError(f"content {frag[:60]!r} found {len(hits)} times, occurrence {occ} asked")
            i = hits[occ]
        else:
            i = text.find(frag, pos)
            if i < 0:
                raise ValueError(f"fragment {frag[:60]!r} not found after the one before")
        spans.append([i, i + len(frag)])
        pos = i + len(frag)
    row = {"type": q["type"], "spans": spans}
    for key in ("speaker", "cue"):
        s = q.get(key)
        if s:
            at = nearest(text, s, spans, q.get(f"{key}_near"))
            if at is None:
                raise ValueError(f"{key} {s!r} not found outside the content")
            if at[0] > 600 and not q.get("far"):
                raise ValueError(f"{key} {s!r} is {at[0]} characters from its content (set \"far\": true if meant)")
            row[f"{key}_spans"] = [[at[1], at[2]]]
        else:
            row[f"{key}_spans"] = None
    row["speaker_name"] = q.get("speaker_name") or None
    row["speaker_kind"] = q["speaker_kind"]
    row["check"] = check_hash(text, row)
    return row


def read_gold(path=GOLD):
    """A gold file's articles by id ({} when it does not exist yet)."""
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        return {r["id"]: r for r in map(json.loads, filter(str.strip, fh))}


def write_gold(gold, order, path=GOLD):
    """Writes a gold file's articles in the sample's order."""
    rank = {a: i for i, (a, _, _) in enumerate(order)}
    with open(path, "w", encoding="utf-8") as fh:
        for r in sorted(gold.values(), key=lambda r: rank.get(r["id"], 10**6)):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def read_drafts(paths, meta):
    """([(where, id, draft)], problems): every draft line of articles in the sample, in order;
    a line for an article outside it is reported and counted."""
    out, bad = [], 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                d = json.loads(line)
                if d["id"] not in meta:
                    print(f"{path}:{n}: {d['id']} is not in the sample", file=sys.stderr)
                    bad += 1
                    continue
                out.append((f"{path}:{n}", d["id"], d))
    return out, bad


def export(out, n, arts, order):
    """Writes the sampled articles, with text, round-robin into out/batch0..n-1.jsonl."""
    os.makedirs(out, exist_ok=True)
    files = [open(os.path.join(out, f"batch{b}.jsonl"), "w", encoding="utf-8") for b in range(n)]
    try:
        for i, (a, _, _) in enumerate(order):
            files[i % n].write(json.dumps(arts[a], ensure_ascii=False) + "\n")
    finally:
        for fh in files:
            fh.close()


def show(text, aid, row):
    def ctx(sp):
        if not sp:
            return "-"
        s, e = sp[0]
        return f"{text[max(0, s - 25):s]}[{text[s:e]}]{text[e:e + 25]}".replace("\n", " / ")
    head = text[row["spans"][0][0]:row["spans"][0][1]][:50].replace("\n", " / ")
    print(f"{aid[:40]} {row['spans'][0][0]:>6} {row['type']:<8} {head!r}\n    speaker {ctx(row['speaker_spans'])}"
          f"\n    cue     {ctx(row['cue_spans'])}\n    -> {row['speaker_name']} ({row['speaker_kind']})")


def cmd_anchor(paths, dry_run=False, verbose=False):
    arts = load_corpora()
    order = sample(arts)
    meta = {a: (c, s) for a, c, s in order}
    gold = {} if dry_run else read_gold()
    found, bad = read_drafts(paths, meta)
    for where, aid, d in found:
        text = arts[aid]["text"]
        rows, errs = [], []
        for k, q in enumerate(d.get("quotes", [])):
            try:
                rows.append(anchor_quote(text, q))
            except ValueError as e:
                errs.append(f"{where}: {aid} quote {k}: {e}")
        if errs:
            bad += len(errs)
            print("\n".join(errs), file=sys.stderr)
            continue
        rows.sort(key=lambda r: r["spans"][0][0])
        if verbose:
            for r in rows:
                show(text, aid, r)
        corpus, split = meta[aid]
        gold[aid] = {"id": aid, "corpus": corpus, "split": split, "quotes": rows}
    if dry_run:
        print(f"dry run: {sum(len(g['quotes']) for g in gold.values())} attributions anchored; {bad} problems", file=sys.stderr)
        return 1 if bad else 0
    write_gold(gold, order)
    print(f"{len(gold)} articles in {os.path.relpath(GOLD)}; {bad} problems", file=sys.stderr)
    return 1 if bad else 0


def gold_with_text(path=GOLD, split=None):
    """(gold row, shared article) for each article of a gold file (of one split); stops with
    an error naming the file and article when ../shared lacks one."""
    arts = load_corpora()
    for aid, g in read_gold(path).items():
        if split and g["split"] != split:
            continue
        a = arts.get(aid)
        if a is None:
            raise SystemExit(f"{path}: article {aid} is not in ../shared")
        yield g, a


def joined(split=None):
    """Yield gold articles with text, in the scorer's (PolNeAR's) layout; raise on a bad span."""
    for g, a in gold_with_text(GOLD, split):
        aid, text = g["id"], a["text"]
        quotes = []
        for k, q in enumerate(g["quotes"]):
            if check_hash(text, q) != q["check"]:
                raise SystemExit(f"{GOLD}: {aid} quote {k}: spans no longer slice to the annotated strings")
            out = {"start": q["spans"][0][0], "end": q["spans"][-1][1], "spans": q["spans"], "type": q["type"],
                   "text": " ".join(text[s:e] for s, e in q["spans"]),
                   "speaker_name": q["speaker_name"], "speaker_kind": q["speaker_kind"]}
            for key in ("speaker", "cue"):
                sp = q.get(f"{key}_spans")
                out[key] = text[sp[0][0]:sp[0][1]] if sp else None
                out[f"{key}_start"], out[f"{key}_end"] = (sp[0][0], sp[-1][1]) if sp else (None, None)
                out[f"{key}_spans"] = sp
            quotes.append(out)
        row = {k: v for k, v in a.items() if v is not None}
        row.update({"split": g["split"], "quotes": quotes})
        yield row


def unique_from(text, s, e):
    """The shortest text[s:e+k] that occurs once in text, so that `nearest` finds (s, e)."""
    k = 0
    while e + k < len(text) and len(find_all(text, text[s:e + k])) > 1:
        k += 1
    return text[s:e + k]


def redraft_quote(text, q):
    frags = [text[s:e] for s, e in q["spans"]]
    hits = find_all(text, frags[0])
    d = {"type": q["type"], "content": frags, "occurrence": hits.index(q["spans"][0][0])}
    for key in ("speaker", "cue"):
        sp = q.get(f"{key}_spans")
        d[key] = text[sp[0][0]:sp[0][1]] if sp else None
        if sp:
            near = unique_from(text, sp[0][0], sp[0][1])
            if near != d[key]:
                d[f"{key}_near"] = near
            lo, hi = q["spans"][0][0], q["spans"][-1][1]
            if max(lo - sp[0][1], sp[0][0] - hi) > 600:
                d["far"] = True
    d["speaker_name"], d["speaker_kind"] = q["speaker_name"], q["speaker_kind"]
    return d


def cmd_redraft(batch, out):
    arts, gold = load_corpora(), read_gold()
    with open(batch, encoding="utf-8") as fh:
        ids = [json.loads(line)["id"] for line in fh if line.strip()]
    with open(out, "w", encoding="utf-8") as fh:
        for aid in ids:
            if aid not in gold:
                continue
            text = arts[aid]["text"]
            quotes = [redraft_quote(text, q) for q in gold[aid]["quotes"]]
            for q, g in zip(quotes, gold[aid]["quotes"]):
                again = anchor_quote(text, q)
                if again != g:
                    raise SystemExit(f"{aid}: redraft does not anchor back to the same offsets: {q}")
            fh.write(json.dumps({"id": aid, "quotes": quotes}, ensure_ascii=False) + "\n")


def gold_cli(argv, doc, sample_of, anchor, joined_rows, key, noun, extra=None):
    """The commands every gold-set script has (select, export, anchor, join, check), run on its
    own sample, anchoring and join; `key` is the gold rows' list field, `noun` its name in
    `check`'s line; `extra` maps further command names to functions of the remaining args."""
    if not argv:
        sys.exit(doc)
    cmd, rest = argv[0], argv[1:]
    if cmd == "select":
        for a, c, s in sample_of(load_corpora()):
            print(a, c, s, sep="\t")
    elif cmd == "export":
        n = int(rest[rest.index("--batches") + 1]) if "--batches" in rest else 1
        arts = load_corpora()
        export(rest[0], n, arts, sample_of(arts))
    elif cmd == "anchor":
        return anchor([p for p in rest if not p.startswith("--")], "--dry-run" in rest, "--show" in rest)
    elif cmd == "join":
        split = rest[rest.index("--split") + 1] if "--split" in rest else None
        with open(rest[0], "w", encoding="utf-8") as fh:
            for row in joined_rows(split):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif cmd == "check":
        rows = list(joined_rows())
        print(f"{len(rows)} articles, {sum(len(r[key]) for r in rows)} {noun}: every span checks")
    elif extra and cmd in extra:
        extra[cmd](*rest)
    else:
        sys.exit(doc)
    return 0


def main(argv):
    return gold_cli(argv, __doc__, sample, cmd_anchor, joined, "quotes", "attributions", {"redraft": cmd_redraft})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
