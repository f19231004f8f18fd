"""The demo context network: one group of connected young people in the demo region, loaded
through the services, once, with no name of a young person in it."""

import io

import pytest
from django.core.management import call_command

from schakel.accounts.demo import demo_load
from schakel.accounts.models import User
from schakel.audit.models import AuditEvent
from schakel.cases.demo import demo_cases_load
from schakel.intake.demo import demo_signals_load
from schakel.network.demo import DEMO_LINKS, demo_network_load
from schakel.network.models import ContextLink
from schakel.network.selectors import network_overview_for_user

pytestmark = pytest.mark.django_db


def test_the_demo_shows_one_cluster_connected_most_by_a_phone_number(settings):
    settings.SCHAKEL_DEMO_MODE = True
    call_command("load_reference_data", stdout=io.StringIO())
    region = demo_load()
    demo_signals_load(region_id=region.pk)
    demo_cases_load()
    assert demo_network_load() == len(DEMO_LINKS)
    assert demo_network_load() == 0  # loading twice adds nothing
    assert ContextLink.objects.count() == len(DEMO_LINKS)
    assert AuditEvent.objects.filter(action="network.attach").count() == len(DEMO_LINKS)
    coordinator = User.objects.get(username="demo-zorgcoordinator")
    overview = network_overview_for_user(user=coordinator)
    (cluster,) = overview.clusters
    kinds = [p.person.kind for p in cluster.persons]
    assert kinds == ["case", "case", "case", "signal"]
    assert [e.label for e in cluster.most_connecting] == ["06-00 00 00 17"]
    assert cluster.most_connecting[0].degree == 3
    assert {e.kind for e in cluster.connectors} == {"phone", "hotel", "account"}
    assert [e.kind for e in cluster.others] == ["vehicle"]
    text = str(overview.graph) + " ".join(note for _d, _s, _t, note in DEMO_LINKS)
    for name in ("Demi", "Noor", "Luuk", "Milan"):
        assert name not in text


def test_outside_demo_mode_nothing_is_loaded(settings):
    settings.SCHAKEL_DEMO_MODE = False
    assert demo_network_load() == 0
