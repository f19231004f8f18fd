"""What a decision (besluit) must record before it can be saved, and what is still missing.

Children's Rights Convention: best interests first (art. 3), the child's view heard (art. 12),
privacy (art. 16). Messages say what to add, in plain Dutch, and never blame the young person.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class LegalBasis:
    code: str
    label: str


# Grounds for sharing personal data. Data for the privacy officer to review, not logic.
LEGAL_BASES: Final[tuple[LegalBasis, ...]] = (
    LegalBasis("jeugdwet", "Jeugdwet"),
    LegalBasis("wmo-2015", "Wet maatschappelijke ondersteuning 2015"),
    LegalBasis("meldrecht", "Meldrecht (Wet verplichte meldcode)"),
    LegalBasis("toestemming-jongere", "Toestemming van de jongere"),
    LegalBasis("toestemming-ouders", "Toestemming van de ouders of voogd"),
    LegalBasis("avg-6-1-c", "AVG art. 6 lid 1 sub c (wettelijke plicht)"),
    LegalBasis("avg-6-1-d", "AVG art. 6 lid 1 sub d (vitaal belang: gevaar voor leven)"),
    LegalBasis("avg-6-1-e", "AVG art. 6 lid 1 sub e (taak van algemeen belang)"),
)
LEGAL_BASIS_LABELS: Final[Mapping[str, str]] = {basis.code: basis.label for basis in LEGAL_BASES}

# Consent of parents who may take part in the exploitation is no safe ground for sharing.
PARENTAL_CONSENT: Final = "toestemming-ouders"


@dataclass(frozen=True)
class DecisionDraft:
    """A decision as entered. Text fields are empty strings when not filled in.

    ``child_heard`` and ``parents_involved`` are None while the question is not answered.
    ``parents_take_part`` comes from the case: the parents are (possibly) involved in the
    exploitation of their child.
    """

    what: str = ""
    why: str = ""
    child_heard: bool | None = None
    child_view: str = ""  # the young person's view, in their own words
    child_not_heard_reason: str = ""
    best_interest: str = ""
    parents_involved: bool | None = None
    parents_reason: str = ""
    parents_take_part: bool = False
    parents_extra_justification: str = ""
    shares_data: bool = False
    legal_basis: str = ""  # a code from LEGAL_BASES
    shared_with: str = ""


MESSAGES: Final[Mapping[str, str]] = {
    "what": "Schrijf op wat er is besloten.",
    "why": "Schrijf op waarom dit is besloten.",
    "child_heard": "Geef aan of de jongere zelf is gehoord.",
    "child_view": "Schrijf op wat de jongere zelf vindt, in zijn of haar eigen woorden.",
    "child_not_heard_reason": "Schrijf op waarom de jongere niet is gehoord.",
    "best_interest": "Schrijf op waarom dit besluit het beste is voor de jongere.",
    "parents_involved": "Geef aan of de ouders bij dit besluit worden betrokken.",
    "parents_reason.involved": "Schrijf op waarom de ouders worden betrokken.",
    "parents_reason.not_involved": "Schrijf op waarom de ouders niet worden betrokken.",
    "parents_extra_justification": (
        "De ouders doen mogelijk mee aan de uitbuiting. Leg uit waarom het toch veilig is "
        "en goed voor de jongere om hen te betrekken."
    ),
    "legal_basis": "Kies op welke wettelijke grond de gegevens worden gedeeld.",
    "legal_basis.unknown": "Kies een wettelijke grond uit de lijst.",
    "legal_basis.parental_consent": (
        "De ouders doen mogelijk mee aan de uitbuiting. Hun toestemming is daarom geen "
        "veilige grond om gegevens te delen. Kies een andere grond."
    ),
    "shared_with": "Schrijf op met wie de gegevens worden gedeeld.",
}


def decision_problems(draft: DecisionDraft) -> dict[str, str]:
    """Field name -> what is missing, in plain Dutch. An empty dict means it can be saved.

    The keys are the DecisionDraft field names, so a form can show each message at its field.
    """
    problems: dict[str, str] = {}
    if _blank(draft.what):
        problems["what"] = MESSAGES["what"]
    if _blank(draft.why):
        problems["why"] = MESSAGES["why"]

    if draft.child_heard is None:
        problems["child_heard"] = MESSAGES["child_heard"]
    elif draft.child_heard and _blank(draft.child_view):
        problems["child_view"] = MESSAGES["child_view"]
    elif not draft.child_heard and _blank(draft.child_not_heard_reason):
        problems["child_not_heard_reason"] = MESSAGES["child_not_heard_reason"]

    if _blank(draft.best_interest):
        problems["best_interest"] = MESSAGES["best_interest"]

    if draft.parents_involved is None:
        problems["parents_involved"] = MESSAGES["parents_involved"]
    else:
        if _blank(draft.parents_reason):
            key = "involved" if draft.parents_involved else "not_involved"
            problems["parents_reason"] = MESSAGES[f"parents_reason.{key}"]
        if (
            draft.parents_involved
            and draft.parents_take_part
            and _blank(draft.parents_extra_justification)
        ):
            problems["parents_extra_justification"] = MESSAGES["parents_extra_justification"]

    if draft.shares_data:
        basis = draft.legal_basis.strip()
        if not basis:
            problems["legal_basis"] = MESSAGES["legal_basis"]
        elif basis not in LEGAL_BASIS_LABELS:
            problems["legal_basis"] = MESSAGES["legal_basis.unknown"]
        elif basis == PARENTAL_CONSENT and draft.parents_take_part:
            problems["legal_basis"] = MESSAGES["legal_basis.parental_consent"]
        if _blank(draft.shared_with):
            problems["shared_with"] = MESSAGES["shared_with"]
    return problems


def _blank(text: str) -> bool:
    return not text.strip()
