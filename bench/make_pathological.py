#!/usr/bin/env python3
"""Builds hostile single records for bench/pathological.sh, each at two sizes.

    python3 bench/make_pathological.py --out /tmp/newsframe-patho [--sizes 400000,4000000]

Every case is one file holding one record (JSONL unless the shape is HTML or WARC), named
CASE-SIZE.EXT. The text is made from word lists below (our own words, seeded, so every run
builds the same bytes). The shapes are the ones issue 15 names plus others of the same
classes (long sentences, long runs of names, unbalanced marks, long chains, deep or wide
markup, lying framing, many tiny units), so that a fix for one example is not mistaken for a
fix of its class. With --baseline CORPUS, also writes 4 MB of ordinary news from the corpus,
as one record (news-one) and as its articles (news-split); this text stays in the output
folder, never in the repo.
"""
import argparse
import json
import os
import random

NAMES = ["Berg", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad",
         "Kowalski", "Reyes", "Chen", "Adeyemi", "Fischer", "Ivanova", "Murphy", "Osei"]
FIRST = ["Anna", "Tomas", "Grace", "Yusuf", "Mei", "Pedro", "Ingrid", "Kofi", "Lena", "Ravi"]
CUES = ["said", "told reporters", "added", "claimed", "insisted", "warned", "noted",
        "argued", "stated", "explained", "suggested", "announced"]
GLUE = ["that", "and", "while", "but", "as", "because", "although", "so", "then"]
WORDS = ["the", "minister", "officials", "council", "plan", "budget", "river", "school",
         "report", "talks", "market", "village", "harbour", "election", "storm", "bridge"]
MARKS = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "'", "\u201e", "\u2039", "\u203a"]


def words_until(size, make):
    """Joins make(rng) pieces until the text reaches size bytes (UTF-8)."""
    rng = random.Random(size)
    parts, n = [], 0
    while n < size:
        piece = make(rng)
        parts.append(piece)
        n += len(piece.encode("utf-8"))
    return "".join(parts)


def runon(rng):
    return (f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(CUES)} the {rng.choice(WORDS)} "
            f"{rng.choice(CUES)} {rng.choice(GLUE)} according to {rng.choice(FIRST)} {rng.choice(NAMES)} "
            f"{rng.choice(GLUE)} ")


def capwall(rng):
    return f"{rng.choice(FIRST)} {rng.choice(NAMES)} {rng.choice(NAMES).upper()} {rng.choice(WORDS).title()} "


def marks(rng):
    return (f"{rng.choice(MARKS)}{rng.choice(WORDS)} {rng.choice(MARKS)} {rng.choice(CUES)} "
            f"{rng.choice(NAMES)}{rng.choice(MARKS)} {rng.choice(WORDS)}{rng.choice(MARKS)} ")


def credits(rng):
    return (f"{rng.choice(CUES)} {rng.choice(NAMES)}, according to {rng.choice(WORDS)}, "
            f"{rng.choice(['he', 'she', 'they'])} {rng.choice(CUES)}, ")


# Shapes of the same classes, not named in the issue.
def said_sentences(rng):
    # Many short attributed sentences: every speaker lookup runs once per sentence.
    return f"{rng.choice(['He', 'She', 'It', 'They'])} {rng.choice(CUES)} the {rng.choice(WORDS)} was fine. "


def distinct_names(rng):
    # Thousands of different people, each named once in a full sentence.
    name = f"{rng.choice(FIRST)} {''.join(rng.choice('bcdfglmnprstv') + rng.choice('aeiou') for _ in range(3)).title()}"
    return f"{name} {rng.choice(CUES)} the {rng.choice(WORDS)} would open. "


def colons(rng):
    # Interview-style lines ("Name: words") with no full stops.
    return f"{rng.choice(NAMES)}: {rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(CUES)}\n"


def dashes_parens(rng):
    return f"({rng.choice(NAMES)} \u2014 {rng.choice(CUES)} [{rng.choice(WORDS)} - "


def longword(rng):
    return "".join(rng.choice("abcdefghij") for _ in range(200))


def nested_marks(rng):
    # Quotes opened inside quotes, never closed, with attributions between them.
    return f"\u201c{rng.choice(NAMES)} {rng.choice(CUES)} \u2018{rng.choice(WORDS)} "


def open_paragraphs(rng):
    # Every paragraph opens a quotation that never closes: news style for a quote running on.
    return f"\u201c{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(CUES)} {rng.choice(NAMES)} {rng.choice(WORDS)}\n\n"


