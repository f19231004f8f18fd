"""Same-person matching with Splink (DuckDB by default; the same settings run on Spark).

The model compares normalised records (``domain/normalise.py``) field by field and adds up
the evidence (Fellegi-Sunter match weights). Two Dutch specifics are built in:

- **household awareness**: siblings and twins share surname, address and (twins) date of
  birth, so those agreements are not independent evidence. When surname, address and date of
  birth all agree but the first names are clearly different, the first-name comparison has
  its own level with a fixed, very low m probability: twins are not merged on their shared
  facts. Siblings of different ages already differ on the date of birth.
- **one-to-one**: where both sources are free of duplicates (one record per person), each
  record links at most once, to its mutually best match (Splink's single best links).

Term-frequency adjustment on first name, surname and place: agreeing on "de Jong" says less
than agreeing on a rare surname.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import duckdb
import pyarrow as pa
import splink.comparison_level_library as cll
import splink.comparison_library as cl
import sqlglot
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.dialects import SplinkDialect
from splink.internals.exceptions import EMTrainingException
from sqlglot import expressions as exp

from .domain.normalise import BLOCKING_RULES, Person
from .progress import QUIET, Progress

DEFAULT_THRESHOLD = 0.9
# With --one-to-one every record keeps at most its mutually best partner, so the doubt that a
# high threshold guards against is already resolved: "more likely the same than not" suffices.
DEFAULT_THRESHOLD_ONE_TO_ONE = 0.5
SOURCE_LEFT = "a"
SOURCE_RIGHT = "b"

# Log only warnings of Splink: its info lines would mix with our progress indicator.
logging.getLogger("splink").setLevel(logging.WARNING)

COLUMNS = (
    "unique_id",
    "first_name",
    "first_name_canon",
    "given_names_canon",
    "name_forms",
    "all_names",
    "initials",
    "surname",
    "tussenvoegsel",
    "dob",
    "dob_sorted",
    "name_pair",
    "sex",
    "street",
    "house_number",
    "postcode",
    "place",
    "bsn",
    "school",
    "phone",
)

LIST_COLUMNS = frozenset({"given_names_canon", "name_forms", "all_names"})
# The first name of one record (as roepnaam or official name) is one of the other's names.
NAMES_FIT = (
    '(len(list_intersect("name_forms_l", "all_names_r")) > 0 '
    'OR len(list_intersect("name_forms_r", "all_names_l")) > 0)'
)

# Functions the custom levels use under DuckDB's names, per other backend. Spark has the
# string similarities as Splink's UDFs (its similarity jar) under their own names.
_ARRAY_INTERSECT = {"duckdb": "list_intersect", "spark": "array_intersect"}


class _Sql(cll.CustomLevel):
    """A custom comparison level written in DuckDB's SQL that runs on other backends too:
    sqlglot translates the syntax (quoting, ``instr``, ``starts_with``) and the functions it
    does not know are renamed to the backend's (``jaro_winkler_similarity``,
    ``damerau_levenshtein``, ``len(list_intersect(...))``)."""

    def __init__(self, sql_condition: str) -> None:
        super().__init__(sql_condition, base_dialect_str="duckdb")

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        name = sql_dialect.sql_dialect_str
        if name == "duckdb":
            return self.sql_condition
        if name not in _ARRAY_INTERSECT:
            raise ValueError(f"The linkage model has no SQL for the {name} backend.")
        similarity = {
            "jaro_winkler_similarity": sql_dialect.jaro_winkler_function_name,
            "damerau_levenshtein": sql_dialect.damerau_levenshtein_function_name,
            "list_intersect": _ARRAY_INTERSECT[name],
        }

        def rename(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.JarowinklerSimilarity):
                return exp.Anonymous(
                    this=similarity["jaro_winkler_similarity"],
                    expressions=[node.this, node.expression],
                )
            if isinstance(node, exp.Anonymous) and node.name.lower() in similarity:
                return exp.Anonymous(
                    this=similarity[node.name.lower()], expressions=node.expressions
                )
            if (
                isinstance(node, exp.Length)
                and isinstance(node.this, exp.Anonymous)
                and node.this.name.lower() == "list_intersect"
            ):
                # The size of a list, not the length of a string.
                return exp.ArraySize(
                    this=exp.Anonymous(
                        this=similarity["list_intersect"], expressions=node.this.expressions
                    )
                )
            return node

        tree = sqlglot.parse_one(self.sql_condition, read="duckdb")
        return tree.transform(rename).sql(dialect=sql_dialect.sqlglot_dialect)


# What the coordinator reads per field when a suggestion is shown (Dutch, B1).
FIELD_LABELS = {
    "first_name": "voornaam",
    "surname": "achternaam",
    "dob": "geboortedatum",
    "sex": "geslacht",
    "address": "adres",
    "bsn": "BSN",
    "school": "school",
    "phone": "telefoonnummer",
    "household": "huishouden",
}


def _null(column: str) -> str:
    return f'("{column}_l" IS NULL OR "{column}_r" IS NULL)'


def _first_name_comparison() -> cl.CustomComparison:
    both_unknown = f"{_null('first_name_canon')} AND {_null('initials')}"
    return cl.CustomComparison(
        output_column_name="first_name",
        comparison_levels=[
            _Sql(both_unknown).configure(is_null_level=True, label_for_charts="voornaam onbekend"),
            cll.ExactMatchLevel("first_name_canon").configure(
                tf_adjustment_column="first_name_canon",
                label_for_charts="zelfde voornaam (ook roepnaam)",
            ),
            cll.ColumnsReversedLevel("first_name", "surname").configure(
                m_probability=0.01,
                fix_m_probability=True,  # training data may hold no swaps: EM would set m = 0
                u_probability=1e-5,
                label_for_charts="voor- en achternaam omgedraaid",
            ),
            _Sql(NAMES_FIT).configure(
                # Fixed: EM sees this level too rarely to estimate it and may give it m = 0,
                # which would make a roepnaam count as a contradiction.
                m_probability=0.05,
                fix_m_probability=True,
                label_for_charts="roepnaam en officiële voornaam passen bij elkaar",
            ),
            _Sql(
                'length("first_name_l") >= 3 AND length("first_name_r") >= 3 AND '
                '(substr("first_name_l", 1, length("first_name_r")) = "first_name_r" '
                'OR substr("first_name_r", 1, length("first_name_l")) = "first_name_l")'
            ).configure(label_for_charts="de ene voornaam is het begin van de andere"),
            cll.DamerauLevenshteinLevel("first_name", 1).configure(
                label_for_charts="voornaam bijna gelijk (één letter)"
            ),
            _Sql(
                f"{_null('first_name_canon')} AND "
                'substr("initials_l", 1, 1) = substr("initials_r", 1, 1)'
            ).configure(label_for_charts="alleen voorletters, eerste gelijk"),
            cll.JaroWinklerLevel("first_name", 0.88).configure(
                label_for_charts="voornaam lijkt erop"
            ),
            cll.ElseLevel().configure(label_for_charts="andere voornaam"),
        ],
    )


# Weights (log2 of the Bayes factor) of "same household and date of birth, another first
# name": the facts twins share are not counted as evidence twice. Strong when the sex is
# recorded on both sides (then it is almost always a twin); weaker when it is not, because
# some sources (FEBRL, for one) replace first names and would otherwise lose true matches.
TWIN_WEIGHT = -20.0
TWIN_WEIGHT_SEX_UNKNOWN = -10.0
# Same household, a clearly other date of birth: at one address that is a brother or sister,
# so surname and address say less than they do between random records.
SIBLING_WEIGHT = -8.0


def _fixed(weight: float, label: str) -> dict[str, Any]:
    return {
        "m_probability": 2**weight,
        "u_probability": 1.0,
        "fix_m_probability": True,
        "fix_u_probability": True,
        "label_for_charts": label,
    }


def _household_comparison() -> cl.CustomComparison:
    """Twins: surname, address and date of birth agree, the first names differ. Its own
    comparison, so the first-name comparison stays trainable; fixed weights, because random
    pairs almost never share a household, so the data cannot estimate them."""
    household = (
        '"surname_l" = "surname_r" AND "house_number_l" = "house_number_r" '
        'AND ("postcode_l" = "postcode_r" OR "postcode_l" IS NULL OR "postcode_r" IS NULL) '
        'AND "first_name_canon_l" <> "first_name_canon_r"'
    )
    twin_setting = f'{household} AND "dob_l" = "dob_r"'
    # Siblings: the same household, a clearly other date of birth (not swapped, not one digit).
    sibling_setting = (
        f'{household} AND NOT {_null("dob")} AND "dob_sorted_l" <> "dob_sorted_r" '
        'AND damerau_levenshtein("dob_l", "dob_r") > 1'
    )
    birth_unknown = f"{household} AND {_null('dob')}"
    clearly_other_name = (
        f"NOT {NAMES_FIT} "
        'AND damerau_levenshtein("first_name_l", "first_name_r") > 1 '
        'AND jaro_winkler_similarity("first_name_l", "first_name_r") < 0.75 '
        'AND NOT starts_with("first_name_l", "first_name_r") '
        'AND NOT starts_with("first_name_r", "first_name_l")'
    )
    sex_known = '"sex_l" IS NOT NULL AND "sex_r" IS NOT NULL'
    return cl.CustomComparison(
        output_column_name="household",
        comparison_levels=[
            _Sql(f"{_null('surname')} AND {_null('dob')} AND {_null('first_name')}").configure(
                is_null_level=True, label_for_charts="niet te bepalen"
            ),
            _Sql(
                f'{twin_setting} AND {sex_known} AND ({clearly_other_name} OR "sex_l" <> "sex_r")',
            ).configure(
                **_fixed(TWIN_WEIGHT, "tweeling: zelfde huishouden en geboortedatum, andere naam")
            ),
            _Sql(f"{twin_setting} AND {clearly_other_name}").configure(
                **_fixed(
                    TWIN_WEIGHT_SEX_UNKNOWN,
                    "zelfde huishouden en geboortedatum, andere voornaam, geslacht onbekend",
                )
            ),
            _Sql(f"{birth_unknown} AND {clearly_other_name}").configure(
                **_fixed(
                    TWIN_WEIGHT_SEX_UNKNOWN,
                    "zelfde huishouden, andere voornaam, geboortedatum onbekend",
                )
            ),
            _Sql(sibling_setting).configure(
                **_fixed(SIBLING_WEIGHT, "zelfde huishouden, andere geboortedatum: broer of zus")
            ),
            cll.ElseLevel().configure(**_fixed(0.0, "geen tweeling-situatie")),
        ],
    )


def _surname_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="surname",
        comparison_levels=[
            cll.NullLevel("surname"),
            cll.ExactMatchLevel("surname").configure(
                tf_adjustment_column="surname", label_for_charts="zelfde achternaam"
            ),
            cll.ColumnsReversedLevel("first_name", "surname").configure(
                m_probability=0.01,
                fix_m_probability=True,
                u_probability=1e-5,
                label_for_charts="voor- en achternaam omgedraaid",
            ),
            _Sql(
                '(instr("surname_l", "surname_r") > 0 OR instr("surname_r", "surname_l") > 0) '
                'AND length("surname_l") >= 3 AND length("surname_r") >= 3'
            ).configure(label_for_charts="deel van een dubbele achternaam"),
            cll.JaroWinklerLevel("surname", 0.92).configure(
                label_for_charts="achternaam bijna gelijk"
            ),
            cll.JaroWinklerLevel("surname", 0.8).configure(
                label_for_charts="achternaam lijkt erop"
            ),
            cll.ElseLevel().configure(label_for_charts="andere achternaam"),
        ],
    )


def _dob_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="dob",
        comparison_levels=[
            cll.NullLevel("dob"),
            cll.ExactMatchLevel("dob").configure(label_for_charts="zelfde geboortedatum"),
            cll.ExactMatchLevel("dob_sorted").configure(
                m_probability=0.01, u_probability=1e-4, label_for_charts="dag en maand omgedraaid"
            ),
            cll.DamerauLevenshteinLevel("dob", 1).configure(
                label_for_charts="geboortedatum op één cijfer na gelijk"
            ),
            cll.ElseLevel().configure(label_for_charts="andere geboortedatum"),
        ],
    )


def _address_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="address",
        comparison_levels=[
            _Sql(
                f"{_null('postcode')} AND ({_null('street')} OR {_null('house_number')}) "
                f"AND {_null('place')}"
            ).configure(is_null_level=True, label_for_charts="adres onbekend"),
            cll.And(cll.ExactMatchLevel("postcode"), cll.ExactMatchLevel("house_number")).configure(
                label_for_charts="zelfde postcode en huisnummer"
            ),
            cll.And(
                cll.JaroWinklerLevel("street", 0.9), cll.ExactMatchLevel("house_number")
            ).configure(label_for_charts="zelfde straat en huisnummer"),
            cll.ExactMatchLevel("postcode").configure(label_for_charts="zelfde postcode"),
            cll.ExactMatchLevel("place").configure(
                tf_adjustment_column="place", label_for_charts="zelfde woonplaats"
            ),
            cll.ElseLevel().configure(label_for_charts="ander adres"),
        ],
    )


def _exact_comparison(
    column: str, label: str, *, m: float = 0.9, u: float = 0.5
) -> cl.CustomComparison:
    """Agree or not. The starting m and u are used as they are when the training data never
    hold the field (school and phone are not in the batch files)."""
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column).configure(
                m_probability=m, u_probability=u, label_for_charts=f"zelfde {label}"
            ),
            cll.ElseLevel().configure(
                m_probability=1 - m, u_probability=1 - u, label_for_charts=f"ander(e) {label}"
            ),
        ],
    )


def _bsn_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="bsn",
        comparison_levels=[
            cll.NullLevel("bsn"),
            cll.ExactMatchLevel("bsn").configure(label_for_charts="zelfde BSN"),
            cll.DamerauLevenshteinLevel("bsn", 1).configure(
                m_probability=0.01,
                u_probability=1e-4,
                label_for_charts="BSN op één cijfer na gelijk",
            ),
            cll.ElseLevel().configure(label_for_charts="ander BSN"),
        ],
    )


def settings_creator(link_type: str) -> SettingsCreator:
    return SettingsCreator(
        link_type=link_type,  # type: ignore[arg-type]
        comparisons=[
            _first_name_comparison(),
            _household_comparison(),
            _surname_comparison(),
            _dob_comparison(),
            _exact_comparison("sex", "geslacht", m=0.98, u=0.5),
            _address_comparison(),
            _bsn_comparison(),
            _exact_comparison("school", "school", m=0.6, u=0.01),
            _exact_comparison("phone", "telefoonnummer", m=0.5, u=1e-5),
        ],
        blocking_rules_to_generate_predictions=[block_on(*fields) for _, fields in BLOCKING_RULES],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=20,
    )


def _value(text: str) -> str | None:
    return text or None


def settings_for_backend(model: dict[str, Any], sql_dialect: str) -> dict[str, Any]:
    """A trained model (DuckDB SQL, as saved) as settings for another Splink backend: the SQL
    of every level and blocking rule as that backend writes it, the trained probabilities as
    they are. For national scale on Spark (``sql_dialect="spark"``, docs/linkage.md)."""
    target = settings_creator("link_only").create_settings_dict(sql_dialect)
    settings = copy.deepcopy(model)
    if len(settings["comparisons"]) != len(target["comparisons"]):
        raise ValueError("The model does not have this version's comparisons.")
    for ours, theirs in zip(settings["comparisons"], target["comparisons"], strict=True):
        levels = ours["comparison_levels"]
        if ours["output_column_name"] != theirs["output_column_name"] or len(levels) != len(
            theirs["comparison_levels"]
        ):
            raise ValueError(f"The model's comparison {ours['output_column_name']} differs.")
        for level, translated in zip(levels, theirs["comparison_levels"], strict=True):
            level["sql_condition"] = translated["sql_condition"]
    settings["blocking_rules_to_generate_predictions"] = [
        {"blocking_rule": rule["blocking_rule"], "sql_dialect": sql_dialect}
        for rule in target["blocking_rules_to_generate_predictions"]
    ]
    settings["sql_dialect"] = sql_dialect
    return settings


def person_row(person: Person) -> dict[str, Any]:
    """One person in the model's columns (JSON-safe; "" -> None)."""
    return {
        "unique_id": person.record_id,
        "first_name": _value(person.first_name),
        "first_name_canon": _value(person.first_name_canon),
        "given_names_canon": list(person.given_names_canon) or None,
        "name_forms": list(person.name_forms) or None,
        "all_names": list(person.all_names) or None,
        "initials": _value(person.initials),
        "surname": _value(person.surname),
        "tussenvoegsel": _value(person.tussenvoegsel),
        "dob": _value(person.dob),
        "dob_sorted": _value(person.dob_sorted),
        "name_pair": _value(person.name_pair),
        "sex": _value(person.sex),
        "street": _value(person.street),
        "house_number": _value(person.house_number),
        "postcode": _value(person.postcode),
        "place": _value(person.place),
        "bsn": _value(person.bsn),
        "school": _value(person.school),
        "phone": _value(person.phone),
    }


