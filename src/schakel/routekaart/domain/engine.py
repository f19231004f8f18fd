"""The routing engine: from a situation to a deterministic, ordered list of actions (pure).

How it is fast: every distinct condition becomes a small closure and gets one bit. For each
situation field the engine memoises, per field value, the bits of the conditions that hold
(fields have few distinct values), so a situation becomes one integer in about a dozen
dictionary look-ups. A rule fires when its required bits are all set and, if it has
``when_any`` groups, all bits of one group are set.

Semantics (see docs/routekaart.md):
- The evaluation view holds every situation field except ``residence_status``: the engine
  never reads it, and refuses to compile a rule that mentions a forbidden field.
- All rules are evaluated. When several rules give the same action code, ONE action remains:
  the most urgent one (ties: lower priority number, then rule order) with its rule_id and
  contact; the distinct reasons follow each other (a space after a full sentence, otherwise
  "; "), the winning reason first.
- Output order: urgency (now, today, this_week, plan), then priority, then rule order.
- When no rule fires, the default actions are returned with rule_id "standaard".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from .rules import (
    DEFAULT_PRIORITY,
    DEFAULT_RULE_ID,
    FORBIDDEN_MESSAGE,
    URGENCY_RANK,
    ActionTemplate,
    Condition,
    Contact,
    RouteMapDoc,
    is_forbidden_name,
)
from .situation import SITUATION_FIELDS, Situation

# The fields the engine may read: everything in the contract except residence status.
ENGINE_FIELDS: Final = tuple(name for name in SITUATION_FIELDS if not is_forbidden_name(name))
_CACHE_LIMIT: Final = 4096  # memo entries per field and for merged actions; beyond: no memo

Predicate = Callable[[object], bool]
SortKey = tuple[int, int, int, int]


@dataclass(frozen=True)
class RoutedAction:
    code: str
    urgency: str
    contact: Contact | None
    why: str
    rule_id: str


def _predicate(condition: Condition) -> Predicate:
    """Compile one condition to a closure on the field's value (None = unknown)."""
    op, expected = condition.op, condition.value
    if op == "is_null":
        return lambda v: v is None or v == ()
    if op == "not_null":
        return lambda v: v is not None and v != ()
    if op == "eq":
        return lambda v: v is not None and v == expected
    if op == "ne":
        return lambda v: v is not None and v != expected
    if op in ("in", "contains_any"):
        if not isinstance(expected, tuple | list | frozenset | set):
            raise ValueError(f"{condition.field}: '{op}' verwacht een lijst")
        options = frozenset(expected)
        if op == "in":
            return lambda v: v is not None and v in options
        return lambda v: isinstance(v, tuple | list) and not options.isdisjoint(v)
    if op == "contains":
        return lambda v: isinstance(v, tuple | list) and expected in v
    if not isinstance(expected, int):
        raise ValueError(f"{condition.field}: '{op}' verwacht een geheel getal")
    limit: int = expected
    if op == "lt":
        return lambda v: isinstance(v, int) and v < limit
    if op == "lte":
        return lambda v: isinstance(v, int) and v <= limit
    if op == "gt":
        return lambda v: isinstance(v, int) and v > limit
    if op == "gte":
        return lambda v: isinstance(v, int) and v >= limit
    raise ValueError(f"{condition.field}: onbekende operator '{op}'")


class _FieldIndex:
    """The conditions on one field, with the bit mask of those that hold, per value."""

    __slots__ = ("cache", "name", "predicates")

    def __init__(self, name: str) -> None:
        self.name = name
        self.predicates: list[tuple[int, Predicate]] = []
        self.cache: dict[object, int] = {}

    def mask(self, value: object) -> int:
        try:
            return self.cache[value]
        except KeyError:
            pass
        except TypeError:  # an unhashable value (a list instead of a tuple): no memo
            return self._compute(value)
        result = self._compute(value)
        if len(self.cache) < _CACHE_LIMIT:
            self.cache[value] = result
        return result

    def _compute(self, value: object) -> int:
        result = 0
        for bit, predicate in self.predicates:
            if predicate(value):
                result |= bit
        return result


_CompiledRule = tuple[int, tuple[int, ...], tuple[int, ...]]  # required, any groups, actions


