"""Runs the release binary on a PolNeAR-style gold file and pairs its quote rows with the gold,
as the shared scorer does: shared by the scripts that learn from PolNeAR train
(calibrate_confidence.py, learn_cue_rows.py)."""
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
EVAL = os.path.join(ROOT, "..", "shared", "eval")
sys.path.insert(0, EVAL)
import score_quotes as sq  # noqa: E402
from tables import read_table  # noqa: E402

BIN = os.path.join(ROOT, "target", "release", "newsframe")


def matched_rows(gold_path, env):
    """For every gold article: (article, its quote rows, {id(row): the gold attribution it was
    assigned to at all@0.3, for rows of found golds}). `env` sets (or, with None, unsets)
    environment variables for the run."""
    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8")]
    run_env = dict(os.environ)
    for key, value in env.items():
        if value is None:
            run_env.pop(key, None)
        else:
            run_env[key] = value
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([BIN, "extract", gold_path, "--out", out, "--overwrite", "--quiet"], check=True, env=run_env)
        preds = collections.defaultdict(list)
        for r in read_table(out, "quotes"):
            preds[str(r["article_id"])].append(r)
    for article in gold:
        rows = preds.get(str(article["id"]), [])
        _, matched = sq.assess(article["quotes"], rows, 0.3)
        yield article, rows, {id(p): g for g, p in matched}