def it_said(rng):
    # Organizations only, and pronouns that look back for a person among them.
    return f"The {rng.choice(NAMES)} Council {rng.choice(CUES)} the {rng.choice(WORDS)} closed. He said it would reopen. "


def jsonl(path, text, **extra):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": os.path.basename(path), "text": text, **extra}, ensure_ascii=False) + "\n")


def html_deep(size):
    depth = 10_000 if size >= 4_000_000 else 1_000
    para = words_until(size // depth, runon)
    body = "".join(f"<div><p>{para}</p>" for _ in range(depth)) + "</div>" * depth
    return f"<!doctype html><html><head><title>Deep</title></head><body><article>{body}</article></body></html>"


def html_table(size):
    rng = random.Random(size)
    rows, n = [], 0
    while n < size:
        row = "<tr>" + "".join(f"<td>{rng.choice(FIRST)} {rng.choice(NAMES)} {rng.choice(CUES)}</td>" for _ in range(8)) + "</tr>"
        rows.append(row)
        n += len(row)
    return f"<!doctype html><html><head><title>Table</title></head><body><article><table>{''.join(rows)}</table></article></body></html>"


def html_attrs(size):
    # One element with a huge number of attributes, and unclosed tags after it.
    rng = random.Random(size)
    attrs = " ".join(f"data-{i}=\"{rng.choice(WORDS)}\"" for i in range(size // 20))
    return f"<!doctype html><html><body><p {attrs}>{words_until(1000, runon)}" + "<b><i>" * 1000


def html_unclosed(size):
    # Elements the pruner looks for the end of, and comments, never closed; then the text.
    rng = random.Random(size)
    junk = "".join(f"<nav><div>{rng.choice(WORDS)} <!-- {rng.choice(NAMES)} <template>" for _ in range(size // 60))
    return f"<html><body>{junk}<article><p>{words_until(2000, runon)}</p></article></body></html>"


def warc_record(uri, payload, declared=None):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    length = len(http) if declared is None else declared
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)) % 10**12:012d}>\r\nWARC-Date: 2022-05-01T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


def warc_lie(size):
    page = f"<html><body><article><p>{words_until(size // 4, said_sentences)}</p></article></body></html>".encode()
    return (warc_record("https://example.org/a", page)
            # Declares less than it holds: the rest of its payload is not a WARC header.
            + warc_record("https://example.org/b", page, declared=len(page) // 3)
            # Declares more than the file holds (and more than any record may be).
            + warc_record("https://example.org/c", page)
            + warc_record("https://example.org/d", page, declared=10**12)[: len(page) // 2])


def paragraphs(size):
    n = 100_000 if size >= 4_000_000 else 10_000
    rng = random.Random(n)
    return "\n\n".join(f"{rng.choice(WORDS).title()} {rng.choice(CUES)}." for _ in range(n))


TEXT_SHAPES = {
    "runon": runon, "capwall": capwall, "marks": marks, "credits": credits,
    "said-sentences": said_sentences, "distinct-names": distinct_names, "colons": colons,
    "dashes-parens": dashes_parens, "longword": longword, "nested-marks": nested_marks,
    "open-paragraphs": open_paragraphs, "it-said": it_said,
}


def build(out, sizes):
    os.makedirs(out, exist_ok=True)
    for size in sizes:
        tag = f"{size // 1000}k"
        for name, make in TEXT_SHAPES.items():
            jsonl(f"{out}/{name}-{tag}.jsonl", words_until(size, make))
        jsonl(f"{out}/paragraphs-{tag}.jsonl", paragraphs(size))
        for name, make in {"html-deep": html_deep, "html-table": html_table, "html-attrs": html_attrs,
                           "html-unclosed": html_unclosed}.items():
            with open(f"{out}/{name}-{tag}.html", "w", encoding="utf-8") as f:
                f.write(make(size))
        with open(f"{out}/warc-lie-{tag}.warc", "wb") as f:
            f.write(warc_lie(size))


def baseline(out, corpus, size=4_000_000):
    texts, n = [], 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)["text"]
            texts.append(t)
            n += len(t.encode("utf-8"))
            if n >= size:
                break
    jsonl(f"{out}/news-one-4000k.jsonl", "\n\n".join(texts))
    with open(f"{out}/news-split-4000k.jsonl", "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"news-{i}", "text": t}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", default="400000,4000000")
    ap.add_argument("--baseline", help="a JSONL corpus of ordinary news")
    a = ap.parse_args()
    build(a.out, [int(s) for s in a.sizes.split(",")])
    if a.baseline:
        baseline(a.out, a.baseline)
