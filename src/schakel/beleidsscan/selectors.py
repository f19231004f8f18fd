"""Reads for the beleidsscan: the current rubric, scans and answers within the user's
municipalities, and the facts from practice that Schakel holds for a municipality.

Scans and answers hold no personal data. The facts from practice are counts; counts of
young people below ``SMALL_COUNT`` are not shown, so no one can be recognised.
"""

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, get_args, get_origin, get_type_hints

from django.db import DatabaseError
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from schakel.accounts.policy import Action
from schakel.accounts.scoping import municipality_ids_for_action
from schakel.audit.models import AuditEvent
from schakel.cases.selectors import transition_counts
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.geo.models import Municipality
from schakel.kennis.domain.terminology import TerminologyChecker
from schakel.kennis.selectors import terminology_checker
from schakel.practice.selectors import participation_summary, training_coverage
from schakel.routekaart.constants import RouteMapScope
from schakel.routekaart.selectors import routing_for

from .constants import SMALL_COUNT
from .domain.compare import TipChange, compare_scores
from .domain.rubric import DEFAULT_RUBRIC, Rubric, default_checker, parse_rubric
from .models import PolicyScan, QuestionAnswer, RubricVersion


@dataclass(frozen=True)
class CurrentRubric:
    version: int
    rubric: Rubric
    yaml_text: str
    stored: bool  # False while only the file that ships with Schakel exists


@lru_cache(maxsize=8)
def _parsed(version: int, yaml_text: str) -> Rubric:
    # Checked against the word list when it was saved; not again on every read.
    return parse_rubric(yaml_text, check_words=False)


def current_rubric() -> CurrentRubric:
    """The newest stored version, or the rubric that ships with Schakel."""
    stored = RubricVersion.objects.only("version", "yaml_text").first()
    if stored is not None:
        return CurrentRubric(
            stored.version, _parsed(stored.version, stored.yaml_text), stored.yaml_text, True
        )
    text = _shipped_text()
    rubric = _parsed(0, text)
    return CurrentRubric(rubric.version, rubric, text, False)


@lru_cache(maxsize=1)
def _shipped_text() -> str:
    """The rubric that ships with Schakel (read once per process)."""
    return DEFAULT_RUBRIC.read_text(encoding="utf-8")


def rubric_for_version(version: int) -> Rubric:
    """The rubric a scan was made with (the current one when that version is unknown)."""
    stored = RubricVersion.objects.filter(version=version).only("yaml_text").first()
    if stored is not None:
        return _parsed(version, stored.yaml_text)
    return current_rubric().rubric


def rubric_version_get(version: int) -> RubricVersion:
    stored = RubricVersion.objects.filter(version=version).select_related("created_by").first()
    if stored is None:
        raise NotFoundOrForbidden()
    return stored


def question_codes_in_use() -> set[str]:
    """Codes of the current rubric's questions and of every answer ever given."""
    rubric = current_rubric().rubric
    codes = {question.code for tip in rubric.tips for question in tip.questions}
    return codes | set(QuestionAnswer.objects.values_list("question", flat=True).distinct())


def rubric_versions() -> list[RubricVersion]:
    return list(RubricVersion.objects.select_related("created_by"))


def checker() -> TerminologyChecker:
    """The editable word list (the same checker as the intake's live hints)."""
    found = terminology_checker()
    return found if found.terms else default_checker()


def rubric_and_checker_for_cli() -> tuple[Rubric, TerminologyChecker]:
    """For the command line: the database's rubric and words when there is a database,
    else the files that ship with Schakel."""
    try:
        return current_rubric().rubric, checker()
    except DatabaseError:
        return _parsed(0, _shipped_text()), default_checker()


def _area(user: Any, action: str = Action.BELEIDSSCAN_RUN) -> set[int]:
    return municipality_ids_for_action(user, action)


def municipality_get_for_user(
    user: Any, municipality_id: int, action: str = Action.BELEIDSSCAN_RUN
) -> Municipality:
    if municipality_id not in _area(user, action):
        raise NotFoundOrForbidden()
    return Municipality.objects.get(pk=municipality_id)


def scans_for_user(user: Any, *, municipality_id: int | None = None) -> QuerySet[PolicyScan]:
    scans = PolicyScan.objects.filter(municipality_id__in=_area(user)).select_related(
        "municipality"
    )
    if municipality_id is not None:
        scans = scans.filter(municipality_id=municipality_id)
    return scans


def scan_get_for_user(user: Any, scan_id: int) -> PolicyScan:
    scan = (
        scans_for_user(user)
        .select_related("created_by")
        .prefetch_related("tip_results", "term_results")
        .filter(pk=scan_id)
        .first()
    )
    if scan is None:
        raise NotFoundOrForbidden()
    return scan