def rows_table(rows: Sequence[dict[str, Any]]) -> pa.Table:
    """Rows of ``person_row`` as an Arrow table with the model's schema."""
    schema = pa.schema(
        [
            pa.field(column, pa.list_(pa.string()) if column in LIST_COLUMNS else pa.string())
            for column in COLUMNS
        ]
    )
    return pa.Table.from_pylist([{c: row.get(c) for c in COLUMNS} for row in rows], schema=schema)


def person_table(people: Sequence[Person], source: str | None = None) -> pa.Table:
    """Normalised people as an Arrow table in the columns the model reads ("" -> NULL)."""
    data: dict[str, list[Any]] = {column: [] for column in COLUMNS}
    for person in people:
        data["unique_id"].append(person.record_id)
        data["first_name"].append(_value(person.first_name))
        data["first_name_canon"].append(_value(person.first_name_canon))
        data["given_names_canon"].append(list(person.given_names_canon) or None)
        data["name_forms"].append(list(person.name_forms) or None)
        data["all_names"].append(list(person.all_names) or None)
        data["initials"].append(_value(person.initials))
        data["surname"].append(_value(person.surname))
        data["tussenvoegsel"].append(_value(person.tussenvoegsel))
        data["dob"].append(_value(person.dob))
        data["dob_sorted"].append(_value(person.dob_sorted))
        data["name_pair"].append(_value(person.name_pair))
        data["sex"].append(_value(person.sex))
        data["street"].append(_value(person.street))
        data["house_number"].append(_value(person.house_number))
        data["postcode"].append(_value(person.postcode))
        data["place"].append(_value(person.place))
        data["bsn"].append(_value(person.bsn))
        data["school"].append(_value(person.school))
        data["phone"].append(_value(person.phone))
    schema = pa.schema(
        [
            pa.field(column, pa.list_(pa.string()) if column in LIST_COLUMNS else pa.string())
            for column in COLUMNS
        ]
    )
    table = pa.Table.from_pydict(data, schema=schema)
    if source is not None:
        table = table.append_column("source_dataset", pa.array([source] * len(people), pa.string()))
    return table


