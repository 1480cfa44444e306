#!/usr/bin/env python3
"""Builds data/models/clusters.tsv, the word clusters the entity tagger reads as features.

usage: target/venv-clusters/bin/python scripts/build_clusters.py [--out data/models/clusters.tsv] [--threads N] [--window N]
       (needs gensim, scikit-learn, scipy and numpy, pinned in scripts/requirements-clusters.txt:
       `scripts/venv.sh clusters` builds that venv)

Unlabelled text only, all of it read from ../shared (nothing of it is written out):
  - ../shared/corpora/*.jsonl and format_samples/*.jsonl: the `text` of every article
    (BBC 2004-05, Reuters-21578 1987, the Guardian 2022, the dump-format samples);
  - ../shared/eval/polnear/{train,dev}.jsonl and conll2003/{train,dev}.jsonl: `text` only, the
    annotations are not read;
  - ../shared/eval/aeb_dev/ground-truth.json: the `articleBody` of each page.
The UNER set (a dev set we score on) and any test split are left out.

Steps: tokens are cut the way the tagger cuts them (words, punctuation apart, clitics "'s" "'re"
... apart, curly quotes straight); word2vec skip-gram vectors (gensim, fixed seed, one worker
thread unless --threads, so the run is repeatable) for every word seen MIN_COUNT times, case
kept; k-means on the unit vectors into LEAVES clusters; Ward linkage over the cluster centroids
makes a binary tree, and each word's cluster is its leaf's path from the root as a bit string
("0110..."), like a Brown cluster. The tagger uses prefixes of the path as features
(src/extract/ner/clusters.rs), so near clusters share short prefixes.

Output: one line a word, `word<TAB>bits`, sorted by word; a header comment names the inputs and
parameters.
"""
import glob
import json
import os
import re
import sys

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.path.join(ROOT, "..", "shared")
MIN_COUNT = 4
DIM = 100
WINDOW = 5
EPOCHS = 5
LEAVES = 1000
SEED = 17

TOKEN = re.compile(r"[^\W_]+(?:[-'’.&][^\W_]+)*|\S", re.UNICODE)
CLITIC = re.compile(r"^(.+?)(['’])(s|m|re|ve|ll|d)$", re.IGNORECASE)
STRAIGHT = {"’": "'", "‘": "'", "“": '"', "”": '"'}


def texts():
    paths = sorted(glob.glob(os.path.join(SHARED, "corpora", "*.jsonl")))
    paths += sorted(glob.glob(os.path.join(SHARED, "corpora", "format_samples", "*.jsonl")))
    for split in ("train", "dev"):
        paths.append(os.path.join(SHARED, "eval", "polnear", f"{split}.jsonl"))
        paths.append(os.path.join(SHARED, "eval", "conll2003", f"{split}.jsonl"))
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    t = r.get("text") or r.get("maintext") or ""
                    if t:
                        yield t
    with open(os.path.join(SHARED, "eval", "aeb_dev", "ground-truth.json"), encoding="utf-8") as fh:
        for v in json.load(fh).values():
            yield v.get("articleBody") or ""


def tokens(line):
    out = []
    for m in TOKEN.finditer(line):
        w = m.group(0)
        c = CLITIC.match(w)
        if c:
            out += [c.group(1), "'", c.group(3)]
        else:
            out.append(STRAIGHT.get(w, w))
    return out


def sentences():
    for t in texts():
        for line in t.split("\n"):
            toks = tokens(line)
            if toks:
                yield toks


def tree_paths(centroids):
    """Leaf index -> bit string of its path in the Ward tree over the centroids."""
    from scipy.cluster.hierarchy import linkage
    n = len(centroids)
    z = linkage(centroids, method="ward")
    children = {n + i: (int(a), int(b)) for i, (a, b, _, _) in enumerate(z)}
    paths, stack = {}, [(2 * n - 2, "")]
    while stack:
        node, path = stack.pop()
        if node < n:
            paths[node] = path or "0"
        else:
            a, b = children[node]
            stack += [(a, path + "0"), (b, path + "1")]
    return paths


def main(argv):
    # gensim seeds each word's initial vector from Python's string hash, which changes from run
    # to run unless PYTHONHASHSEED is fixed: pin it here so that the one command repeats.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__), *argv],
                  {**os.environ, "PYTHONHASHSEED": "0"})
    out = os.path.join(ROOT, "data", "models", "clusters.tsv")
    threads = 1
    if "--out" in argv:
        out = argv[argv.index("--out") + 1]
    if "--threads" in argv:
        threads = int(argv[argv.index("--threads") + 1])
    window = int(argv[argv.index("--window") + 1]) if "--window" in argv else WINDOW
    from gensim.models import Word2Vec
    from sklearn.cluster import KMeans

    sents = list(sentences())
    n_tokens = sum(map(len, sents))
    print(f"{len(sents)} lines, {n_tokens} tokens", file=sys.stderr)
    model = Word2Vec(sents, vector_size=DIM, window=window, min_count=MIN_COUNT, sg=1, negative=10,
                     epochs=EPOCHS, seed=SEED, workers=threads)
    words = model.wv.index_to_key
    vecs = model.wv.vectors / np.linalg.norm(model.wv.vectors, axis=1, keepdims=True)
    print(f"{len(words)} words with vectors; k-means into {LEAVES}", file=sys.stderr)
    km = KMeans(n_clusters=LEAVES, n_init=1, random_state=SEED, max_iter=100).fit(vecs)
    paths = tree_paths(km.cluster_centers_)
    depth = [len(p) for p in paths.values()]
    print(f"tree depth {min(depth)}..{max(depth)}, mean {sum(depth) / len(depth):.1f}", file=sys.stderr)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"# word2vec skip-gram dim={DIM} window={window} min_count={MIN_COUNT} epochs={EPOCHS} "
                 f"seed={SEED}; k-means {LEAVES} leaves; Ward tree paths. {n_tokens} tokens of ../shared "
                 f"corpora, PolNeAR and CoNLL-2003 train/dev text, AEB dev bodies. "
                 f"Rebuild: python3 scripts/build_clusters.py\n")
        for w, leaf in sorted(zip(words, km.labels_)):
            if "\t" not in w and "\n" not in w:
                fh.write(f"{w}\t{paths[int(leaf)]}\n")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
