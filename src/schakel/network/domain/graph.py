"""Which young people connect through the same place, account, vehicle or phone number.

Pure Python, no Django. The input is a list of edges between a young person (a case, or a
signal that is in no case) and a context entity. The output is the connected components, each
with its young people and its entities, and per entity how many young people it connects
(its degree). A component with two or more young people is a cluster worth listing.

This is a picture that supports the care coordinator's judgement. It counts links and sorts
them so the same data always gives the same list; it scores nobody and decides nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

CASE = "case"
SIGNAL = "signal"
CLUSTER_MIN_PERSONS = 2


@dataclass(frozen=True, order=True)
class Person:
    """A young person: a case, or a signal not in any case. Cases sort before signals."""

    kind: str  # CASE or SIGNAL
    id: int

    def __post_init__(self) -> None:
        if self.kind not in (CASE, SIGNAL):
            raise ValueError(f"unknown kind of young person: {self.kind!r}")


@dataclass(frozen=True, order=True)
class Edge:
    person: Person
    entity: int


@dataclass(frozen=True)
class EntityDegree:
    entity: int
    degree: int  # how many different young people it is attached to


@dataclass(frozen=True)
class Component:
    persons: tuple[Person, ...]  # sorted: cases first, each by id
    entities: tuple[EntityDegree, ...]  # most young people first, then by id
    edges: tuple[Edge, ...] = field(default=(), compare=False)

    @property
    def is_cluster(self) -> bool:
        return len(self.persons) >= CLUSTER_MIN_PERSONS

    @property
    def connectors(self) -> tuple[EntityDegree, ...]:
        """The entities that connect two or more young people."""
        return tuple(item for item in self.entities if item.degree >= CLUSTER_MIN_PERSONS)

    @property
    def most_connecting(self) -> tuple[EntityDegree, ...]:
        """The entity that connects most young people (all of them when several tie)."""
        if not self.entities:
            return ()
        top = self.entities[0].degree
        return tuple(item for item in self.entities if item.degree == top)


class UnionFind:
    """Disjoint sets of hashable nodes: ``union`` joins two nodes' sets, ``find`` names a
    node's set by one of its members. Shared by the context network and the same-person
    groups of the linkage app (signals joined by confirmed links)."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, node: Hashable) -> Hashable:
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, left: Hashable, right: Hashable) -> None:
        a, b = self.find(left), self.find(right)
        if a != b:
            self.parent[b] = a

    def members(self, node: Hashable) -> set[Hashable]:
        """Every node in the set of ``node`` (``node`` itself when it was never joined)."""
        root = self.find(node)
        return {other for other in list(self.parent) if self.find(other) == root}


def _sort_key(component: Component) -> tuple[int, int, Person]:
    return (-len(component.persons), -len(component.entities), component.persons[0])


def components(edges: Iterable[Edge]) -> list[Component]:
    """Every connected component, largest first (most young people, then most entities, then
    the first young person), so the same edges always give the same list."""
    unique = sorted(set(edges))
    sets = UnionFind()
    for edge in unique:
        sets.union(("p", edge.person), ("e", edge.entity))
    persons: dict[object, set[Person]] = defaultdict(set)
    linked: dict[int, set[Person]] = defaultdict(set)
    entities: dict[object, set[int]] = defaultdict(set)
    grouped: dict[object, list[Edge]] = defaultdict(list)
    for edge in unique:
        root = sets.find(("p", edge.person))
        persons[root].add(edge.person)
        entities[root].add(edge.entity)
        linked[edge.entity].add(edge.person)
        grouped[root].append(edge)
    found = []
    for root, members in persons.items():
        degrees = sorted(
            (EntityDegree(entity, len(linked[entity])) for entity in entities[root]),
            key=lambda item: (-item.degree, item.entity),
        )
        found.append(Component(tuple(sorted(members)), tuple(degrees), tuple(grouped[root])))
    return sorted(found, key=_sort_key)


def clusters(edges: Iterable[Edge]) -> list[Component]:
    """The components with at least two young people."""
    return [component for component in components(edges) if component.is_cluster]
