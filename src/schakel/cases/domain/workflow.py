"""Workflow states as data: check a transition, and draw the allowed ones as a diagram."""

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

S = TypeVar("S", bound=StrEnum)


class TransitionError(ValueError):
    """A move between two states that the workflow does not allow.

    ``code`` is stable for machines (API, logs); ``str(error)`` is the Dutch message for people.
    """

    code = "invalid_transition"

    def __init__(self, old: StrEnum, new: StrEnum, message: str) -> None:
        self.old = old
        self.new = new
        self.message = message
        super().__init__(message)


def check(
    transitions: Mapping[S, frozenset[S]],
    labels: Mapping[S, str],
    old: S,
    new: S,
    *,
    subject: str,
) -> None:
    """Raise TransitionError unless ``old -> new`` is listed in ``transitions``.

    ``subject`` names the thing in Dutch, with its article ("Een verwijzing").
    Staying in the same state is not a transition and is refused too.
    """
    allowed = transitions.get(old, frozenset())
    if new in allowed:
        return
    message = f"{subject} kan niet van '{labels[old]}' naar '{labels[new]}' gaan."
    if allowed:
        options = ", ".join(f"'{labels[state]}'" for state in _ordered(allowed, labels))
        message += f" Vanuit '{labels[old]}' kan het alleen naar: {options}."
    else:
        message += f" '{labels[old]}' is een eindstatus: daarna verandert er niets meer."
    raise TransitionError(old, new, message)


def final_states(transitions: Mapping[S, frozenset[S]]) -> frozenset[S]:
    """States with no way out."""
    return frozenset(state for state, targets in transitions.items() if not targets)


def as_mermaid(
    transitions: Mapping[S, frozenset[S]],
    labels: Mapping[S, str],
    *,
    initial: S,
) -> str:
    """A Mermaid ``stateDiagram-v2`` of the transitions, in the order of ``labels``."""
    lines = ["stateDiagram-v2"]
    lines += [f"    {state.value}: {labels[state]}" for state in labels]
    lines.append(f"    [*] --> {initial.value}")
    for state in labels:
        targets = transitions.get(state, frozenset())
        lines += [f"    {state.value} --> {target.value}" for target in _ordered(targets, labels)]
        if not targets:
            lines.append(f"    {state.value} --> [*]")
    return "\n".join(lines) + "\n"


def _ordered(states: frozenset[S], labels: Mapping[S, str]) -> list[S]:
    """The states in declaration order (the order of ``labels``), for stable text."""
    return [state for state in labels if state in states]