class CompiledRouteMap:
    """A route map ready to route situations. Build it with compile_route_map().

    All actions of all rules sit in one table, sorted once at compile time by
    (urgency, priority, rule order, action order). Routing collects the table positions of
    the actions of the rules that fire and sorts those integers: the first action seen for a
    code is then the winner, later ones only add their reason, and the order of the winners
    is the output order.
    """

    def __init__(
        self,
        doc: RouteMapDoc,
        contacts: Mapping[str, Contact],
        fields: Sequence[_FieldIndex],
        rules: Sequence[_CompiledRule],
        rule_ids: Sequence[str],
        table: Sequence[RoutedAction],
        defaults: Sequence[RoutedAction],
    ) -> None:
        self.doc = doc
        self.contacts: Mapping[str, Contact] = dict(contacts)
        self._fields = tuple((index.name, index.cache, index) for index in fields)
        self._rules = tuple(rules)
        self._rule_ids = tuple(rule_ids)
        self._table = tuple(table)
        self._codes = tuple(action.code for action in self._table)
        self._merged: dict[tuple[int, ...], RoutedAction] = {}
        self._defaults = tuple(defaults)

    def situation_mask(self, situation: Situation) -> int:
        """The bits of all conditions that hold for this situation."""
        mask = 0
        for name, cache, index in self._fields:
            value = getattr(situation, name)
            try:
                mask |= cache[value]
            except (KeyError, TypeError):
                mask |= index.mask(value)
        return mask

    def _fires(self, mask: int, rule: _CompiledRule) -> bool:
        required, groups, _ = rule
        if mask & required != required:
            return False
        return not groups or any(mask & group == group for group in groups)

    def fired_rule_ids(self, situation: Situation) -> list[str]:
        """The ids of the rules that fire, in rule order (for explanation and tests)."""
        mask = self.situation_mask(situation)
        return [
            rule_id
            for rule, rule_id in zip(self._rules, self._rule_ids, strict=True)
            if self._fires(mask, rule)
        ]

    def route(self, situation: Situation) -> list[RoutedAction]:
        mask = self.situation_mask(situation)
        positions: list[int] = []
        for required, groups, actions in self._rules:
            if mask & required != required:
                continue
            if groups:
                for group in groups:
                    if mask & group == group:
                        break
                else:
                    continue
            positions.extend(actions)
        if not positions:
            return list(self._defaults)
        positions.sort()
        # Positions are in winning order: per code the first is the winner, and the order
        # in which codes first appear is the output order.
        by_code: dict[str, list[int]] = {}
        codes = self._codes
        for position in positions:
            same = by_code.get(codes[position])
            if same is None:
                by_code[codes[position]] = [position]
            else:
                same.append(position)
        table = self._table
        result: list[RoutedAction] = []
        for same in by_code.values():
            if len(same) == 1:
                result.append(table[same[0]])
                continue
            key = tuple(same)
            merged = self._merged.get(key)
            if merged is None:
                merged = _combine([table[p] for p in same])
                if len(self._merged) < _CACHE_LIMIT:
                    self._merged[key] = merged
            result.append(merged)
        return result


def _combine(actions: Sequence[RoutedAction]) -> RoutedAction:
    """Several actions with one code, in winning order, become one: the first wins (most
    urgent; then lower priority number; then rule order); the distinct reasons are joined
    (see join_reasons), the winner's first; a missing contact comes from the next that has one.
    """
    winner = actions[0]
    whys = [winner.why]
    contact = winner.contact
    for other in actions[1:]:
        if other.why not in whys:
            whys.append(other.why)
        if contact is None:
            contact = other.contact
    if len(whys) == 1 and contact is winner.contact:
        return winner
    return RoutedAction(winner.code, winner.urgency, contact, join_reasons(whys), winner.rule_id)


def join_reasons(whys: Sequence[str]) -> str:
    """Full sentences follow each other with a space; fragments are joined with "; "."""
    text = whys[0]
    for why in whys[1:]:
        text += (" " if text.rstrip().endswith((".", "!", "?")) else "; ") + why
    return text


def _merge(actions: Sequence[RoutedAction]) -> list[RoutedAction]:
    """Merge actions that are already in winning order: one action per code."""
    by_code: dict[str, list[RoutedAction]] = {}
    for action in actions:
        by_code.setdefault(action.code, []).append(action)
    return [_combine(same) for same in by_code.values()]


def _resolve(code: str | None, contacts: Mapping[str, Contact], where: str) -> Contact | None:
    if code is None:
        return None
    try:
        return contacts[code]
    except KeyError:
        raise ValueError(f"{where}: contact '{code}' bestaat niet in de routekaart") from None


