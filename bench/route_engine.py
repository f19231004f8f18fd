"""Benchmark: how many situations per second the routing engine routes on one core.

A seeded 200-rule route map (the default rules plus generated, realistic ones with 2-5
conditions each, a mix of operators and ``when_any`` groups) routes 20,000 seeded random
situations. Measured: (a) the compiled engine (``compile_route_map(...).route``) and (b) the
baseline ``naive_route``, a straightforward interpreter that walks the rule dicts for every
situation without compiling anything. Both must give identical results on every situation.

Run: .venv/bin/python bench/route_engine.py   (writes bench/results/route_engine.json)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from schakel.routekaart.domain.engine import (  # noqa: E402
    RoutedAction,
    compile_route_map,
    join_reasons,
)
from schakel.routekaart.domain.rules import ACTION_CODES, URGENCIES  # noqa: E402
from schakel.routekaart.domain.situation import (  # noqa: E402
    EXPLOITATION_TYPES,
    Situation,
    parse_situation,
    situation_to_dict,
)
from schakel.routekaart.domain.validator import (  # noqa: E402
    load_route_map,
    route_map_from_yaml,
    route_map_to_dict,
)

SEED = 20251128
RULES = 200
SITUATIONS = 20_000
TARGET_PER_S = 10_000
REPEATS = 3
DEFAULT_MAP = ROOT / "src" / "schakel" / "routekaart" / "defaults" / "routekaart.yaml"
RESULT = ROOT / "bench" / "results" / "route_engine.json"

MUNICIPALITIES = [f"GM{n:04d}" for n in (14, 34, 37, 47, 50, 59, 60, 72, 74, 80, 344, 356, 363)]
RESIDENCE = ["onbekend", "asielzoeker", "ongedocumenteerd", "Nederlands", None]
BOOL_FIELDS = [
    "online",
    "acute_danger",
    "structural_unsafety",
    "disclosure",
    "missing",
    "also_offender",
    "wants_anonymity",
    "parents_involved",
]
CONTACT_FOR = {
    "bel-112": "112",
    "politie-avim": "avim",
    "zorgcoordinator": "zorgcoordinator",
    "veilig-thuis": "veilig-thuis",
    "csg": "csg",
    "chat-met-fier": "chat-met-fier",
    "kindertelefoon": "kindertelefoon",
    "specialistische-hulp": "expertisecentrum",
    "comensha-registratie": "comensha",
    "hulp-jonge-dader": "hulp-jonge-dader",
    "vermissing-melden": "politie",
}


# -- generated route map ---------------------------------------------------------------------


def _condition(rng: random.Random, field: str) -> object:
    """One realistic condition spec (YAML form) on ``field``."""
    if field == "age":
        return rng.choice(
            [
                {"lt": rng.randint(12, 18)},
                {"gte": rng.randint(12, 18)},
                {"gte": rng.randint(10, 14), "lt": rng.randint(15, 19)},
                rng.randint(12, 18),
                {"in": sorted(rng.sample(range(10, 23), 3))},
                {"ne": rng.randint(12, 18)},
            ]
        )
    if field == "exploitation_types":
        return rng.choice(
            [
                {"contains": rng.choice(EXPLOITATION_TYPES)},
                {"contains_any": sorted(rng.sample(EXPLOITATION_TYPES, 2))},
                {"not_null": True},
                {"is_null": True},
            ]
        )
    if field == "sexual_assault_days_ago":
        return rng.choice([{"lte": 7}, {"gt": 7}, {"lte": rng.randint(1, 30)}, {"not_null": True}])
    if field == "missing_episodes_90d":
        return rng.choice([{"gte": rng.randint(1, 4)}, {"lt": 2}, {"eq": 0}])
    if field == "municipality":
        return rng.choice(
            [rng.choice(MUNICIPALITIES), {"in": sorted(rng.sample(MUNICIPALITIES, 3))}]
        )
    return rng.choice([True, True, False, {"ne": True}, None, {"not_null": True}])


def generated_rule(rng: random.Random, number: int) -> dict[str, Any]:
    fields = ["age", "exploitation_types", "sexual_assault_days_ago", "missing_episodes_90d"]
    fields += ["municipality", *BOOL_FIELDS, "exploitation_types", "age"]
    total = rng.randint(2, 5)
    any_groups = 0
    if total >= 3 and rng.random() < 0.35:
        any_groups = rng.randint(2, min(3, total - 1))
    chosen = rng.sample(sorted(set(fields)), total)
    when_fields = chosen[: total - any_groups]
    group_fields = chosen[total - any_groups :]
    rule: dict[str, Any] = {
        "id": f"gegenereerd-{number:03d}",
        "description": f"Gegenereerde regel {number} voor de benchmark.",
        "priority": rng.choice([10, 20, 30, 40, 50, 60, 70, 80, 100]),
    }
    if when_fields:
        rule["when"] = {field: _condition(rng, field) for field in when_fields}
    if group_fields:
        rule["when_any"] = [{field: _condition(rng, field)} for field in group_fields]
    actions = []
    for code in rng.sample(ACTION_CODES, rng.randint(1, 3)):
        action: dict[str, Any] = {
            "code": code,
            "urgency": rng.choice(URGENCIES),
        }
        if code in CONTACT_FOR:
            action["contact"] = CONTACT_FOR[code]
        action["why"] = f"Reden {rng.randint(1, 40)} bij {code}."
        actions.append(action)
    rule["then"] = actions
    return rule


def bench_map(rng: random.Random) -> dict[str, Any]:
    base = route_map_from_yaml(DEFAULT_MAP.read_text(encoding="utf-8"))
    data = route_map_to_dict(base)
    rules = list(data["rules"])  # type: ignore[call-overload]
    number = 1
    while len(rules) < RULES:
        rules.append(generated_rule(rng, number))
        number += 1
    data["rules"] = rules
    return data


def random_situation(rng: random.Random) -> dict[str, Any]:
    def maybe(value: object) -> object:
        return None if rng.random() < 0.3 else value

    return {
        "age": maybe(rng.randint(8, 23)),
        "exploitation_types": maybe(sorted(rng.sample(EXPLOITATION_TYPES, rng.randint(0, 3)))),
        "online": maybe(rng.random() < 0.5),
        "acute_danger": maybe(rng.random() < 0.15),
        "structural_unsafety": maybe(rng.random() < 0.3),
        "disclosure": maybe(rng.random() < 0.3),
        "sexual_assault_days_ago": None if rng.random() < 0.8 else rng.randint(0, 60),
        "missing": maybe(rng.random() < 0.15),
        "missing_episodes_90d": maybe(rng.randint(0, 5)),
        "also_offender": maybe(rng.random() < 0.2),
        "wants_anonymity": maybe(rng.random() < 0.3),
        "parents_involved": maybe(rng.random() < 0.3),
        "municipality": maybe(rng.choice(MUNICIPALITIES)),
        "residence_status": rng.choice(RESIDENCE),
    }


# -- the baseline: interpret the rule dicts directly ---------------------------------------


def _null(value: object) -> bool:
    return value is None or value == [] or value == ()


def _test(op: str, value: Any, expected: Any) -> bool:
    if op == "is_null":
        return _null(value)
    if op == "not_null":
        return not _null(value)
    if value is None:
        return False
    if op == "eq":
        return bool(value == expected)
    if op == "ne":
        return bool(value != expected)
    if op == "lt":
        return bool(value < expected)
    if op == "lte":
        return bool(value <= expected)
    if op == "gt":
        return bool(value > expected)
    if op == "gte":
        return bool(value >= expected)
    if op == "in":
        return value in expected
    if op == "contains":
        return expected in value
    if op == "contains_any":
        return any(item in value for item in expected)
    raise ValueError(op)


def _holds(conditions: Mapping[str, Any] | None, situation: Mapping[str, Any]) -> bool:
    for field, spec in (conditions or {}).items():
        value = situation.get(field)
        if isinstance(spec, Mapping):
            for op, expected in spec.items():
                if not _test(op, value, expected):
                    return False
        elif spec is None:
            if not _null(value):
                return False
        elif not _test("eq", value, spec):
            return False
    return True


Naive = tuple[str, str, str | None, str, str]


def _merge(found: list[tuple[tuple[int, int, int, int], dict[str, Any], str]]) -> list[Naive]:
    by_code: dict[str, list[tuple[tuple[int, int, int, int], dict[str, Any], str]]] = {}
    for item in found:
        by_code.setdefault(item[1]["code"], []).append(item)
    merged = []
    for items in by_code.values():
        items.sort(key=lambda item: item[0])
        key, winner, rule_id = items[0]
        whys: list[str] = []
        contact = winner.get("contact")
        for _, action, _ in items:
            if action["why"] not in whys:
                whys.append(action["why"])
            if contact is None:
                contact = action.get("contact")
        merged.append(
            (key, (winner["code"], winner["urgency"], contact, join_reasons(whys), rule_id))
        )
    merged.sort(key=lambda pair: pair[0])
    return [action for _, action in merged]


def naive_route(doc: Mapping[str, Any], situation: Mapping[str, Any]) -> list[Naive]:
    """The same semantics as the engine, by walking the plain rule dicts every time."""
    rank = {urgency: i for i, urgency in enumerate(URGENCIES)}
    found = []
    for index, rule in enumerate(doc["rules"]):
        if not _holds(rule.get("when"), situation):
            continue
        groups = rule.get("when_any") or []
        if groups and not any(_holds(group, situation) for group in groups):
            continue
        priority = rule.get("priority", 100)
        for i, action in enumerate(rule["then"]):
            found.append(((rank[action["urgency"]], priority, index, i), action, rule["id"]))
    if not found:
        last = len(doc["rules"])
        for i, action in enumerate(doc["default_actions"]):
            found.append(((rank[action["urgency"]], 100, last, i), action, "standaard"))
    return _merge(found)


def _as_naive(actions: Sequence[RoutedAction]) -> list[Naive]:
    return [
        (a.code, a.urgency, a.contact.code if a.contact else None, a.why, a.rule_id)
        for a in actions
    ]


# -- measuring ---------------------------------------------------------------------------------


def per_second(run: Callable[[], object], count: int) -> tuple[float, float]:
    """(best, first) throughput over REPEATS runs."""
    rates = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        rates.append(count / (time.perf_counter() - start))
    return max(rates), rates[0]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.platform()}; {cpu}; {os.cpu_count()} logical CPUs (1 used)"


def main() -> dict[str, Any]:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(SEED)
    data = bench_map(rng)
    doc = load_route_map(data)  # the generated map passes full validation
    assert len(doc.rules) == RULES
    raw = [random_situation(rng) for _ in range(SITUATIONS)]
    situations: list[Situation] = [parse_situation(item) for item in raw]
    plain = [situation_to_dict(s) for s in situations]

    # Time a freshly compiled map: its first run starts with empty memo caches (cold).
    compiled = compile_route_map(doc)
    route = compiled.route
    engine_best, engine_first = per_second(lambda: [route(s) for s in situations], SITUATIONS)
    baseline_best, _ = per_second(lambda: [naive_route(data, s) for s in plain], SITUATIONS)

    # Same semantics: identical results on every situation, from a fresh and a warm map.
    fresh = compile_route_map(doc)
    for situation, as_dict in zip(situations, plain, strict=True):
        expected = naive_route(data, as_dict)
        assert _as_naive(compiled.route(situation)) == expected, as_dict
        assert _as_naive(fresh.route(situation)) == expected, as_dict
    fired = sum(len(compiled.fired_rule_ids(s)) for s in situations) / SITUATIONS
    result = {
        "benchmark": "route_engine",
        "rules": RULES,
        "situations": SITUATIONS,
        "engine_per_s": round(engine_best),
        "baseline_per_s": round(baseline_best),
        "speedup": round(engine_best / baseline_best, 1),
        "target_per_s": TARGET_PER_S,
        "meets_target": engine_best >= TARGET_PER_S,
        "python": platform.python_version(),
        "machine": machine(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine_cold_first_run_per_s": round(engine_first),
        "mean_rules_fired": round(fired, 1),
        "seed": SEED,
    }
    print(f"route map: {RULES} rules; {SITUATIONS} situations; mean {fired:.1f} rules fire")
    print(
        f"engine (compiled):   {engine_best:>10,.0f} situations/s "
        f"(best of {REPEATS}; cold first run {engine_first:,.0f})"
    )
    print(f"baseline (naive):    {baseline_best:>10,.0f} situations/s (best of {REPEATS})")
    print(f"speed-up:            {engine_best / baseline_best:>10.1f}x")
    print(f"target {TARGET_PER_S:,}/s met: {result['meets_target']}")
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
