"""The demo region's cases: four fictitious young people, so every case screen shows something."""

import io
import re
from datetime import timedelta

import pytest
from conftest import totp_now
from django.core.management import call_command
from django.utils import timezone

from schakel.accounts.demo import DEMO_PASSWORD, demo_load
from schakel.accounts.models import User
from schakel.cases.constants import CaseRoleKind
from schakel.cases.demo import demo_cases_load
from schakel.cases.domain.continuity import age_in_months
from schakel.cases.domain.queue import QueueKind
from schakel.cases.domain.referrals import ReferralStatus
from schakel.cases.models import (
    Aftercare,
    Case,
    CaseRole,
    CaseSignal,
    Decision,
    MissingEpisode,
    Referral,
    ReferralEvent,
    TransitionPlan,
)
from schakel.cases.selectors import case_queue_for_user
from schakel.intake.demo import demo_signals_load
from schakel.intake.models import MeldcodeStep, Signal
from schakel.kennis.selectors import terminology_checker

pytestmark = pytest.mark.django_db

DEMI, NOOR, LUUK, MILAN = (
    "Voorbeeld (fictief)",
    "Proefpersoon (fictief)",
    "Oefenaar (fictief)",
    "Verzonnen (fictief)",
)


@pytest.fixture
def demo(settings):
    settings.SCHAKEL_DEMO_MODE = True
    call_command("load_reference_data", stdout=io.StringIO())
    _load_case_demo()
    return {case.surname: case for case in Case.objects.all()}


def _load_case_demo() -> None:
    """What ``schakel demo_load`` loads for the cases (not the monitor's consultations and
    the policy scan, which these tests do not need and which make every test slower)."""
    region = demo_load()
    demo_signals_load(region_id=region.pk)
    demo_cases_load()


@pytest.fixture
def coordinator(demo):
    return User.objects.get(username="demo-zorgcoordinator")


def _roles(case):
    return sorted(case.roles.filter(until__isnull=True).values_list("role", flat=True))


def _queue(user):
    result = case_queue_for_user(user=user, today=timezone.localdate(), now=timezone.now())
    # The selector may also return the number of new signals: (items, new_signals).
    return result[0] if isinstance(result, tuple) else result


def test_loading_gives_the_four_vignette_cases_with_their_roles(demo):
    assert set(demo) == {DEMI, NOOR, LUUK, MILAN}
    assert _roles(demo[DEMI]) == [CaseRoleKind.VICTIM]
    assert _roles(demo[NOOR]) == [CaseRoleKind.VICTIM]
    assert _roles(demo[LUUK]) == [CaseRoleKind.VICTIM]
    assert _roles(demo[MILAN]) == [CaseRoleKind.OFFENDER, CaseRoleKind.VICTIM]  # both at once
    assert set(demo[LUUK].exploitation_types) == {"sexual", "criminal"}  # sextortion -> muling
    for case in demo.values():
        assert case.owner.username == "demo-zorgcoordinator"
        assert case.decisions.exists() and case.referrals.exists()


def test_cases_bundle_signals_from_different_reporters_and_municipalities(demo):
    for case in demo.values():
        links = CaseSignal.objects.filter(case=case, detached_at__isnull=True)
        assert links.count() >= 2
        assert all(link.reason for link in links)
        reporters = Signal.objects.filter(pk__in=links.values("signal")).values("reporter")
        assert len({row["reporter"] for row in reporters}) >= 2
    municipalities = {m.code for case in demo.values() for m in case.municipalities.all()}
    assert municipalities == {"GM0344", "GM0356", "GM0321", "GM0353", "GM0331"}
    assert MeldcodeStep.objects.exists()
    anonymous = Signal.objects.get(is_anonymous=True)  # a consultation without a case
    assert not CaseSignal.objects.filter(signal=anonymous).exists()


def test_the_queue_shows_eighteen_without_plan_repeated_missing_and_a_waiting_referral(
    demo, coordinator
):
    items = _queue(coordinator)
    kinds = {(item.kind, item.case_id) for item in items}
    assert (QueueKind.EIGHTEEN_WITHOUT_PLAN, demo[NOOR].pk) in kinds
    assert (QueueKind.REPEATED_MISSING, demo[DEMI].pk) in kinds
    assert (QueueKind.REFERRAL_WAITING, demo[NOOR].pk) in kinds
    # Milan is 17 and a half too, but his plan is complete; Luuk's case is closed.
    assert (QueueKind.EIGHTEEN_WITHOUT_PLAN, demo[MILAN].pk) not in kinds
    assert demo[LUUK].pk not in {item.case_id for item in items}


