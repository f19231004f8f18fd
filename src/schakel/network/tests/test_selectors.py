"""Reads of the context network: only the coordinator's own regions, a signal in a case counts
as that case, no names, and every read audited with the ids it showed."""

import pytest

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.cases import services as case_services
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.network import services
from schakel.network.domain.graph import CASE, SIGNAL, Person
from schakel.network.selectors import (
    Target,
    attached_for_user,
    entity_detail_for_user,
    network_overview_for_user,
)

from .conftest import attach, send_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(coordinator, make_case, reporter):
    """Two cases share a phone; the second case and a loose signal share a hotel; a third case
    has only a car."""
    first, second, alone = make_case(), make_case(), make_case()
    loose = send_signal(reporter)
    attach(coordinator, case=first, label="06-12345678")
    attach(coordinator, case=second, label="0612345678")
    attach(coordinator, case=second, kind="hotel", label="Hotel De Zwaan")
    attach(coordinator, signal=loose, kind="hotel", label="hotel de zwaan")
    attach(coordinator, case=alone, kind="vehicle", label="AB-123-C")
    return {"first": first, "second": second, "alone": alone, "loose": loose}


def test_the_coordinator_sees_one_cluster_with_the_connecting_entities(coordinator, network):
    overview = network_overview_for_user(user=coordinator)
    (cluster,) = overview.clusters
    assert [p.person for p in cluster.persons] == [
        Person(CASE, network["first"].pk),
        Person(CASE, network["second"].pk),
        Person(SIGNAL, network["loose"].pk),
    ]
    assert [p.label for p in cluster.persons] == [
        f"Casus {network['first'].pk}",
        f"Casus {network['second'].pk}",
        f"Signaal {network['loose'].pk}",
    ]
    assert sorted(e.label for e in cluster.connectors) == ["06-12345678", "Hotel De Zwaan"]
    assert cluster.others == []
    # The car of the third case is in the list of entities, not in a cluster.
    assert [(e.label, e.degree) for e in overview.entities] == [
        ("Hotel De Zwaan", 2),
        ("06-12345678", 2),
        ("AB-123-C", 1),
    ]
    nodes = {n["id"] for n in overview.graph["nodes"]}
    assert f"c{network['alone'].pk}" not in nodes and len(overview.graph["edges"]) == 4


def test_no_name_of_a_young_person_is_in_the_overview(coordinator, network):
    overview = network_overview_for_user(user=coordinator)
    assert "Sam" not in str(overview.graph) and "Jongere (fictief)" not in str(overview.graph)
    assert all(not p.label.startswith("Sam") for c in overview.clusters for p in c.persons)


def test_a_signal_in_a_case_counts_as_that_case(coordinator, network, reporter):
    case_services.case_signal_attach(
        actor=coordinator,
        case_id=network["first"].pk,
        signal_id=network["loose"].pk,
        reason="Zelfde jongere",
    )
    (cluster,) = network_overview_for_user(user=coordinator).clusters
    assert [p.person for p in cluster.persons] == [
        Person(CASE, network["first"].pk),
        Person(CASE, network["second"].pk),
    ]
    hotel = next(e for e in cluster.connectors if e.label == "Hotel De Zwaan")
    detail = entity_detail_for_user(user=coordinator, entity_id=hotel.id)
    via = next(v for v in detail.active if v.link.signal_id)
    assert via.via_signal == network["loose"].pk and via.person.person.id == network["first"].pk


def test_the_filter_by_kind_redraws_the_clusters(coordinator, network):
    phones = network_overview_for_user(user=coordinator, kinds=["phone"])
    (cluster,) = phones.clusters
    assert len(cluster.persons) == 2 and [e.label for e in cluster.connectors] == ["06-12345678"]
    assert [e.label for e in phones.entities] == ["06-12345678"]
    assert network_overview_for_user(user=coordinator, kinds=["vehicle"]).clusters == []
    # Unknown kinds are ignored, not an error.
    assert len(network_overview_for_user(user=coordinator, kinds=["x"]).clusters) == 1


def test_a_detached_link_no_longer_connects(coordinator, network):
    detail_id = next(
        e.id
        for e in network_overview_for_user(user=coordinator).entities
        if e.label == "06-12345678"
    )
    link = entity_detail_for_user(user=coordinator, entity_id=detail_id).active[0].link
    services.link_detach(actor=coordinator, link_id=link.pk, reason="Verkeerd nummer.")
    (cluster,) = network_overview_for_user(user=coordinator).clusters
    assert [e.label for e in cluster.connectors] == ["Hotel De Zwaan"]
    detail = entity_detail_for_user(user=coordinator, entity_id=detail_id)
    assert len(detail.active) == 1 and len(detail.detached) == 1
    assert detail.detached[0].link.detach_note == "Verkeerd nummer."


def test_another_regions_coordinator_sees_nothing_and_gets_not_found(
    coordinator, other_coordinator, network
):
    overview = network_overview_for_user(user=other_coordinator)
    assert overview.clusters == [] and overview.entities == []
    entity_id = network_overview_for_user(user=coordinator).entities[0].id
    with pytest.raises(NotFoundOrForbidden):
        entity_detail_for_user(user=other_coordinator, entity_id=entity_id)
    with pytest.raises(NotFoundOrForbidden):
        attached_for_user(user=other_coordinator, target=Target(case_id=network["first"].pk))


def test_other_roles_are_refused_by_the_policy(make_user, network):
    for role in (Role.PROFESSIONAL, Role.BELEIDSMEDEWERKER, Role.PRIVACY_OFFICER):
        with pytest.raises(NotFoundOrForbidden):
            network_overview_for_user(user=make_user(role))


def test_every_read_is_audited_with_the_ids_it_showed(coordinator, network):
    before = AuditEvent.objects.count()
    network_overview_for_user(user=coordinator, kinds=["hotel"])
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.action == "network.view" and event.actor_id == coordinator.pk
    assert event.details["kinds"] == ["hotel"]
    assert event.details["cases"] == [network["second"].pk]
    assert event.details["signals"] == [network["loose"].pk]
    entity_id = network_overview_for_user(user=coordinator).entities[0].id
    entity_detail_for_user(user=coordinator, entity_id=entity_id)
    assert AuditEvent.objects.order_by("-seq").first().action == "network.entity_view"
    attached_for_user(user=coordinator, target=Target(case_id=network["second"].pk))
    last = AuditEvent.objects.order_by("-seq").first()
    assert (last.action, last.subject_type, last.subject_id) == (
        "network.attached_view",
        "case",
        str(network["second"].pk),
    )
    assert len(last.details["entities"]) == 2


def test_the_case_section_shows_its_own_and_its_signals_entities(coordinator, network, reporter):
    extra = send_signal(reporter)
    attach(coordinator, signal=extra, kind="account", label="@demo", platform="Snapchat")
    case_services.case_signal_attach(
        actor=coordinator, case_id=network["alone"].pk, signal_id=extra.pk, reason="Zelfde"
    )
    view = attached_for_user(user=coordinator, target=Target(case_id=network["alone"].pk))
    assert sorted(str(v.link.entity) for v in view.links) == ["@demo (Snapchat)", "AB-123-C"]
    assert view.can_edit
    second = attached_for_user(user=coordinator, target=Target(case_id=network["second"].pk))
    # The phone and the hotel are each attached to one other young person.
    assert sorted(others for _view, others in second.rows()) == [1, 1]
