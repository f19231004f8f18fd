"""The monitor's counts made ahead (aggregates.py) and the indicators of time and continuity:
what a policy officer reads is counted once per year and kept fresh, and the new indicators
count what their formula says."""

import uuid
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.cases import services as case_services
from schakel.cases.models import Case, CaseSignal, Referral
from schakel.geo.models import Municipality
from schakel.intake.models import Signal
from schakel.intake.services import SignalInput, signal_submit
from schakel.monitor.aggregates import counting_definition, refresh_year
from schakel.monitor.domain.indicators import Span
from schakel.monitor.models import CountRefresh, MonthlyCount
from schakel.monitor.selectors import municipality_tables

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()
SENT = datetime(2025, 8, 10, 12, tzinfo=TZ)
Q3 = Span(2025, 3)
AFTER_Q3 = date(2025, 10, 2)


def _signal(reporter, *, age=16, born=None, surname="Fictief"):
    signal = signal_submit(
        actor=reporter,
        submission_key=uuid.uuid4(),
        data=SignalInput(
            given_names="Sam",
            surname=surname,
            age=None if born else age,
            date_of_birth=born,
            places=[("GM0344", "residence")],
            exploitation_types=["sexual"],
        ),
    )
    Signal.objects.filter(pk=signal.pk).update(submitted_at=SENT)
    return signal


def _counts(code: str, breakdown: str, today: date = AFTER_Q3, span: Span = Q3) -> dict:
    gm0344 = Municipality.objects.get(code="GM0344")
    table = next(
        t
        for t in municipality_tables(gm0344, span, today, codes=[code])
        if t.key.endswith(breakdown)
    )
    return {row: table.counts.get((row, span.year, span.column), 0) for row, _label in table.rows}


@pytest.fixture
def coordinator(region, make_user):
    return make_user(Role.ZORGCOORDINATOR)


def test_a_year_is_counted_ahead_once_and_again_when_a_quarter_has_ended(reporter):
    for i in range(3):
        _signal(reporter, surname=f"Een{i} (fictief)")
    # In September the third quarter has not ended: it counts nothing yet.
    assert _counts("signalen", "totaal", today=date(2025, 9, 15)) == {"": 0}
    refresh = CountRefresh.objects.get(year=2025)
    assert refresh.counted_until == date(2025, 6, 30)
    # Once it has ended, the next page counts the year again, now with the third quarter.
    assert _counts("signalen", "totaal") == {"": 3}
    refresh.refresh_from_db()
    assert refresh.counted_until == date(2025, 9, 30)
    # What is kept are counts per municipality and month: never a signal or a name.
    assert set(MonthlyCount.objects.values_list("month", flat=True)) == {date(2025, 8, 1)}
    assert {f.name for f in MonthlyCount._meta.get_fields()} == {
        "id",
        "indicator",
        "breakdown",
        "value",
        "municipality",
        "month",
        "count",
    }


def test_counts_stay_as_counted_until_they_are_too_old_or_counted_again(reporter, settings):
    _signal(reporter, surname="Eerste (fictief)")
    assert _counts("signalen", "totaal") == {"": 1}
    _signal(reporter, surname="Tweede (fictief)")  # sent (backdated) into a counted quarter
    assert _counts("signalen", "totaal") == {"": 1}  # fresh enough: not counted again
    settings.SCHAKEL_MONITOR_COUNTS_MAX_AGE_MINUTES = 0
    assert _counts("signalen", "totaal") == {"": 2}  # too old: counted again
    settings.SCHAKEL_MONITOR_COUNTS_MAX_AGE_MINUTES = 1560
    _signal(reporter, surname="Derde (fictief)")
    call_command("monitor", "refresh", "--year", "2025", stdout=__import__("io").StringIO())
    assert _counts("signalen", "totaal") == {"": 3}


def test_time_from_signal_to_case_in_bands_and_not_yet(reporter, coordinator):
    signals = [_signal(reporter, surname=f"Tijd{i} (fictief)") for i in range(6)]
    for signal, days in zip(signals[:4], (0, 5, 40, 70), strict=True):
        case_services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)
        CaseSignal.objects.filter(signal=signal).update(attached_at=SENT + timedelta(days=days))
    counts = _counts("signalen", "pickup_band")
    # 70 days after 10 August is past the end of the quarter: not yet taken up by then.
    assert counts == {"0-1": 1, "2-7": 1, "8-28": 0, "29+": 1, "nog niet": 3}
    assert _counts("signalen", "totaal") == {"": 6}  # the bands share the signals' total


