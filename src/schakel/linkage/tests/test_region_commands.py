"""``schakel link suggest`` and ``schakel link train``: the nightly catch-up of a region's
suggestions and the region's own model, both audited, with Dutch messages on bad input."""

import random
from datetime import date

import pytest

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.linkage.models import LinkageModel, LinkSuggestion, PersonRecord
from schakel.linkage.services import regions
from schakel.linkage.services.suggestions import region_model
from schakel.linkage.tests.test_pprl import link
from schakel.linkage.tests.test_suggestions import DAAN, send


@pytest.fixture
def reporter(make_user):
    return make_user(Role.PROFESSIONAL)


def test_suggest_catches_up_signals_that_were_never_compared(reporter, region, capsys):
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
    reporter, region, capsys, django_capture_on_commit_callbacks
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
