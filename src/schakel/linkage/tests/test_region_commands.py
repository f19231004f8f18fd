"""``schakel link suggest`` and ``schakel link train``: the nightly catch-up of a region's
suggestions and the region's own model, both audited, with Dutch messages on bad input."""

import random
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.linkage.constants import SuggestionStatus
from schakel.linkage.models import LinkageModel, LinkEvent, LinkSuggestion, PersonRecord
from schakel.linkage.services import regions
from schakel.linkage.services.suggestions import (
    _store_many,
    region_model,
    suggest_for_record,
    suggest_in_batch,
)
from schakel.linkage.tests.test_pprl import link
from schakel.linkage.tests.test_suggestions import DAAN, send


@pytest.fixture
def reporter(make_user):
    return make_user(Role.PROFESSIONAL)


@pytest.fixture(params=["record by record", "in one pass"])
def nightly_path(request, monkeypatch):
    """Both ways the nightly run scores: a few records one by one, many in one pass."""
    if request.param == "in one pass":
        monkeypatch.setattr(regions, "BATCH_FROM", 1)
    return request.param


def test_suggest_catches_up_signals_that_were_never_compared(
    reporter, region, capsys, nightly_path
):
    # Sent without running the after-commit step, as if the server stopped before it.
    send(reporter, **DAAN)
    send(reporter, given_names="Daan", surname="van der Berg", date_of_birth=date(2011, 3, 4),
         postcode="3511AB", house_number="12")  # fmt: skip
    assert not LinkSuggestion.objects.exists()
    assert link("suggest", "--region", region.pk) == 0
    assert LinkSuggestion.objects.count() == 1
    assert "1 nieuwe voorstellen" in capsys.readouterr().err
    # Run again: every record was scored with the current model, so none is looked at again.
    capsys.readouterr()
    assert link("suggest", "--region", region.name) == 0
    assert LinkSuggestion.objects.count() == 1
    assert "voorstellen zoeken: 0 records" in capsys.readouterr().err


def test_the_nightly_run_scores_only_records_not_scored_with_the_current_model(
    reporter, region, capsys, django_capture_on_commit_callbacks, nightly_path
):
    with django_capture_on_commit_callbacks(execute=True):
        send(reporter, **DAAN)  # scored when sent, after the commit
    _, version = region_model(region.pk)
    assert set(PersonRecord.objects.values_list("scored_model", flat=True)) == {version}
    send(reporter, given_names="Daan", surname="van der Berg", date_of_birth=date(2011, 3, 4),
         postcode="3511AB", house_number="12")  # fmt: skip
    assert link("suggest", "--region", region.pk) == 0
    assert "voorstellen zoeken: 1 records" in capsys.readouterr().err
    assert LinkSuggestion.objects.count() == 1
    # Another model for the region (trained, say): every record is scored again.
    PersonRecord.objects.update(scored_model="an-older-model")
    assert link("suggest", "--region", region.pk) == 0
    assert "voorstellen zoeken: 2 records" in capsys.readouterr().err
    assert LinkSuggestion.objects.count() == 1  # the pair is not suggested twice


def test_an_unknown_region_or_user_is_refused_in_dutch(region, capsys):
    assert link("suggest", "--region", "Nergensland") == 2
    assert "Onbekende regio: Nergensland" in capsys.readouterr().err
    assert link("train", "--region", region.pk, "--by", "niemand") == 2
    assert "Onbekende of niet-actieve gebruiker: niemand" in capsys.readouterr().err


def test_training_needs_enough_records(reporter, region, capsys):
    send(reporter, **DAAN)
    assert link("train", "--region", region.pk) == 2
    assert "trainen heeft er minstens 1,000 nodig" in capsys.readouterr().err
    assert not LinkageModel.objects.exists()


def test_the_region_trains_its_own_model_with_who_in_the_audit(
    reporter, region, make_user, monkeypatch
):
    # A small region for the test: the limit is the only thing changed.
    monkeypatch.setattr(regions, "MIN_RECORDS_TO_TRAIN", 30)
    rng = random.Random(5)
    names = ["Sanne", "Daan", "Emma", "Noah", "Lotte", "Milan", "Fleur", "Sem", "Julia", "Finn"]
    surnames = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]
    for number in range(40):
        born = date(2008 + number % 9, 1 + number % 12, 1 + number % 28)
        send(
            reporter,
            given_names=rng.choice(names),
            surname=rng.choice(surnames),
            date_of_birth=born,
            postcode=f"35{number:02d}AB",
            house_number=str(number + 1),
        )
    assert link("suggest", "--region", region.pk) == 0
    assert PersonRecord.objects.filter(region=region).count() == 40
    beheerder = make_user(Role.FUNCTIONEEL_BEHEERDER)
    assert link("train", "--region", region.pk, "--by", beheerder.username) == 0
    trained = LinkageModel.objects.get(region=region)
    assert trained.trained_by == beheerder and trained.record_count == 40
    model, version = region_model(region.pk)
    assert version == trained.version and model == trained.settings_json
    event = AuditEvent.objects.get(action="linkage.train")
    assert event.actor_id == beheerder.pk and event.details["records"] == 40


