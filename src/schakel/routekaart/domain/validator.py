"""Load, validate and write route maps (routekaarten) as data (pure, no ORM).

``load_route_map`` checks everything at once and reports ALL problems in Dutch: which rule,
which field, what is wrong and what is allowed. A route map that passes is safe to compile:
no reference to residence status, nationality or origin, only known fields, operators that
fit the field, known action codes and urgencies, and contacts that exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import yaml

from .rules import (
    ACTION_CODES,
    CONDITION_OPS,
    DEFAULT_PRIORITY,
    DEFAULT_RULE_ID,
    FORBIDDEN_MESSAGE,
    KIND_LABELS,
    OPS_BY_KIND,
    URGENCIES,
    ActionTemplate,
    Condition,
    Consultation,
    Contact,
    RouteMapDoc,
    Rule,
    is_forbidden_name,
)
from .situation import (
    EXPLOITATION_TYPES,
    INT_RANGES,
    MUNICIPALITY_CODE,
    SITUATION_FIELDS,
    show_value,
)

TOP_LEVEL_KEYS: Final = (
    "name",
    "description",
    "contacts",
    "consultations",
    "default_actions",
    "rules",
)
CONTACT_KEYS: Final = ("name", "phone", "hours", "address", "url", "notes")
CONSULTATION_KEYS: Final = ("name", "participants", "when", "frequency", "chair")
RULE_KEYS: Final = ("id", "description", "priority", "when", "when_any", "then")
ACTION_KEYS: Final = ("code", "urgency", "contact", "why")
CODE_PATTERN: Final = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
PRIORITY_RANGE: Final = (0, 10000)
MAX_RULES: Final = 5000


@dataclass(frozen=True)
class ValidationIssue:
    rule_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"regel '{self.rule_id}', " if self.rule_id else ""
        return f"{where}{self.field}: {self.message}"


class RouteMapError(ValueError):
    """The route map is not valid; ``issues`` lists every problem found."""

    def __init__(self, issues: Sequence[ValidationIssue]) -> None:
        self.issues = list(issues)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.issues)
        head = f"De routekaart bevat {count} {'fout' if count == 1 else 'fouten'}:"
        return "\n".join([head, *(f"- {issue}" for issue in self.issues)])


def _join(items: Sequence[str]) -> str:
    return ", ".join(items)


class _Checker:
    """Collects issues while turning plain data into the frozen dataclasses."""

    def __init__(self) -> None:
        self.issues: list[ValidationIssue] = []

    def add(self, rule_id: str | None, field: str, message: str) -> None:
        self.issues.append(ValidationIssue(rule_id, field, message))

    # -- small helpers -------------------------------------------------------------------

    def text(
        self,
        rule_id: str | None,
        where: str,
        value: object,
        *,
        required: bool = False,
    ) -> str:
        if value is None:
            if required:
                self.add(rule_id, where, "ontbreekt; vul een tekst in")
            return ""
        if not isinstance(value, str):
            self.add(
                rule_id,
                where,
                f"moet tekst zijn, niet {show_value(value)} (zet de waarde tussen "
                "aanhalingstekens)",
            )
            return ""
        if required and not value.strip():
            self.add(rule_id, where, "is leeg; vul een tekst in")
        return value

    def keys(
        self,
        rule_id: str | None,
        where: str,
        data: Mapping[Any, object],
        allowed: Sequence[str],
    ) -> None:
        for key in data:
            if isinstance(key, str) and key in allowed:
                continue
            name = f"{where}.{key}" if where else str(key)
            if is_forbidden_name(key):
                self.add(rule_id, name, FORBIDDEN_MESSAGE)
            else:
                self.add(
                    rule_id,
                    name,
                    f"onbekende sleutel {show_value(key)}; toegestaan: {_join(allowed)}",
                )

    # -- contacts and consultations ------------------------------------------------------

    def contacts(self, data: object) -> dict[str, Contact]:
        result: dict[str, Contact] = {}
        if data is None:
            return result
        if not isinstance(data, Mapping):
            self.add(None, "contacts", "moet een lijst van contacten per code zijn (mapping)")
            return result
        for code, body in data.items():
            where = f"contacts.{code}"
            if not isinstance(code, str) or not CODE_PATTERN.match(code):
                self.add(
                    None,
                    where,
                    f"ongeldige contactcode {show_value(code)}: gebruik kleine letters, "
                    'cijfers en streepjes, tussen aanhalingstekens (bijvoorbeeld "112")',
                )
                continue
            if not isinstance(body, Mapping):
                self.add(None, where, "moet velden hebben, minstens name")
                continue
            self.keys(None, where, body, CONTACT_KEYS)
            values = {key: self.text(None, f"{where}.{key}", body.get(key)) for key in CONTACT_KEYS}
            if not values["name"].strip():
                self.add(None, f"{where}.name", "ontbreekt; elk contact heeft een naam")
            result[code] = Contact(code=code, **values)
        return result

    def consultations(self, data: object) -> tuple[Consultation, ...]:
        if data is None:
            return ()
        if not isinstance(data, list):
            self.add(None, "consultations", "moet een lijst van overlegvormen zijn")
            return ()
        result: list[Consultation] = []
        for i, body in enumerate(data):
            where = f"consultations[{i}]"
            if not isinstance(body, Mapping):
                self.add(None, where, "moet velden hebben: " + _join(CONSULTATION_KEYS))
                continue
            self.keys(None, where, body, CONSULTATION_KEYS)
            values = {
                key: self.text(None, f"{where}.{key}", body.get(key), required=key == "name")
                for key in CONSULTATION_KEYS
            }
            result.append(Consultation(**values))
        return tuple(result)

    # -- actions -------------------------------------------------------------------------

    def actions(
        self,
        rule_id: str | None,
        where: str,
        data: object,
        refs: list[tuple[str | None, str, str]],
    ) -> tuple[ActionTemplate, ...]:
        if data is None or data == []:
            self.add(rule_id, where, "is leeg; geef minstens één actie (code, urgency, why)")
            return ()
        if not isinstance(data, list):
            self.add(rule_id, where, "moet een lijst van acties zijn")
            return ()
        result: list[ActionTemplate] = []
        for i, body in enumerate(data):
            at = f"{where}[{i}]"
            if not isinstance(body, Mapping):
                self.add(rule_id, at, "moet velden hebben: " + _join(ACTION_KEYS))
                continue
            self.keys(rule_id, at, body, ACTION_KEYS)
            code = body.get("code")
            if not isinstance(code, str) or code not in ACTION_CODES:
                self.add(
                    rule_id,
                    f"{at}.code",
                    f"onbekende actiecode {show_value(code)}; toegestaan: {_join(ACTION_CODES)}",
                )
                code = ""
            urgency = body.get("urgency")
            if not isinstance(urgency, str) or urgency not in URGENCIES:
                self.add(
                    rule_id,
                    f"{at}.urgency",
                    f"onbekende urgentie {show_value(urgency)}; toegestaan: {_join(URGENCIES)}",
                )
                urgency = ""
            contact = body.get("contact")
            if contact is not None:
                if not isinstance(contact, str):
                    self.add(
                        rule_id,
                        f"{at}.contact",
                        f"moet een contactcode als tekst zijn, niet {show_value(contact)} "
                        '(zet codes als "112" tussen aanhalingstekens)',
                    )
                    contact = None
                else:
                    refs.append((rule_id, f"{at}.contact", contact))
            why = self.text(rule_id, f"{at}.why", body.get("why"), required=True)
            result.append(ActionTemplate(code=code, urgency=urgency, contact=contact, why=why))
        return tuple(result)

    # -- conditions ----------------------------------------------------------------------

    def conditions(self, rule_id: str, where: str, data: object) -> tuple[Condition, ...]:
        if data is None:
            return ()
        if not isinstance(data, Mapping):
            self.add(
                rule_id,
                where,
                "moet velden met een waarde zijn, bijvoorbeeld {acute_danger: true}",
            )
            return ()
        result: list[Condition] = []
        for field, spec in data.items():
            at = f"{where}.{field}"
            if is_forbidden_name(field):
                self.add(rule_id, at, FORBIDDEN_MESSAGE)
                continue
            if not isinstance(field, str) or field not in SITUATION_FIELDS:
                self.add(
                    rule_id,
                    at,
                    f"onbekend veld {show_value(field)}; toegestaan: "
                    + _join([f for f in SITUATION_FIELDS if not is_forbidden_name(f)]),
                )
                continue
            if isinstance(spec, Mapping):
                if not spec:
                    self.add(rule_id, at, "geen operator; gebruik bijvoorbeeld {lt: 18}")
                for op, value in spec.items():
                    condition = self.condition(rule_id, f"{at}.{op}", field, op, value)
                    if condition is not None:
                        result.append(condition)
            elif spec is None:
                result.append(Condition(field, "is_null", True))
            else:
                condition = self.condition(rule_id, at, field, "eq", spec)
                if condition is not None:
                    result.append(condition)
        return tuple(result)

    def condition(
        self, rule_id: str, at: str, field: str, op: object, value: object
    ) -> Condition | None:
        kind = SITUATION_FIELDS[field]
        allowed = OPS_BY_KIND[kind]
        if is_forbidden_name(op):
            self.add(rule_id, at, FORBIDDEN_MESSAGE)
            return None
        if not isinstance(op, str) or op not in CONDITION_OPS:
            hint = ""
            if isinstance(op, str) and op in SITUATION_FIELDS:
                hint = " (een veld kan niet binnen een ander veld staan)"
            self.add(
                rule_id,
                at,
                f"onbekende operator {show_value(op)}{hint}; toegestaan bij {field}: "
                f"{_join(allowed)}",
            )
            return None
        if op not in allowed:
            hint = ""
            if kind == "list" and op == "eq":
                hint = f" Schrijf {field}: {{contains: sexual}} of {{contains_any: [...]}}."
            self.add(
                rule_id,
                at,
                f"operator '{op}' past niet bij veld {field} ({KIND_LABELS[kind]}); "
                f"toegestaan: {_join(allowed)}.{hint}",
            )
            return None
        if op in ("is_null", "not_null"):
            if value is not True:
                self.add(rule_id, at, f"'{op}' verwacht de waarde true, niet {show_value(value)}")
                return None
            return Condition(field, op, True)
        if op in ("in", "contains_any"):
            if not isinstance(value, list | tuple) or not value:
                self.add(
                    rule_id,
                    at,
                    f"'{op}' verwacht een niet-lege lijst, niet {show_value(value)}",
                )
                return None
            good = [self.scalar(rule_id, at, field, kind, item) for item in value]
            if any(item is None for item in good):
                return None
            return Condition(field, op, tuple(good))
        checked = self.scalar(rule_id, at, field, kind, value)
        if checked is None:
            return None
        return Condition(field, op, checked)

    def scalar(self, rule_id: str, at: str, field: str, kind: str, value: object) -> object:
        """Check one comparison value for the field; return it, or None after an issue."""
        if kind == "int":
            low, high = INT_RANGES[field]
            if isinstance(value, bool) or not isinstance(value, int):
                self.add(rule_id, at, f"verwacht een geheel getal, niet {show_value(value)}")
                return None
            if not low <= value <= high:
                self.add(
                    rule_id,
                    at,
                    f"waarde {value} valt buiten het bereik van {field} ({low} tot {high})",
                )
                return None
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                self.add(rule_id, at, f"verwacht true of false, niet {show_value(value)}")
                return None
            return value
        if kind == "list":
            if not isinstance(value, str) or value not in EXPLOITATION_TYPES:
                self.add(
                    rule_id,
                    at,
                    f"onbekende vorm van uitbuiting {show_value(value)}; toegestaan: "
                    f"{_join(EXPLOITATION_TYPES)}",
                )
                return None
            return value
        if not isinstance(value, str):
            self.add(rule_id, at, f"verwacht tekst, niet {show_value(value)}")
            return None
        if field == "municipality" and not MUNICIPALITY_CODE.match(value):
            self.add(
                rule_id,
                at,
                f"verwacht een CBS-gemeentecode zoals 'GM0344', niet {show_value(value)}",
            )
            return None
        return value

    # -- rules ---------------------------------------------------------------------------

    def rules(self, data: object, refs: list[tuple[str | None, str, str]]) -> tuple[Rule, ...]:
        if data is None:
            return ()
        if not isinstance(data, list):
            self.add(None, "rules", "moet een lijst van regels zijn")
            return ()
        if len(data) > MAX_RULES:
            self.add(None, "rules", f"te veel regels ({len(data)}); maximaal {MAX_RULES}")
            return ()
        result: list[Rule] = []
        seen: dict[str, int] = {}
        for i, body in enumerate(data):
            if not isinstance(body, Mapping):
                self.add(None, f"rules[{i}]", "moet een regel zijn met id, when en then")
                continue
            raw_id = body.get("id")
            rule_id = raw_id if isinstance(raw_id, str) and raw_id else f"rules[{i}]"
            if raw_id is None:
                self.add(None, f"rules[{i}].id", "ontbreekt; elke regel heeft een unieke id")
            elif not isinstance(raw_id, str) or not CODE_PATTERN.match(raw_id):
                self.add(
                    None,
                    f"rules[{i}].id",
                    f"ongeldige id {show_value(raw_id)}: gebruik kleine letters, cijfers en "
                    "streepjes, bijvoorbeeld 'acuut-gevaar'",
                )
            elif raw_id == DEFAULT_RULE_ID:
                self.add(
                    raw_id,
                    "id",
                    f"'{DEFAULT_RULE_ID}' is gereserveerd voor de standaardacties; kies een "
                    "andere id",
                )
            elif raw_id in seen:
                self.add(
                    raw_id,
                    "id",
                    f"dubbele id: regel {seen[raw_id] + 1} heeft dezelfde id; "
                    "elke id moet uniek zijn",
                )
            else:
                seen[raw_id] = i
            self.keys(rule_id, "", body, RULE_KEYS)
            description = self.text(rule_id, "description", body.get("description"))
            priority = body.get("priority", DEFAULT_PRIORITY)
            low, high = PRIORITY_RANGE
            if isinstance(priority, bool) or not isinstance(priority, int):
                self.add(
                    rule_id,
                    "priority",
                    f"moet een geheel getal zijn (laag = belangrijk), niet {show_value(priority)}",
                )
                priority = DEFAULT_PRIORITY
            elif not low <= priority <= high:
                self.add(rule_id, "priority", f"moet tussen {low} en {high} liggen")
                priority = DEFAULT_PRIORITY
            when = self.conditions(rule_id, "when", body.get("when"))
            when_any: list[tuple[Condition, ...]] = []
            raw_any = body.get("when_any")
            if raw_any is not None:
                if not isinstance(raw_any, list):
                    self.add(
                        rule_id,
                        "when_any",
                        "moet een lijst van groepen zijn, bijvoorbeeld "
                        "[{disclosure: true}, {structural_unsafety: true}]",
                    )
                else:
                    for g, group in enumerate(raw_any):
                        if isinstance(group, Mapping) and not group:
                            self.add(rule_id, f"when_any[{g}]", "lege groep; laat hem weg")
                            continue
                        conditions = self.conditions(rule_id, f"when_any[{g}]", group)
                        if conditions:
                            when_any.append(conditions)
            if not when and not when_any and not body.get("when") and not raw_any:
                self.add(
                    rule_id,
                    "when",
                    "de regel heeft geen voorwaarden (when of when_any) en zou altijd gelden; "
                    "zet wat altijd geldt in default_actions",
                )
            then = self.actions(rule_id, "then", body.get("then"), refs)
            result.append(
                Rule(
                    id=rule_id,
                    description=description,
                    when=when,
                    when_any=tuple(when_any),
                    then=then,
                    priority=priority,
                )
            )
        return tuple(result)


def load_route_map(data: Mapping[str, object]) -> RouteMapDoc:
    """Validate plain data (from YAML or JSON) and build a RouteMapDoc, or raise
    RouteMapError listing every issue."""
    check = _Checker()
    if not isinstance(data, Mapping):
        check.add(None, "routekaart", "moet een mapping zijn met name, contacts, rules, ...")
        raise RouteMapError(check.issues)
    check.keys(None, "", data, TOP_LEVEL_KEYS)
    name = check.text(None, "name", data.get("name"), required=True)
    description = check.text(None, "description", data.get("description"))
    contacts = check.contacts(data.get("contacts"))
    consultations = check.consultations(data.get("consultations"))
    refs: list[tuple[str | None, str, str]] = []
    if data.get("default_actions") in (None, []):
        check.add(
            None,
            "default_actions",
            "ontbreekt; geef de acties als geen regel geldt, minstens zorgcoordinator",
        )
        default_actions: tuple[ActionTemplate, ...] = ()
    else:
        default_actions = check.actions(None, "default_actions", data["default_actions"], refs)
        if default_actions and not any(a.code == "zorgcoordinator" for a in default_actions):
            check.add(
                None,
                "default_actions",
                "moet de actie 'zorgcoordinator' bevatten: bij twijfel overlegt u altijd met "
                "de zorgcoördinator mensenhandel",
            )
    rules = check.rules(data.get("rules"), refs)
    for rule_id, where, code in refs:
        if code not in contacts:
            known = _join(list(contacts)) or "(geen)"
            check.add(
                rule_id,
                where,
                f"contact '{code}' is niet gedefinieerd onder contacts; bekend: {known}",
            )
    if check.issues:
        raise RouteMapError(check.issues)
    return RouteMapDoc(
        name=name,
        description=description,
        contacts=contacts,
        consultations=consultations,
        rules=rules,
        default_actions=default_actions,
    )


# -- YAML ----------------------------------------------------------------------------------


def _duplicate_keys(node: yaml.Node, found: list[tuple[int, str]]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    found.append((key_node.start_mark.line + 1, str(key_node.value)))
                seen.add(key_node.value)
            _duplicate_keys(value_node, found)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _duplicate_keys(item, found)


def safe_yaml(text: str, what: str) -> object:
    """yaml.safe_load, with Dutch errors naming the line, and duplicate keys refused
    (PyYAML would silently keep the last one, which hides mistakes)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"regel {mark.line + 1}, kolom {mark.column + 1}" if mark else "onbekende plek"
        raise ValueError(
            f"{what} is geen geldige YAML op {where}: {exc.problem or exc}. "
            "Controleer inspringing, dubbele punten en aanhalingstekens."
        ) from None
    except yaml.YAMLError as exc:
        raise ValueError(f"{what} is geen geldige YAML: {exc}") from None
    found: list[tuple[int, str]] = []
    if node is not None:
        _duplicate_keys(node, found)
    if found:
        raise ValueError(
            "; ".join(
                f"{what}: sleutel '{key}' staat twee keer in dezelfde groep (regel {line})"
                for line, key in found
            )
        )
    return data


