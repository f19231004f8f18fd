"""The demo trainings and activities: loaded through the services, and only once."""

import pytest

from schakel.accounts.demo import demo_load
from schakel.accounts.models import User
from schakel.accounts.tests.factories import municipality
from schakel.audit.models import AuditEvent
from schakel.practice.demo import DEMO_ACTIVITIES, DEMO_TRAININGS, demo_practice_load
from schakel.practice.models import ParticipationActivity, TrainingRecord
from schakel.practice.selectors import participation_summary, training_coverage

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_shows_figures_for_the_policy_officer():
    municipality("GM0344")  # the reference data
    demo_load()
    assert demo_practice_load() == (len(DEMO_TRAININGS), len(DEMO_ACTIVITIES))
    assert demo_practice_load() == (len(DEMO_TRAININGS), len(DEMO_ACTIVITIES))
    assert TrainingRecord.objects.count() == len(DEMO_TRAININGS) >= 25
    assert ParticipationActivity.objects.count() == 4
    assert AuditEvent.objects.filter(action="training.create").count() == len(DEMO_TRAININGS)

    beleid = User.objects.get(username="demo-beleid")
    utrecht = municipality("GM0344")
    coverage = training_coverage(beleid, utrecht.pk)
    assert 0 < coverage.organisations_trained < coverage.first_line_organisations
    assert coverage.accounts_trained == 1  # the demo professional
    summary = participation_summary(beleid, utrecht.pk)
    assert (summary.activities, summary.with_change) == (3, 2)
