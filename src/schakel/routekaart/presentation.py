"""How a route map is shown: Dutch labels, rules in words, and the diagram layout (pure)."""

from dataclasses import dataclass
from textwrap import wrap

from .domain.rules import ACTION_LABELS, URGENCIES, URGENCY_LABELS, Condition, RouteMapDoc
from .domain.situation import FIELD_LABELS

VALUE_LABELS = {
    True: "ja",
    False: "nee",
    "sexual": "seksueel",
    "criminal": "crimineel",
    "labour": "arbeid",
    "other": "anders",
}

OP_WORDS = {
    "eq": "is",
    "ne": "is niet",
    "lt": "kleiner dan",
    "lte": "hoogstens",
    "gt": "groter dan",
    "gte": "minstens",
    "in": "is een van",
    "contains": "bevat",
    "contains_any": "bevat een van",
    "is_null": "onbekend",
    "not_null": "bekend",
}


def _value(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, bool) or value in VALUE_LABELS:
        return VALUE_LABELS.get(value, str(value))  # type: ignore[call-overload]
    return str(value)


def condition_text(condition: Condition) -> str:
    field = FIELD_LABELS.get(condition.field, condition.field)
    if condition.op in ("is_null", "not_null"):
        return f"{field} {OP_WORDS[condition.op]}"
    return f"{field} {OP_WORDS.get(condition.op, condition.op)} {_value(condition.value)}"


@dataclass(frozen=True)
class RuleText:
    rule_id: str
    description: str
    conditions: str
    actions: list[dict[str, str]]


def rules_in_words(doc: RouteMapDoc) -> list[RuleText]:
    result = []
    for rule in doc.rules:
        parts = [condition_text(c) for c in rule.when]
        if rule.when_any:
            groups = [" en ".join(condition_text(c) for c in group) for group in rule.when_any]
            parts.append("(" + " of ".join(groups) + ")")
        result.append(
            RuleText(
                rule_id=rule.id,
                description=rule.description,
                conditions=" en ".join(parts) or "altijd",
                actions=[
                    {
                        "label": ACTION_LABELS.get(a.code, a.code),
                        "urgency": URGENCY_LABELS[a.urgency],
                        "contact": doc.contacts[a.contact].name
                        if a.contact and a.contact in doc.contacts
                        else "",
                        "why": a.why,
                    }
                    for a in rule.then
                ],
            )
        )
    return result


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    code: str
    label: str
    contact: str
    phone: str

    @property
    def label_rows(self) -> list[tuple[int, str]]:
        """The label in at most two lines that fit the box, with their y position."""
        lines = wrap(self.label, width=30, max_lines=2, placeholder="…")
        return [(self.y + 20 + 16 * index, line) for index, line in enumerate(lines)]


@dataclass(frozen=True)
class Column:
    x: int
    urgency: str
    label: str
    boxes: list[Box]


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    columns: list[Column]
    origin_y: int


BOX_W, BOX_H, GAP, COL_W, TOP = 220, 80, 12, 250, 70


def diagram(doc: RouteMapDoc) -> Diagram:
    """Who does what when: one column per urgency, one box per action (most urgent use)."""
    urgency_of: dict[str, str] = {}
    contact_of: dict[str, str | None] = {}
    for rule in doc.rules:
        for action in rule.then:
            current = urgency_of.get(action.code)
            if current is None or URGENCIES.index(action.urgency) < URGENCIES.index(current):
                urgency_of[action.code] = action.urgency
                contact_of[action.code] = action.contact
    for action in doc.default_actions:
        urgency_of.setdefault(action.code, action.urgency)
        contact_of.setdefault(action.code, action.contact)
    columns = []
    tallest = 0
    for index, urgency in enumerate(URGENCIES):
        codes = [code for code in urgency_of if urgency_of[code] == urgency]
        boxes = []
        for row, code in enumerate(sorted(codes, key=lambda c: ACTION_LABELS.get(c, c))):
            contact = doc.contacts.get(contact_of[code] or "")
            boxes.append(
                Box(
                    x=200 + index * COL_W,
                    y=TOP + row * (BOX_H + GAP),
                    code=code,
                    label=ACTION_LABELS.get(code, code),
                    contact=contact.name if contact else "",
                    phone=contact.phone if contact else "",
                )
            )
        tallest = max(tallest, len(boxes))
        columns.append(Column(200 + index * COL_W, urgency, URGENCY_LABELS[urgency], boxes))
    height = TOP + max(tallest, 1) * (BOX_H + GAP) + 20
    return Diagram(
        width=200 + len(URGENCIES) * COL_W, height=height, columns=columns, origin_y=height // 2
    )