def route_map_from_yaml(text: str) -> RouteMapDoc:
    try:
        data = safe_yaml(text, "De routekaart")
    except ValueError as exc:
        raise RouteMapError([ValidationIssue(None, "yaml", str(exc))]) from None
    if data is None:
        raise RouteMapError([ValidationIssue(None, "yaml", "het bestand is leeg")])
    if not isinstance(data, Mapping):
        raise RouteMapError(
            [ValidationIssue(None, "yaml", "verwacht een mapping met name, contacts, rules, ...")]
        )
    return load_route_map(data)


def _value_to_plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def conditions_to_dict(conditions: Sequence[Condition]) -> dict[str, object]:
    """Conditions in the YAML form: ``field: value`` for eq, ``field: null`` for is_null,
    otherwise ``field: {op: value}``; several conditions on one field share the mapping."""
    grouped: dict[str, list[Condition]] = {}
    for condition in conditions:
        grouped.setdefault(condition.field, []).append(condition)
    result: dict[str, object] = {}
    for field, items in grouped.items():
        if len(items) == 1 and items[0].op == "eq":
            result[field] = _value_to_plain(items[0].value)
        elif len(items) == 1 and items[0].op == "is_null":
            result[field] = None
        else:
            ops: dict[str, object] = {}
            for condition in items:
                if condition.op in ops:
                    raise ValueError(
                        f"{field}: operator '{condition.op}' komt twee keer voor; dat kan niet "
                        "in YAML worden geschreven"
                    )
                ops[condition.op] = _value_to_plain(condition.value)
            result[field] = ops
    return result


