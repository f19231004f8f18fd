"""Fictitious demo signals, so the queue, the cases and "wat nu?" show something meaningful.

Four fictitious young people, loosely based on the four short situations in the guide
"Mensenhandel: beleid in uw gemeente" (Defence for Children - ECPAT), in our own words:

- Demi Voorbeeld (fictief), 15: has a drug debt and must "pay it back" with sex.
- Noor Proefpersoon (fictief), almost 18: threatened for more than a year, forced into sexual
  acts offline and online, caught in a network; the threats are also aimed at her parents.
- Luuk Oefenaar (fictief), 14: sent nude photos to someone he trusted, and is now forced to
  lend his bank account (sextortion that turns into criminal exploitation).
- Milan Verzonnen (fictief), 17: must recruit girls or fears for his life; victim and
  offender at once.

The signals come from different fictitious reporters in the municipalities of the demo
region. The extra reporters are professionals who only give signals: their password is
unusable, so they cannot log in (the logins of the demo are in ``accounts/demo.py``).
Dates are relative to today. Fixed submission keys: loading twice gives the same signals.
"""

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from schakel.accounts.constants import OrganisationKind, Role
from schakel.accounts.models import Organisation, User
from schakel.geo.models import Municipality, Region
from schakel.routekaart.models import ContactOverride

from .constants import MunicipalityRole
from .models import Signal
from .services import SignalInput, indicators_load_defaults, meldcode_step_record, signal_submit

RESIDENCE = MunicipalityRole.RESIDENCE
SCHOOL = MunicipalityRole.SCHOOL
EXPLOITATION = MunicipalityRole.EXPLOITATION

# The same fictitious young person in signals and case: (given names, surname).
DEMI = ("Demi", "Voorbeeld (fictief)")
NOOR = ("Noor", "Proefpersoon (fictief)")
LUUK = ("Luuk", "Oefenaar (fictief)")
MILAN = ("Milan", "Verzonnen (fictief)")

# Age on the day the demo is loaded, in (years, months).
DEMO_AGES: dict[str, tuple[int, int]] = {
    DEMI[1]: (15, 4),
    NOOR[1]: (17, 8),  # almost 18, and the plan for after 18 is not ready yet
    LUUK[1]: (14, 9),
    MILAN[1]: (17, 7),
}


def born_on(today: date, years: int, months: int) -> date:
    """A date of birth that makes the young person ``years`` and ``months`` old today."""
    total = today.year * 12 + today.month - 1 - (years * 12 + months)
    year, month = divmod(total, 12)
    return date(year, month + 1, min(today.day, 28))


def demo_date_of_birth(surname: str, today: date) -> date:
    years, months = DEMO_AGES[surname]
    return born_on(today, years, months)


def demo_moment(today: date, days_ago: int, hour: int = 10, minute: int = 0) -> datetime:
    """An aware moment ``days_ago`` days before today, at the given local time."""
    day = today - timedelta(days=days_ago)
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


@dataclass(frozen=True)
class DemoReporter:
    username: str
    first_name: str
    last_name: str
    organisation: str


# Organisations of the extra reporters (the others are made in accounts/demo.py).
DEMO_REPORTER_ORGANISATIONS = [
    ("Demo Jongerenwerk Lek en IJssel (fictief)", OrganisationKind.JEUGDWERK, "GM0353"),
    ("Demo Huisartsenpraktijk Het Plein (fictief)", OrganisationKind.GEZONDHEIDSZORG, "GM0353"),
    ("Demo Politie, basisteam Lek en Vecht (fictief)", OrganisationKind.POLITIE, "GM0356"),
]

DEMO_REPORTERS = [
    DemoReporter(
        "demo-melder-school", "Dewi", "Docent (demo)", "Demo Scholengemeenschap De Brug (fictief)"
    ),
    DemoReporter(
        "demo-melder-jongerenwerk",
        "Joris",
        "Jongerenwerk (demo)",
        "Demo Jongerenwerk Lek en IJssel (fictief)",
    ),
    DemoReporter(
        "demo-melder-huisarts",
        "Hanneke",
        "Huisarts (demo)",
        "Demo Huisartsenpraktijk Het Plein (fictief)",
    ),
    DemoReporter(
        "demo-melder-politie",
        "Wim",
        "Wijkagent (demo)",
        "Demo Politie, basisteam Lek en Vecht (fictief)",
    ),
]