def test_ages_and_plans_for_after_18(demo):
    today = timezone.localdate()
    noor, milan = demo[NOOR], demo[MILAN]
    assert age_in_months(noor.date_of_birth, today) == 17 * 12 + 8
    assert age_in_months(milan.date_of_birth, today) == 17 * 12 + 7
    plan = TransitionPlan.objects.get(case=noor)
    assert plan.who_takes_over and not plan.adult_care_arranged  # half done
    plan = TransitionPlan.objects.get(case=milan)
    assert plan.adult_care_arranged and plan.consent_asked_again and plan.consent_given
    assert plan.agreed_on is not None


def test_missing_now_and_twice_in_90_days(demo):
    episodes = MissingEpisode.objects.filter(case=demo[DEMI])
    since = timezone.now() - timedelta(days=90)
    assert episodes.filter(start__gte=since).count() >= 2
    assert episodes.filter(end__isnull=True).count() == 1


def test_referrals_go_through_realistic_statuses(demo):
    histories = [
        [event.status for event in referral.events.all()] for referral in Referral.objects.all()
    ]
    assert ["sent", "waiting_list", "accepted", "started"] in histories
    assert ["sent", "declined"] in histories
    assert ["sent", "accepted", "started", "completed"] in histories
    declined = Referral.objects.get(status=ReferralStatus.DECLINED)
    assert declined.case == demo[MILAN]
    assert declined.events.get(status="declined").note


def test_one_case_is_closed_with_a_reason_and_aftercare(demo):
    luuk = demo[LUUK]
    assert luuk.status == "closed" and luuk.closing_reason == "hulp-afgerond"
    assert luuk.closed_at < timezone.now() - timedelta(days=1)
    aftercare = Aftercare.objects.filter(case=luuk)
    assert aftercare.count() == 2
    assert all(a.who and a.until > timezone.localdate() for a in aftercare)
    assert [c.status for c in demo.values()].count("closed") == 1


def test_every_decision_has_the_childs_view_or_a_reason_why_not_heard(demo):
    decisions = Decision.objects.all()
    assert decisions.count() >= 8
    assert decisions.filter(child_heard=False).exists()  # Demi is missing right now
    for decision in decisions:
        if decision.child_heard:
            assert decision.child_view.strip()
        else:
            assert decision.child_not_heard_reason.strip()
        assert decision.best_interest.strip() and decision.parents_reason.strip()
        if decision.shares_data:
            assert decision.legal_basis and decision.shared_with
    # Noor's parents are first kept out: the threats are also aimed at them.
    first = demo[NOOR].decisions.order_by("decided_at").first()
    assert first.parents_involved is False
    decided = [d.decided_at for d in demo[NOOR].decisions.order_by("pk")]
    assert decided == sorted(decided) and decided[0] < timezone.now() - timedelta(days=30)


def test_loading_twice_adds_nothing(demo):
    models = [
        Signal,
        MeldcodeStep,
        Case,
        CaseSignal,
        CaseRole,
        Decision,
        Referral,
        ReferralEvent,
        MissingEpisode,
        TransitionPlan,
        Aftercare,
        User,
    ]
    before = {model: model.objects.count() for model in models}
    _load_case_demo()
    assert {model: model.objects.count() for model in models} == before


def test_demo_texts_use_good_words_and_no_origin(demo):
    texts = []
    for d in Decision.objects.all():
        texts += [d.what, d.why, d.child_view, d.child_not_heard_reason, d.best_interest]
        texts += [d.parents_reason, d.shared_with]
    for s in Signal.objects.all():
        texts += [s.description, s.youth_view, s.parents_role, s.reporter_function]
    texts += [r.note for r in CaseRole.objects.all()]
    texts += [e.note for e in ReferralEvent.objects.all()]
    texts += [e.note + e.found_where for e in MissingEpisode.objects.all()]
    texts += [a.what for a in Aftercare.objects.all()]
    checker = terminology_checker()
    assert [(t, checker.check(t)) for t in texts if checker.check(t)] == []
    origin = re.compile(r"nationalit|afkomst|herkomst|verblijfs|asiel|migrant|etnisch", re.I)
    assert [t for t in texts if origin.search(t)] == []
    for case in Case.objects.all():
        assert "(fictief)" in case.surname


def test_every_demo_case_page_opens_for_the_coordinator(demo, coordinator, client):
    client.post("/inloggen/", {"username": coordinator.username, "password": DEMO_PASSWORD})
    client.post("/inloggen/verificatie/", {"token": totp_now(coordinator.totpdevice_set.get())})
    assert client.get("/casussen/").status_code == 200
    for case in demo.values():
        response = client.get(f"/casussen/{case.pk}/")
        assert response.status_code == 200
        assert case.given_names in response.content.decode()
