"""Every table reads with plain pandas, as a notebook user would write it.

usage: python test_pandas.py SCHEMA_JSON FILES_RUN DATASET_RUN CSV_RUN

SCHEMA_JSON is `newsframe schema --json`; FILES_RUN a run with one Parquet file per table,
DATASET_RUN a `--partition-by date` run (folders of Hive partitions), CSV_RUN a `--format csv`
run of the same input. Run by scripts/test.sh with the pinned pandas 3 and pyarrow
(requirements.txt) and once more with pandas 2.2 and pyarrow 15 (requirements-pandas2.txt).
"""

import json
import os
import sys

import pandas as pd
import pyarrow

schema_path, files_run, dataset_run, csv_run = sys.argv[1:5]
with open(schema_path) as f:
    tables = json.load(f)["tables"]

checks = 0
failures = []


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)


def manifest_rows(run):
    with open(os.path.join(run, "manifest.json")) as f:
        m = json.load(f)
    rows = {name: t["rows"] for name, t in m["tables"].items()}
    rows.update({name: t["rows"] for name, t in m.get("dump", {}).get("tables", {}).items()})
    return rows


def check_frame(df, table, where, rows, csv=False):
    names = [c["name"] for c in table["columns"]]
    # A Hive-partitioned folder adds its partition key as a column.
    got = [c for c in df.columns if c != "date"]
    check(got == names, f"{where}: columns {got} != {names}")
    check(len(df) == rows, f"{where}: {len(df)} rows, manifest says {rows}")
    for col in table["columns"]:
        name, ty = col["name"], col["type"]
        if name not in df.columns or len(df) == 0:
            continue
        values = df[name].dropna()
        if ty.startswith("timestamp"):
            series = pd.to_datetime(df[name], utc=False) if csv else df[name]
            tz = getattr(series.dtype, "tz", None)
            check(tz is not None and str(tz) == "UTC", f"{where}.{name}: dtype {series.dtype}, not UTC")
            if csv:
                check(all(str(v).endswith("Z") for v in values), f"{where}.{name}: a CSV time without Z")
        elif ty.startswith("list") and not csv:
            check(
                all(hasattr(v, "__len__") and not isinstance(v, str) for v in values),
                f"{where}.{name}: not list values",
            )
            inner = [x for v in values for x in v]
            if ty == "list<string>":
                check(all(isinstance(x, str) for x in inner), f"{where}.{name}: not str items")
        elif ty.startswith("uint") and not csv and not df[name].isna().any():
            check(str(df[name].dtype) == ty, f"{where}.{name}: dtype {df[name].dtype}, not {ty}")
        elif ty == "string" and not csv:
            check(all(isinstance(v, str) for v in values), f"{where}.{name}: not str values")


for run, kind in ((files_run, "files"), (dataset_run, "dataset"), (csv_run, "csv")):
    rows = manifest_rows(run)
    for table in tables:
        name = table["name"]
        if kind == "files":
            df = pd.read_parquet(os.path.join(run, f"{name}.parquet"))
        elif kind == "csv":
            df = pd.read_csv(os.path.join(run, f"{name}.csv"))
        else:
            folder = os.path.join(run, name)
            if not os.path.isdir(folder):
                # An empty table of a dataset has no folder: nothing was ever written to it.
                check(rows.get(name, 0) == 0, f"dataset {name}: no folder but rows")
                continue
            df = pd.read_parquet(folder)
        check_frame(df, table, f"{kind} {name}", rows.get(name, 0), csv=(kind == "csv"))

print(
    f"pandas {pd.__version__} / pyarrow {pyarrow.__version__}: "
    f"{checks - len(failures)} passed, {len(failures)} failed"
)
for f in failures:
    print("  FAIL", f)
sys.exit(1 if failures else 0)
