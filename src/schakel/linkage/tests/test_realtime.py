"""Scoring a new signal's person against its candidates: the scoring SQL is made once per
model and must give what Splink's own ``score_pairs`` gives, call after call."""

import logging

import duckdb
import pytest
from splink import DuckDBAPI, Linker

from schakel.linkage import realtime
from schakel.linkage.domain.normalise import RawPerson, normalise
from schakel.linkage.engine import default_model, model_version, person_row, rows_table


def row(record_id, **fields):
    return person_row(normalise(RawPerson(record_id=record_id, **fields)))


DAAN = row(
    "new",
    voornamen="Daniël Johannes",
    tussenvoegsel="van der",
    achternaam="Berg",
    geboortedatum="2011-03-04",
    geslacht="M",
    huisnummer="12",
    postcode="3511AB",
    woonplaats="Utrecht",
)
CANDIDATES = [
    row("same", voornamen="Daan", achternaam="Berg, van der", geboortedatum="2011-04-03",
        postcode="3511 AB", huisnummer="12"),
    row("twin", voornamen="Sem", tussenvoegsel="van der", achternaam="Berg",
        geboortedatum="2011-03-04", geslacht="M", huisnummer="12", postcode="3511AB"),
    row("sister", voornamen="Lotte", tussenvoegsel="vd", achternaam="Berg",
        geboortedatum="2014-09-20", geslacht="V", huisnummer="12", postcode="3511AB"),
    row("other", voornamen="Fatima", achternaam="El Amrani", geboortedatum="2010-07-02",
        woonplaats="Utrecht"),
]  # fmt: skip
FREQUENCIES = {"first_name_canon": {"daniel": 0.004}, "surname": {"berg": 0.002}}


def splink_scores(model, new, candidates):
    """Splink's own answer: a fresh linker and ``score_pairs``."""
    settings = dict(model, link_type="dedupe_only", retain_intermediate_calculation_columns=True)
    db_api = DuckDBAPI(connection=duckdb.connect())
    linker = Linker(db_api.register(rows_table([{"unique_id": "_"}])), settings,
                    log_level=logging.WARNING)  # fmt: skip

    def with_tf(values):
        out = dict(values)
        for column in realtime.TF_COLUMNS:
            value = values.get(column)
            out[f"tf_{column}"] = FREQUENCIES.get(column, {}).get(value) if value else None
        return out

    result = linker.inference.score_pairs([with_tf(new)], [with_tf(c) for c in candidates])
    return {
        (r["unique_id_r"] if r["unique_id_l"] == new["unique_id"] else r["unique_id_l"]): r
        for r in result.as_record_list()
    }


@pytest.mark.parametrize("rounds", [2])
def test_the_cached_scoring_gives_what_splink_gives_call_after_call(rounds):
    model = default_model()
    version = model_version(model)
    expected = splink_scores(model, DAAN, CANDIDATES)
    for _ in range(rounds):
        scored = realtime.score(
            DAAN, CANDIDATES, model=model, version=version, frequencies=FREQUENCIES
        )
        assert scored[0].candidate_id == "same"
        assert {item.candidate_id for item in scored} == set(expected)
        for item in scored:
            theirs = expected[item.candidate_id]
            assert item.probability == pytest.approx(theirs["match_probability"], abs=1e-9)
            assert item.weight == pytest.approx(theirs["match_weight"], abs=1e-9)
    # Another call with other candidates sees only those (the tables are replaced).
    again = realtime.score(
        DAAN, CANDIDATES[2:], model=model, version=version, frequencies=FREQUENCIES
    )
    assert {item.candidate_id for item in again} == {"sister", "other"}


def test_the_twin_and_the_sister_score_low_with_the_household_as_reason():
    model = default_model()
    scored = {
        item.candidate_id: item
        for item in realtime.score(
            DAAN, CANDIDATES, model=model, version=model_version(model), frequencies={}
        )
    }
    assert scored["same"].probability > 0.9
    for sibling in ("twin", "sister"):
        assert scored[sibling].probability < 0.5
        household = [reason for reason in scored[sibling].reasons if reason.field == "household"]
        assert household and household[0].weight < 0 and household[0].agrees is False


def test_the_scorers_of_several_models_are_kept_side_by_side():
    """Regions with their own trained model take turns; none waits for its scorer again."""
    model = default_model()
    other = dict(model, probability_two_random_records_match=0.001)
    versions = (model_version(model), model_version(other))
    realtime.warm_up()
    kept = realtime._SCORERS[versions[0]]
    for current, version in ((other, versions[1]), (model, versions[0])):
        realtime.score(DAAN, CANDIDATES, model=current, version=version, frequencies={})
    assert realtime._SCORERS[versions[0]] is kept
    assert versions[1] in realtime._SCORERS
