"""The demo measures: loaded through the services, once, with something to compare."""

import pytest

from schakel.accounts.demo import demo_load
from schakel.accounts.tests.factories import municipality
from schakel.audit.models import AuditEvent
from schakel.measures.demo import demo_measures_load
from schakel.measures.models import Measure
from schakel.measures.selectors import before_after

pytestmark = pytest.mark.django_db


def test_demo_measures_load_once_for_the_demo_policy_officer():
    for code in ("GM0344", "GM0356", "GM0321", "GM0353", "GM0331"):
        municipality(code)  # the reference data
    demo_load()
    assert demo_measures_load() == 2
    assert demo_measures_load() == 0
    assert AuditEvent.objects.filter(action="measure.create").count() == 2
    prevention, training = Measure.objects.order_by("start_date")
    assert prevention.municipality.code == "GM0344"
    assert before_after(prevention).comparison.quarters == 3
    assert before_after(training).comparison.quarters == 1
