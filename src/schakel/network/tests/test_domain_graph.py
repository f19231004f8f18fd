"""Connected components of hand-made networks: which young people connect, and which entity
connects the most (pure, no database)."""

import random

import pytest

from schakel.network.domain.graph import (
    CASE,
    SIGNAL,
    Edge,
    EntityDegree,
    Person,
    clusters,
    components,
)


def c(n: int) -> Person:
    return Person(CASE, n)


def s(n: int) -> Person:
    return Person(SIGNAL, n)


def test_two_cases_that_share_a_hotel_are_one_cluster():
    found = components([Edge(c(1), 10), Edge(c(2), 10)])
    assert len(found) == 1
    assert found[0].persons == (c(1), c(2))
    assert found[0].entities == (EntityDegree(10, 2),)
    assert found[0].is_cluster and found[0].most_connecting == (EntityDegree(10, 2),)


def test_a_chain_through_different_entities_is_one_component():
    # case 1 - phone 10 - case 2 - hotel 11 - signal 3 - account 12 - case 4
    edges = [
        Edge(c(1), 10),
        Edge(c(2), 10),
        Edge(c(2), 11),
        Edge(s(3), 11),
        Edge(s(3), 12),
        Edge(c(4), 12),
    ]
    (only,) = components(edges)
    assert only.persons == (c(1), c(2), c(4), s(3))  # cases first, then signals
    assert {item.entity for item in only.connectors} == {10, 11, 12}


def test_the_entity_that_connects_most_comes_first_and_ties_are_all_named():
    edges = [Edge(c(n), 20) for n in (1, 2, 3)] + [Edge(c(1), 21), Edge(c(2), 21)]
    (only,) = components(edges)
    assert only.entities == (EntityDegree(20, 3), EntityDegree(21, 2))
    assert only.most_connecting == (EntityDegree(20, 3),)
    tie = components([Edge(c(1), 31), Edge(c(2), 31), Edge(c(2), 30), Edge(c(3), 30)])[0]
    assert tie.most_connecting == (EntityDegree(30, 2), EntityDegree(31, 2))


def test_an_entity_of_one_young_person_is_no_connector_and_no_cluster():
    found = components([Edge(c(1), 10), Edge(c(1), 11)])
    assert len(found) == 1 and not found[0].is_cluster
    assert found[0].connectors == ()
    assert clusters([Edge(c(1), 10), Edge(c(1), 11)]) == []


def test_separate_groups_are_separate_and_sorted_largest_first():
    edges = [
        Edge(c(9), 1),
        Edge(c(8), 1),  # two young people
        Edge(c(1), 2),
        Edge(c(2), 2),
        Edge(s(3), 2),  # three young people
        Edge(c(5), 3),  # one young person
    ]
    found = components(edges)
    assert [len(x.persons) for x in found] == [3, 2, 1]
    assert [x.persons[0] for x in clusters(edges)] == [c(1), c(8)]


def test_the_same_edges_in_any_order_or_twice_give_the_same_result():
    edges = [Edge(c(n % 7), n % 5) for n in range(40)] + [Edge(s(n), 100 + n % 3) for n in range(9)]
    expected = components(edges)
    shuffled = edges * 2
    random.Random(7).shuffle(shuffled)
    assert components(shuffled) == expected
    # Degrees count different young people, not attachments.
    assert all(item.degree <= len(x.persons) for x in expected for item in x.entities)


def test_a_case_and_a_signal_with_the_same_number_are_different_young_people():
    (only,) = components([Edge(c(1), 10), Edge(s(1), 10)])
    assert only.persons == (c(1), s(1)) and only.is_cluster


def test_nothing_in_gives_nothing_out():
    assert components([]) == [] and clusters([]) == []


def test_an_unknown_kind_of_young_person_is_a_mistake():
    with pytest.raises(ValueError, match="unknown kind"):
        Person("nationality", 1)
