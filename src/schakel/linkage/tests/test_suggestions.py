"""Same-person suggestions in a region: a new signal finds the other signals about the same
young person, siblings are not suggested, the care coordinator decides, every step audited."""

import uuid
from datetime import date

import pytest

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.intake.models import Signal
from schakel.intake.services import SignalInput, signal_submit
from schakel.linkage.constants import SuggestionStatus
from schakel.linkage.models import LinkEvent, LinkSuggestion, PersonRecord
from schakel.linkage.selectors import linked_signal_ids
from schakel.linkage.services import suggestions
from schakel.linkage.services.suggestions import (
    suggestion_confirm,
    suggestion_reject,
    suggestion_undo,
)


def send(reporter, **person) -> Signal:
    data = {"places": [("GM0344", "residence")], "exploitation_types": ["sexual"], **person}
    return signal_submit(actor=reporter, submission_key=uuid.uuid4(), data=SignalInput(**data))


@pytest.fixture
def reporter(make_user):
    return make_user(Role.PROFESSIONAL)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.ZORGCOORDINATOR)


DAAN = {
    "given_names": "Daniël Johannes",
    "tussenvoegsel": "van der",
    "surname": "Berg",
    "date_of_birth": date(2011, 3, 4),
    "postcode": "3511 AB",
    "house_number": "12",
    "gender": "jongen",
}


