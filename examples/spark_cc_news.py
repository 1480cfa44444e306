"""CC-NEWS WARC files through newsframe on Spark, into a Hive-partitioned Parquet dataset.

    spark-submit examples/spark_cc_news.py OUT WARC [WARC ...]
    python examples/spark_cc_news.py OUT WARC [WARC ...]          # a local Spark (local[*])

Each WARC path is one Spark task, streamed by newsframe's own WARC reader on the executor that
runs it, so every executor must be able to read the paths (local disk, NFS, a mounted bucket)
and have the `newsframe` wheel installed (`pip install ./python`). The tables land in
OUT/<table>/date=YYYY-MM-DD/*.parquet (date=unknown for undated articles and for rejects), the
layout `newsframe extract --partition-by date` writes, so the DuckDB views read it the same way:

    target/venv-eval/bin/python scripts/make_duckdb.py OUT     # then: duckdb OUT/newsframe.duckdb

The dump-level tables (entity_catalog, quotations, ...) and cross-file duplicate_of need the
whole dump at once; build them afterwards with `newsframe resolve OUT`.
"""

import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from newsframe import spark as nfs


def main(out, paths):
    spark = SparkSession.builder.appName("newsframe-cc-news").getOrCreate()
    tables = nfs.extract_files(spark, paths)
    dates = tables["articles"].select(
        "article_id",
        F.coalesce(F.date_format(F.col("published"), "yyyy-MM-dd"), F.lit("unknown")).alias("date"),
    )
    for name in nfs.TABLES:
        df = tables[name]
        if "article_id" in df.columns and name != "articles":
            df = df.join(dates, "article_id", "left").fillna({"date": "unknown"})
        elif name == "articles":
            df = df.withColumn(
                "date", F.coalesce(F.date_format(F.col("published"), "yyyy-MM-dd"), F.lit("unknown"))
            )
        else:
            df = df.withColumn("date", F.lit("unknown"))
        if df.isEmpty():
            # Spark writes no file for an empty partitioned table; DuckDB's views need one
            # to know the columns, as the CLI's datasets have.
            df.drop("date").coalesce(1).write.mode("overwrite").parquet(f"{out}/{name}/date=unknown")
        else:
            df.write.mode("overwrite").partitionBy("date").parquet(f"{out}/{name}")
        print(f"{name}: {df.count()} rows -> {out}/{name}/", file=sys.stderr)
    tables["_extracted"].unpersist()
    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