@dataclass(frozen=True)
class DemoSignal:
    key: str  # fixed submission key
    reporter: str  # username
    days_ago: int  # sent this many days before the demo is loaded
    data: SignalInput
    # Steps of the reporting code the reporter took: (step, days ago, notes).
    meldcode_steps: tuple[tuple[int, int, str], ...] = ()


def _person(person: tuple[str, str]) -> dict[str, str]:
    return {"given_names": person[0], "surname": person[1]}


# The first three keys are the signals of the first version of the demo; they keep their
# reporter (demo-professional), because a submission key belongs to one reporter.
DEMO_SIGNALS = [
    # Demi, 15: first signal from the neighbourhood team in Utrecht.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000001",
        "demo-professional",
        100,
        SignalInput(
            reporter_function="jeugdprofessional wijkteam (demo)",
            **_person(DEMI),
            places=[("GM0344", RESIDENCE), ("GM0356", SCHOOL)],
            exploitation_types=["criminal"],
            online=False,
            acute_danger=False,
            disclosure=True,
            parents_involved=False,
            indicator_codes=[
                "crimineel-schuld",
                "seksueel-gedrag-algemeen-middelen",
                "seksueel-gedrag-algemeen-verzuim",
            ],
            youth_view="Demi zegt dat ze het zelf wel oplost. Ze is bang dat het erger wordt "
            "als ze iets vertelt.",
            parents_role="Haar moeder maakt zich zorgen en vroeg zelf hulp bij het wijkteam. "
            "Zij weet niets van de schuld.",
            description="Fictief. Demi vertelde in een gesprek dat ze een schuld heeft bij "
            "oudere jongens. Eerst kreeg ze drugs voor niets. Nu moet ze die 'terugbetalen'. "
            "Ze zegt dat ze daarvoor dingen moet doen, maar niet wat.",
        ),
    ),
    # Noor, almost 18: first signal from the neighbourhood team that covers the place
    # where she is exploited.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000002",
        "demo-professional",
        125,
        SignalInput(
            reporter_function="jeugdprofessional wijkteam (demo)",
            **_person(NOOR),
            places=[("GM0353", RESIDENCE), ("GM0344", EXPLOITATION)],
            exploitation_types=["sexual"],
            online=True,
            acute_danger=True,
            disclosure=True,
            parents_involved=False,
            indicator_codes=[
                "seksueel-gedrag-seksueel-geregeld",
                "seksueel-gedrag-seksueel-chantage",
                "kwetsbaar-afhankelijkheid-relatie",
                "seksueel-zelfbeeld-somber",
            ],
            youth_view="Noor wil eruit. Maar ze is bang voor wat er met haar ouders gebeurt "
            "als ze praat.",
            parents_role="Haar ouders weten van niets. De dreiging is ook tegen hen gericht. "
            "Zij doen niet mee.",
            description="Fictief. Een buurtbewoner bracht Noor bij ons. Ze vertelde dat ze al "
            "meer dan een jaar wordt bedreigd. Bijna elke avond moet ze seksuele handelingen "
            "doen: in een woning in Utrecht en voor een webcam. Als ze weigert, dreigen ze "
            "haar en haar ouders iets aan te doen.",
        ),
    ),
    # An anonymous consultation about someone else, without a case: the signal queue shows it.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000003",
        "demo-professional",
        6,
        SignalInput(
            reporter_function="jeugdprofessional wijkteam (demo)",
            is_anonymous=True,
            age=13,
            places=[("GM0344", RESIDENCE)],
            exploitation_types=["other"],
            online=True,
            description="Fictief, anoniem overleg. Een meisje van 13 krijgt dure cadeaus van "
            "een veel oudere man. Ze kent hem van internet. Hij wil dat ze bij hem langskomt. "
            "Ze wil niet dat haar ouders het weten. Wat is een goede volgende stap?",
        ),
    ),
    # Demi: her mentor at school in Nieuwegein.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000004",
        "demo-melder-school",
        70,
        SignalInput(
            reporter_function="mentor (demo)",
            **_person(DEMI),
            places=[("GM0344", RESIDENCE), ("GM0356", SCHOOL)],
            exploitation_types=["sexual"],
            online=False,
            acute_danger=False,
            disclosure=False,
            indicator_codes=[
                "seksueel-gedrag-anderen-opgehaald",
                "seksueel-uiterlijk-dure-spullen",
                "seksueel-uiterlijk-moe",
                "seksueel-gedrag-algemeen-gebeld",
                "seksueel-gedrag-algemeen-verzuim",
            ],
            youth_view="Demi zegt dat een vriend haar ophaalt. Verder wil ze er niet over praten.",
            description="Fictief. Een paar keer per week wordt Demi na school opgehaald door "
            "een auto met oudere mannen. Ze heeft een nieuwe, dure telefoon en wordt steeds "
            "gebeld. In de les valt ze in slaap. Ze mist veel lessen.",
        ),
        meldcode_steps=(
            (1, 70, "Opgeschreven wat ik zag, zonder oordeel."),
            (
                2,
                69,
                "Overlegd met de zorgcoördinator van school. Advies gevraagd aan Veilig Thuis.",
            ),
        ),
    ),
    # Demi: the police found her after she went missing.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000005",
        "demo-melder-politie",
        42,
        SignalInput(
            reporter_function="wijkagent (demo)",
            **_person(DEMI),
            places=[("GM0344", RESIDENCE), ("GM0344", EXPLOITATION)],
            exploitation_types=["sexual", "criminal"],
            online=False,
            acute_danger=True,
            sexual_assault_days_ago=0,
            missing_now=False,
            missing_episodes_90d=1,
            indicator_codes=[
                "seksueel-gedrag-algemeen-hotels",
                "seksueel-gedrag-algemeen-weglopen",
                "seksueel-gedrag-seksueel-ouder",
            ],
            youth_view="Demi wilde niets zeggen over de man. Ze vroeg of haar moeder boos "
            "zou zijn.",
            parents_role="Moeder meldde Demi als vermist en was erg opgelucht dat ze terug is.",
            description="Fictief. Demi was sinds gisteravond vermist. Haar moeder had dat "
            "gemeld. Vannacht vonden wij haar in een hotelkamer in Utrecht, met een volwassen "
            "man. De man is aangehouden. Demi is thuisgebracht en kan terecht bij het Centrum "
            "Seksueel Geweld.",
        ),
    ),
    # Noor: her GP.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000006",
        "demo-melder-huisarts",
        110,
        SignalInput(
            reporter_function="huisarts (demo)",
            **_person(NOOR),
            places=[("GM0353", RESIDENCE)],
            exploitation_types=["sexual"],
            disclosure=False,
            indicator_codes=[
                "seksueel-gezondheid-soa",
                "seksueel-uiterlijk-verwondingen",
                "seksueel-gezondheid-eten-slapen",
                "seksueel-gezondheid-wisselende-zorg",
            ],
            youth_view="Noor zegt dat het goed gaat. Ze vroeg wel of ik het aan niemand vertel.",
            description="Fictief. Noor kwam dit jaar voor de derde keer voor een soa-test, "
            "steeds bij een andere arts. Ze heeft blauwe plekken op haar armen en slaapt "
            "slecht. Tijdens het gesprek ging haar telefoon steeds. Ze schrok daar erg van.",
        ),
        meldcode_steps=(
            (1, 110, "Klachten en gedrag in het dossier gezet."),
            (
                2,
                109,
                "Overlegd met de aandachtsfunctionaris van de praktijk en advies "
                "gevraagd aan Veilig Thuis.",
            ),
        ),
    ),
    # Noor: the youth worker in her home town.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000007",
        "demo-melder-jongerenwerk",
        95,
        SignalInput(
            reporter_function="jongerenwerker (demo)",
            **_person(NOOR),
            places=[("GM0353", RESIDENCE)],
            exploitation_types=["sexual"],
            online=True,
            indicator_codes=[
                "seksueel-gedrag-anderen-terugtrekken",
                "seksueel-gedrag-seksueel-beelden",
                "seksueel-gedrag-anderen-geheim",
            ],
            youth_view="Noor zei alleen: 'Ik kan er niks aan doen, laat het maar.'",
            description="Fictief. Jongeren in het buurthuis zeggen dat er filmpjes van Noor "
            "rondgaan in een besloten groep. Noor komt bijna niet meer. Als ze er is, zit ze "
            "alleen en kijkt ze steeds op haar telefoon.",
        ),
    ),
    # Luuk, 14: he told his mentor.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000008",
        "demo-melder-school",
        210,
        SignalInput(
            reporter_function="mentor (demo)",
            **_person(LUUK),
            places=[("GM0321", RESIDENCE), ("GM0356", SCHOOL)],
            exploitation_types=["sexual", "criminal"],
            online=True,
            acute_danger=False,
            structural_unsafety=True,
            disclosure=True,
            parents_involved=False,
            indicator_codes=[
                "seksueel-gedrag-seksueel-beelden",
                "seksueel-gedrag-seksueel-chantage",
                "crimineel-bankrekening",
                "seksueel-zelfbeeld-schaamte",
            ],
            youth_view="Luuk schaamt zich erg. Hij wil dat de foto's weg zijn en dat niemand "
            "op school het weet.",
            parents_role="De ouders weten het nog niet. Luuk is bang dat ze boos worden. Er is "
            "niets dat erop wijst dat zij erbij betrokken zijn.",
            description="Fictief. Luuk kwam na de les naar mij toe. Hij stuurde naaktfoto's "
            "naar iemand die hij online had leren kennen en vertrouwde. Nu moet hij zijn "
            "bankpas en pincode afgeven. Anders gaan de foto's naar zijn klas. Er is al geld "
            "via zijn rekening gegaan.",
        ),
        meldcode_steps=(
            (1, 210, "Opgeschreven wat Luuk vertelde, in zijn eigen woorden."),
            (
                2,
                210,
                "Overlegd met de vertrouwenspersoon van school en met de zorgcoördinator "
                "mensenhandel.",
            ),
            (3, 209, "Gesprek met Luuk, daarna samen met Luuk en zijn ouders."),
        ),
    ),
    # Luuk: the police, after the bank blocked his account.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000009",
        "demo-melder-politie",
        200,
        SignalInput(
            reporter_function="wijkagent (demo)",
            **_person(LUUK),
            places=[("GM0321", RESIDENCE)],
            exploitation_types=["criminal"],
            online=True,
            indicator_codes=["crimineel-bankrekening"],
            youth_view="Luuk vertelde hetzelfde als op school. Hij wil meewerken als verder "
            "niemand het hoeft te weten.",
            description="Fictief. De bank zag vreemde betalingen op de jongerenrekening van "
            "Luuk en zette de rekening op slot. In een week kwam er een paar duizend euro "
            "binnen, dat meteen werd opgenomen. Luuk is hier slachtoffer: hij werd gedwongen "
            "zijn rekening uit te lenen.",
        ),
    ),
    # Milan, 17: he told a youth worker.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000010",
        "demo-melder-jongerenwerk",
        160,
        SignalInput(
            reporter_function="jongerenwerker (demo)",
            **_person(MILAN),
            places=[("GM0331", RESIDENCE), ("GM0344", EXPLOITATION)],
            exploitation_types=["sexual", "criminal"],
            online=True,
            acute_danger=True,
            disclosure=True,
            also_offender=True,
            parents_involved=False,
            indicator_codes=[
                "seksueel-gedrag-anderen-ronselen",
                "crimineel-controle",
                "seksueel-uiterlijk-verwondingen",
                "kwetsbaar-afhankelijkheid-schuld",
            ],
            youth_view="Milan wil eruit, maar durft niet. Hij wil niet naar de politie, want "
            "dan is hij zelf ook verdachte.",
            parents_role="Milan woont bij zijn vader. Die weet van niets. Er is niets dat erop "
            "wijst dat hij meedoet.",
            description="Fictief. Milan vertelde dat hij voor een groep oudere mannen meisjes "
            "moet benaderen en meenemen naar feestjes. Doet hij dat niet, dan zeggen ze dat "
            "hij het niet overleeft. Hij had een snee in zijn hand en een blauw oog.",
        ),
    ),
    # Milan: the police, who also see him as a suspect.
    DemoSignal(
        "7d0c1f00-0000-4000-8000-000000000011",
        "demo-melder-politie",
        110,
        SignalInput(
            reporter_function="wijkagent (demo)",
            **_person(MILAN),
            places=[("GM0331", RESIDENCE), ("GM0356", EXPLOITATION)],
            exploitation_types=["sexual", "criminal"],
            online=True,
            also_offender=True,
            indicator_codes=["seksueel-gedrag-anderen-ronselen", "crimineel-telefoons"],
            youth_view="Milan zei in het gesprek met de politie dat hij geen keus had.",
            description="Fictief. Twee meisjes uit Nieuwegein vertelden dat Milan hen via "
            "sociale media benaderde. Hij nam hen mee naar een huis waar oudere mannen waren. "
            "Milan is verdachte in dit onderzoek. Tegelijk zien wij dat hij zelf onder grote "
            "druk staat: hij heeft twee telefoons en wordt steeds gecontroleerd.",
        ),
    ),
]


