"""A care coordinator's case work through HTTP: every step, need-to-know, and the queue."""

import io
import uuid
from datetime import date, timedelta

import pytest
from conftest import login
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.cases import services
from schakel.cases.domain.decisions import DecisionDraft
from schakel.cases.models import Case, CaseSignal, CaseStatusChange, EmergencyAccess
from schakel.intake.services import SignalInput, signal_submit

pytestmark = pytest.mark.django_db


def _signal(reporter, surname: str = "Werk (fictief)", **extra):
    return signal_submit(
        actor=reporter,
        submission_key=uuid.uuid4(),
        data=SignalInput(
            given_names="Sam",
            surname=surname,
            places=[("GM0344", "residence")],
            exploitation_types=["sexual"],
            **extra,
        ),
    )


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.ZORGCOORDINATOR, first_name="Zora", last_name="Coördinator")


@pytest.fixture
def reporter(make_user):
    return make_user(Role.PROFESSIONAL)


@pytest.fixture
def case(coordinator, reporter):
    return services.case_open_from_signal(actor=coordinator, signal_id=_signal(reporter).pk)


@pytest.fixture
def client_c(coordinator):
    return login(Client(), coordinator)


def _page(client, case) -> str:
    response = client.get(f"/casussen/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _decision(**overrides) -> DecisionDraft:
    values = {
        "what": "Aanmelden bij expertisecentrum (geheim besluit)",
        "why": "Past bij de hulpvraag",
        "child_heard": True,
        "child_view": "Ik wil hulp.",
        "best_interest": "Veiligheid eerst",
        "parents_involved": False,
        "parents_reason": "Ouders zijn onderdeel van de dreiging",
    }
    values.update(overrides)
    return DecisionDraft(**values)


def test_roles_victim_and_offender_at_once_and_ending_a_role(client_c, case):
    today = timezone.localdate().isoformat()
    for role in ("victim", "offender"):
        done = client_c.post(f"/casussen/{case.pk}/rollen/", {"role": role, "since": today})
        assert done.status_code == 302
    page = _page(client_c, case)
    assert "Slachtoffer sinds" in page and "Dader sinds" in page
    twice = client_c.post(f"/casussen/{case.pk}/rollen/", {"role": "victim", "since": today})
    assert twice.status_code == 400 and "Deze rol geldt al" in twice.content.decode()
    role = case.roles.get(role="offender")
    assert client_c.post(f"/casussen/{case.pk}/rollen/{role.pk}/einde/").status_code == 302
    role.refresh_from_db()
    assert role.until == timezone.localdate()


def test_attach_and_detach_need_a_reason_and_keep_the_history(client_c, case, reporter):
    second = _signal(reporter, surname="Werk (fictief)")
    no_reason = client_c.post(f"/casussen/{case.pk}/signalen/", {"signal_id": second.pk})
    assert no_reason.status_code == 400
    assert "waarom dit signaal bij deze jongere hoort" in no_reason.content.decode()
    attached = client_c.post(
        f"/casussen/{case.pk}/signalen/",
        {"signal_id": second.pk, "reason": "Zelfde geboortedatum en school"},
    )
    assert attached.status_code == 302
    unknown = client_c.post(f"/casussen/{case.pk}/signalen/", {"signal_id": 999999, "reason": "x"})
    assert unknown.status_code == 400 and "bestaat niet" in unknown.content.decode()
    refused = client_c.post(f"/casussen/{case.pk}/signalen/loskoppelen/", {"signal_id": second.pk})
    assert refused.status_code == 400 and "loskoppelt" in refused.content.decode()
    client_c.post(
        f"/casussen/{case.pk}/signalen/loskoppelen/",
        {"signal_id": second.pk, "reason": "Toch een andere jongere"},
    )
    link = CaseSignal.objects.get(signal=second)
    assert link.detached_at is not None and link.detach_reason == "Toch een andere jongere"
    assert "Toch een andere jongere" in _page(client_c, case)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"case.signal_attach", "case.signal_detach"} <= actions


