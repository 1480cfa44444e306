#!/usr/bin/env python3
"""Creates a DuckDB database holding the views of sql/views.sql over a newsframe output folder,
for Superset, Metabase or the duckdb CLI to open.

usage: target/venv-eval/bin/python scripts/make_duckdb.py OUT_DIR [DB_FILE]     (default DB_FILE: OUT_DIR/newsframe.duckdb)
needs: duckdb (scripts/venv.sh eval builds that venv)
"""
import os
import sys

TABLES = ["articles", "quotes", "entities", "entity_mentions", "sources", "rejects"]
DUMP_TABLES = ["entity_catalog", "entity_links", "quotations", "quote_links"]
SQL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sql")
VIEWS_SQL = os.path.join(SQL_DIR, "views.sql")
DUMP_VIEWS_SQL = os.path.join(SQL_DIR, "dump_views.sql")


def source(out_dir, table):
    """The SQL table expression of one newsframe table, single file or dataset folder."""
    out_dir = os.path.abspath(out_dir)
    for ext, reader in (("parquet", "read_parquet"), ("csv", "read_csv_auto")):
        single = os.path.join(out_dir, f"{table}.{ext}")
        if os.path.isfile(single):
            return f"{reader}('{sql_string(single)}')"
    folder = os.path.join(out_dir, table)
    if os.path.isdir(folder):
        return f"read_parquet('{sql_string(folder)}/**/*.parquet', hive_partitioning = true, union_by_name = true)"
    raise SystemExit(f"{out_dir} holds no '{table}' table")


def sql_string(path):
    return path.replace("'", "''")


def has_table(out_dir, table):
    return any(os.path.isfile(os.path.join(out_dir, f"{table}.{ext}")) for ext in ("parquet", "csv")) or os.path.isdir(
        os.path.join(out_dir, table)
    )


def views_sql(out_dir):
    """views.sql, and dump_views.sql when the folder has the dump-level tables."""
    with open(VIEWS_SQL, encoding="utf-8") as f:
        sql = f.read()
    tables = list(TABLES)
    if all(has_table(out_dir, t) for t in DUMP_TABLES):
        with open(DUMP_VIEWS_SQL, encoding="utf-8") as f:
            sql += "\n" + f.read()
        tables += DUMP_TABLES
    for table in tables:
        sql = sql.replace("{" + table + "}", source(out_dir, table))
    return sql


def build(out_dir, db_file):
    import duckdb

    con = duckdb.connect(db_file)
    con.execute(views_sql(out_dir))
    con.close()


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    out_dir = sys.argv[1]
    db_file = sys.argv[2] if len(sys.argv) == 3 else os.path.join(out_dir, "newsframe.duckdb")
    build(out_dir, db_file)
    print(f"views over {out_dir} -> {db_file}")


if __name__ == "__main__":
    main()