def _suggested() -> dict[tuple[int, int], tuple[float, float, list]]:
    return {
        (s.record_a_id, s.record_b_id): (
            round(s.match_probability, 9),
            round(s.match_weight, 6),
            s.reasons,
        )
        for s in LinkSuggestion.objects.all()
    }


def test_the_batch_suggests_what_scoring_record_by_record_suggests(reporter, region):
    # A region with young people reported more than once, in other spellings, and siblings
    # at one address: the pairs, probabilities and reasons must not depend on the path.
    rng = random.Random(11)
    firsts = ["Daan", "Daniël", "Sanne", "Emma", "Noah", "Lotte", "Fleur", "Sem"]
    families = [("van der", "Berg"), ("", "Jansen"), ("de", "Vries"), ("", "Bakker")]
    for number in range(36):
        tussenvoegsel, surname = families[number % 4]
        send(
            reporter,
            given_names=rng.choice(firsts),
            tussenvoegsel=rng.choice([tussenvoegsel, ""]),
            surname=surname,
            date_of_birth=date(2009 + number % 4, 1 + number % 3, 4 + number % 2),
            postcode=f"351{number % 4}AB",
            house_number=str(1 + number % 5),
        )
    records = list(PersonRecord.objects.filter(region=region).order_by("pk"))
    for record in records:
        suggest_for_record(record)
    one_by_one = _suggested()
    assert len(one_by_one) >= 10  # enough pairs for the comparison to mean something
    LinkSuggestion.objects.all().delete()
    PersonRecord.objects.update(scored_model="")
    made = suggest_in_batch(region.pk, {record.pk for record in records})
    assert made == len(one_by_one)
    assert _suggested() == one_by_one
    _, version = region_model(region.pk)
    assert set(PersonRecord.objects.values_list("scored_model", flat=True)) == {version}
    assert AuditEvent.objects.filter(action="linkage.suggest").count() == 2 * made


def test_the_batch_stores_only_pairs_with_a_record_to_score_and_never_a_known_pair(
    reporter, region
):
    first = send(reporter, **DAAN)
    second = send(reporter, **{**DAAN, "given_names": "Daan"})
    third = send(reporter, **{**DAAN, "given_names": "Daan", "house_number": "14"})
    ids = {s.pk: s.person_record.pk for s in (first, second, third)}
    # Only the third is new: the pair of the first two is not this night's work.
    assert suggest_in_batch(region.pk, {ids[third.pk]}) == 2
    pairs = set(LinkSuggestion.objects.values_list("record_a_id", "record_b_id"))
    assert all(ids[third.pk] in pair for pair in pairs)
    # Rejected stays rejected: scoring all again suggests only the pair not yet seen.
    LinkSuggestion.objects.update(status=SuggestionStatus.REJECTED)
    assert suggest_in_batch(region.pk, set(ids.values())) == 1
    assert suggest_in_batch(region.pk, set(ids.values())) == 0


def test_a_pair_suggested_while_the_batch_runs_is_skipped_and_the_rest_stored(reporter, region):
    first, second, third = sorted(
        send(reporter, **{**DAAN, "house_number": number}).person_record.pk
        for number in ("12", "12", "14")
    )
    # The pair (first, second) is suggested by a signal sent while the batch was scoring.
    with transaction.atomic():
        _store_many(region.pk, [(first, second, 0.9, 5.0, ())], "m")
    pairs = [
        (first, second, 0.9, 5.0, ()),
        (first, third, 0.8, 4.0, ()),
        (second, third, 0.7, 3.0, ()),
    ]
    with transaction.atomic():
        assert len(_store_many(region.pk, pairs, "m")) == 2
    assert set(LinkSuggestion.objects.values_list("record_a_id", "record_b_id")) == {
        (first, second), (first, third), (second, third)
    }  # fmt: skip
    assert AuditEvent.objects.filter(action="linkage.suggest").count() == 3
    assert LinkEvent.objects.count() == 3


def test_a_record_changed_during_the_batch_is_left_to_be_scored_again(reporter, region):
    first = send(reporter, **DAAN).person_record
    changed = send(reporter, **{**DAAN, "given_names": "Daan"}).person_record
    # Its signal was edited while the batch ran: written after the batch started.
    PersonRecord.objects.filter(pk=changed.pk).update(
        updated_at=timezone.now() + timedelta(minutes=5)
    )
    suggest_in_batch(region.pk, {first.pk, changed.pk})
    _, version = region_model(region.pk)
    first.refresh_from_db()
    changed.refresh_from_db()
    assert first.scored_model == version
    assert changed.scored_model == ""  # scored with its new values, not marked done


def test_a_pair_whose_record_is_gone_is_left_out_and_the_rest_stored(reporter, region):
    first, second, third = sorted(
        send(reporter, **{**DAAN, "house_number": number}).person_record.pk
        for number in ("12", "12", "14")
    )
    PersonRecord.objects.filter(pk=third).delete()  # its signal deleted during the run
    pairs = [(first, second, 0.9, 5.0, ()), (first, third, 0.8, 4.0, ())]
    with transaction.atomic():
        assert len(_store_many(region.pk, pairs, "m")) == 1
    assert list(LinkSuggestion.objects.values_list("record_a_id", "record_b_id")) == [
        (first, second)
    ]
