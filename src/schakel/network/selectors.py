"""Access-checked, audited reads of the context network.

Only the care coordinator of a region reads its network (``region_ids_for_action``): another
region's entity looks the same as one that does not exist. Every read writes an audit row with
the ids of the cases and signals it showed, because which young people connect to which place
is personal data.

A young person in the network is a case, or a sent signal that is in no case of the region
(shown as "Signaal 123"); an entity attached to a signal that is in a case counts for that
case. Names of young people never appear: the coordinator opens the case for details.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from schakel.accounts.policy import Action
from schakel.accounts.scoping import region_ids_for_action
from schakel.audit.services import audit_record
from schakel.cases.domain.closing import CaseStatus
from schakel.cases.models import Case, CaseSignal
from schakel.cases.selectors import case_get_for_user
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.intake.constants import SignalStatus
from schakel.intake.selectors import signal_get_for_user

from .constants import KIND_SHAPES, SUBJECT_ENTITY, SUBJECT_LINK, SUBJECT_NETWORK, EntityKind
from .domain.graph import CASE, SIGNAL, Component, Edge, Person, components
from .models import ContextEntity, ContextEntityRename, ContextLink


@dataclass(frozen=True)
class Target:
    """A signal or a case: exactly one of the two."""

    signal_id: int | None = None
    case_id: int | None = None

    def __post_init__(self) -> None:
        if (self.signal_id is None) == (self.case_id is None):
            raise ValueError("a target is a signal or a case")

    @property
    def kind(self) -> str:
        return "case" if self.case_id is not None else "signal"

    @property
    def id(self) -> int:
        return int(self.case_id if self.case_id is not None else self.signal_id or 0)

    def lookup(self) -> dict[str, int]:
        """The ContextLink field and value: ``{"case_id": 12}`` or ``{"signal_id": 34}``."""
        return {f"{self.kind}_id": self.id}


def target_region_id(*, actor: Any, target: Target, action: str = Action.NETWORK_EDIT) -> int:
    """The region of a signal or case the actor may attach to; NotFoundOrForbidden otherwise.

    The cases and intake selectors check that the actor reaches the record at all; the
    network adds that the record belongs to one of the actor's own regions.
    """
    regions = region_ids_for_action(actor, action)
    if target.case_id is not None:
        case = case_get_for_user(user=actor, case_id=target.case_id, audit=False)
        region_id = case.region_id
    else:
        signal = signal_get_for_user(user=actor, signal_id=target.id, audit=False)
        if signal.status == SignalStatus.DRAFT:
            raise NotFoundOrForbidden()
        region_id = signal.region_id
    if region_id is None or region_id not in regions:
        raise NotFoundOrForbidden()
    return int(region_id)


def entities_in_scope(*, user: Any, action: str = Action.NETWORK_VIEW) -> QuerySet[ContextEntity]:
    """The entities of the regions whose network ``user`` may see."""
    return ContextEntity.objects.filter(region_id__in=region_ids_for_action(user, action))


def _audit(
    user: Any,
    action: str,
    subject_type: str,
    subject_id: int | str,
    request: HttpRequest | None,
    details: dict[str, Any],
) -> None:
    with transaction.atomic():
        audit_record(
            actor=user,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            request=request,
            details=details,
        )


# --- Young people as nodes ------------------------------------------------------------------


@dataclass(frozen=True)
class PersonView:
    person: Person
    label: str  # "Casus 12" or "Signaal 34": never a name
    url: str
    closed: bool = False

    @property
    def node_id(self) -> str:
        return f"{'c' if self.person.kind == CASE else 's'}{self.person.id}"


def _person_view(person: Person, closed_cases: Collection[int] = ()) -> PersonView:
    if person.kind == CASE:
        return PersonView(
            person,
            _("Casus %(n)s") % {"n": person.id},
            reverse("cases:detail", args=[person.id]),
            closed=person.id in closed_cases,
        )
    return PersonView(
        person, _("Signaal %(n)s") % {"n": person.id}, reverse("intake:detail", args=[person.id])
    )


def _cases_of_signals(signal_ids: Any, regions: Collection[int]) -> dict[int, list[int]]:
    """Per signal, the cases of the regions it is attached to now."""
    found: dict[int, list[int]] = defaultdict(list)
    rows = (
        CaseSignal.objects.filter(
            signal_id__in=signal_ids, detached_at__isnull=True, case__region_id__in=regions
        )
        .order_by("case_id")
        .values_list("signal_id", "case_id")
    )
    for signal_id, case_id in rows:
        found[signal_id].append(case_id)
    return found


def _edges(
    rows: Iterable[tuple[int, int | None, int | None]], cases_of: dict[int, list[int]]
) -> list[Edge]:
    """(entity, signal, case) attachments as edges between a young person and an entity."""
    edges = []
    for entity_id, signal_id, case_id in rows:
        if case_id is not None:
            edges.append(Edge(Person(CASE, case_id), entity_id))
        elif signal_id is not None and cases_of.get(signal_id):
            edges.extend(Edge(Person(CASE, c), entity_id) for c in cases_of[signal_id])
        elif signal_id is not None:
            edges.append(Edge(Person(SIGNAL, signal_id), entity_id))
    return edges


def _closed_cases(case_ids: Collection[int]) -> set[int]:
    return set(
        Case.objects.filter(pk__in=case_ids)
        .exclude(status=CaseStatus.OPEN.value)
        .values_list("pk", flat=True)
    )


# --- The overview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityView:
    id: int
    kind: str
    kind_label: str
    label: str  # with the platform of an account
    degree: int  # young people it is attached to (after the filter)

    @property
    def url(self) -> str:
        return reverse("network:entity", args=[self.id])

    @property
    def node_id(self) -> str:
        return f"e{self.id}"


@dataclass
class ClusterView:
    number: int
    persons: list[PersonView]
    connectors: list[EntityView]  # attached to two or more of its young people
    others: list[EntityView]  # attached to one of them
    most_connecting: list[EntityView]


@dataclass
class NetworkOverview:
    clusters: list[ClusterView]
    entities: list[EntityView]  # every entity of the region (of the chosen kinds)
    graph: dict[str, Any]  # nodes and edges of the clusters, for cytoscape.js
    kinds: list[str]  # the chosen kinds ([] = all)
    persons_in_clusters: int = 0
    links: int = 0  # active attachments (of the chosen kinds)
    region_count: int = 0
    shown: dict[str, list[int]] = field(default_factory=dict)


def _entity_label(label: str, platform: str) -> str:
    return f"{label} ({platform})" if platform else label


def _entity_views(rows: Iterable[dict[str, Any]], degrees: dict[int, int]) -> dict[int, EntityView]:
    labels = dict(EntityKind.choices)
    return {
        row["id"]: EntityView(
            id=row["id"],
            kind=row["kind"],
            kind_label=str(labels.get(row["kind"], row["kind"])),
            label=_entity_label(row["label"], row["platform"]),
            degree=degrees.get(row["id"], 0),
        )
        for row in rows
    }


def _graph(clusters: list[ClusterView], components_: list[Component]) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for cluster, component in zip(clusters, components_, strict=True):
        by_entity = {e.id: e for e in [*cluster.connectors, *cluster.others]}
        by_person = {p.person: p for p in cluster.persons}
        for person in cluster.persons:
            nodes.append(
                {
                    "id": person.node_id,
                    "label": person.label,
                    "kind": person.person.kind,
                    "shape": "ellipse",
                    "href": person.url,
                    "cluster": cluster.number,
                }
            )
        for entity in by_entity.values():
            nodes.append(
                {
                    "id": entity.node_id,
                    "label": entity.label,
                    "kind": entity.kind,
                    "kindLabel": entity.kind_label,
                    "shape": KIND_SHAPES.get(entity.kind, "round-rectangle"),
                    "href": entity.url,
                    "cluster": cluster.number,
                    "degree": entity.degree,
                }
            )
        for edge in component.edges:
            source = by_person[edge.person].node_id
            edges.append(
                {
                    "id": f"{source}-e{edge.entity}",
                    "source": source,
                    "target": f"e{edge.entity}",
                }
            )
    return {"nodes": nodes, "edges": edges}


def network_overview_for_user(
    *, user: Any, kinds: Collection[str] = (), request: HttpRequest | None = None
) -> NetworkOverview:
    """The clusters of the user's regions (young people who share an entity), every entity
    with the number of young people it is attached to, and the graph of the clusters.

    A fixed number of queries, however large the network.
    """
    regions = region_ids_for_action(user, Action.NETWORK_VIEW)
    chosen = sorted(set(kinds) & set(EntityKind.values))
    links = ContextLink.objects.filter(entity__region_id__in=regions, detached_at__isnull=True)
    entities = ContextEntity.objects.filter(region_id__in=regions)
    if chosen:
        links = links.filter(entity__kind__in=chosen)
        entities = entities.filter(kind__in=chosen)
    rows = list(links.values_list("entity_id", "signal_id", "case_id"))
    signals = links.filter(signal__isnull=False).values("signal_id")
    edges = _edges(rows, _cases_of_signals(signals, regions))
    found = components(edges)
    degrees = {item.entity: item.degree for c in found for item in c.entities}
    views = _entity_views(
        entities.values("id", "kind", "label", "platform").order_by("kind", "label", "id"),
        degrees,
    )
    clustered = [c for c in found if c.is_cluster]
    case_ids = {p.id for c in clustered for p in c.persons if p.kind == CASE}
    closed = _closed_cases(case_ids) if case_ids else set()
    clusters = []
    for number, component in enumerate(clustered, start=1):
        connectors = [views[item.entity] for item in component.connectors]
        others = [views[item.entity] for item in component.entities if item.degree < 2]
        clusters.append(
            ClusterView(
                number=number,
                persons=[_person_view(p, closed) for p in component.persons],
                connectors=connectors,
                others=sorted(others, key=lambda e: (e.kind_label, e.label.casefold(), e.id)),
                most_connecting=[views[item.entity] for item in component.most_connecting],
            )
        )
    shown = {
        "cases": sorted(case_ids),
        "signals": sorted({p.id for c in clustered for p in c.persons if p.kind == SIGNAL}),
    }
    _audit(
        user,
        "network.view",
        SUBJECT_NETWORK,
        "",
        request,
        {
            "regions": sorted(regions),
            "kinds": chosen,
            "clusters": len(clusters),
            **shown,
        },
    )
    return NetworkOverview(
        clusters=clusters,
        entities=sorted(views.values(), key=lambda e: (e.kind_label, e.label.casefold(), e.id)),
        graph=_graph(clusters, clustered),
        kinds=chosen,
        persons_in_clusters=sum(len(c.persons) for c in clusters),
        links=len(rows),
        region_count=len(regions),
        shown=shown,
    )


# --- One entity -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkView:
    link: ContextLink
    person: PersonView  # the young person it counts for
    via_signal: int | None  # attached to this signal, which is in the case of ``person``
    target_label: str  # "Casus 12" or "Signaal 34"
    target_url: str


@dataclass
class EntityDetail:
    entity: ContextEntity
    kind_label: str
    label: str
    active: list[LinkView]
    detached: list[LinkView]
    renames: list[ContextEntityRename]

    @property
    def persons(self) -> int:
        return len({view.person.person for view in self.active})


def _link_views(links: list[ContextLink], regions: Collection[int]) -> list[LinkView]:
    cases_of = _cases_of_signals([ln.signal_id for ln in links if ln.signal_id], regions)
    case_ids = {ln.case_id for ln in links if ln.case_id}
    case_ids |= {c for ids in cases_of.values() for c in ids}
    closed = _closed_cases(case_ids) if case_ids else set()
    views = []
    for link in links:
        if link.case_id is not None:
            target = _person_view(Person(CASE, link.case_id), closed)
            views.append(LinkView(link, target, None, target.label, target.url))
            continue
        signal_id = int(link.signal_id or 0)  # the check constraint: a signal when no case
        signal = _person_view(Person(SIGNAL, signal_id))
        cases = cases_of.get(signal_id, [])
        person = _person_view(Person(CASE, cases[0]), closed) if cases else signal
        via = signal_id if cases else None
        views.append(LinkView(link, person, via, signal.label, signal.url))
    return views


def entity_get_for_user(
    *,
    user: Any,
    entity_id: int,
    action: str = Action.NETWORK_VIEW,
    request: HttpRequest | None = None,
) -> ContextEntity:
    """An entity of the user's regions, without its attachments (audited)."""
    entity = entities_in_scope(user=user, action=action).filter(pk=entity_id).first()
    if entity is None:
        raise NotFoundOrForbidden()
    _audit(user, "network.entity_view", SUBJECT_ENTITY, entity.pk, request, {})
    return entity