def test_time_from_first_signal_to_referral(reporter, coordinator):
    for i, days in enumerate((3, 20)):
        signal = _signal(reporter, surname=f"Verwijs{i} (fictief)")
        case = case_services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)
        referral = case_services.referral_send(
            actor=coordinator, case_id=case.pk, to_name="Hulp", kind="", on=date(2025, 9, 1)
        )
        Referral.objects.filter(pk=referral.pk).update(created_at=SENT + timedelta(days=days))
    assert _counts("tijd_tot_verwijzing", "referral_band") == {
        "0-1": 0,
        "2-7": 1,
        "8-28": 1,
        "29+": 0,
    }


def test_young_people_of_17_and_a_half_with_and_without_a_complete_plan(reporter, coordinator):
    cases = []
    for i, born in enumerate((date(2008, 1, 5), date(2007, 12, 1), date(2010, 6, 1))):
        signal = _signal(reporter, born=born, surname=f"Plan{i} (fictief)")
        cases.append(case_services.case_open_from_signal(actor=coordinator, signal_id=signal.pk))
    Case.objects.update(created_at=SENT)
    case_services.transition_plan_save(
        actor=coordinator,
        case_id=cases[0].pk,
        who_takes_over="Wijkteam volwassenen",
        adult_care_arranged=True,
        consent_asked_again=True,
        consent_given=True,
        agreed_on=date(2025, 9, 1),
    )
    # On 30 September 2025 the first two are 17½ or older (the third is 15): one complete plan.
    counts = _counts("overgangsplan", "transition_plan")
    assert counts == {"volledig": 1, "niet volledig": 1}
    assert _counts("overgangsplan", "totaal") == {"": 2}


def test_refresh_replaces_the_counts_of_the_year_only(reporter):
    _signal(reporter)
    refresh_year(2025, AFTER_Q3)
    other = MonthlyCount.objects.create(
        indicator="signalen",
        municipality=Municipality.objects.get(code="GM0344"),
        month=date(2024, 5, 1),
        count=9,
    )
    refresh_year(2025, AFTER_Q3, force=True)
    assert MonthlyCount.objects.filter(pk=other.pk).exists()
    assert MonthlyCount.objects.filter(month__year=2025, breakdown="").exists()


def test_new_cases_by_form_of_exploitation_and_age_when_opened(reporter, coordinator):
    ages = [date(2011, 1, 1), date(2009, 3, 1), date(2009, 4, 1)]  # 14, 16 and 16 in Aug 2025
    for i, born in enumerate(ages):
        signal = _signal(reporter, born=born, surname=f"Vorm{i} (fictief)")
        case = case_services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)
        Case.objects.filter(pk=case.pk).update(
            created_at=SENT, exploitation_types=["sexual", "criminal"] if i == 0 else ["criminal"]
        )
    by_form = _counts("casussen_nieuw", "exploitation")
    assert by_form["sexual"] == 1 and by_form["criminal"] == 3 and by_form["onbekend"] == 0
    assert _counts("casussen_nieuw", "age_band") == {
        "0-11": 0,
        "12-15": 1,
        "16-17": 2,
        "18+": 0,
        "onbekend": 0,
    }
    assert _counts("casussen_nieuw", "totaal") == {"": 3}


def test_counts_of_another_definition_are_counted_again(reporter):
    _signal(reporter, surname="Eerste (fictief)")
    assert _counts("signalen", "totaal") == {"": 1}
    _signal(reporter, surname="Tweede (fictief)")
    assert _counts("signalen", "totaal") == {"": 1}  # fresh: not counted again
    # As after an update that adds a breakdown: what was counted no longer matches.
    CountRefresh.objects.filter(year=2025).update(definition="een eerdere indeling")
    assert _counts("signalen", "totaal") == {"": 2}
    assert CountRefresh.objects.get(year=2025).definition == counting_definition()
