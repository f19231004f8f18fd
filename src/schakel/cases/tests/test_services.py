"""Case services against the database: need-to-know, audit, and the rules of the domain."""

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.cases import services
from schakel.cases.domain.closing import Aftercare
from schakel.cases.domain.decisions import DecisionDraft
from schakel.cases.domain.queue import QueueKind
from schakel.cases.models import CaseSignal
from schakel.cases.selectors import case_get_for_user, case_queue_for_user
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.intake.services import SignalInput, signal_submit

pytestmark = pytest.mark.django_db


def _signal(reporter, **overrides):
    data = SignalInput(
        given_names="Robin",
        surname="Casus (fictief)",
        places=[("GM0344", "residence")],
        exploitation_types=["criminal"],
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return signal_submit(actor=reporter, submission_key=uuid.uuid4(), data=data)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.ZORGCOORDINATOR)


@pytest.fixture
def case(make_user, coordinator):
    signal = _signal(make_user(Role.PROFESSIONAL))
    return services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)


def test_open_from_signal_copies_the_person_and_attaches_it(case, coordinator):
    assert (case.given_names, case.surname) == ("Robin", "Casus (fictief)")
    assert case.case_signals.count() == 1
    assert AuditEvent.objects.filter(action="case.open", subject_id=str(case.pk)).exists()
    with pytest.raises(DomainValidationError, match="al bij een casus"):
        services.case_open_from_signal(
            actor=coordinator, signal_id=case.case_signals.get().signal_id
        )


def test_attach_and_detach_keep_history(case, coordinator, make_user):
    signal = _signal(
        make_user(Role.PROFESSIONAL),
        given_names="Robin",
        places=[("GM0344", "residence"), ("GM0356", "school")],
    )
    with pytest.raises(DomainValidationError):
        services.case_signal_attach(
            actor=coordinator, case_id=case.pk, signal_id=signal.pk, reason=""
        )
    services.case_signal_attach(
        actor=coordinator, case_id=case.pk, signal_id=signal.pk, reason="Zelfde naam en school"
    )
    assert set(case.municipalities.values_list("code", flat=True)) == {"GM0344", "GM0356"}
    services.case_signal_detach(
        actor=coordinator, case_id=case.pk, signal_id=signal.pk, reason="Toch een andere jongere"
    )
    link = CaseSignal.objects.get(signal=signal)
    assert link.detached_at is not None and link.detach_reason == "Toch een andere jongere"
    services.case_signal_attach(
        actor=coordinator, case_id=case.pk, signal_id=signal.pk, reason="Bevestigd"
    )
    assert CaseSignal.objects.filter(signal=signal).count() == 2


def test_a_decision_without_the_childs_view_is_refused(case, coordinator):
    draft = DecisionDraft(
        what="Aanmelden bij expertisecentrum",
        why="Past bij de situatie",
        child_heard=True,
        best_interest="Veiligheid eerst",
        parents_involved=False,
        parents_reason="Vader is betrokken",
    )
    with pytest.raises(services.FormProblems) as refused:
        services.decision_record(actor=coordinator, case_id=case.pk, draft=draft)
    assert refused.value.problems["child_view"].startswith("Schrijf op wat de jongere zelf vindt")
    assert not case.decisions.exists()
    done = services.decision_record(
        actor=coordinator,
        case_id=case.pk,
        draft=DecisionDraft(**{**draft.__dict__, "child_view": "Ik wil niet naar huis."}),
    )
    assert done.child_view == "Ik wil niet naar huis."


def test_referral_steps_follow_the_workflow(case, coordinator):
    today = timezone.localdate()
    referral = services.referral_send(
        actor=coordinator,
        case_id=case.pk,
        to_name="Expertisecentrum (fictief)",
        kind="triage",
        on=today - timedelta(days=20),
    )
    with pytest.raises(DomainValidationError):
        services.referral_update(
            actor=coordinator, referral_id=referral.pk, status="completed", on=today
        )
    services.referral_update(
        actor=coordinator,
        referral_id=referral.pk,
        status="waiting_list",
        on=today - timedelta(days=19),
    )
    assert referral.events.count() == 2


def test_the_queue_shows_a_17_and_a_half_year_old_without_a_plan(case, coordinator):
    today = timezone.localdate()
    case.date_of_birth = date(today.year - 18, today.month, 1) + timedelta(days=120)
    case.save()
    kinds = {
        item.kind
        for item in case_queue_for_user(user=coordinator, today=today, now=timezone.now())[0]
    }
    assert QueueKind.EIGHTEEN_WITHOUT_PLAN in kinds
    services.transition_plan_save(
        actor=coordinator,
        case_id=case.pk,
        who_takes_over="Wijkteam 18+ (fictief)",
        adult_care_arranged=True,
        consent_asked_again=True,
        consent_given=True,
        agreed_on=today,
    )
    kinds = {
        item.kind
        for item in case_queue_for_user(user=coordinator, today=today, now=timezone.now())[0]
    }
    assert QueueKind.EIGHTEEN_WITHOUT_PLAN not in kinds


def test_repeated_missing_is_flagged(case, coordinator):
    now = timezone.now()
    for days in (40, 10):
        services.missing_episode_record(
            actor=coordinator,
            case_id=case.pk,
            start=now - timedelta(days=days),
            end=now - timedelta(days=days - 1),
        )
    kinds = {
        item.kind
        for item in case_queue_for_user(user=coordinator, today=timezone.localdate(), now=now)[0]
    }
    assert QueueKind.REPEATED_MISSING in kinds


def test_closing_needs_aftercare_and_reopening_keeps_history(case, coordinator):
    with pytest.raises(services.FormProblems) as refused:
        services.case_close(
            actor=coordinator, case_id=case.pk, reason="hulp-afgerond", note="", aftercare=[]
        )
    assert "aftercare" in refused.value.problems
    until = timezone.localdate() + timedelta(days=180)
    services.case_close(
        actor=coordinator,
        case_id=case.pk,
        reason="hulp-afgerond",
        note="Goed gegaan",
        aftercare=[Aftercare(who="Wijkteam", until=until)],
    )
    reopened = services.case_reopen(actor=coordinator, case_id=case.pk, reason="Nieuw signaal")
    assert reopened.status == "open"
    assert reopened.aftercare.count() == 1
    assert reopened.case_signals.count() == 1


def test_a_stale_form_gets_a_conflict_and_nothing_is_lost(case, coordinator):
    base = {"roepnaam": ""}
    services.case_update(
        actor=coordinator,
        case_id=case.pk,
        base=base,
        changes={"roepnaam": "Rob"},
        labels={"roepnaam": "Roepnaam"},
    )
    with pytest.raises(services.CaseConflict) as conflict:
        services.case_update(
            actor=coordinator,
            case_id=case.pk,
            base=base,
            changes={"roepnaam": "Robbie"},
            labels={"roepnaam": "Roepnaam"},
        )
    [change] = conflict.value.changes
    assert (change.theirs, change.yours) == ("Rob", "Robbie")
    case.refresh_from_db()
    assert case.roepnaam == "Rob"


def test_cases_are_need_to_know(case, make_user, other_region):
    elsewhere = make_user(Role.ZORGCOORDINATOR, regions=[other_region])
    for user in (
        elsewhere,
        make_user(Role.PROFESSIONAL),
        make_user(Role.BELEIDSMEDEWERKER, with_device=False),
    ):
        with pytest.raises(NotFoundOrForbidden):
            case_get_for_user(user=user, case_id=case.pk)
        with pytest.raises(NotFoundOrForbidden):
            services.case_reopen(actor=user, case_id=case.pk, reason="x")