def link_get_for_user(
    *,
    user: Any,
    link_id: int,
    action: str = Action.NETWORK_VIEW,
    request: HttpRequest | None = None,
) -> ContextLink:
    """One attachment in the user's regions (audited: it says which young person and which
    entity belong together)."""
    regions = region_ids_for_action(user, action)
    link = (
        ContextLink.objects.select_related("entity")
        .filter(pk=link_id, entity__region_id__in=regions)
        .first()
    )
    if link is None:
        raise NotFoundOrForbidden()
    target = Target(signal_id=link.signal_id, case_id=link.case_id)
    _audit(
        user,
        "network.link_view",
        SUBJECT_LINK,
        link.pk,
        request,
        {"entity": link.entity_id, target.kind: target.id},
    )
    return link


def entity_detail_for_user(
    *, user: Any, entity_id: int, request: HttpRequest | None = None
) -> EntityDetail:
    """One entity with the signals and cases it is attached to, now and before."""
    regions = region_ids_for_action(user, Action.NETWORK_VIEW)
    entity = ContextEntity.objects.filter(pk=entity_id, region_id__in=regions).first()
    if entity is None:
        raise NotFoundOrForbidden()
    links = list(
        ContextLink.objects.filter(entity=entity)
        .select_related("attached_by", "detached_by")
        .order_by("attached_at", "pk")
    )
    views = _link_views(links, regions)
    detail = EntityDetail(
        entity=entity,
        kind_label=str(EntityKind(entity.kind).label),
        label=_entity_label(entity.label, entity.platform),
        active=[v for v in views if v.link.detached_at is None],
        detached=[v for v in views if v.link.detached_at is not None],
        renames=list(entity.renames.select_related("renamed_by")),
    )
    _audit(
        user,
        "network.entity_view",
        SUBJECT_ENTITY,
        entity.pk,
        request,
        {
            "cases": sorted({ln.case_id for ln in links if ln.case_id}),
            "signals": sorted({ln.signal_id for ln in links if ln.signal_id}),
        },
    )
    return detail


