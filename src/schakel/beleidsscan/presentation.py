"""What the report shows per tip: score, evidence, gaps, actions, practice facts, answers."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schakel.practice.constants import PARTICIPATION_WINDOW_MONTHS, TRAINING_WINDOW_MONTHS
from schakel.practice.presentation import coverage_sentences, participation_sentences
from schakel.practice.selectors import ParticipationSummary, TrainingCoverage

from .constants import SCORE_LABELS
from .domain.rubric import Rubric
from .forms import FEATURE_LABELS
from .models import PolicyScan, QuestionAnswer
from .selectors import figures_from_json

# Where a Schakel feature lives (None: not in this installation yet).
FEATURE_URLS: dict[str, str | None] = {
    "routekaart": "routekaart:list",
    "signaal": "intake:new",
    "casussen": "cases:queue",
    "werkvoorraad": "cases:queue",
    "monitor": None,
    "beleidsscan": "beleidsscan:list",
    "trainingsregister": "practice:summary",
    "participatie": "practice:participation_list",
    "logboek": None,
}

# Which tip a fact from practice belongs to.
# As in DOMAIN.md: training serves tip 3, the route map tip 8.
FACT_TIP = {"route_map": 8, "training": 3, "monitor": 5, "transition": 6, "participation": 9}


@dataclass(frozen=True)
class Fact:
    title: str
    text: str
    ok: bool | None  # None: not known or hidden


@dataclass
class TipRow:
    number: int
    title: str
    score: int
    score_label: str
    criterion: str
    explanation: str
    evidence: list[dict[str, Any]]
    why: str
    elements: list[dict[str, Any]]  # [{"name", "named"}]: what score 2 asks for
    actions: tuple[str, ...]
    features: list[tuple[str, str | None]]
    questions: list[tuple[str, QuestionAnswer | None]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


def _url(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def report_rows(
    scan: PolicyScan, rubric: Rubric, answers: dict[str, QuestionAnswer]
) -> list[TipRow]:
    facts = practice_facts_by_tip(scan.practice)
    rows = []
    for result in scan.tip_results.all():
        tip = rubric.tip(result.tip) if 1 <= result.tip <= len(rubric.tips) else None
        rows.append(
            TipRow(
                number=result.tip,
                title=result.title,
                score=result.score,
                score_label=str(SCORE_LABELS[result.score]),
                criterion=tip.criteria.get(result.score, "") if tip else "",
                explanation=tip.explanation if tip else "",
                evidence=list(result.evidence),
                why=result.why,
                elements=list(result.elements),
                actions=tip.actions if tip and result.score < 2 else (),
                features=[
                    (str(FEATURE_LABELS.get(code, code)), _url(FEATURE_URLS.get(code)))
                    for code in (tip.features if tip else ())
                ],
                questions=[(q.text, answers.get(q.code)) for q in (tip.questions if tip else ())],
                facts=facts.get(result.tip, []),
            )
        )
    return rows


def practice_facts_by_tip(practice: dict[str, Any]) -> dict[int, list[Fact]]:
    """The stored facts as plain Dutch sentences, per tip."""
    out: dict[int, list[Fact]] = {}
    if not practice:
        return out

    def add(key: str, fact: Fact) -> None:
        out.setdefault(FACT_TIP[key], []).append(fact)

    route = practice.get("route_map")
    if route:
        if route["scope"] == "national":
            text = _(
                "Voor deze gemeente geldt alleen de landelijke standaardroutekaart. Maak een "
                "eigen of regionale routekaart met de namen en nummers van uw regio."
            )
        elif route["missing_contacts"]:
            text = _("De routekaart “%(map)s” mist nog telefoonnummers van: %(missing)s.") % {
                "map": route["map"],
                "missing": ", ".join(route["missing_contacts"]),
            }
        else:
            text = _(
                "De routekaart “%(map)s” is compleet: elke contactpersoon heeft een nummer."
            ) % {"map": route["map"]}
        add("route_map", Fact(_("Routekaart"), text, bool(route["complete"])))
    training = practice.get("training")
    if training:
        coverage = figures_from_json(TrainingCoverage, training)
        total = coverage.first_line_organisations
        ok: bool | None = coverage.organisations_trained == total if total else None
        text = " ".join(coverage_sentences(coverage, TRAINING_WINDOW_MONTHS))
        add("training", Fact(_("Training van professionals"), text, ok))
    participation = practice.get("participation")
    if participation:
        summary = figures_from_json(ParticipationSummary, participation)
        text = " ".join(participation_sentences(summary, PARTICIPATION_WINDOW_MONTHS))
        add(
            "participation",
            Fact(_("Jongeren en ervaringsdeskundigen betrokken"), text, summary.with_change > 0),
        )
    transition = practice.get("transition")
    if transition:
        if transition["due"].get("hidden"):
            text = _(
                "Minder dan 5 jongeren van 17½ jaar of ouder in een open casus: om hen niet "
                "herkenbaar te maken, tonen we hier geen aantallen."
            )
            ok = None
        elif transition["complete"].get("hidden"):
            text = _(
                "Van de %(due)s jongeren van 17½ jaar of ouder in een open casus heeft ongeveer "
                "%(share)s%% een volledig plan voor na hun 18e (afgerond, zodat niemand "
                "herkenbaar is)."
            ) % {"due": transition["due"]["value"], "share": transition["share"]}
            ok = transition["share"] == 100
        else:
            text = _(
                "%(complete)s van de %(due)s jongeren van 17½ jaar of ouder in een open casus "
                "hebben een volledig plan voor na hun 18e (%(share)s%%)."
            ) % {
                "complete": transition["complete"]["value"],
                "due": transition["due"]["value"],
                "share": transition["share"],
            }
            ok = transition["share"] == 100
        add("transition", Fact(_("Hulp na 18 jaar"), text, ok))
    monitor = practice.get("monitor")
    if monitor is not None and not monitor.get("available", False):
        text = _(
            "Schakel heeft nog geen monitor. Zodra die er is, ziet u hier of mensen van uw "
            "gemeente hem gebruiken."
        )
        add("monitor", Fact(_("Gebruik van de monitor"), text, None))
    elif monitor is not None:
        if monitor["uses"]:
            text = ngettext(
                "De monitor is sinds %(since)s %(n)s keer bekeken door iemand van deze gemeente.",
                "De monitor is sinds %(since)s %(n)s keer bekeken door mensen van deze gemeente.",
                monitor["uses"],
            ) % {"since": _date(monitor["since"]), "n": monitor["uses"]}
        else:
            text = _("Niemand van deze gemeente heeft sinds %(since)s de monitor bekeken.") % {
                "since": _date(monitor["since"])
            }
        add("monitor", Fact(_("Gebruik van de monitor"), text, monitor["uses"] > 0))
    return out


def _date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day)}-{int(month)}-{year}"