def default_model() -> dict[str, Any]:
    """The shipped model (trained on synthetic Dutch data, ``bench/linkage_datagen.py``)."""
    text = resources.files("schakel.linkage").joinpath("data/default_model.json").read_text()
    model: dict[str, Any] = json.loads(text)
    return model


def model_version(model: dict[str, Any]) -> str:
    canonical = json.dumps(model, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(canonical).hexdigest()[:16]


@dataclass(frozen=True)
class Match:
    left: str
    right: str
    probability: float


def _linker(
    tables: Sequence[pa.Table],
    link_type: str,
    model: dict[str, Any] | None,
    *,
    intermediate: bool = False,
) -> tuple[Linker, DuckDBAPI]:
    connection = duckdb.connect()
    db_api = DuckDBAPI(connection=connection)
    frames = [db_api.register(table) for table in tables]
    settings: Any
    if model is None:
        settings = settings_creator(link_type)
    else:
        settings = dict(model)
        settings["link_type"] = link_type
        settings["retain_matching_columns"] = intermediate
        settings["retain_intermediate_calculation_columns"] = intermediate
    # Splink's warnings about levels the training data never held are expected here.
    linker = Linker(frames if len(frames) > 1 else frames[0], settings, log_level=logging.ERROR)
    return linker, db_api


# Pairs that agree on these are almost surely the same young person; the share of such
# pairs, corrected for the recall below, estimates how likely two random records match.
PRIOR_RULES = (("bsn",), ("first_name_canon", "surname", "dob"))
PRIOR_RECALL = 0.7


def _estimate_prior(linker: Linker) -> None:
    """Estimate from the data; keep the model's value when the data are too few to tell (no
    pair agrees on the deterministic rules, as in a file of a handful of records)."""
    settings = linker._settings_obj
    before = settings._probability_two_random_records_match
    logger = logging.getLogger("splink.internals.linker_components.training")
    level = logger.level
    logger.setLevel(logging.ERROR)  # its "no observed matches" warning is handled here
    try:
        linker.training.estimate_probability_two_random_records_match(
            [block_on(*fields) for fields in PRIOR_RULES], recall=PRIOR_RECALL
        )
    finally:
        logger.setLevel(level)
    if not settings._probability_two_random_records_match > 0:
        settings._probability_two_random_records_match = before


def train(
    tables: Sequence[pa.Table],
    link_type: str,
    *,
    progress: Progress = QUIET,
    max_pairs: float = 1e6,
) -> dict[str, Any]:
    """Estimate a model on these records (unsupervised: u by random sampling, m by EM)."""
    linker, _ = _linker(tables, link_type, None)
    training = linker.training
    progress.step("model: kans dat twee willekeurige records dezelfde jongere zijn")
    _estimate_prior(linker)
    progress.step("model: hoe vaak velden toevallig gelijk zijn (u)")
    training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=1)
    progress.step("model: hoe vaak velden gelijk zijn bij dezelfde jongere (m, EM)")
    # Each round fixes what it blocks on and estimates the other fields; a round that finds
    # no pairs is skipped. Never a round on the address alone: pairs at one address are
    # mostly siblings, and EM would learn that a different first name or date of birth is
    # normal for the same young person.
    for rule in (block_on("dob"), block_on("first_name_canon", "surname")):
        try:
            training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
        except EMTrainingException:
            progress.step("model: een trainingsronde vond geen paren en is overgeslagen")
    model: dict[str, Any] = linker.misc.save_model_to_json()
    return model


