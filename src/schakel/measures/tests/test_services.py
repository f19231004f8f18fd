"""Writing measures through the services: checked in Dutch, scoped, audited."""

from datetime import date

import pytest

from schakel.audit.models import AuditEvent
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.measures import services
from schakel.measures.models import Measure

from .conftest import measure_input

pytestmark = pytest.mark.django_db


def _problems(actor, data) -> dict[str, str]:
    with pytest.raises(services.FormProblems) as raised:
        services.measure_create(actor=actor, data=data)
    assert not Measure.objects.exists()
    return raised.value.problems


def test_a_measure_is_stored_with_who_recorded_it_and_an_audit_row(officer, utrecht):
    measure = services.measure_create(
        actor=officer,
        data=measure_input(
            utrecht,
            title="  Voorlichting   op scholen ",
            whole_municipality=False,
            places="Overvecht",
            age_min=12,
            age_max=15,
            indicators=["casussen_nieuw", "signalen", "signalen"],
        ),
    )
    measure.refresh_from_db()
    assert measure.title == "Voorlichting op scholen"
    assert measure.indicators == ["casussen_nieuw", "signalen"]
    assert measure.created_by == officer and measure.places == "Overvecht"
    assert measure.age_range == "12 tot en met 15 jaar"
    event = AuditEvent.objects.get(action="measure.create")
    assert event.subject_id == str(measure.pk) and event.actor_id == officer.pk
    assert event.details["municipality"] == utrecht.pk


def test_an_end_before_the_start_is_refused(officer, utrecht):
    problems = _problems(
        officer, measure_input(utrecht, start_date=date(2025, 3, 1), end_date=date(2025, 2, 1))
    )
    assert problems == {"end_date": problems["end_date"]}
    assert "vóór de startdatum" in problems["end_date"]


def test_a_municipality_outside_the_users_area_looks_like_one_that_does_not_exist(
    officer, nieuwegein, utrecht
):
    elsewhere = _problems(officer, measure_input(nieuwegein))
    unknown = _problems(officer, measure_input(utrecht, municipality_id=999_999))
    assert elsewhere == unknown == {"municipality": "Kies een gemeente uit de lijst."}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"indicators": ["aantal_loverboys"]}, "indicators", "uit de lijst"),
        ({"indicators": []}, "indicators", "ten minste één"),
        ({"whole_municipality": False, "places": " "}, "places", "wijken of plaatsen"),
        ({"age_min": 16, "age_max": 12}, "age_max", "Draai ze om"),
        ({"age_min": 40}, "age_min", "tot en met 27"),
        ({"kind": "handhaving"}, "kind", ""),
        ({"title": ""}, "title", ""),
    ],
)
def test_wrong_input_is_refused_in_dutch_by_field(officer, utrecht, changes, field, words):
    problems = _problems(officer, measure_input(utrecht, **changes))
    assert field in problems
    assert words in problems[field]


def test_an_update_records_which_fields_changed(officer, utrecht, measure):
    services.measure_update(
        actor=officer,
        measure_id=measure.pk,
        data=measure_input(utrecht, end_date=date(2025, 12, 31), indicators=["signalen"]),
    )
    event = AuditEvent.objects.get(action="measure.update")
    assert event.details["changed"] == ["end_date"]
    # Nothing changed: no row.
    services.measure_update(
        actor=officer,
        measure_id=measure.pk,
        data=measure_input(utrecht, end_date=date(2025, 12, 31)),
    )
    assert AuditEvent.objects.filter(action="measure.update").count() == 1


def test_another_municipalitys_officer_can_neither_change_nor_delete(
    neighbour, nieuwegein, measure
):
    with pytest.raises(NotFoundOrForbidden):
        services.measure_update(
            actor=neighbour, measure_id=measure.pk, data=measure_input(nieuwegein)
        )
    with pytest.raises(NotFoundOrForbidden):
        services.measure_delete(actor=neighbour, measure_id=measure.pk)
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_delete_is_audited(officer, measure):
    services.measure_delete(actor=officer, measure_id=measure.pk)
    assert not Measure.objects.exists()
    assert AuditEvent.objects.filter(action="measure.delete", subject_id=str(measure.pk)).exists()