def _reporters_load(region_id: int) -> None:
    """The extra reporters; they cannot log in (unusable password, no two-step device)."""
    region = Region.objects.get(pk=region_id)
    codes = {code for _name, _kind, code in DEMO_REPORTER_ORGANISATIONS}
    by_code = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    for name, kind, code in DEMO_REPORTER_ORGANISATIONS:
        Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "municipality": by_code[code]}
        )
    for reporter in DEMO_REPORTERS:
        organisation = Organisation.objects.get(name=reporter.organisation)
        user, created = User.objects.get_or_create(
            username=reporter.username,
            defaults={
                "first_name": reporter.first_name,
                "last_name": reporter.last_name,
                "role": Role.PROFESSIONAL,
                "organisation": organisation,
                "is_active": True,
            },
        )
        if created:
            user.set_unusable_password()
            user.full_clean()
            user.save()
            user.regions.set([region])
            user.municipalities.set([organisation.municipality])


def _submit(item: DemoSignal, today: date) -> Signal:
    key = uuid.UUID(item.key)
    is_new = not Signal.objects.filter(submission_key=key).exists()
    data = item.data
    if data.surname in DEMO_AGES:
        data = replace(data, date_of_birth=demo_date_of_birth(data.surname, today), age=None)
    reporter = User.objects.get(username=item.reporter)
    signal = signal_submit(actor=reporter, submission_key=key, data=data)
    if is_new:  # back-date a new signal, so the story has a history
        sent = demo_moment(today, item.days_ago, 9, 30)
        Signal.objects.filter(pk=signal.pk).update(created_at=sent, submitted_at=sent)
        for number, days_ago, notes in item.meldcode_steps:
            meldcode_step_record(
                actor=reporter,
                signal_id=signal.pk,
                number=number,
                done_on=today - timedelta(days=days_ago),
                notes=notes,
            )
    return signal


@transaction.atomic
def demo_signals_load(*, region_id: int) -> int:
    indicators_load_defaults()
    ContactOverride.objects.update_or_create(
        code="zorgcoordinator",
        region_id=region_id,
        defaults={
            "name": "Zorgcoördinatie Demoregio (fictief)",
            "phone": "030-000 00 00",
            "hours": "werkdagen 9.00-17.00 uur",
            "notes": "Fictief nummer voor de demo.",
        },
    )
    _reporters_load(region_id)
    today = timezone.localdate()
    for item in DEMO_SIGNALS:
        _submit(item, today)
    return Signal.objects.filter(
        submission_key__in=[uuid.UUID(s.key) for s in DEMO_SIGNALS]
    ).count()
