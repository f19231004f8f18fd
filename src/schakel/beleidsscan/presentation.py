"""What the report shows per tip: score, evidence, gaps, actions, practice facts, answers."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .constants import SCORE_LABELS
from .domain.rubric import Rubric
from .forms import FEATURE_LABELS
from .models import PolicyScan, QuestionAnswer

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
FACT_TIP = {"route_map": 3, "training": 4, "monitor": 5, "transition": 6, "participation": 9}


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


def _shown(count: dict[str, Any]) -> str:
    return _("minder dan 5") if count.get("hidden") else str(count.get("value"))


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
        total = training["first_line_organisations"]
        if total:
            text = ngettext(
                "%(trained)s van de %(total)s eerstelijnsorganisatie heeft sinds %(since)s "
                "iemand laten trainen (%(people)s professionals).",
                "%(trained)s van de %(total)s eerstelijnsorganisaties hebben sinds %(since)s "
                "iemand laten trainen (%(people)s professionals).",
                total,
            ) % {
                "trained": training["organisations_trained"],
                "total": total,
                "since": _date(training["since"]),
                "people": training["professionals_trained"],
            }
            ok: bool | None = training["organisations_trained"] == total
        else:
            text = _("Er staan nog geen eerstelijnsorganisaties van deze gemeente in Schakel.")
            ok = None
        if training["professional_accounts"]:
            text += " " + _(
                "Van de %(accounts)s professionals met een Schakel-account zijn er %(trained)s "
                "getraind."
            ) % {
                "accounts": training["professional_accounts"],
                "trained": training["accounts_trained"],
            }
        add("training", Fact(_("Training van professionals"), text, ok))
    participation = practice.get("participation")
    if participation:
        if participation["activities"]:
            text = ngettext(
                "Sinds %(since)s is %(n)s participatieactiviteit vastgelegd, met %(people)s "
                "deelnemers; bij %(changed)s is opgeschreven wat er daardoor veranderde.",
                "Sinds %(since)s zijn %(n)s participatieactiviteiten vastgelegd, met %(people)s "
                "deelnemers; bij %(changed)s is opgeschreven wat er daardoor veranderde.",
                participation["activities"],
            ) % {
                "since": _date(participation["since"]),
                "n": participation["activities"],
                "people": participation["participants"],
                "changed": participation["with_change"],
            }
            ok = participation["with_change"] > 0
        else:
            text = _("Sinds %(since)s is geen participatieactiviteit vastgelegd.") % {
                "since": _date(participation["since"])
            }
            ok = False
        add("participation", Fact(_("Jongeren en ervaringsdeskundigen betrokken"), text, ok))
    transition = practice.get("transition")
    if transition:
        if transition["due"].get("hidden"):
            text = _(
                "Minder dan 5 jongeren van 17½ jaar of ouder in een open casus: om hen niet "
                "herkenbaar te maken, tonen we hier geen aantallen."
            )
            ok = None
        else:
            text = _(
                "%(complete)s van de %(due)s jongeren van 17½ jaar of ouder in een open casus "
                "hebben een volledig plan voor na hun 18e (%(share)s%%)."
            ) % {
                "complete": _shown(transition["complete"]),
                "due": _shown(transition["due"]),
                "share": transition["share"],
            }
            ok = transition["share"] == 100
        add("transition", Fact(_("Hulp na 18 jaar"), text, ok))
    monitor = practice.get("monitor")
    if monitor is not None:
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
