"""Fictitious demo cases, opened and kept by the demo care coordinator from the demo signals.

Four young people (see ``schakel.intake.demo``), so every case screen shows something:

- Demi (15): victim; missing twice in 90 days and missing right now ("vaker vermist");
  a referral that went from sent via the waiting list to accepted and started.
- Noor (17 years and 8 months): victim; the plan for after 18 is only half done ("bijna 18
  zonder plan"); a referral on the waiting list for too long ("verwijzing wacht"); her parents
  are not involved at first, because the threats are also aimed at them.
- Luuk (14): victim of sextortion that turned into money muling; help completed, case closed
  with aftercare.
- Milan (17 years and 7 months): victim and offender at once; one referral declined (the
  centre takes no young people who are also suspects), help for young offenders started;
  a complete plan for after 18.

Every write goes through the services (audited, with the coordinator's role and region),
except what no service sets: the roles of a case, the municipalities of attached signals,
and the back-dating of timestamps, so that the history looks real. Dates are relative to
today. Each part is only added when it is missing, so loading twice adds nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from schakel.accounts.models import User
from schakel.intake.demo import (
    DEMI,
    LUUK,
    MILAN,
    NOOR,
    demo_date_of_birth,
    demo_moment,
)
from schakel.intake.models import Signal

from . import services
from .constants import CaseRoleKind
from .domain.closing import Aftercare as AftercareSpec
from .domain.closing import CaseStatus
from .domain.decisions import DecisionDraft
from .domain.referrals import ReferralStatus
from .models import Aftercare, Case, CaseRole, CaseSignal, Decision, Referral, TransitionPlan

SENT = ReferralStatus.SENT
WAITING_LIST = ReferralStatus.WAITING_LIST
ACCEPTED = ReferralStatus.ACCEPTED
STARTED = ReferralStatus.STARTED
DECLINED = ReferralStatus.DECLINED
COMPLETED = ReferralStatus.COMPLETED


@dataclass(frozen=True)
class DemoDecision:
    days_ago: int
    draft: DecisionDraft


@dataclass(frozen=True)
class DemoReferral:
    to_name: str
    kind: str
    # (status, days ago, note); the first step is always SENT.
    steps: tuple[tuple[ReferralStatus, int, str], ...]


@dataclass(frozen=True)
class DemoEpisode:
    start_days_ago: int
    start_hour: int
    end_days_ago: int | None  # None: still missing
    end_hour: int = 0
    found_where: str = ""
    reported_by: str = ""
    note: str = ""


@dataclass(frozen=True)
class DemoPlan:
    who_takes_over: str
    adult_care_arranged: bool
    consent_asked_again: bool
    consent_given: bool | None
    agreed_days_ago: int | None


@dataclass(frozen=True)
class DemoClosing:
    days_ago: int
    reason: str
    note: str
    # (who, days from today until the aftercare ends, what)
    aftercare: tuple[tuple[str, int, str], ...]


@dataclass(frozen=True)
class DemoCase:
    person: tuple[str, str]  # (given names, surname), as in the demo signals
    opened_days_ago: int
    opening_key: str  # submission key of the signal the case was opened from
    # (submission key, days ago, why it belongs to this young person)
    attach: tuple[tuple[str, int, str], ...]
    exploitation_types: tuple[str, ...]
    # (role, days ago, note); two roles at once: victim and offender.
    roles: tuple[tuple[str, int, str], ...]
    decisions: tuple[DemoDecision, ...] = ()
    referrals: tuple[DemoReferral, ...] = ()
    episodes: tuple[DemoEpisode, ...] = ()
    plan: DemoPlan | None = None
    closing: DemoClosing | None = None


def _key(number: int) -> str:
    return f"7d0c1f00-0000-4000-8000-{number:012d}"


EXPERTISECENTRUM = "Demo Expertisecentrum Seksuele Uitbuiting (fictief)"

DEMI_CASE = DemoCase(
    person=DEMI,
    opened_days_ago=68,
    opening_key=_key(1),
    attach=(
        (
            _key(4),
            68,
            "Zelfde naam, leeftijd en school. De mentor bevestigt dat het om Demi gaat.",
        ),
        (
            _key(5),
            41,
            "Zelfde naam en geboortedatum. De politie vond Demi tijdens haar vermissing.",
        ),
    ),
    exploitation_types=("sexual", "criminal"),
    roles=(
        (
            CaseRoleKind.VICTIM,
            68,
            "Moet een schuld voor drugs 'terugbetalen' met seks. Wordt ook ingezet voor klusjes.",
        ),
    ),
    decisions=(
        DemoDecision(
            66,
            DecisionDraft(
                what="Demi aanmelden voor triage bij het expertisecentrum voor seksuele "
                "uitbuiting.",
                why="Er zijn signalen van twee kanten: een schuld voor drugs en oudere mannen "
                "die haar ophalen. Dat past bij seksuele uitbuiting. Daar is hulp van "
                "specialisten voor nodig.",
                child_heard=True,
                child_view="Ik wil niet dat iemand boos op me wordt. Ik wil wel van die schuld "
                "af. Maar ik wil niet weg van huis.",
                best_interest="Demi is 15 en loopt gevaar. Hulp van mensen die dit vaker zien, "
                "geeft haar de beste kans om veilig te worden. We kiezen eerst voor hulp "
                "dichtbij huis, zoals zij vraagt.",
                parents_involved=True,
                parents_reason="Moeder doet niet mee aan de uitbuiting en wil Demi helpen. Demi "
                "vindt het goed dat moeder weet dat er hulp komt.",
                shares_data=True,
                shared_with=EXPERTISECENTRUM,
                legal_basis="jeugdwet",
            ),
        ),
        DemoDecision(
            41,
            DecisionDraft(
                what="Melden bij Veilig Thuis. De politie (AVIM) onderzoekt wie de volwassenen "
                "zijn.",
                why="Demi werd gevonden in een hotelkamer met een volwassen man. Dat is acuut "
                "onveilig. Dan is melden bij Veilig Thuis verplicht.",
                child_heard=True,
                child_view="Ik wil geen aangifte doen. Ik ben bang dat ze me dan pakken.",
                best_interest="Demi's veiligheid gaat voor. Zij hoeft zelf geen aangifte te "
                "doen; de politie kan ook zonder haar verklaring onderzoek doen. Zo houden we "
                "haar buiten de strijd.",
                parents_involved=True,
                parents_reason="Moeder meldde de vermissing en werkt mee. Zij is een steun "
                "voor Demi.",
                shares_data=True,
                shared_with="Veilig Thuis Demo (fictief) en de politie, AVIM",
                legal_basis="meldrecht",
            ),
        ),
        DemoDecision(
            2,
            DecisionDraft(
                what="De vermissing direct bij de politie melden. Als Demi terug is, zoeken "
                "we voor een tijd een veilige plek buiten Utrecht.",
                why="Demi is voor de derde keer vermist, de tweede keer in korte tijd. De "
                "vorige keer vond de politie haar bij een volwassen man.",
                child_heard=False,
                child_not_heard_reason="Demi is op dit moment vermist. Het besluit kon niet "
                "wachten. Als ze terug is, praten we met haar en schrijven we op wat zij "
                "ervan vindt.",
                best_interest="Demi is nu mogelijk in gevaar. Snel zoeken beschermt haar het "
                "best. Een veilige plek is tijdelijk, en we bespreken die eerst met haar.",
                parents_involved=True,
                parents_reason="Moeder meldde de vermissing en helpt bij het zoeken.",
                shares_data=True,
                shared_with="De politie",
                legal_basis="avg-6-1-d",
            ),
        ),
    ),
    referrals=(
        DemoReferral(
            EXPERTISECENTRUM,
            "triage en specialistische hulp (LTA)",
            (
                (SENT, 65, ""),
                (WAITING_LIST, 58, "Plek over ongeveer een maand."),
                (ACCEPTED, 30, "Intake gepland."),
                (STARTED, 20, "Eerste gesprek geweest, samen met moeder."),
            ),
        ),
        DemoReferral(
            "Demo Verslavingszorg Jeugd (fictief)",
            "hulp bij drugsgebruik",
            (
                (SENT, 40, ""),
                (ACCEPTED, 30, ""),
                (STARTED, 21, "Wekelijks gesprek, afgestemd met het expertisecentrum."),
            ),
        ),
    ),
    episodes=(
        DemoEpisode(
            130,
            22,
            128,
            15,
            found_where="Bij een vriendin in Nieuwegein",
            reported_by="Moeder",
        ),
        DemoEpisode(
            43,
            20,
            42,
            3,
            found_where="Hotelkamer in Utrecht, samen met een volwassen man",
            reported_by="Moeder",
            note="Gevonden door de politie. Zie het signaal van de wijkagent.",
        ),
        DemoEpisode(
            2,
            21,
            None,
            reported_by="Moeder",
            note="Niet thuisgekomen na school. De politie is ingelicht.",
        ),
    ),
)

NOOR_CASE = DemoCase(
    person=NOOR,
    opened_days_ago=123,
    opening_key=_key(2),
    attach=(
        (
            _key(6),
            109,
            "Zelfde naam en geboortedatum. De huisarts ziet lichamelijke signalen die "
            "passen bij wat Noor het wijkteam vertelde.",
        ),
        (
            _key(7),
            94,
            "Zelfde naam en woonplaats. Het gaat om beelden van Noor die online rondgaan.",
        ),
    ),
    exploitation_types=("sexual",),
    roles=(
        (
            CaseRoleKind.VICTIM,
            123,
            "Al meer dan een jaar bedreigd en gedwongen tot seksuele handelingen, offline "
            "en online. Zit vast in een netwerk.",
        ),
    ),
    decisions=(
        DemoDecision(
            122,
            DecisionDraft(
                what="Melden bij Veilig Thuis en de politie (AVIM) vragen om mee te denken "
                "over de veiligheid van Noor en haar ouders.",
                why="Noor vertelde het zelf en er wordt gedreigd met geweld. Dat is acuut "
                "onveilig. Zonder de politie kunnen we haar niet goed beschermen.",
                child_heard=True,
                child_view="Ik wil eruit, maar als ik praat doen ze mijn ouders iets. Zorg "
                "eerst dat het veilig is.",
                best_interest="Noor wordt al lang onder druk gezet. Haar veiligheid en die "
                "van haar ouders gaat voor. We nemen geen stap die zij niet weet.",
                parents_involved=False,
                parents_reason="De dreiging is ook tegen de ouders gericht. Noor wil niet "
                "dat zij het nu al horen: ze is bang dat ze dan iets doen wat het "
                "gevaarlijker maakt. De ouders doen niet mee aan de uitbuiting. We betrekken "
                "hen samen met de politie zodra er een veiligheidsplan is.",
                shares_data=True,
                shared_with="Veilig Thuis Demo (fictief) en de politie, AVIM",
                legal_basis="meldrecht",
            ),
        ),
        DemoDecision(
            90,
            DecisionDraft(
                what="Noor aanmelden bij een behandelcentrum voor jonge slachtoffers van "
                "seksuele uitbuiting.",
                why="Noor heeft hulp nodig van mensen die veel weten van uitbuiting en "
                "trauma. Er is nu een veiligheidsplan, dus behandeling kan beginnen.",
                child_heard=True,
                child_view="Ik wil met iemand praten die dit snapt. Niet in een groep.",
                best_interest="Goede behandeling helpt Noor om los te komen van het netwerk "
                "en om weer een eigen leven op te bouwen. Ze kiest zelf mee waar ze heen gaat.",
                parents_involved=True,
                parents_reason="Er is nu een veiligheidsplan met de politie. Noor wil dat haar "
                "ouders weten dat ze hulp krijgt. Zij steunen haar.",
                shares_data=True,
                shared_with="Demo Behandelcentrum Jonge Slachtoffers (fictief)",
                legal_basis="toestemming-jongere",
            ),
        ),
        DemoDecision(
            20,
            DecisionDraft(
                what="Een plan maken voor de zorg na 18 jaar. Het wijkteam voor volwassenen "
                "neemt de zorg later over.",
                why="Noor wordt over een paar maanden 18. Haar hulp mag dan niet stoppen.",
                child_heard=True,
                child_view="Na mijn 18e wil ik niet alles opnieuw vertellen. Ik wil dezelfde "
                "mensen houden als het kan.",
                best_interest="Noor heeft rust en vaste mensen nodig. Een goede overdracht "
                "voorkomt dat ze na haar 18e zonder hulp komt te staan.",
                parents_involved=True,
                parents_reason="Noor wil dat haar ouders meedenken over het plan.",
            ),
        ),
    ),
    referrals=(
        DemoReferral(
            "Demo Veilige Opvang Jongeren (fictief)",
            "tijdelijke veilige woonplek",
            (
                (SENT, 105, ""),
                (ACCEPTED, 103, "Plek vrij."),
                (STARTED, 101, "Noor woont hier voorlopig."),
            ),
        ),
        DemoReferral(
            "Demo Behandelcentrum Jonge Slachtoffers (fictief)",
            "specialistische traumabehandeling (LTA)",
            (
                (SENT, 88, ""),
                (WAITING_LIST, 60, "Lange wachtlijst. Nog geen datum bekend."),
            ),
        ),
    ),
    # Half done: someone takes over, but adult care is not arranged and consent not asked.
    plan=DemoPlan(
        who_takes_over="Demo Wijkteam IJsselstein, team 18+ (fictief)",
        adult_care_arranged=False,
        consent_asked_again=False,
        consent_given=None,
        agreed_days_ago=None,
    ),
)

LUUK_CASE = DemoCase(
    person=LUUK,
    opened_days_ago=208,
    opening_key=_key(8),
    attach=(
        (
            _key(9),
            199,
            "Zelfde naam en geboortedatum. Het gaat om dezelfde bankrekening die Luuk "
            "moest uitlenen.",
        ),
    ),
    exploitation_types=("criminal", "sexual"),
    roles=(
        (
            CaseRoleKind.VICTIM,
            208,
            "Afgeperst met naaktfoto's en gedwongen zijn bankrekening uit te lenen.",
        ),
    ),
    decisions=(
        DemoDecision(
            207,
            DecisionDraft(
                what="De politie (AVIM) inschakelen, de bankrekening laten blokkeren en de "
                "foto's laten verwijderen.",
                why="Luuk wordt afgeperst en zijn rekening wordt gebruikt voor criminele "
                "betalingen. Hoe sneller dit stopt, hoe minder macht de afperser heeft.",
                child_heard=True,
                child_view="Ik schaam me kapot. Ik wil dat die foto's weg zijn. Mijn vrienden "
                "mogen het niet weten.",
                best_interest="Luuk is 14 en slachtoffer, ook al ging er geld over zijn "
                "rekening. Snel handelen beschermt hem. We houden het zo klein mogelijk op "
                "school, zoals hij vraagt.",
                parents_involved=True,
                parents_reason="De ouders doen niet mee en steunen Luuk. Eerst wilde hij niet "
                "dat ze het wisten. Na een gesprek met zijn mentor erbij vond hij het goed.",
                shares_data=True,
                shared_with="De politie, AVIM",
                legal_basis="toestemming-ouders",
            ),
        ),
        DemoDecision(
            205,
            DecisionDraft(
                what="Luuk aanmelden bij jeugdhulp voor jongeren die online zijn afgeperst.",
                why="Luuk slaapt slecht en is bang. Hij heeft hulp nodig om dit te verwerken.",
                child_heard=True,
                child_view="Praten vind ik oké, als het maar niet op school is.",
                best_interest="Hulp die past bij wat hij meemaakte, helpt Luuk om weer "
                "gewoon naar school te gaan en vrienden te vertrouwen.",
                parents_involved=True,
                parents_reason="De ouders gaan mee naar de eerste gesprekken. Luuk wil dat.",
                shares_data=True,
                shared_with="Demo Jeugdhulp Online Misbruik (fictief)",
                legal_basis="toestemming-ouders",
            ),
        ),
        DemoDecision(
            12,
            DecisionDraft(
                what="De casus afsluiten. Het wijkteam en de mentor houden nog een tijd contact.",
                why="De hulp is afgerond. De foto's zijn verwijderd, de afperser is opgepakt "
                "en Luuk voelt zich veilig.",
                child_heard=True,
                child_view="Het gaat nu goed. Wel fijn als mijn mentor af en toe vraagt hoe "
                "het gaat.",
                best_interest="Luuk wil weer een gewoon leven. Nazorg zorgt dat we het snel "
                "merken als er weer iets is.",
                parents_involved=True,
                parents_reason="De ouders zijn het eens met afsluiten en weten wie ze kunnen "
                "bellen.",
            ),
        ),
    ),
    referrals=(
        DemoReferral(
            "Demo Jeugdhulp Online Misbruik (fictief)",
            "hulp na online afpersing",
            (
                (SENT, 205, ""),
                (ACCEPTED, 198, ""),
                (STARTED, 185, ""),
                (COMPLETED, 15, "Behandeling afgerond. Luuk en zijn ouders zijn tevreden."),
            ),
        ),
    ),
    closing=DemoClosing(
        days_ago=10,
        reason="hulp-afgerond",
        note="De hulp is klaar en Luuk is veilig. Nazorg door het wijkteam en de mentor.",
        aftercare=(
            (
                "Demo Wijkteam Houten (fictief)",
                90,
                "Elke maand een gesprek met Luuk en zijn ouders. Bij nieuwe dreiging meteen "
                "contact met de zorgcoördinator.",
            ),
            (
                "Mentor, Demo Scholengemeenschap De Brug (fictief)",
                150,
                "Om de twee weken kort contact op school.",
            ),
        ),
    ),
)

MILAN_CASE = DemoCase(
    person=MILAN,
    opened_days_ago=158,
    opening_key=_key(10),
    attach=(
        (
            _key(11),
            109,
            "Zelfde naam en geboortedatum. De politie ziet Milan als verdachte én als "
            "jongere onder druk.",
        ),
    ),
    exploitation_types=("sexual", "criminal"),
    roles=(
        (
            CaseRoleKind.VICTIM,
            158,
            "Wordt bedreigd en geslagen door een groep oudere mannen.",
        ),
        (
            CaseRoleKind.OFFENDER,
            109,
            "Ronselt onder dwang meisjes. Verdachte in een politieonderzoek. Hij blijft ook "
            "slachtoffer.",
        ),
    ),
    decisions=(
        DemoDecision(
            157,
            DecisionDraft(
                what="Milan aanmelden voor specialistische hulp voor slachtoffers van uitbuiting.",
                why="Milan wordt bedreigd en mishandeld. Hij vertelde het zelf.",
                child_heard=True,
                child_view="Als ik stop, maken ze me af. Ik wil eruit, maar ik weet niet hoe.",
                best_interest="Milan is in gevaar en zit klem. Hulp en bescherming komen eerst.",
                parents_involved=False,
                parents_reason="Milan vraagt zijn vader nu nog niet in te lichten. Hij is "
                "bang dat zijn vader verhaal gaat halen bij de groep en dan zelf gevaar loopt. "
                "Er is niets dat erop wijst dat de vader meedoet. We bespreken het elke week "
                "opnieuw met Milan.",
                shares_data=True,
                shared_with=EXPERTISECENTRUM,
                legal_basis="toestemming-jongere",
            ),
        ),
        DemoDecision(
            105,
            DecisionDraft(
                what="Milan als slachtoffer én als jonge dader benaderen: hulp voor jonge "
                "daders naast bescherming. Bespreken in het Zorg- en Veiligheidshuis.",
                why="De politie ziet Milan als verdachte. Tegelijk wordt hij zelf uitgebuit. "
                "Alleen straf of alleen hulp werkt dan niet.",
                child_heard=True,
                child_view="Ik weet dat ik die meisjes iets heb aangedaan. Maar ik had geen "
                "keus. Ik wil wel hulp, als het niet alleen straf is.",
                best_interest="Milan krijgt bescherming en leert verantwoordelijkheid te nemen. "
                "Zo is de kans het grootst dat hij loskomt van de groep. De meisjes krijgen "
                "hulp via hun eigen route.",
                parents_involved=True,
                parents_reason="Er is nu een veiligheidsplan met de politie. Milan vindt het "
                "goed dat zijn vader meedoet. Zijn vader werkt mee.",
                shares_data=True,
                shared_with="Demo Zorg- en Veiligheidshuis (fictief) en Demo Jeugdreclassering "
                "(fictief)",
                legal_basis="avg-6-1-e",
            ),
        ),
        DemoDecision(
            14,
            DecisionDraft(
                what="Het plan voor na 18 jaar is klaar. Het wijkteam voor volwassenen in "
                "Lopik neemt de zorg over; zijn begeleider blijft nog een half jaar.",
                why="Milan wordt binnen een half jaar 18. Zijn hulp en bescherming mogen dan "
                "niet stoppen.",
                child_heard=True,
                child_view="Ik wil dat mijn begeleider blijft. Jullie mogen mijn gegevens "
                "doorgeven aan het team voor volwassenen.",
                best_interest="Met een warme overdracht houdt Milan vaste mensen om zich heen. "
                "Dat maakt de kans kleiner dat hij terugvalt.",
                parents_involved=True,
                parents_reason="Milan wilde dat zijn vader bij het gesprek over het plan was.",
                shares_data=True,
                shared_with="Demo Wijkteam Lopik, team 18+ (fictief)",
                legal_basis="toestemming-jongere",
            ),
        ),
    ),
    referrals=(
        DemoReferral(
            EXPERTISECENTRUM,
            "specialistische hulp voor slachtoffers (LTA)",
            (
                (SENT, 155, ""),
                (
                    DECLINED,
                    140,
                    "Het centrum neemt geen jongeren op die ook verdachte zijn. Besproken met "
                    "Milan; we zoeken een andere plek.",
                ),
            ),
        ),
        DemoReferral(
            "Demo Hulp voor Jonge Daders (fictief)",
            "hulp voor jonge daders",
            (
                (SENT, 104, ""),
                (ACCEPTED, 95, ""),
                (STARTED, 84, "Twee keer per week, samen met de jeugdreclassering."),
            ),
        ),
        DemoReferral(
            "Demo Traumahulp voor Jongens (fictief)",
            "traumabehandeling na uitbuiting",
            (
                (SENT, 38, ""),
                (WAITING_LIST, 30, "Verwachte start over zes weken."),
            ),
        ),
    ),
    episodes=(
        DemoEpisode(
            75,
            23,
            74,
            14,
            found_where="Kwam zelf terug naar huis",
            reported_by="Vader",
            note="Zegt dat hij 'mee moest' naar Utrecht.",
        ),
    ),
    plan=DemoPlan(
        who_takes_over="Demo Wijkteam Lopik, team 18+ (fictief)",
        adult_care_arranged=True,
        consent_asked_again=True,
        consent_given=True,
        agreed_days_ago=14,
    ),
)

DEMO_CASES = (DEMI_CASE, NOOR_CASE, LUUK_CASE, MILAN_CASE)


def _signal(key: str) -> Signal | None:
    return Signal.objects.filter(submission_key=key).first()


def _open(coordinator: User, spec: DemoCase, today: date) -> Case | None:
    signal = _signal(spec.opening_key)
    if signal is None:
        return None
    link = CaseSignal.objects.filter(signal=signal, detached_at__isnull=True).first()
    if link is not None:
        return link.case
    case = services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)
    opened = demo_moment(today, spec.opened_days_ago, 11)
    Case.objects.filter(pk=case.pk).update(created_at=opened)
    CaseSignal.objects.filter(case=case, signal=signal).update(attached_at=opened)
    case.refresh_from_db()
    return case


def _person_details(coordinator: User, case: Case, spec: DemoCase, today: date) -> None:
    changes: dict[str, object] = {}
    if case.date_of_birth is None:
        changes["date_of_birth"] = demo_date_of_birth(spec.person[1], today)
    if set(case.exploitation_types) != set(spec.exploitation_types):
        changes["exploitation_types"] = list(spec.exploitation_types)
    if changes:
        services.case_update(
            actor=coordinator,
            case_id=case.pk,
            base={name: getattr(case, name) for name in changes},
            changes=changes,
            labels={"date_of_birth": "geboortedatum", "exploitation_types": "vormen"},
        )


def _attach(coordinator: User, case: Case, spec: DemoCase, today: date) -> None:
    for key, days_ago, reason in spec.attach:
        signal = _signal(key)
        if signal is None:
            continue
        if CaseSignal.objects.filter(signal=signal, detached_at__isnull=True).exists():
            continue
        link = services.case_signal_attach(
            actor=coordinator, case_id=case.pk, signal_id=signal.pk, reason=reason
        )
        CaseSignal.objects.filter(pk=link.pk).update(attached_at=demo_moment(today, days_ago, 14))
        # The case now spans the municipalities of this signal too.
        case.municipalities.add(*[place.municipality_id for place in signal.places.all()])


def _roles(case: Case, spec: DemoCase, today: date) -> None:
    # No service for roles yet: the demo writes them directly.
    if case.roles.exists():
        return
    CaseRole.objects.bulk_create(
        CaseRole(case=case, role=role, since=today - timedelta(days=days_ago), note=note)
        for role, days_ago, note in spec.roles
    )


def _decisions(coordinator: User, case: Case, spec: DemoCase, today: date) -> None:
    for item in spec.decisions:
        if case.decisions.filter(what=item.draft.what).exists():
            continue
        decision = services.decision_record(actor=coordinator, case_id=case.pk, draft=item.draft)
        Decision.objects.filter(pk=decision.pk).update(
            decided_at=demo_moment(today, item.days_ago, 15)
        )


def _referrals(coordinator: User, case: Case, spec: DemoCase, today: date) -> None:
    for item in spec.referrals:
        if case.referrals.filter(to_name=item.to_name).exists():
            continue
        (first, sent_days_ago, _note), *later = item.steps
        assert first == SENT  # noqa: S101 - a demo data error
        referral = services.referral_send(
            actor=coordinator,
            case_id=case.pk,
            to_name=item.to_name,
            kind=item.kind,
            on=today - timedelta(days=sent_days_ago),
        )
        Referral.objects.filter(pk=referral.pk).update(
            created_at=demo_moment(today, sent_days_ago, 16)
        )
        for status, days_ago, note in later:
            services.referral_update(
                actor=coordinator,
                referral_id=referral.pk,
                status=status.value,
                on=today - timedelta(days=days_ago),
                note=note,
            )


def _episodes(coordinator: User, case: Case, spec: DemoCase, today: date) -> None:
    if case.missing_episodes.exists():
        return
    now = timezone.now()
    for item in spec.episodes:
        start = demo_moment(today, item.start_days_ago, item.start_hour)
        end = None
        if item.end_days_ago is not None:
            end = demo_moment(today, item.end_days_ago, item.end_hour)
        start, end = min(start, now), None if end is None else min(end, now)
        services.missing_episode_record(
            actor=coordinator,
            case_id=case.pk,
            start=start,
            end=end,
            found_where=item.found_where,
            reported_by=item.reported_by,
            note=item.note,
        )


def _plan(coordinator: User, case: Case, spec: DemoCase, today: date) -> None:
    if spec.plan is None or TransitionPlan.objects.filter(case=case).exists():
        return
    plan = spec.plan
    agreed_on = None
    if plan.agreed_days_ago is not None:
        agreed_on = today - timedelta(days=plan.agreed_days_ago)
    services.transition_plan_save(
        actor=coordinator,
        case_id=case.pk,
        who_takes_over=plan.who_takes_over,
        adult_care_arranged=plan.adult_care_arranged,
        consent_asked_again=plan.consent_asked_again,
        consent_given=plan.consent_given,
        agreed_on=agreed_on,
    )


def _close(coordinator: User, case: Case, spec: DemoCase, today: date) -> None:
    closing = spec.closing
    case.refresh_from_db()
    if closing is None or case.status != CaseStatus.OPEN.value or case.closed_at is not None:
        return
    services.case_close(
        actor=coordinator,
        case_id=case.pk,
        reason=closing.reason,
        note=closing.note,
        aftercare=[
            AftercareSpec(who=who, until=today + timedelta(days=days), what=what)
            for who, days, what in closing.aftercare
        ],
    )
    closed = demo_moment(today, closing.days_ago, 16)
    Case.objects.filter(pk=case.pk).update(closed_at=closed)
    Aftercare.objects.filter(case=case).update(agreed_at=closed)


@transaction.atomic
def demo_cases_load() -> int:
    """Open (or complete) the demo cases; returns how many demo cases there are."""
    coordinator = User.objects.get(username="demo-zorgcoordinator")
    today = timezone.localdate()
    count = 0
    for spec in DEMO_CASES:
        case = _open(coordinator, spec, today)
        if case is None:
            continue
        count += 1
        _person_details(coordinator, case, spec, today)
        _attach(coordinator, case, spec, today)
        _roles(case, spec, today)
        _decisions(coordinator, case, spec, today)
        _referrals(coordinator, case, spec, today)
        _episodes(coordinator, case, spec, today)
        _plan(coordinator, case, spec, today)
        _close(coordinator, case, spec, today)
    # Some demo history is back-dated after the services ran: recompute the work queue.
    services.queue_refresh(cases=Case.objects.filter(region_id=coordinator.regions.first()))
    return count