def test_referral_with_triage_statuses_and_a_refused_step(client_c, case):
    triage = client_c.get(f"/casussen/{case.pk}/verwijzingen/nieuw/?acute_danger=on")
    text = triage.content.decode()
    assert triage.status_code == 200
    assert "minderjarige slachtoffers" in text  # the expertise centres, for sexual exploitation
    assert "Veiligheid en opsporing" in text  # because of the acute danger
    empty = client_c.post(f"/casussen/{case.pk}/verwijzingen/nieuw/", {"on": "2026-11-01"})
    assert empty.status_code == 400 and "naar wie u verwijst" in empty.content.decode()
    sent = client_c.post(
        f"/casussen/{case.pk}/verwijzingen/nieuw/",
        {"to_name": "Expertisecentrum (fictief)", "kind": "behandeling", "on": "2026-11-01"},
    )
    assert sent.status_code == 302
    referral = case.referrals.get()
    step = client_c.post(
        f"/casussen/{case.pk}/verwijzingen/{referral.pk}/",
        {f"r{referral.pk}-status": "waiting_list", f"r{referral.pk}-on": "2026-11-10"},
    )
    assert step.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "waiting_list"
    backwards = client_c.post(
        f"/casussen/{case.pk}/verwijzingen/{referral.pk}/",
        {f"r{referral.pk}-status": "accepted", f"r{referral.pk}-on": "2026-11-01"},
    )
    assert backwards.status_code == 400 and "vóór de vorige stap" in backwards.content.decode()
    assert [e.status for e in referral.events.all()] == ["sent", "waiting_list"]
    waited = (timezone.localdate() - date(2026, 11, 1)).days
    assert f"Wachttijd: {waited} dagen" in _page(client_c, case)