def test_a_new_signal_about_the_same_young_person_is_suggested_with_reasons(
    reporter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = send(reporter, **DAAN)
    with django_capture_on_commit_callbacks(execute=True):
        second = send(
            reporter,
            given_names="Daan",
            surname="Berg, van der",
            date_of_birth=date(2011, 4, 3),  # day and month swapped
            postcode="3511AB",
            house_number="12",
        )
    suggestion = LinkSuggestion.objects.get()
    assert {suggestion.record_a.signal_id, suggestion.record_b.signal_id} == {first.pk, second.pk}
    assert suggestion.status == SuggestionStatus.OPEN
    assert suggestion.match_probability > 0.5
    levels = {reason["field"]: reason for reason in suggestion.reasons}
    assert levels["surname"]["agrees"] is True, suggestion.reasons
    assert levels["dob"]["level"] == "dag en maand omgedraaid"
    assert levels["first_name"]["agrees"] is True  # Daan is a roepnaam of Daniël
    assert AuditEvent.objects.filter(action="linkage.suggest", subject_id=str(suggestion.pk))
    assert LinkEvent.objects.filter(suggestion=suggestion, kind="suggested").count() == 1


def test_a_sibling_or_twin_at_the_same_address_is_not_suggested(
    reporter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(reporter, **DAAN)
    with django_capture_on_commit_callbacks(execute=True):
        send(reporter, **{**DAAN, "given_names": "Femke", "date_of_birth": date(2013, 7, 1)})
    with django_capture_on_commit_callbacks(execute=True):
        send(reporter, **{**DAAN, "given_names": "Thomas"})  # twin: same date of birth
    assert not LinkSuggestion.objects.exists()
    assert PersonRecord.objects.count() == 3


def test_with_too_many_candidates_those_sharing_the_most_keys_are_scored(reporter, monkeypatch):
    monkeypatch.setattr(suggestions, "MAX_CANDIDATES", 1)
    # Same postcode only (a sibling's key set is smaller than the same girl's, reported again).
    send(reporter, **{**DAAN, "given_names": "Femke", "date_of_birth": date(2013, 7, 1)})
    again = send(reporter, **{**DAAN, "given_names": "Daan"})
    new = send(reporter, **DAAN)
    assert [c.signal_id for c in suggestions._candidates(new.person_record)] == [again.pk]


def test_an_anonymous_consultation_gets_no_person_record(reporter):
    send(reporter, is_anonymous=True, age=15)
    assert not PersonRecord.objects.exists()


@pytest.fixture
def suggestion(reporter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(reporter, **DAAN)
    with django_capture_on_commit_callbacks(execute=True):
        send(reporter, **{**DAAN, "given_names": "Daan", "surname": "vd Berg", "tussenvoegsel": ""})
    return LinkSuggestion.objects.get()


def test_confirm_links_the_signals_and_undo_unlinks_them_without_changing_them(
    suggestion, coordinator
):
    a, b = suggestion.record_a.signal_id, suggestion.record_b.signal_id
    before = Signal.objects.get(pk=a).surname
    suggestion_confirm(actor=coordinator, suggestion_id=suggestion.pk, reason="Zelfde school")
    assert linked_signal_ids(user=coordinator, signal_id=a) == [b]
    with pytest.raises(Exception, match="waarom"):
        suggestion_undo(actor=coordinator, suggestion_id=suggestion.pk, reason=" ")
    suggestion_undo(actor=coordinator, suggestion_id=suggestion.pk, reason="Toch twee jongeren")
    assert linked_signal_ids(user=coordinator, signal_id=a) == []
    assert Signal.objects.get(pk=a).surname == before
    kinds = list(LinkEvent.objects.filter(suggestion=suggestion).values_list("kind", flat=True))
    assert kinds == ["suggested", "confirmed", "undone"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"linkage.confirmed", "linkage.undone"} <= actions


def test_a_rejected_pair_is_not_suggested_again(suggestion, coordinator):
    from schakel.linkage.services.suggestions import suggest_for_record

    suggestion_reject(actor=coordinator, suggestion_id=suggestion.pk)
    assert suggest_for_record(suggestion.record_b) == []
    assert LinkSuggestion.objects.get().status == SuggestionStatus.REJECTED
    with pytest.raises(Exception, match="al beoordeeld"):
        suggestion_confirm(actor=coordinator, suggestion_id=suggestion.pk)


def test_only_the_coordinator_of_the_region_sees_suggestions(
    suggestion, make_user, other_region, login_as, client
):
    coordinator_elsewhere = make_user(Role.ZORGCOORDINATOR, regions=[other_region])
    login_as(coordinator_elsewhere)
    assert client.get(f"/koppelen/{suggestion.pk}/").status_code == 404
    assert b"Bekijk voorstel" not in client.get("/koppelen/").content
    client.logout()
    login_as(make_user(Role.PROFESSIONAL))
    assert client.get("/koppelen/").status_code == 404


def test_the_coordinator_confirms_on_the_page(suggestion, coordinator, login_as, client):
    login_as(coordinator)
    page = client.get("/koppelen/")
    assert f"/koppelen/{suggestion.pk}/".encode() in page.content
    detail = client.get(f"/koppelen/{suggestion.pk}/")
    assert b"dag en maand" not in detail.content
    assert "Wat overeenkomt en wat verschilt" in detail.content.decode()
    response = client.post(
        f"/koppelen/{suggestion.pk}/", {"decision": "confirm", "reason": "Zelfde adres"}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.CONFIRMED
    refused = client.post(f"/koppelen/{suggestion.pk}/", {"decision": "undo", "reason": ""})
    assert refused.status_code == 400
    assert "Schrijf kort op waarom" in refused.content.decode()
    assert AuditEvent.objects.filter(action="linkage.suggestion_view").exists()


def test_the_signal_page_shows_the_confirmed_same_young_person(
    suggestion, coordinator, login_as, client
):
    a, b = suggestion.record_a.signal_id, suggestion.record_b.signal_id
    login_as(coordinator)
    page = client.get(f"/signalen/{a}/").content.decode()
    assert f"/koppelen/{suggestion.pk}/" in page
    suggestion_confirm(actor=coordinator, suggestion_id=suggestion.pk)
    page = client.get(f"/signalen/{a}/").content.decode()
    assert "Bevestigd: deze signalen gaan over dezelfde jongere." in page
    assert f'href="/signalen/{b}/"' in page
