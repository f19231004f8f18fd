"""The shipped model as settings for Splink's Spark backend (national scale): the same
levels and trained probabilities, in SQL that Spark understands. pyspark itself is not a
dependency; ``bench/linkage_splink.py`` runs the model on Spark when it is installed."""

import re

import sqlglot

from schakel.linkage.engine import default_model, settings_for_backend


def conditions(settings):
    return [
        level["sql_condition"]
        for comparison in settings["comparisons"]
        for level in comparison["comparison_levels"]
    ]


def test_for_duckdb_the_settings_are_the_shipped_model():
    model = default_model()
    assert settings_for_backend(model, "duckdb") == model


def test_for_spark_the_sql_is_spark_sql_and_the_probabilities_are_kept():
    model = default_model()
    spark = settings_for_backend(model, "spark")
    assert spark["sql_dialect"] == "spark"
    for ours, theirs in zip(model["comparisons"], spark["comparisons"], strict=True):
        for level, translated in zip(
            ours["comparison_levels"], theirs["comparison_levels"], strict=True
        ):
            assert {k: v for k, v in level.items() if k != "sql_condition"} == {
                k: v for k, v in translated.items() if k != "sql_condition"
            }
    for sql in conditions(spark):
        if sql == "ELSE":
            continue
        # Double quotes are string literals in Spark: every column must be in backticks.
        assert '"' not in sql, sql
        # DuckDB's names; Spark has array_intersect and Splink's jaro_winkler UDF.
        assert not re.search(r"list_intersect|jaro_winkler_similarity|\blen\(", sql, re.I), sql
        sqlglot.parse_one(sql, read="spark")
    names_fit = next(sql for sql in conditions(spark) if "name_forms" in sql)
    assert "SIZE(ARRAY_INTERSECT(`name_forms_l`, `all_names_r`))" in names_fit
    assert any("jaro_winkler(`surname_l`, `surname_r`)" in sql for sql in conditions(spark))
    for rule in spark["blocking_rules_to_generate_predictions"]:
        assert '"' not in rule["blocking_rule"] and rule["sql_dialect"] == "spark"