def test_missing_episodes_flag_repeated_missing_in_page_and_queue(client_c, case):
    now = timezone.localtime()
    first = (now - timedelta(days=40)).strftime("%Y-%m-%dT%H:%M")
    first_end = (now - timedelta(days=38)).strftime("%Y-%m-%dT%H:%M")
    second = (now - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client_c.post(f"/casussen/{case.pk}/vermissingen/", {"start": first, "end": first_end})
    client_c.post(f"/casussen/{case.pk}/vermissingen/", {"start": second})
    page = _page(client_c, case)
    assert "Vaker vermist" in page and "nog vermist" in page
    queue = client_c.get("/casussen/?soort=repeated_missing").content.decode()
    assert "2 keer vermist in de laatste 90 dagen" in queue
    episode = case.missing_episodes.get(end__isnull=True)
    back = client_c.post(
        f"/casussen/{case.pk}/vermissingen/{episode.pk}/terug/",
        {"end": now.strftime("%Y-%m-%dT%H:%M"), "found_where": "Station (fictief)"},
    )
    assert back.status_code == 302
    episode.refresh_from_db()
    assert episode.end is not None and episode.found_where == "Station (fictief)"
    bad = client_c.post(f"/casussen/{case.pk}/vermissingen/", {"start": "gisteren"})
    assert bad.status_code == 400 and "Vul een datum en tijd in" in bad.content.decode()


def test_overdue_action_shows_in_the_queue_until_done(client_c, case):
    missing = client_c.post(f"/casussen/{case.pk}/acties/", {"title": ""})
    assert (
        missing.status_code == 400 and "Schrijf op wat er moet gebeuren" in missing.content.decode()
    )
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    client_c.post(f"/casussen/{case.pk}/acties/", {"title": "Gesprek met school", "due": past})
    assert "Gesprek met school (moest af op" in client_c.get("/casussen/").content.decode()
    action = case.actions.get()
    client_c.post(f"/casussen/{case.pk}/acties/{action.pk}/klaar/")
    assert "Gesprek met school" not in client_c.get("/casussen/").content.decode()


def test_a_17_and_a_half_year_old_without_a_plan_until_the_plan_is_complete(client_c, case):
    today = timezone.localdate()
    # A change outside the services (like a data migration) shows after the nightly refresh.
    Case.objects.filter(pk=case.pk).update(
        date_of_birth=today.replace(year=today.year - 18) + timedelta(days=100)
    )
    assert "Wordt 18 op" not in client_c.get("/casussen/").content.decode()
    call_command("queue_refresh", "--all", stdout=io.StringIO(), stderr=io.StringIO())
    queue = client_c.get("/casussen/?soort=eighteen_without_plan").content.decode()
    assert "Wordt 18 op" in queue
    assert "plan voor de zorg na 18 jaar is nog niet compleet" in _page(client_c, case)
    saved = client_c.post(
        f"/casussen/{case.pk}/plan-na-18/",
        {
            "who_takes_over": "Wijkteam volwassenen (fictief)",
            "adult_care_arranged": "on",
            "consent_asked_again": "on",
            "consent_given": "ja",
            "agreed_on": today.isoformat(),
        },
    )
    assert saved.status_code == 302
    assert "Wordt 18 op" not in client_c.get("/casussen/").content.decode()


def test_closing_needs_reason_and_aftercare_and_reopening_keeps_history(client_c, case):
    refused = client_c.post(f"/casussen/{case.pk}/afsluiten/", {"reason": "hulp-afgerond"})
    assert refused.status_code == 400
    assert "Maak minstens een afspraak over nazorg" in refused.content.decode()
    assert Case.objects.get(pk=case.pk).status == "open"
    until = (timezone.localdate() + timedelta(days=90)).isoformat()
    closed = client_c.post(
        f"/casussen/{case.pk}/afsluiten/",
        {
            "reason": "hulp-afgerond",
            "note": "Hulp loopt goed",
            "aftercare_who": "Jongerenwerk (fictief)",
            "aftercare_until": until,
        },
    )
    assert closed.status_code == 302, closed.content.decode()[:2000]
    assert Case.objects.get(pk=case.pk).status == "closed"
    no_reason = client_c.post(f"/casussen/{case.pk}/heropenen/", {"reason": ""})
    assert no_reason.status_code == 400
    client_c.post(f"/casussen/{case.pk}/heropenen/", {"reason": "Nieuw signaal van school"})
    assert Case.objects.get(pk=case.pk).status == "open"
    assert list(CaseStatusChange.objects.filter(case=case).values_list("status", flat=True)) == [
        "open",
        "closed",
        "open",
    ]
    timeline = client_c.get(f"/casussen/{case.pk}/tijdlijn/").content.decode()
    for title in ("Casus geopend", "Casus afgesloten", "Casus heropend", "Nazorg door"):
        assert title in timeline


def test_two_people_edit_the_same_case_and_nothing_is_lost(coordinator, make_user, case):
    first = login(Client(), coordinator)
    second = login(Client(), make_user(Role.ZORGCOORDINATOR))
    form_first = first.get(f"/casussen/{case.pk}/gegevens/").context["form"]
    form_second = second.get(f"/casussen/{case.pk}/gegevens/").context["form"]

    def post(client, form, **changes):
        data = {k: v for k, v in form.initial.items() if v is not None}
        data["date_of_birth"] = data.get("date_of_birth") or ""
        data.update(changes)
        return client.post(f"/casussen/{case.pk}/gegevens/", data)

    assert post(first, form_first, surname="Eerste (fictief)").status_code == 302
    clash = post(second, form_second, surname="Tweede (fictief)")
    text = clash.content.decode()
    assert clash.status_code == 409
    assert "Iemand anders heeft deze gegevens intussen gewijzigd" in text
    assert "Eerste (fictief)" in text and "Tweede (fictief)" in text  # theirs and yours
    assert Case.objects.get(pk=case.pk).surname == "Eerste (fictief)"
    # A different field combines without a conflict.
    assert post(second, form_second, roepnaam="Sammy").status_code == 302
    stored = Case.objects.get(pk=case.pk)
    assert (stored.surname, stored.roepnaam) == ("Eerste (fictief)", "Sammy")


def test_team_member_sees_only_the_sections_granted_until_the_end(
    client_c, case, coordinator, make_user
):
    services.decision_record(actor=coordinator, case_id=case.pk, draft=_decision())
    services.referral_send(
        actor=coordinator,
        case_id=case.pk,
        to_name="Jeugdhulp (fictief)",
        kind="",
        on=timezone.localdate(),
    )
    member = make_user(Role.PROFESSIONAL, first_name="Tess", last_name="Teamlid")
    bad = client_c.post(f"/casussen/{case.pk}/team/", {"user": member.pk, "until": ""})
    assert bad.status_code == 400
    assert "Kies minstens één onderdeel" in bad.content.decode()
    assert "einddatum" in bad.content.decode()
    until = (timezone.localdate() + timedelta(days=30)).isoformat()
    added = client_c.post(
        f"/casussen/{case.pk}/team/",
        {"user": member.pk, "sections": ["referrals"], "until": until},
    )
    assert added.status_code == 302
    member_client = login(Client(), member)
    assert "Werk (fictief)" in member_client.get("/casussen/").content.decode()
    page = _page(member_client, case)
    assert "Jeugdhulp (fictief)" in page
    assert "geheim besluit" not in page and "Nieuw besluit" not in page
    summary = member_client.get(f"/casussen/{case.pk}/samenvatting/").content.decode()
    assert "Jeugdhulp (fictief)" in summary and "geheim besluit" not in summary
    timeline = member_client.get(f"/casussen/{case.pk}/tijdlijn/").content.decode()
    assert "geheim besluit" not in timeline
    assert member_client.post(f"/casussen/{case.pk}/besluit/", {"what": "x"}).status_code == 404
    assert member_client.get(f"/casussen/{case.pk}/team/").status_code == 404
    view = AuditEvent.objects.filter(action="case.view", actor_id=member.pk).last()
    assert view.details["via"] == "team" and view.details["sections"] == ["referrals"]
    membership = case.members.get()
    client_c.post(f"/casussen/{case.pk}/team/{membership.pk}/einde/")
    assert member_client.get(f"/casussen/{case.pk}/").status_code == 404


def test_expired_membership_gives_no_access(case, coordinator, make_user):
    member = make_user(Role.PROFESSIONAL)
    membership = services.member_add(
        actor=coordinator,
        case_id=case.pk,
        user_id=member.pk,
        sections=["signals"],
        until=timezone.localdate(),
    )
    type(membership).objects.filter(pk=membership.pk).update(
        until=timezone.localdate() - timedelta(days=1)
    )
    assert login(Client(), member).get(f"/casussen/{case.pk}/").status_code == 404


def test_emergency_access_needs_a_reason_is_read_only_and_reviewed(
    case, coordinator, make_user, other_region
):
    services.decision_record(actor=coordinator, case_id=case.pk, draft=_decision())
    outsider = make_user(Role.ZORGCOORDINATOR, regions=[other_region])
    client = login(Client(), outsider)
    assert client.get(f"/casussen/{case.pk}/").status_code == 404
    short = client.post("/casussen/noodtoegang/", {"case_id": case.pk, "reason": "nodig"})
    assert short.status_code == 400 and "privacy officer leest dit" in short.content.decode()
    granted = client.post(
        "/casussen/noodtoegang/",
        {"case_id": case.pk, "reason": "Jongere is bij ons gevonden en heeft nu opvang nodig"},
    )
    assert granted["Location"] == f"/casussen/{case.pk}/"
    page = _page(client, case)
    assert "noodtoegang" in page and "geheim besluit" in page and "Nieuw besluit" not in page
    assert client.post(f"/casussen/{case.pk}/besluit/", {}).status_code == 404

    officer = login(Client(), make_user(Role.PRIVACY_OFFICER))
    assert "nog niet beoordeeld" in officer.get("/").content.decode()
    review = officer.get("/logboek/noodtoegang/").content.decode()
    assert "Jongere is bij ons gevonden" in review and "nog beoordelen" in review
    access = EmergencyAccess.objects.get()
    empty = officer.post("/logboek/noodtoegang/", {"access": access.pk, "note": ""})
    assert empty.status_code == 400
    officer.post("/logboek/noodtoegang/", {"access": access.pk, "note": "Terecht gebruikt"})
    access.refresh_from_db()
    assert access.reviewed_at is not None and access.review_note == "Terecht gebruikt"
    report = officer.post(
        "/logboek/",
        {"subject_type": "case", "subject_id": case.pk, "reason": "Inzageverzoek jongere"},
    ).content.decode()
    assert "case.emergency_access" in report and "noodtoegang" in report
    other_officer = login(Client(), make_user(Role.PRIVACY_OFFICER, regions=[other_region]))
    assert (
        "Jongere is bij ons gevonden"
        not in other_officer.get("/logboek/noodtoegang/").content.decode()
    )
    access.expires_at = timezone.now() - timedelta(minutes=1)
    access.save()
    assert client.get(f"/casussen/{case.pk}/").status_code == 404


CASE_GETS = [
    "",
    "gegevens/",
    "tijdlijn/",
    "samenvatting/",
    "team/",
    "verwijzingen/nieuw/",
    "plan-na-18/",
    "afsluiten/",
]
CASE_POSTS = [
    "besluit/",
    "rollen/",
    "signalen/",
    "acties/",
    "vermissingen/",
    "heropenen/",
    "gegevens/",
    "team/",
    "afsluiten/",
    "plan-na-18/",
    "verwijzingen/nieuw/",
]


@pytest.mark.parametrize(
    "role",
    [Role.PROFESSIONAL, Role.BELEIDSMEDEWERKER, Role.FUNCTIONEEL_BEHEERDER, Role.PRIVACY_OFFICER],
)
def test_every_case_page_is_refused_to_other_roles(case, make_user, role):
    client = login(Client(), make_user(role))
    for path in CASE_GETS:
        assert client.get(f"/casussen/{case.pk}/{path}").status_code == 404, path
    for path in CASE_POSTS:
        assert client.post(f"/casussen/{case.pk}/{path}", {}).status_code == 404, path
    assert Case.objects.get(pk=case.pk).lock_version == case.lock_version


def test_every_case_page_is_refused_to_a_coordinator_of_another_region(
    case, make_user, other_region
):
    client = login(Client(), make_user(Role.ZORGCOORDINATOR, regions=[other_region]))
    for path in CASE_GETS:
        assert client.get(f"/casussen/{case.pk}/{path}").status_code == 404, path
    for path in CASE_POSTS:
        assert client.post(f"/casussen/{case.pk}/{path}", {}).status_code == 404, path
    assert "Werk (fictief)" not in client.get("/casussen/").content.decode()


def test_new_signals_not_in_a_case_show_in_the_queue(client_c, reporter):
    _signal(reporter, surname="Nieuw (fictief)")
    queue = client_c.get("/casussen/").content.decode()
    assert "Nieuw signaal, nog niet bij een casus" in queue and "Nieuw (fictief)" in queue


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_queue_and_case_page_use_a_constant_number_of_queries(client_c, coordinator, reporter):
    today = timezone.localdate()

    def add_cases(n: int) -> Case:
        last = None
        for _i in range(n):
            last = services.case_open_from_signal(actor=coordinator, signal_id=_signal(reporter).pk)
            Case.objects.filter(pk=last.pk).update(
                date_of_birth=today.replace(year=today.year - 18) + timedelta(days=30)
            )
            services.referral_send(
                actor=coordinator,
                case_id=last.pk,
                to_name="X (fictief)",
                kind="",
                on=today - timedelta(days=30),
            )
            services.missing_episode_record(
                actor=coordinator, case_id=last.pk, start=timezone.now() - timedelta(days=3)
            )
            services.decision_record(actor=coordinator, case_id=last.pk, draft=_decision())
        assert last is not None
        return last

    small_case = add_cases(2)
    queue_small = _queries(client_c, "/casussen/")
    page_small = _queries(client_c, f"/casussen/{small_case.pk}/")
    big_case = add_cases(6)
    for _i in range(4):
        services.decision_record(actor=coordinator, case_id=big_case.pk, draft=_decision())
        services.referral_send(
            actor=coordinator, case_id=big_case.pk, to_name="Y (fictief)", kind="", on=today
        )
    assert _queries(client_c, "/casussen/") == queue_small
    assert _queries(client_c, f"/casussen/{big_case.pk}/") == page_small


def test_parents_who_take_part_need_an_extra_justification(client_c, case):
    Case.objects.filter(pk=case.pk).update(parents_take_part=True)
    decision = {
        "what": "Ouders uitnodigen voor het gesprek",
        "why": "Zij zijn voogd",
        "child_heard": "ja",
        "child_view": "Liever niet",
        "best_interest": "Veiligheid",
        "parents_involved": "ja",
        "parents_reason": "Wettelijk vertegenwoordiger",
    }
    refused = client_c.post(f"/casussen/{case.pk}/besluit/", decision)
    assert refused.status_code == 400
    assert "De ouders doen mogelijk mee aan de uitbuiting" in refused.content.decode()
    decision["parents_extra_justification"] = "Alleen vader, moeder niet; veiligheidsplan is rond"
    assert client_c.post(f"/casussen/{case.pk}/besluit/", decision).status_code == 302
    assert "veiligheidsplan is rond" in _page(client_c, case)


def test_the_queue_pages_and_sorts(client_c, coordinator, reporter, monkeypatch):
    monkeypatch.setattr("schakel.cases.views.QUEUE_PAGE_SIZE", 2)
    past = timezone.localdate() - timedelta(days=2)
    for surname in ("Cees (fictief)", "Anna (fictief)", "Bram (fictief)"):
        opened = services.case_open_from_signal(
            actor=coordinator, signal_id=_signal(reporter, surname=surname).pk
        )
        services.case_action_add(actor=coordinator, case_id=opened.pk, title="Bellen", due=past)
    first = client_c.get("/casussen/?sorteer=name").content.decode()
    assert "Pagina 1 van 2" in first and "Acties over tijd (3)" in first
    assert first.index("Anna (fictief)") < first.index("Bram (fictief)")
    assert "Cees (fictief)" not in first
    second = client_c.get("/casussen/?sorteer=name&pagina=2").content.decode()
    assert "Cees (fictief)" in second and "Anna (fictief)" not in second


def test_stored_queue_equals_the_live_computation(coordinator, reporter):
    from schakel.cases.selectors import case_queue_for_user, case_queue_page

    today = timezone.localdate()
    now = timezone.now()
    for number in range(4):
        opened = services.case_open_from_signal(
            actor=coordinator, signal_id=_signal(reporter, surname=f"Vergelijk {number}").pk
        )
        services.case_update(
            actor=coordinator,
            case_id=opened.pk,
            base={"date_of_birth": None},
            changes={"date_of_birth": today.replace(year=today.year - 18) + timedelta(days=40)},
            labels={"date_of_birth": "Geboortedatum"},
        )
        services.missing_episode_record(
            actor=coordinator, case_id=opened.pk, start=now - timedelta(days=10 + number)
        )
        services.case_action_add(
            actor=coordinator, case_id=opened.pk, title="Bellen", due=today - timedelta(days=1)
        )
    live, _new = case_queue_for_user(user=coordinator, today=today, now=now)
    stored = case_queue_page(user=coordinator, today=today, page_size=100)
    assert len(stored.items) == len([i for i in live if i.case_id]) == 12
    key = lambda i: (i.case_id, i.kind, i.label, i.due, i.severity)  # noqa: E731
    assert sorted(map(key, stored.items)) == sorted(key(i) for i in live if i.case_id)
