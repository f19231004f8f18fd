"""Optimistic locking: conflicts only where both changed a field differently; nothing lost."""

import pytest

from schakel.cases.domain.locking import (
    CONFLICT_MESSAGE,
    FieldChange,
    changed_by_others,
    conflict_lines,
    conflicts,
    merge_possible,
    merged,
)

LABELS = {"summary": "Samenvatting", "urgent": "Spoed", "team_end": "Einddatum team"}
BASE = {"summary": "Twee signalen", "urgent": False, "team_end": "2026-06-01"}


def test_nothing_changed_by_others_means_no_conflict():
    submitted = {**BASE, "summary": "Drie signalen"}
    assert conflicts(BASE, BASE, submitted, LABELS) == []
    assert merge_possible(BASE, BASE, submitted)
    assert merged(BASE, BASE, submitted) == submitted


def test_changes_to_different_fields_combine():
    current = {**BASE, "urgent": True}
    submitted = {**BASE, "summary": "Drie signalen"}
    assert conflicts(BASE, current, submitted, LABELS) == []
    assert merged(BASE, current, submitted) == {**BASE, "urgent": True, "summary": "Drie signalen"}


def test_their_change_is_kept_when_you_left_the_field_alone():
    current = {**BASE, "summary": "Twee signalen en een vermissing"}
    submitted = dict(BASE)  # the form sends every field, unchanged
    assert merged(BASE, current, submitted) == current


def test_both_changed_the_same_field_differently():
    current = {**BASE, "summary": "Drie signalen", "urgent": True}
    submitted = {**BASE, "summary": "Vier signalen", "urgent": True}
    assert conflicts(BASE, current, submitted, LABELS) == [
        FieldChange(
            field="summary",
            label="Samenvatting",
            theirs="Drie signalen",
            yours="Vier signalen",
            base="Twee signalen",
        )
    ]
    assert not merge_possible(BASE, current, submitted)
    with pytest.raises(ValueError):
        merged(BASE, current, submitted)


def test_the_same_change_twice_is_no_conflict():
    current = {**BASE, "urgent": True}
    assert conflicts(BASE, current, {**BASE, "urgent": True}, LABELS) == []


def test_conflicts_follow_the_form_order_and_fall_back_to_the_field_name():
    base = {"a": 1, "b": 1}
    current = {"a": 2, "b": 2}
    submitted = {"b": 3, "a": 3}
    assert [change.field for change in conflicts(base, current, submitted, {})] == ["b", "a"]
    assert conflicts(base, current, submitted, {})[0].label == "b"


def test_a_field_that_appeared_meanwhile():
    current = {**BASE, "note": "Nieuw"}
    [change] = conflicts(BASE, current, {**BASE, "note": "Ander"}, LABELS)
    assert (change.field, change.theirs, change.yours, change.base) == (
        "note",
        "Nieuw",
        "Ander",
        None,
    )


def test_changed_by_others_lists_every_change():
    current = {**BASE, "urgent": True, "summary": "Anders"}
    changes = changed_by_others(BASE, current, LABELS)
    assert [(c.label, c.base, c.theirs) for c in changes] == [
        ("Samenvatting", "Twee signalen", "Anders"),
        ("Spoed", False, True),
    ]


def test_conflict_lines_are_plain_dutch():
    changes = [
        FieldChange("urgent", "Spoed", theirs=True, yours=False, base=None),
        FieldChange("summary", "Samenvatting", theirs="", yours="Kort", base="Lang"),
    ]
    assert CONFLICT_MESSAGE == "Iemand anders heeft dit intussen gewijzigd."
    assert conflict_lines(changes) == [
        "Spoed: de ander maakte er 'ja' van, u 'nee'. Eerst stond er '(leeg)'.",
        "Samenvatting: de ander maakte er '(leeg)' van, u 'Kort'. Eerst stond er 'Lang'.",
    ]
