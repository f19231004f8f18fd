"""The work queue: which items appear, how urgent, in which order, and the counts."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest

from schakel.cases.domain.missing import MissingEpisode
from schakel.cases.domain.queue import (
    OpenAction,
    QueueCase,
    QueueItem,
    QueueKind,
    QueueReferral,
    QueueSettings,
    QueueSort,
    Severity,
    filter_queue,
    queue_counts,
    sort_queue,
    work_queue,
)
from schakel.cases.domain.referrals import ReferralStatus

TODAY = date(2026, 3, 15)
NOW = datetime(2026, 3, 15, 9, 0, tzinfo=UTC)
CALM = QueueCase(id=1, name_display="A.", date_of_birth=date(2012, 1, 1))


def ago(days: int, hours: int | None = 4) -> MissingEpisode:
    start = NOW - timedelta(days=days)
    return MissingEpisode(
        start=start, end=None if hours is None else start + timedelta(hours=hours)
    )


def queue(*cases: QueueCase, **kwargs) -> list[QueueItem]:
    return work_queue(cases, TODAY, NOW, **kwargs)


def kinds(items: list[QueueItem]) -> list[QueueKind]:
    return [item.kind for item in items]


def test_a_calm_case_gives_nothing():
    assert queue(CALM) == []
    assert queue() == []


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        work_queue([CALM], TODAY, datetime(2026, 3, 15, 9, 0))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("count", "label"), [(0, None), (1, "1 nieuw signaal"), (3, "3 nieuwe signalen")]
)
def test_new_signals(count, label):
    items = queue(replace(CALM, new_signals=count))
    assert [item.label for item in items] == ([label] if label else [])
    if label:
        assert items[0].kind == QueueKind.NEW_SIGNAL
        assert items[0].severity == Severity.HIGH
        assert items[0].due == TODAY


def test_overdue_actions_are_those_due_before_today():
    case = replace(
        CALM,
        open_actions=[
            OpenAction(10, "Gesprek met school", TODAY - timedelta(days=1)),
            OpenAction(11, "Veilig Thuis bellen", TODAY),
            OpenAction(12, "Evaluatie", None),
        ],
    )
    [item] = queue(case)
    assert (item.kind, item.ref, item.due) == (QueueKind.OVERDUE_ACTION, 10, date(2026, 3, 14))
    assert item.label == "Gesprek met school (moest af op 14 maart 2026)"


@pytest.mark.parametrize(
    ("status", "days", "expected"),
    [
        (ReferralStatus.SENT, 14, False),
        (ReferralStatus.SENT, 15, True),
        (ReferralStatus.WAITING_LIST, 42, False),
        (ReferralStatus.WAITING_LIST, 43, True),
        (ReferralStatus.ACCEPTED, 15, True),
        (ReferralStatus.STARTED, 400, False),
        (ReferralStatus.COMPLETED, 400, False),
    ],
)
def test_referrals_waiting_too_long(status, days, expected):
    since = TODAY - timedelta(days=days)
    items = queue(replace(CALM, referrals=[QueueReferral(7, status, since, to="Fier")]))
    assert bool(items) is expected
    if expected:
        assert items[0].kind == QueueKind.REFERRAL_WAITING
        assert items[0].severity == Severity.NORMAL
        assert items[0].ref == 7
        assert "Fier" in items[0].label
        assert str(days) in items[0].label


def test_referral_limits_are_configurable():
    case = replace(
        CALM, referrals=[QueueReferral(7, ReferralStatus.SENT, TODAY - timedelta(days=8))]
    )
    assert queue(case) == []
    settings = QueueSettings(referral_limits={ReferralStatus.SENT: 7})
    [item] = queue(case, settings=settings)
    assert item.label == "Verwijzing: na 8 dagen nog geen antwoord"


def test_seventeen_and_a_half_without_plan():
    exactly = date(2008, 9, 15)  # 17 and a half today; 18 in 184 days
    [item] = queue(replace(CALM, date_of_birth=exactly))
    assert item.kind == QueueKind.EIGHTEEN_WITHOUT_PLAN
    assert item.due == date(2026, 9, 15)
    assert item.severity == Severity.NORMAL
    assert item.label.startswith("Wordt 18 op 15 september 2026")
    assert queue(replace(CALM, date_of_birth=exactly + timedelta(days=1))) == []
    complete = replace(CALM, date_of_birth=exactly, has_complete_transition_plan=True)
    assert queue(complete) == []


def test_a_coming_18th_birthday_without_plan_is_more_urgent():
    [soon] = queue(replace(CALM, date_of_birth=date(2008, 6, 13)))  # 18 in 90 days
    assert soon.severity == Severity.HIGH
    [later] = queue(replace(CALM, date_of_birth=date(2008, 6, 14)))  # 18 in 91 days
    assert later.severity == Severity.NORMAL


def test_an_adult_without_plan_stays_in_the_queue():
    [item] = queue(replace(CALM, date_of_birth=date(2007, 1, 1)))
    assert item.severity == Severity.HIGH
    assert item.label == "Is 18 of ouder en heeft nog geen compleet plan voor na het 18e jaar"


def test_unknown_date_of_birth_gives_no_birthday_item():
    assert queue(replace(CALM, date_of_birth=None)) == []


def test_the_transition_age_is_configurable():
    case = replace(CALM, date_of_birth=date(2009, 1, 1))  # 17 and 2 months
    assert queue(case) == []
    assert kinds(queue(case, settings=QueueSettings(transition_plan_from=(17, 0)))) == [
        QueueKind.EIGHTEEN_WITHOUT_PLAN
    ]


def test_repeated_missing():
    [item] = queue(replace(CALM, missing_episodes=[ago(10), ago(80)]))
    assert (item.kind, item.severity) == (QueueKind.REPEATED_MISSING, Severity.HIGH)
    assert item.label == "2 keer vermist in de laatste 90 dagen"
    assert queue(replace(CALM, missing_episodes=[ago(10), ago(91)])) == []


def test_repeated_missing_and_missing_now_is_one_urgent_item():
    [item] = queue(replace(CALM, missing_episodes=[ago(1, hours=None), ago(30)]))
    assert (item.kind, item.severity) == (QueueKind.REPEATED_MISSING, Severity.URGENT)
    assert item.label.endswith("nu vermist sinds 14 maart 2026")


def test_missing_now_for_the_first_time():
    [item] = queue(replace(CALM, missing_episodes=[ago(1, hours=None)]))
    assert (item.kind, item.severity) == (QueueKind.MISSING_NOW, Severity.URGENT)
    assert item.label == "Nu vermist sinds 14 maart 2026"


@pytest.mark.parametrize("kwargs", [{"missing_threshold": 0}, {"missing_window_days": 0}])
def test_nonsense_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        QueueSettings(**kwargs)


def test_missing_settings_are_configurable():
    case = replace(CALM, missing_episodes=[ago(10), ago(50)])
    assert queue(case, settings=QueueSettings(missing_threshold=3)) == []
    assert queue(case, settings=QueueSettings(missing_window_days=30)) == []


BUSY = [
    QueueCase(
        id=2,
        name_display="B.",
        date_of_birth=date(2008, 5, 1),  # 18 in 47 days, no plan: high
        new_signals=2,
        referrals=[QueueReferral(20, ReferralStatus.WAITING_LIST, TODAY - timedelta(days=60))],
    ),
    QueueCase(
        id=3,
        name_display="C.",
        date_of_birth=date(2011, 1, 1),
        missing_episodes=[ago(2, hours=None)],
        open_actions=[OpenAction(30, "Huisbezoek", TODAY - timedelta(days=5))],
    ),
    QueueCase(
        id=4,
        name_display="D.",
        date_of_birth=date(2008, 8, 1),  # 17 and 7 months: normal
        referrals=[QueueReferral(40, ReferralStatus.SENT, TODAY - timedelta(days=20))],
    ),
]


def test_ordered_by_severity_then_due_date():
    items = queue(*BUSY)
    assert [(item.case_id, item.kind, item.severity) for item in items] == [
        (3, QueueKind.MISSING_NOW, Severity.URGENT),
        (3, QueueKind.OVERDUE_ACTION, Severity.HIGH),  # due 10 March
        (2, QueueKind.NEW_SIGNAL, Severity.HIGH),  # due today
        (2, QueueKind.EIGHTEEN_WITHOUT_PLAN, Severity.HIGH),  # due 1 May
        (2, QueueKind.REFERRAL_WAITING, Severity.NORMAL),  # due 26 February
        (4, QueueKind.REFERRAL_WAITING, Severity.NORMAL),  # due 10 March
        (4, QueueKind.EIGHTEEN_WITHOUT_PLAN, Severity.NORMAL),  # due 1 August
    ]
    for earlier, later in pairwise(items):
        assert earlier.severity >= later.severity


def test_the_order_does_not_depend_on_the_input_order():
    assert queue(*reversed(BUSY)) == queue(*BUSY)


def test_counts_per_kind_include_zeros():
    counts = queue_counts(queue(*BUSY))
    assert counts == {
        QueueKind.MISSING_NOW: 1,
        QueueKind.NEW_SIGNAL: 1,
        QueueKind.OVERDUE_ACTION: 1,
        QueueKind.REFERRAL_WAITING: 2,
        QueueKind.EIGHTEEN_WITHOUT_PLAN: 2,
        QueueKind.REPEATED_MISSING: 0,
    }
    assert list(counts) == list(QueueKind)
    assert sum(queue_counts([]).values()) == 0


def test_filters():
    items = queue(*BUSY)
    referrals = filter_queue(items, kinds=["referral_waiting"])
    assert [item.ref for item in referrals] == [20, 40]
    assert {item.severity for item in filter_queue(items, min_severity=Severity.HIGH)} == {
        Severity.URGENT,
        Severity.HIGH,
    }
    assert {item.case_id for item in filter_queue(items, case_id=4)} == {4}
    assert filter_queue(items) == items
    assert filter_queue(items, kinds=[]) == []
    both = filter_queue(items, kinds=[QueueKind.EIGHTEEN_WITHOUT_PLAN], min_severity=Severity.HIGH)
    assert [item.case_id for item in both] == [2]


def test_other_sort_orders():
    items = queue(*BUSY)
    by_due = sort_queue(items, QueueSort.DUE)
    dues = [item.due for item in by_due]
    assert dues == sorted(dues)
    by_name = sort_queue(items, "name")
    assert [item.name_display for item in by_name] == ["B.", "B.", "B.", "C.", "C.", "D.", "D."]
    assert by_name[0].kind == QueueKind.NEW_SIGNAL  # within a name, most urgent first


def test_items_without_due_date_come_last():
    dated = QueueItem(1, QueueKind.NEW_SIGNAL, "x", TODAY, Severity.HIGH)
    undated = QueueItem(2, QueueKind.NEW_SIGNAL, "y", None, Severity.HIGH)
    assert sort_queue([undated, dated]) == [dated, undated]
    assert sort_queue([undated, dated], "due") == [dated, undated]