def _action_to_dict(action: ActionTemplate) -> dict[str, object]:
    result: dict[str, object] = {"code": action.code, "urgency": action.urgency}
    if action.contact is not None:
        result["contact"] = action.contact
    result["why"] = action.why
    return result


def route_map_to_dict(doc: RouteMapDoc) -> dict[str, object]:
    """Plain data in a stable key order; load_route_map(route_map_to_dict(doc)) == doc."""
    contacts: dict[str, object] = {}
    for code, contact in doc.contacts.items():
        body: dict[str, object] = {"name": contact.name}
        for key in CONTACT_KEYS[1:]:
            value = getattr(contact, key)
            if value:
                body[key] = value
        contacts[code] = body
    rules: list[dict[str, object]] = []
    for rule in doc.rules:
        item: dict[str, object] = {
            "id": rule.id,
            "description": rule.description,
            "priority": rule.priority,
        }
        if rule.when:
            item["when"] = conditions_to_dict(rule.when)
        if rule.when_any:
            item["when_any"] = [conditions_to_dict(group) for group in rule.when_any]
        item["then"] = [_action_to_dict(action) for action in rule.then]
        rules.append(item)
    return {
        "name": doc.name,
        "description": doc.description,
        "contacts": contacts,
        "consultations": [
            {key: getattr(c, key) for key in CONSULTATION_KEYS} for c in doc.consultations
        ],
        "default_actions": [_action_to_dict(action) for action in doc.default_actions],
        "rules": rules,
    }


def route_map_to_yaml(doc: RouteMapDoc) -> str:
    """Stable YAML (fixed key order, one item per line) so two versions diff line by line."""
    return yaml.safe_dump(
        route_map_to_dict(doc),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