# --- The section on a signal or case page ---------------------------------------------------


@dataclass
class AttachedView:
    target: Target
    links: list[LinkView]  # attached now, to this case or signal (or a signal of this case)
    can_edit: bool
    # Per entity: how many other young people it is attached to now.
    others: dict[int, int] = field(default_factory=dict)

    def rows(self) -> list[tuple[LinkView, int]]:
        return [(view, self.others.get(view.link.entity_id, 0)) for view in self.links]


def _degrees(entity_ids: Collection[int], regions: Collection[int]) -> dict[int, int]:
    """How many young people each entity is attached to now."""
    links = ContextLink.objects.filter(entity_id__in=entity_ids, detached_at__isnull=True)
    rows = list(links.values_list("entity_id", "signal_id", "case_id"))
    cases_of = _cases_of_signals(links.filter(signal__isnull=False).values("signal_id"), regions)
    persons: dict[int, set[Person]] = defaultdict(set)
    for edge in _edges(rows, cases_of):
        persons[edge.entity].add(edge.person)
    return {entity: len(found) for entity, found in persons.items()}


def attached_for_user(
    *, user: Any, target: Target, request: HttpRequest | None = None
) -> AttachedView:
    """What is attached now to a case (also through its signals) or to a signal, for the
    section on its page. NotFoundOrForbidden outside the user's regions."""
    target_region_id(actor=user, target=target, action=Action.NETWORK_VIEW)
    regions = region_ids_for_action(user, Action.NETWORK_VIEW)
    links = ContextLink.objects.filter(
        detached_at__isnull=True, entity__region_id__in=regions
    ).select_related("entity", "attached_by")
    if target.case_id is not None:
        signal_ids = CaseSignal.objects.filter(
            case_id=target.case_id, detached_at__isnull=True
        ).values("signal_id")
        found = list(links.filter(case_id=target.case_id)) + list(
            links.filter(signal_id__in=signal_ids)
        )
        subject_type, subject_id = "case", target.case_id
    else:
        found = list(links.filter(signal_id=target.signal_id))
        subject_type, subject_id = "signal", target.id
    found.sort(key=lambda ln: (ln.entity.kind, ln.entity.label.casefold(), ln.pk))
    _audit(
        user,
        "network.attached_view",
        subject_type,
        subject_id,
        request,
        {"entities": sorted({ln.entity_id for ln in found})},
    )
    try:
        region_ids_for_action(user, Action.NETWORK_EDIT)
        can_edit = True
    except NotFoundOrForbidden:
        can_edit = False
    entity_ids = {ln.entity_id for ln in found}
    degrees = _degrees(entity_ids, regions) if entity_ids else {}
    return AttachedView(
        target=target,
        links=_link_views(found, regions),
        can_edit=can_edit,
        others={entity: max(count - 1, 0) for entity, count in degrees.items()},
    )


def kind_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in EntityKind.choices]
