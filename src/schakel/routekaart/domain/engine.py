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
  contact; the distinct reasons are joined with "; ", the winning reason first.
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
_CACHE_LIMIT: Final = 4096  # memoised values per field; beyond this, evaluate directly

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


@dataclass(frozen=True)
class _CompiledAction:
    key: SortKey  # (urgency rank, priority, rule index, action index): lower wins
    code: str
    urgency: str
    contact: Contact | None
    why: str
    rule_id: str


@dataclass(frozen=True)
class _CompiledRule:
    required: int
    any_groups: tuple[int, ...]
    actions: tuple[_CompiledAction, ...]


class CompiledRouteMap:
    """A route map ready to route situations. Build it with compile_route_map()."""

    def __init__(
        self,
        doc: RouteMapDoc,
        contacts: Mapping[str, Contact],
        fields: Sequence[_FieldIndex],
        rules: Sequence[_CompiledRule],
        defaults: Sequence[RoutedAction],
    ) -> None:
        self.doc = doc
        self.contacts: Mapping[str, Contact] = dict(contacts)
        self._fields = tuple((index.name, index) for index in fields)
        self._rules = tuple(rules)
        self._defaults = tuple(defaults)

    def situation_mask(self, situation: Situation) -> int:
        mask = 0
        for name, index in self._fields:
            mask |= index.mask(getattr(situation, name))
        return mask

    def fired_rule_ids(self, situation: Situation) -> list[str]:
        """The ids of the rules that fire, in rule order (for explanation and tests)."""
        mask = self.situation_mask(situation)
        return [rule.actions[0].rule_id for rule in self._fired(mask)]

    def _fired(self, mask: int) -> list[_CompiledRule]:
        fired: list[_CompiledRule] = []
        for rule in self._rules:
            required = rule.required
            if mask & required != required:
                continue
            if rule.any_groups:
                for group in rule.any_groups:
                    if mask & group == group:
                        break
                else:
                    continue
            fired.append(rule)
        return fired

    def route(self, situation: Situation) -> list[RoutedAction]:
        fired = self._fired(self.situation_mask(situation))
        if not fired:
            return list(self._defaults)
        return _merge([action for rule in fired for action in rule.actions])


def _merge(actions: Sequence[_CompiledAction]) -> list[RoutedAction]:
    """One action per code: the most urgent wins; distinct reasons are joined."""
    by_code: dict[str, list[_CompiledAction]] = {}
    for action in actions:
        found = by_code.get(action.code)
        if found is None:
            by_code[action.code] = [action]
        else:
            found.append(action)
    merged: list[tuple[SortKey, RoutedAction]] = []
    for items in by_code.values():
        if len(items) == 1:
            one = items[0]
            routed = RoutedAction(one.code, one.urgency, one.contact, one.why, one.rule_id)
            merged.append((one.key, routed))
            continue
        items.sort(key=_key)
        winner = items[0]
        whys: list[str] = []
        contact = winner.contact
        for item in items:
            if item.why not in whys:
                whys.append(item.why)
            if contact is None:
                contact = item.contact
        routed = RoutedAction(winner.code, winner.urgency, contact, "; ".join(whys), winner.rule_id)
        merged.append((winner.key, routed))
    merged.sort(key=_first)
    return [action for _, action in merged]


def _key(action: _CompiledAction) -> SortKey:
    return action.key


def _first(pair: tuple[SortKey, RoutedAction]) -> SortKey:
    return pair[0]


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
) -> tuple[_CompiledAction, ...]:
    result: list[_CompiledAction] = []
    for i, template in enumerate(templates):
        if template.urgency not in URGENCY_RANK:
            raise ValueError(f"regel '{rule_id}': onbekende urgentie '{template.urgency}'")
        result.append(
            _CompiledAction(
                key=(URGENCY_RANK[template.urgency], priority, rule_index, i),
                code=template.code,
                urgency=template.urgency,
                contact=_resolve(template.contact, contacts, f"regel '{rule_id}'"),
                why=template.why,
                rule_id=rule_id,
            )
        )
    return tuple(result)


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
        if is_forbidden_name(condition.field) or condition.field not in indexes:
            if is_forbidden_name(condition.field):
                raise ValueError(f"regel '{rule_id}', {condition.field}: {FORBIDDEN_MESSAGE}")
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

    compiled: list[_CompiledRule] = []
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
        compiled.append(
            _CompiledRule(
                required=required,
                any_groups=tuple(groups),
                actions=_compile_actions(
                    rule.then, merged_contacts, rule.id, rule.priority, rule_index
                ),
            )
        )
    if not doc.default_actions:
        raise ValueError("de routekaart heeft geen standaardacties (default_actions)")
    defaults = _merge(
        _compile_actions(
            doc.default_actions, merged_contacts, DEFAULT_RULE_ID, DEFAULT_PRIORITY, len(doc.rules)
        )
    )
    fields = [index for index in indexes.values() if index.predicates]
    return CompiledRouteMap(doc, merged_contacts, fields, compiled, defaults)


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