def predict_pairs(
    tables: Sequence[pa.Table],
    link_type: str,
    *,
    model: dict[str, Any] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    one_to_one: bool = False,
    progress: Progress = QUIET,
    estimate_prior: bool = True,
    on_linker: Callable[[Linker], None] | None = None,
) -> list[Match]:
    """The pairs at or above ``threshold``; with ``one_to_one`` each record at most once.

    ``estimate_prior``: estimate how likely two random records match from these data (it
    depends on their sizes and overlap); the comparisons keep the model's weights."""
    model = default_model() if model is None else model
    linker, db_api = _linker(tables, link_type, model)
    if estimate_prior:
        progress.step("kans schatten dat twee willekeurige records dezelfde jongere zijn")
        _estimate_prior(linker)
    if on_linker is not None:
        on_linker(linker)
    progress.step("kandidaatparen vormen en vergelijken")
    # Below the threshold a pair can still be the best one of a record; keep a margin.
    floor = min(threshold, 0.01) if one_to_one else threshold
    predictions = linker.inference.predict(threshold_match_probability=floor)
    if one_to_one:
        progress.step("één-op-één: elk record hoogstens één keer")
        clusters = linker.clustering.cluster_using_single_best_links(
            predictions,
            duplicate_free_datasets=[SOURCE_LEFT, SOURCE_RIGHT],
            threshold_match_probability=threshold,
        )
        # Only Splink's own table names and a float go into the text: no input is quoted.
        sql = f"""
            SELECT p.unique_id_l, p.unique_id_r, p.match_probability,
                   p.source_dataset_l, p.source_dataset_r
            FROM {predictions.physical_name} p
            JOIN {clusters.physical_name} cl ON cl.unique_id = p.unique_id_l
                 AND cl.source_dataset = p.source_dataset_l
            JOIN {clusters.physical_name} cr ON cr.unique_id = p.unique_id_r
                 AND cr.source_dataset = p.source_dataset_r
            WHERE cl.cluster_id = cr.cluster_id AND p.match_probability >= {threshold!r}
        """  # noqa: S608
    else:
        columns = "unique_id_l, unique_id_r, match_probability"
        if link_type == "link_only":
            columns += ", source_dataset_l, source_dataset_r"
        sql = f"SELECT {columns} FROM {predictions.physical_name}"  # noqa: S608
    rows = db_api._con.execute(sql).fetchall()
    matches = []
    for row in rows:
        left, right, probability = row[0], row[1], float(row[2])
        if link_type == "link_only" and row[3] != SOURCE_LEFT:
            left, right = right, left
        matches.append(Match(left, right, probability))
    matches.sort(key=lambda match: (-match.probability, match.left, match.right))
    return matches


