"""Reading newsframe's dump-level tables in polars, for the eval scripts."""
import polars as pl


def resolved(ents, links):
    """Each entities row with its canonical_id and link: the article's own entity_links row if
    there is one, else its entity id's (article_id null)."""
    default = links.filter(pl.col("article_id").is_null()).select(
        "entity_id", pl.col("canonical_id").alias("_d"), pl.col("link").alias("_dl"))
    own = links.filter(pl.col("article_id").is_not_null()).select(
        "article_id", "entity_id", pl.col("canonical_id").alias("_o"), pl.col("link").alias("_ol"))
    return (ents.join(default, on="entity_id", how="left").join(own, on=["article_id", "entity_id"], how="left")
            .with_columns(canonical_id=pl.coalesce("_o", "_d"), link=pl.coalesce("_ol", "_dl"))
            .drop("_d", "_dl", "_o", "_ol"))