def earlier_scans(scan: PolicyScan) -> QuerySet[PolicyScan]:
    """Scans of the same municipality made before this one, newest first."""
    return PolicyScan.objects.filter(
        municipality_id=scan.municipality_id, created_at__lte=scan.created_at
    ).exclude(pk=scan.pk)


def scan_comparison(scan: PolicyScan, earlier: PolicyScan) -> list[TipChange]:
    return compare_scores(
        {t.tip: (t.title, t.score) for t in scan.tip_results.all()},
        {t.tip: (t.title, t.score) for t in earlier.tip_results.all()},
    )


def term_comparison(scan: PolicyScan, earlier: PolicyScan) -> list[tuple[str, int, int]]:
    """(term, count before, count now) for every word found in either scan."""
    now = {t.term: t.count for t in scan.term_results.all()}
    before = {t.term: t.count for t in earlier.term_results.all()}
    return [(term, before.get(term, 0), now.get(term, 0)) for term in sorted(now | before)]


def current_answers(user: Any, municipality_id: int) -> dict[str, QuestionAnswer]:
    """The newest answer per question for a municipality in the user's scope."""
    if municipality_id not in _area(user):
        raise NotFoundOrForbidden()
    answers: dict[str, QuestionAnswer] = {}
    for answer in QuestionAnswer.objects.filter(municipality_id=municipality_id).select_related(
        "answered_by"
    ):
        answers.setdefault(answer.question, answer)
    return answers


# --- Facts from practice -------------------------------------------------------------


def figures_to_json(figures: Any) -> dict[str, Any]:
    """A frozen dataclass of figures as JSON (dates as ISO text), to store with a scan."""
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in asdict(figures).items()
    }


def figures_from_json(cls: type[Any], data: dict[str, Any]) -> Any:
    """The dataclass back from ``figures_to_json``; a field missing from an older scan gets
    an empty value."""
    values: dict[str, Any] = {}
    for name, hint in get_type_hints(cls).items():
        value = data.get(name)
        if isinstance(value, str) and date in (hint, *get_args(hint)):
            value = date.fromisoformat(value)
        elif value is None and name not in data:
            value = {} if get_origin(hint) is dict else 0 if hint is int else None
        values[name] = value
    return cls(**values)


def _count(value: int) -> dict[str, Any]:
    """A count of young people, hidden below ``SMALL_COUNT``."""
    if value < SMALL_COUNT:
        return {"hidden": True, "value": None}
    return {"hidden": False, "value": value}


def route_map_fact(municipality: Municipality) -> dict[str, Any]:
    compiled, version = routing_for(municipality_code=municipality.code)
    missing = sorted(c.name for c in compiled.contacts.values() if not c.phone.strip())
    scope = version.route_map.scope
    own_or_regional = scope != RouteMapScope.NATIONAL
    return {
        "scope": scope,
        "map": str(version.route_map) if own_or_regional else "",
        "version": version.number,
        "missing_contacts": missing,
        "complete": own_or_regional and not missing,
    }


def transition_fact(municipality: Municipality, today: date) -> dict[str, Any]:
    """Plans for after 18, as counts with small numbers hidden: when fewer than
    ``SMALL_COUNT`` young people are concerned, or fewer than that have (or lack) a complete
    plan, only a rounded share is shown, so no one can be recognised by subtraction."""
    due, complete = transition_counts(municipality_id=municipality.pk, today=today)
    if due < SMALL_COUNT:
        return {"due": _count(due), "complete": {"hidden": True, "value": None}, "share": None}
    exact = complete >= SMALL_COUNT and due - complete >= SMALL_COUNT
    share = round(100 * complete / due)
    return {
        "due": _count(due),
        "complete": {"hidden": not exact, "value": complete if exact else None},
        "share": share if exact else int(round(share, -1)),
    }


def monitor_fact(municipality: Municipality, today: date) -> dict[str, Any]:
    """Whether anyone of the municipality looked at the monitor in the last half year."""
    since = today - timedelta(days=183)
    uses = AuditEvent.objects.filter(
        action__startswith="monitor.",
        occurred_at__date__gte=since,
        actor_id__in=municipality.users.values("id"),
    ).count()
    return {"uses": uses, "since": since.isoformat(), "available": _monitor_available()}


def _monitor_available() -> bool:
    try:
        reverse("monitor:index")
    except NoReverseMatch:
        return False
    return True


def practice_facts(
    user: Any, municipality: Municipality, *, today: date | None = None
) -> dict[str, Any]:
    """Everything the report shows beside the document scores, as plain JSON (stored with
    the scan, so a report keeps showing the facts of its day)."""
    today = today or timezone.localdate()
    training = training_coverage(user, municipality.pk, today=today)
    participation = participation_summary(user, municipality.pk, today=today)
    return {
        "on": today.isoformat(),
        "route_map": route_map_fact(municipality),
        "training": figures_to_json(training),
        "participation": figures_to_json(participation),
        "transition": transition_fact(municipality, today),
        "monitor": monitor_fact(municipality, today),
    }
