"""Fictitious demo data for the practice registers: trainings and participation activities.

Some first-line organisations of the demo region trained people, one did not (so the
coverage is not 100%); a few people followed a second, deeper training (they count once);
two trained people have a demo account. Four participation activities, one of them still
without a visible result. Every write goes through the services (audited). Dates are
relative to today; loading twice adds nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from schakel.accounts.constants import OrganisationKind
from schakel.accounts.models import Organisation, User
from schakel.geo.models import Municipality

from . import services
from .constants import ParticipantGroup, ParticipationKind, TrainingLevel
from .domain.training_csv import record_key
from .models import ParticipationActivity, TrainingRecord

WIJKTEAM = "Demo Wijkteam Noordoost (fictief)"  # made in accounts/demo.py
SCHOOL = "Demo Scholengemeenschap De Brug (fictief)"  # made in accounts/demo.py
JEUGDHULP = "Demo Jeugdhulp De Steiger (fictief)"
BASISSCHOOL = "Demo Basisschool De Regenboog (fictief)"  # trained nobody yet
VEILIG_THUIS = "Demo Veilig Thuis Stichtse Landen (fictief)"
JONGERENWERK = "Demo Jongerenwerk Centrum (fictief)"

DEMO_ORGANISATIONS = [
    (JEUGDHULP, OrganisationKind.JEUGDZORG, "GM0344"),
    (BASISSCHOOL, OrganisationKind.ONDERWIJS, "GM0344"),
    (VEILIG_THUIS, OrganisationKind.VEILIG_THUIS, "GM0344"),
    (JONGERENWERK, OrganisationKind.JEUGDWERK, "GM0344"),
]

SIGNALEN = "Signalen van uitbuiting van minderjarigen herkennen"
MELDCODE = "Handelen bij signalen: meldcode en afwegingskader"
ONLINE = "Online seksuele uitbuiting en sextortion"
CRIMINEEL = "Criminele uitbuiting: jongeren als geldezel of drugskoerier"
EXPERT = "Expertmodule mensenhandel minderjarigen"

BASIS = TrainingLevel.BASIS
VERDIEPING = TrainingLevel.VERDIEPING
SPECIALIST = TrainingLevel.SPECIALIST


@dataclass(frozen=True)
class DemoTraining:
    name: str
    organisation: str
    training: str
    days_ago: int
    level: TrainingLevel
    username: str = ""


DEMO_TRAININGS = [
    DemoTraining("Pim Proef (demo)", WIJKTEAM, SIGNALEN, 400, BASIS, "demo-professional"),
    DemoTraining("Pim Proef (demo)", WIJKTEAM, MELDCODE, 120, VERDIEPING, "demo-professional"),
    DemoTraining("Sanne Voorbeeld (fictief)", WIJKTEAM, SIGNALEN, 400, BASIS),
    DemoTraining("Sanne Voorbeeld (fictief)", WIJKTEAM, MELDCODE, 120, VERDIEPING),
    DemoTraining("Youssef Proefnaam (fictief)", WIJKTEAM, SIGNALEN, 400, BASIS),
    DemoTraining("Ilse Testpersoon (fictief)", WIJKTEAM, ONLINE, 60, VERDIEPING),
    DemoTraining("Bram Oefening (fictief)", WIJKTEAM, SIGNALEN, 1300, BASIS),  # too long ago
    DemoTraining("Dewi Docent (demo)", SCHOOL, SIGNALEN, 200, BASIS, "demo-melder-school"),
    DemoTraining("Mirjam Lesgever (fictief)", SCHOOL, SIGNALEN, 200, BASIS),
    DemoTraining("Kees Mentor (fictief)", SCHOOL, SIGNALEN, 200, BASIS),
    DemoTraining("Fatima Zorgteam (fictief)", SCHOOL, SIGNALEN, 200, BASIS),
    DemoTraining("Fatima Zorgteam (fictief)", SCHOOL, CRIMINEEL, 30, VERDIEPING),
    DemoTraining("Ruben Jeugdhulp (fictief)", JEUGDHULP, SIGNALEN, 500, BASIS),
    DemoTraining("Ruben Jeugdhulp (fictief)", JEUGDHULP, EXPERT, 90, SPECIALIST),
    DemoTraining("Lotte Begeleider (fictief)", JEUGDHULP, SIGNALEN, 500, BASIS),
    DemoTraining("Naima Gezinscoach (fictief)", JEUGDHULP, MELDCODE, 250, VERDIEPING),
    DemoTraining("Thomas Ambulant (fictief)", JEUGDHULP, ONLINE, 45, VERDIEPING),
    DemoTraining("Esther Veilig (fictief)", VEILIG_THUIS, EXPERT, 300, SPECIALIST),
    DemoTraining("Jeroen Triage (fictief)", VEILIG_THUIS, EXPERT, 300, SPECIALIST),
    DemoTraining("Ayşe Advies (fictief)", VEILIG_THUIS, CRIMINEEL, 75, VERDIEPING),
    DemoTraining("Ayşe Advies (fictief)", VEILIG_THUIS, ONLINE, 20, VERDIEPING),
    DemoTraining("Mo Straatwerk (fictief)", JONGERENWERK, SIGNALEN, 150, BASIS),
    DemoTraining("Lisa Ambulant (fictief)", JONGERENWERK, SIGNALEN, 150, BASIS),
    DemoTraining("Lisa Ambulant (fictief)", JONGERENWERK, CRIMINEEL, 40, VERDIEPING),
    DemoTraining("Daan Jongerenwerk (fictief)", JONGERENWERK, CRIMINEEL, 40, VERDIEPING),
]


@dataclass(frozen=True)
class DemoActivity:
    municipality: str
    days_ago: int
    title: str
    kind: ParticipationKind
    groups: tuple[ParticipantGroup, ...]
    count: int
    what_changed: str
    actor: str  # username


DEMO_ACTIVITIES = [
    DemoActivity(
        "GM0344",
        300,
        "Jongerenpanel: hoe praat je op school over uitbuiting?",
        ParticipationKind.PANEL,
        (ParticipantGroup.JONGEREN,),
        14,
        "De voorlichting op middelbare scholen wordt nu samen met jongeren gegeven, in kleine "
        "groepen en zonder beelden die slachtoffers de schuld geven.",
        "demo-beleid",
    ),
    DemoActivity(
        "GM0344",
        180,
        "Evaluatie van de hulp met ervaringsdeskundigen",
        ParticipationKind.EVALUATIE,
        (ParticipantGroup.ERVARINGSDESKUNDIGEN, ParticipantGroup.PROFESSIONALS),
        9,
        "Jongeren houden één vaste contactpersoon, ook als ze 18 worden.",
        "demo-beleid",
    ),
    DemoActivity(
        "GM0344",
        45,
        "Meedenkgroep ouders over signalen thuis",
        ParticipationKind.MEEDENKGROEP,
        (ParticipantGroup.OUDERS,),
        7,
        "",  # still without a visible result
        "demo-beleid",
    ),
    DemoActivity(
        "GM0356",
        90,
        "Co-creatie van een folder over online uitbuiting",
        ParticipationKind.COCREATIE,
        (ParticipantGroup.JONGEREN, ParticipantGroup.ERVARINGSDESKUNDIGEN),
        6,
        "De folder gebruikt de woorden van jongeren zelf en noemt Chat met Fier.",
        "demo-beheer",
    ),
]


def _organisations() -> dict[str, Organisation]:
    by_code = {
        m.code: m
        for m in Municipality.objects.filter(code__in={code for *_, code in DEMO_ORGANISATIONS})
    }
    for name, kind, code in DEMO_ORGANISATIONS:
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "municipality": by_code[code]}
        )
    names = {item.organisation for item in DEMO_TRAININGS}
    return {org.name: org for org in Organisation.objects.filter(name__in=names)}


@transaction.atomic
def demo_practice_load() -> tuple[int, int]:
    """Add the missing demo trainings and activities; returns how many of each there are.

    Run after the demo accounts and signals (``accounts.demo``, ``intake.demo``).
    """
    today = timezone.localdate()
    beheer = User.objects.get(username="demo-beheer")
    organisations = _organisations()
    existing = {
        record_key(org_id, name, training, day)
        for org_id, name, training, day in TrainingRecord.objects.filter(
            organisation__in=organisations.values()
        ).values_list("organisation_id", "professional_name", "training", "date")
    }
    accounts = set(
        User.objects.filter(username__startswith="demo-").values_list("username", flat=True)
    )
    trainings = 0
    for item in DEMO_TRAININGS:
        organisation = organisations.get(item.organisation)
        if organisation is None:
            continue
        day = today - timedelta(days=item.days_ago)
        trainings += 1
        if record_key(organisation.pk, item.name, item.training, day) in existing:
            continue
        services.training_record_create(
            actor=beheer,
            data=services.TrainingInput(
                professional_name=item.name,
                organisation_id=organisation.pk,
                training=item.training,
                date=day,
                level=item.level,
                username=item.username if item.username in accounts else "",
            ),
        )
    activities = 0
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in={"GM0344", "GM0356"})}
    for spec in DEMO_ACTIVITIES:
        municipality = municipalities[spec.municipality]
        activities += 1
        if ParticipationActivity.objects.filter(
            municipality=municipality, title=spec.title
        ).exists():
            continue
        services.participation_create(
            actor=User.objects.get(username=spec.actor),
            data=services.ParticipationInput(
                municipality_id=municipality.pk,
                date=today - timedelta(days=spec.days_ago),
                title=spec.title,
                kind=spec.kind,
                participant_groups=[str(group) for group in spec.groups],
                participant_count=spec.count,
                what_changed=spec.what_changed,
            ),
        )
    return trainings, activities