def score_region_pairs(
    table: pa.Table,
    model: dict[str, Any],
    *,
    frequencies: Mapping[str, Mapping[str, float]],
    threshold: float,
    progress: Progress = QUIET,
) -> list[dict[str, Any]]:
    """Every candidate pair of a region's records (one table, the blocking rules of the model)
    at or above ``threshold``, with Splink's levels and weights per comparison (``gamma_*``,
    ``mw_*``): the rows ``realtime.score`` gives for one record, for all records at once.

    ``frequencies`` (column -> value -> share) replace the term frequencies Splink would count
    in the table, so that a pair weighs the same here as when a new signal is scored. The
    model's own probability that two random records match is kept, as for a new signal."""
    linker, db_api = _linker([table], "dedupe_only", model, intermediate=True)
    try:
        return _scored_pairs(linker, db_api, frequencies, threshold, progress)
    finally:
        db_api._con.close()  # the region's records leave memory with the connection


def _scored_pairs(
    linker: Linker,
    db_api: DuckDBAPI,
    frequencies: Mapping[str, Mapping[str, float]],
    threshold: float,
    progress: Progress,
) -> list[dict[str, Any]]:
    for column, shares in frequencies.items():
        lookup = pa.table(
            {
                column: pa.array(list(shares), type=pa.string()),
                f"tf_{column}": pa.array(list(shares.values()), type=pa.float64()),
            }
        )
        linker.table_management.register_term_frequency_lookup(db_api.register(lookup), column)
    progress.step("kandidaatparen vormen en vergelijken")
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    table_name = predictions.physical_name
    every = db_api._con.execute(f"SELECT * FROM {table_name} LIMIT 0").description or ()  # noqa: S608
    # The ids, the outcome and the levels and weights; not the compared values themselves.
    names = [
        name
        for name, *_ in every
        if name in ("unique_id_l", "unique_id_r", "match_probability", "match_weight")
        or name.startswith(("gamma_", "mw_"))
    ]
    columns = ", ".join(f'"{name}"' for name in names)
    cursor = db_api._con.execute(f"SELECT {columns} FROM {table_name}")  # noqa: S608
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