def _compile_actions(
    templates: Sequence[ActionTemplate],
    contacts: Mapping[str, Contact],
    rule_id: str,
    priority: int,
    rule_index: int,
) -> list[tuple[SortKey, RoutedAction]]:
    result: list[tuple[SortKey, RoutedAction]] = []
    for i, template in enumerate(templates):
        if template.urgency not in URGENCY_RANK:
            raise ValueError(f"regel '{rule_id}': onbekende urgentie '{template.urgency}'")
        contact = _resolve(template.contact, contacts, f"regel '{rule_id}'")
        key = (URGENCY_RANK[template.urgency], priority, rule_index, i)
        result.append(
            (key, RoutedAction(template.code, template.urgency, contact, template.why, rule_id))
        )
    return result


def compile_route_map(
    doc: RouteMapDoc, contacts: Mapping[str, Contact] | None = None
) -> CompiledRouteMap:
    """Compile a validated route map. ``contacts`` override the map's contacts by code, for
    regional or municipal names and numbers."""
    merged_contacts: dict[str, Contact] = dict(doc.contacts)
    if contacts:
        merged_contacts.update(contacts)
    indexes = {name: _FieldIndex(name) for name in ENGINE_FIELDS}
    bits: dict[tuple[str, str, object], int] = {}

    def bit_of(condition: Condition, rule_id: str) -> int:
        if is_forbidden_name(condition.field):
            raise ValueError(f"regel '{rule_id}', {condition.field}: {FORBIDDEN_MESSAGE}")
        if condition.field not in indexes:
            raise ValueError(f"regel '{rule_id}': onbekend veld '{condition.field}'")
        value = condition.value
        if isinstance(value, list):
            value = tuple(value)
        key = (condition.field, condition.op, value)
        bit = bits.get(key)
        if bit is None:
            bit = 1 << len(bits)
            bits[key] = bit
            indexes[condition.field].predicates.append((bit, _predicate(condition)))
        return bit

    masks: list[tuple[int, tuple[int, ...]]] = []
    keyed: list[tuple[SortKey, RoutedAction]] = []
    for rule_index, rule in enumerate(doc.rules):
        if not rule.then:
            raise ValueError(f"regel '{rule.id}': geen acties (then is leeg)")
        required = 0
        for condition in rule.when:
            required |= bit_of(condition, rule.id)
        groups: list[int] = []
        for group in rule.when_any:
            group_mask = 0
            for condition in group:
                group_mask |= bit_of(condition, rule.id)
            groups.append(group_mask)
        masks.append((required, tuple(groups)))
        keyed += _compile_actions(rule.then, merged_contacts, rule.id, rule.priority, rule_index)
    keyed.sort(key=_first)
    position = {key: i for i, (key, _) in enumerate(keyed)}
    compiled: list[_CompiledRule] = []
    for rule_index, (rule, (required, any_groups)) in enumerate(zip(doc.rules, masks, strict=True)):
        actions = tuple(
            position[(URGENCY_RANK[a.urgency], rule.priority, rule_index, i)]
            for i, a in enumerate(rule.then)
        )
        compiled.append((required, any_groups, actions))
    if not doc.default_actions:
        raise ValueError("de routekaart heeft geen standaardacties (default_actions)")
    default_keyed = _compile_actions(
        doc.default_actions, merged_contacts, DEFAULT_RULE_ID, DEFAULT_PRIORITY, len(doc.rules)
    )
    defaults = _merge([action for _, action in sorted(default_keyed, key=_first)])
    return CompiledRouteMap(
        doc,
        merged_contacts,
        [index for index in indexes.values() if index.predicates],
        compiled,
        [rule.id for rule in doc.rules],
        [action for _, action in keyed],
        defaults,
    )


def _first(pair: tuple[SortKey, RoutedAction]) -> SortKey:
    return pair[0]


def _contact_text(contact: Contact | None) -> str:
    if contact is None:
        return ""
    return f"{contact.name}, {contact.phone}" if contact.phone else contact.name


def actions_to_contract(actions: Sequence[RoutedAction]) -> dict[str, list[dict[str, str]]]:
    """The routing contract's output: {"actions": [{code, urgency, contact, why}]}."""
    return {
        "actions": [
            {
                "code": action.code,
                "urgency": action.urgency,
                "contact": _contact_text(action.contact),
                "why": action.why,
            }
            for action in actions
        ]
    }
