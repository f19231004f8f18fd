"""Referral statuses: every allowed and every refused step, waiting time and reminders."""

from datetime import date, timedelta
from itertools import product

import pytest

from schakel.cases.domain.referrals import (
    DEFAULT_OVERDUE_DAYS,
    FINAL_STATUSES,
    REFERRAL_STATUS_LABELS,
    TRANSITIONS,
    ReferralEvent,
    ReferralStatus,
    TransitionError,
    check_transition,
    current_status,
    overdue,
    reminder_due,
    transitions_as_mermaid,
    waiting_days,
)

S = ReferralStatus
EXPECTED = {
    (S.SENT, S.ACCEPTED),
    (S.SENT, S.WAITING_LIST),
    (S.SENT, S.DECLINED),
    (S.WAITING_LIST, S.ACCEPTED),
    (S.WAITING_LIST, S.STARTED),
    (S.WAITING_LIST, S.DECLINED),
    (S.ACCEPTED, S.STARTED),
    (S.ACCEPTED, S.DECLINED),
    (S.STARTED, S.COMPLETED),
}
REFUSED = sorted(set(product(S, S)) - EXPECTED)
DAY = date(2026, 3, 1)


def test_the_transitions_are_exactly_the_agreed_ones():
    listed = {(old, new) for old, targets in TRANSITIONS.items() for new in targets}
    assert listed == EXPECTED
    assert set(TRANSITIONS) == set(S)
    assert {S.DECLINED, S.COMPLETED} == FINAL_STATUSES


def test_every_status_has_a_dutch_label():
    assert set(REFERRAL_STATUS_LABELS) == set(S)
    assert S.WAITING_LIST.label == "Op de wachtlijst"
    assert len(set(REFERRAL_STATUS_LABELS.values())) == len(S)


@pytest.mark.parametrize(("old", "new"), sorted(EXPECTED))
def test_allowed_step(old, new):
    check_transition(old, new)
    check_transition(old.value, new.value)  # stored strings work too


@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_refused_step_names_both_states_in_dutch(old, new):
    with pytest.raises(TransitionError) as caught:
        check_transition(old, new)
    message = str(caught.value)
    assert f"'{old.label}'" in message
    assert f"'{new.label}'" in message
    assert message.startswith("Een verwijzing kan niet van")
    assert isinstance(caught.value, ValueError)
    assert caught.value.code == "invalid_transition"
    assert (caught.value.old, caught.value.new) == (old, new)


def test_the_message_says_where_it_can_go_or_that_it_is_final():
    with pytest.raises(TransitionError, match="alleen naar: 'Hulp gestart', 'Afgewezen'"):
        check_transition(S.ACCEPTED, S.COMPLETED)
    with pytest.raises(TransitionError, match="'Afgerond' is een eindstatus"):
        check_transition(S.COMPLETED, S.STARTED)


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError):
        check_transition("sent", "lost")


def test_mermaid_draws_every_step_and_nothing_else():
    text = transitions_as_mermaid()
    lines = text.splitlines()
    assert lines[0] == "stateDiagram-v2"
    assert "    [*] --> sent" in lines
    arrows = [line.strip() for line in lines if "-->" in line and "[*]" not in line]
    assert {tuple(arrow.split(" --> ")) for arrow in arrows} == {
        (old.value, new.value) for old, new in EXPECTED
    }
    assert len(arrows) == len(EXPECTED)
    assert "    declined --> [*]" in lines
    assert "    completed --> [*]" in lines
    assert "    waiting_list: Op de wachtlijst" in lines
    assert transitions_as_mermaid() == text


@pytest.mark.parametrize(
    ("status", "limit"),
    [(S.SENT, 14), (S.WAITING_LIST, 42), (S.ACCEPTED, 14)],
)
def test_overdue_after_more_than_the_limit(status, limit):
    assert DEFAULT_OVERDUE_DAYS[status] == limit
    assert not overdue(status, DAY, DAY)
    assert not overdue(status, DAY, DAY + timedelta(days=limit))
    assert overdue(status, DAY, DAY + timedelta(days=limit + 1))
    assert reminder_due(status, DAY) == DAY + timedelta(days=limit + 1)


def test_sent_on_1_march_is_overdue_from_16_march():
    assert not overdue("sent", date(2026, 3, 1), date(2026, 3, 15))
    assert overdue("sent", date(2026, 3, 1), date(2026, 3, 16))


@pytest.mark.parametrize("status", [S.STARTED, S.DECLINED, S.COMPLETED])
def test_started_and_final_steps_are_never_overdue(status):
    assert reminder_due(status, DAY) is None
    assert not overdue(status, DAY, DAY + timedelta(days=1000))


def test_limits_replace_the_defaults():
    limits = {S.SENT: 7}
    assert not overdue(S.SENT, DAY, DAY + timedelta(days=7), limits=limits)
    assert overdue(S.SENT, DAY, DAY + timedelta(days=8), limits=limits)
    assert not overdue(S.WAITING_LIST, DAY, DAY + timedelta(days=400), limits=limits)
    merged = {**DEFAULT_OVERDUE_DAYS, S.WAITING_LIST: 28}
    assert overdue(S.WAITING_LIST, DAY, DAY + timedelta(days=29), limits=merged)
    assert overdue(S.SENT, DAY, DAY + timedelta(days=15), limits=merged)
    assert overdue(S.SENT, DAY, DAY + timedelta(days=1), limits={S.SENT: 0})


def test_a_negative_limit_is_refused():
    with pytest.raises(ValueError):
        overdue(S.SENT, DAY, DAY, limits={S.SENT: -1})


def events(*steps: tuple[ReferralStatus, int]) -> list[ReferralEvent]:
    return [ReferralEvent(status, DAY + timedelta(days=offset)) for status, offset in steps]


def test_waiting_time_runs_from_sending_to_the_start_of_help():
    history = events((S.SENT, 0), (S.WAITING_LIST, 5), (S.STARTED, 40), (S.COMPLETED, 200))
    assert waiting_days(history, DAY + timedelta(days=300)) == 40
    assert waiting_days(reversed(history), DAY + timedelta(days=300)) == 40


def test_waiting_time_runs_until_today_while_help_has_not_started():
    history = events((S.SENT, 0), (S.ACCEPTED, 3))
    assert waiting_days(history, DAY + timedelta(days=20)) == 20
    assert waiting_days(events((S.SENT, 0)), DAY) == 0


def test_waiting_time_ends_when_declined():
    history = events((S.SENT, 0), (S.WAITING_LIST, 2), (S.DECLINED, 30))
    assert waiting_days(history, DAY + timedelta(days=90)) == 30


def test_waiting_time_needs_an_event():
    with pytest.raises(ValueError):
        waiting_days([], DAY)


def test_current_status_replays_and_checks_the_history():
    history = events((S.SENT, 0), (S.WAITING_LIST, 5), (S.ACCEPTED, 20), (S.STARTED, 25))
    assert current_status(history) == S.STARTED
    with pytest.raises(TransitionError):
        current_status(events((S.SENT, 0), (S.STARTED, 3)))
    with pytest.raises(ValueError, match="starts as"):
        current_status(events((S.ACCEPTED, 0)))
    with pytest.raises(ValueError):
        current_status([])
