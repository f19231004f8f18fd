"""Bench data generator: one care-coordination region with 100,000 cases and 1,000,000 signals.

Fills the PostgreSQL database named by DATABASE_URL (migrations and reference data first) with
a seeded, realistic workload for the care coordinator's pages: one bench region of real
municipalities, bench organisations, 20 bench coordinators (fixed password and TOTP keys, see
cases_common.py) and 300 reporting professionals, and then, over the last two years:

- signals (most attached to a case, 1-30 per case with a long tail; some not attached, a few
  drafts), each with its places (residence, school, place of exploitation) and the "wat nu?"
  the route map gives for it;
- cases (about 80% closed, the older the likelier), their municipalities, roles, decisions,
  referrals with their status history in every status, missing episodes (some repeated, some
  ongoing), transition plans for part of the young people of 17.5 and older, aftercare for
  closed cases, status changes (some cases reopened), actions (some overdue) and team members;
- case-signal links, including detached ones (at most one active link per signal).

Rows go in with PostgreSQL COPY, bypassing the services, in one transaction; the foreign keys
of the loaded tables are dropped for the load and added back (and so checked) before the
commit. The audit trail gets one row ("bench.load") through the audit service; pages write
their own audit rows when they are used. Refuses a database that already holds bench data.

Run: DATABASE_URL=postgres://... .venv/bin/python bench/cases_datagen.py [--cases N] [--signals N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from cases_common import (  # noqa: E402
    BENCH_COORDINATORS,
    BENCH_MUNICIPALITIES,
    BENCH_PASSWORD,
    BENCH_REGION_NAME,
    coordinator_totp_hex,
    coordinator_username,
)

SEED = 20251205
CASES = 100_000
SIGNALS = 1_000_000
PROFESSIONALS = 300
UNATTACHED_SHARE = 0.07  # signals in no case (new, not yet assessed, or not about exploitation)
DETACHED_SHARE = 0.01  # attached signals that were first attached to another case by mistake
DAYS = 730  # two years of history
DAY = 86400.0
EXIT_HAS_BENCH_DATA = 3

# Residence weights, roughly by number of young people.
MUNICIPALITY_WEIGHTS = {
    "GM0344": 40,
    "GM0356": 9,
    "GM0321": 6,
    "GM0353": 4,
    "GM0331": 2,
    "GM0632": 6,
    "GM0355": 7,
}
ELSEWHERE = ["GM0363", "GM0599", "GM0518", "GM0307", "GM0200"]  # places of exploitation

ORGANISATIONS = [
    ("Bench Wijkteam Utrecht Noordoost", "wijkteam", "GM0344"),
    ("Bench Wijkteam Utrecht Overvecht", "wijkteam", "GM0344"),
    ("Bench Buurtteam Nieuwegein", "wijkteam", "GM0356"),
    ("Bench Sociaal Team Houten", "wijkteam", "GM0321"),
    ("Bench College De Brug", "onderwijs", "GM0344"),
    ("Bench Scholengemeenschap Woerden", "onderwijs", "GM0632"),
    ("Bench Jongerenwerk Zeist", "jeugdwerk", "GM0355"),
    ("Bench Jeugdzorg Midden", "jeugdzorg", "GM0344"),
    ("Bench Politie Basisteam", "politie", "GM0344"),
    ("Bench Veilig Thuis Utrecht", "veilig_thuis", "GM0344"),
    ("Bench GGD Regio", "gezondheidszorg", "GM0356"),
    ("Bench Gemeente Utrecht", "gemeente", "GM0344"),
]
COORDINATION_ORGANISATION = ("Bench Zorgcoördinatie Mensenhandel", "zorgcoordinatie", "GM0344")


def _words(text: str) -> list[str]:
    return text.split()


GIVEN = _words(
    "Sanne Emma Noah Liam Lotte Daan Julia Sem Tess Lucas Mila Finn Zoë Levi Nora Milan Eva "
    "Jesse Sara Luuk Yara Thijs Lina Bram Amira Mohamed Fatima Youssef Ilse Ruben Noor "
    "Jayden Anouk Kevin Chelsea Dylan Naomi Rayan Ilias Selin Mats Fleur Gijs Roos Aya Adam "
    "Ilyas Demi Romy Jasmijn Bilal Hamza Kim Tim Lisa Sophie Max Senna"
)
SURNAMES = _words(
    "Jansen Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer "
    "Dijkstra Kok Jacobs Willems Vermeulen Koster Prins Huisman Peeters Postma Kuipers "
    "Veenstra Kramer Schouten Wouters Hoekstra Molenaar Verhoeven Boer Yilmaz Kaya Öztürk "
    "Amrani Bouzid Tahiri Chaoui Pinas Martina Rozendaal Sahin Doğan Kartosen Ramdin "
    "Wolters Ververs Blom Lambers"
)
TUSSENVOEGSELS = ["van", "de", "van der", "van den", "van de", "den", "ter", "el"]
FUNCTIONS = [
    "mentor",
    "jongerenwerker",
    "wijkteammedewerker",
    "zorgcoördinator school",
    "jeugdarts",
    "wijkagent",
    "jeugdhulpverlener",
    "leerplichtambtenaar",
    "gezinscoach",
]
SCHOOLS = ["College De Brug", "Stedelijk Lyceum", "ROC Midden", "Montessori College", "Het Baken"]
SENTENCES = [
    "Hij heeft sinds kort dure kleding en een nieuwe telefoon, maar geen bijbaan.",
    "Zij wordt na school opgehaald door oudere jongens in een auto.",
    "De jongere verzuimt veel en is 's nachts niet thuis.",
    "Er gaan berichten rond met beelden die onder druk zijn gemaakt.",
    "Hij moet pakketjes rondbrengen om een schuld af te betalen.",
    "Zij vertelt dat een vriend haar geld geeft en dat ze daar iets voor moet doen.",
    "Klasgenoten maken zich zorgen en hebben dit bij de mentor gemeld.",
    "De ouders weten niet waar de jongere 's avonds is.",
    "Er zijn contacten met volwassenen die de school niet kent.",
    "De jongere is bang en wil niet zeggen van wie de berichten komen.",
    "Hij heeft zijn bankpas uitgeleend aan iemand uit de buurt.",
    "Zij heeft meerdere telefoons en wisselt vaak van nummer.",
    "Er zijn verwondingen gezien waar de jongere geen uitleg voor geeft.",
    "De jongere zegt dat het goed gaat, maar trekt zich terug.",
    "Er is contact geweest met de wijkagent over overlast.",
    "De jongere is eerder als vermist opgegeven en weer teruggekomen.",
]
YOUTH_VIEWS = [
    "Wil niet dat er iets gebeurt, is bang voor de gevolgen.",
    "Wil wel hulp, maar niet dat de ouders het horen.",
    "Zegt dat het allemaal meevalt.",
    "Wil praten met iemand die ze vertrouwt.",
    "Wil weg uit de situatie maar weet niet hoe.",
]
PARENT_ROLES = [
    "De ouders zijn bezorgd en werken mee.",
    "De ouders zijn moeilijk bereikbaar.",
    "Er zijn zorgen over de rol van een ouder.",
    "Moeder werkt mee, vader is niet in beeld.",
]
DECISION_WHAT = [
    "Verwijzen naar gespecialiseerde hulp",
    "Veiligheidsplan opstellen met de jongere",
    "Melding doen bij Veilig Thuis",
    "Overleg met politie over de situatie",
    "Casusoverleg met school en wijkteam",
    "Tijdelijk andere verblijfplaats regelen",
    "Contact met de ouders opnemen",
    "Hulp voor de schuldenproblematiek regelen",
]
DECISION_WHY = [
    "De signalen wijzen op een patroon dat snel erger kan worden.",
    "De jongere is niet veilig in de huidige situatie.",
    "Er is meer kennis nodig dan het wijkteam heeft.",
    "De jongere wil hulp en dit sluit aan bij wat zij zelf wil.",
    "De school en het wijkteam zien dezelfde zorgen.",
]
CHILD_VIEWS = [
    "Ik wil dat het stopt, maar ik wil niet dat iemand boos wordt.",
    "Ik wil met iemand praten die ik ken.",
    "Ik vind het goed als het niet via mijn ouders gaat.",
    "Ik wil eerst weten wat er gaat gebeuren.",
]
NOT_HEARD = [
    "De jongere is nu vermist en niet bereikbaar.",
    "Het gesprek wordt eerst voorbereid met de vertrouwenspersoon.",
]
BEST_INTEREST = [
    "Veiligheid op korte termijn weegt het zwaarst; de jongere houdt zoveel mogelijk regie.",
    "Snelle hulp voorkomt dat de jongere verder in de problemen raakt.",
    "Zo blijft de band met school en vrienden zoveel mogelijk behouden.",
]
PARENT_REASONS_YES = ["De ouders kunnen helpen de jongere te beschermen."]
PARENT_REASONS_NO = [
    "Betrekken van de ouders brengt de jongere nu in gevaar.",
    "De jongere is 16 of ouder en wil dit niet.",
]
REFERRAL_TO = [
    ("Fier", "specialistische hulp seksuele uitbuiting"),
    ("Expertisecentrum Mensenhandel Midden", "triage seksuele uitbuiting"),
    ("Jeugdzorg Plus De Koppeling", "gesloten jeugdhulp"),
    ("Levvel", "specialistische jeugdhulp"),
    ("Altra", "traject criminele uitbuiting"),
    ("GGZ-jeugd Midden", "traumabehandeling"),
    ("Jongerenwerk Utrecht", "begeleiding"),
    ("Schuldhulp Jongeren", "schuldhulp"),
]
TRANSITION_TAKERS = ["Wijkteam volwassenen", "Levvel 18+", "GGZ volwassenen", "Begeleid wonen"]
ACTION_TITLES = [
    "Gesprek met de jongere plannen",
    "Veiligheidsplan bespreken",
    "Terugkoppeling aan de melder",
    "Contact met school over verzuim",
    "Overleg met politie over de situatie",
    "Aanmelding bij de hulpverlener nabellen",
    "Casusoverleg voorbereiden",
]
SECTIONS = ["signals", "roles", "decisions", "referrals", "missing", "continuity"]
FOUND_WHERE = ["Bij vrienden", "Station", "Andere stad", ""]
AFTERCARE_WHO = ["Wijkteam", "Mentor op school", "Jongerenwerker", "Jeugdhulpverlener"]
CASE_CLOSING_REASONS = [
    ("hulp-afgerond", 46),
    ("overgedragen", 16),
    ("geen-vermoeden", 21),
    ("geen-hulp-gewenst", 16),
    ("verhuisd-buitenland", 0.9),
    ("overleden", 0.1),
]
NO_AFTERCARE = {"verhuisd-buitenland", "overleden"}
NO_PLAN_NEEDED = {"verhuisd-buitenland", "overleden"}
LEGAL_BASES = ["jeugdwet", "meldrecht", "toestemming-jongere", "avg-6-1-d", "avg-6-1-e"]
TYPE_SETS = [
    (["sexual"], 40),
    (["criminal"], 35),
    (["sexual", "criminal"], 10),
    (["labour"], 3),
    (["other"], 7),
    (["criminal", "labour"], 2),
    ([], 3),
]
# Referral steps: status -> [(next status, weight, min days, max days)].
REFERRAL_WALK = {
    "sent": [("accepted", 45, 2, 30), ("waiting_list", 35, 5, 40), ("declined", 20, 3, 30)],
    "waiting_list": [("accepted", 30, 14, 120), ("started", 55, 14, 150), ("declined", 15, 7, 90)],
    "accepted": [("started", 85, 3, 45), ("declined", 15, 3, 30)],
    "started": [("completed", 100, 30, 300)],
}


def log(message: str) -> None:
    stamp = time.strftime("%H:%M:%S", time.gmtime())
    print(f"[datagen {stamp} UTC] {message}", file=sys.stderr, flush=True)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.config.settings.local")
    import django

    django.setup()


def weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def add_years(day: dt.date, years: int, months: int = 0) -> dt.date:
    total = day.month - 1 + months
    year, month = day.year + years + total // 12, total % 12 + 1
    try:
        return dt.date(year, month, day.day)
    except ValueError:
        return dt.date(year + month // 12, month % 12 + 1, 1)


def age_on(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def ts_dt(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, tz=dt.UTC)


def ts_date(ts: float) -> dt.date:
    return dt.datetime.fromtimestamp(ts, tz=dt.UTC).date()


class Case:
    __slots__ = (
        "closed",
        "closed_ts",
        "closing_reason",
        "created_ts",
        "dob",
        "end_ts",
        "given",
        "id",
        "owner",
        "residence",
        "roepnaam",
        "surname",
        "tussenvoegsel",
        "types",
        "updated_ts",
    )

    def __init__(self) -> None:
        self.id = 0
        self.created_ts = self.end_ts = self.updated_ts = 0.0
        self.closed = False
        self.closed_ts: float | None = None
        self.closing_reason = ""
        self.dob: dt.date | None = None
        self.given = self.roepnaam = self.tussenvoegsel = self.surname = ""
        self.types: list[str] = []
        self.owner = 0
        self.residence = 0


class Loader:
    """Writes rows with COPY on Django's connection, inside the caller's transaction."""

    def __init__(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        self.pg = connection.connection
        self.counts: dict[str, int] = {}
        self.extra: dict[str, list[Any]] = {}

    def next_id(self, table: str) -> int:
        with self.pg.cursor() as cur:
            cur.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"')  # noqa: S608
            row = cur.fetchone()
            assert row is not None
            return int(row[0])

    def copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        columns, rows = with_defaults(self.extra.get(table, []), columns, rows)
        cols = ", ".join(f'"{c}"' for c in columns)
        n = 0
        with self.pg.cursor() as cur, cur.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        self.counts[table] = self.counts.get(table, 0) + n
        return n

    def foreign_keys(self, tables: Sequence[str]) -> list[tuple[str, str, str]]:
        with self.pg.cursor() as cur:
            cur.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                " FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)"
                " ORDER BY 1, 2",
                [list(tables)],
            )
            return [(r[0], r[1], r[2]) for r in cur.fetchall()]

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        with self.pg.cursor() as cur:
            cur.execute(sql, params)


def defaulted_columns(model: Any, columns: Sequence[str]) -> list[Any]:
    """Required fields the generator does not know (added since): filled with their default.

    Fails clearly when such a field has no default: then the generator must learn it.
    """
    from django.db.models import NOT_PROVIDED

    extra, missing = [], []
    for f in model._meta.concrete_fields:
        if (
            f.column in columns
            or f.null
            or getattr(f, "db_default", NOT_PROVIDED) is not NOT_PROVIDED
        ):
            continue
        (extra if f.has_default() else missing).append(f)
    if missing:
        raise SystemExit(
            f"{model._meta.db_table} has required column(s) {[f.column for f in missing]} "
            "without a default that bench/cases_datagen.py does not fill: update the generator."
        )
    if extra:
        log(f"{model._meta.db_table}: filling {[f.column for f in extra]} with their defaults")
    return extra


def with_defaults(
    extra: list[Any], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> tuple[list[str], Iterable[Sequence[Any]]]:
    if not extra:
        return list(columns), rows

    def value(field: Any) -> Any:
        default = field.get_default()
        return json.dumps(default) if isinstance(default, (list, dict)) else default

    return [*columns, *(f.column for f in extra)], (
        (*row, *(value(f) for f in extra)) for row in rows
    )


class Generator:
    def __init__(self, *, cases: int, signals: int, seed: int) -> None:
        self.n_cases = cases
        self.n_signals = signals
        self.seed = seed
        self.rng = random.Random(seed)
        self.now = time.time()
        self.start = self.now - DAYS * DAY
        self.today = ts_date(self.now)
        self.began = time.monotonic()

    # -- accounts and region (ORM: a few hundred rows) ---------------------------------------

    def make_accounts(self) -> None:
        from django.contrib.auth.hashers import make_password
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from schakel.accounts.models import Organisation, User
        from schakel.accounts.services import TOTP_DEVICE_NAME
        from schakel.geo.constants import RegionKind
        from schakel.geo.models import Municipality, Region

        codes = set(BENCH_MUNICIPALITIES) | set(ELSEWHERE)
        by_code = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
        if len(by_code) != len(codes):
            raise SystemExit("Municipalities missing: run `schakel load_reference_data` first.")
        self.muni_id = {code: m.pk for code, m in by_code.items()}
        self.region = Region.objects.create(
            name=BENCH_REGION_NAME,
            kind=RegionKind.ZORGCOORDINATIE,
            notes="Regio voor de benchmark (fictieve gegevens).",
        )
        self.region.municipalities.set([by_code[c] for c in BENCH_MUNICIPALITIES])
        orgs = {}
        for name, kind, code in [*ORGANISATIONS, COORDINATION_ORGANISATION]:
            orgs[name] = Organisation.objects.create(
                name=name, kind=kind, municipality=by_code[code]
            )
        self.org_kind = {org.pk: org.kind for org in orgs.values()}
        coord_org = orgs[COORDINATION_ORGANISATION[0]]
        self.coordinators: list[int] = []
        for number in range(1, BENCH_COORDINATORS + 1):
            user = User.objects.create(
                username=coordinator_username(number),
                first_name="Coördinator",
                last_name=f"Bench {number:02d}",
                role="zorgcoordinator",
                organisation=coord_org,
                password=make_password(BENCH_PASSWORD),
            )
            user.regions.set([self.region])
            user.municipalities.set([coord_org.municipality])
            TOTPDevice.objects.create(
                user=user,
                name=TOTP_DEVICE_NAME,
                key=coordinator_totp_hex(number),
                confirmed=True,
            )
            self.coordinators.append(user.pk)
        reporting = [orgs[name] for name, _, _ in ORGANISATIONS]
        professionals = User.objects.bulk_create(
            User(
                username=f"bench-prof-{number:03d}",
                first_name="Professional",
                last_name=f"Bench {number:03d}",
                role="professional",
                organisation=reporting[number % len(reporting)],
                password=make_password(None),
            )
            for number in range(1, PROFESSIONALS + 1)
        )
        regions_through = User.regions.through
        munis_through = User.municipalities.through
        regions_through.objects.bulk_create(
            regions_through(user_id=u.pk, region_id=self.region.pk) for u in professionals
        )
        munis_through.objects.bulk_create(
            munis_through(user_id=u.pk, municipality_id=u.organisation.municipality_id)
            for u in professionals
        )
        self.professionals = [(u.pk, u.organisation_id) for u in professionals]
        log(
            f"region, {len(orgs)} organisations, {len(self.coordinators)} coordinators "
            f"and {len(professionals)} professionals created"
        )

    # -- routing ("wat nu?") and the meldcode framework, computed once per situation ---------

    def prepare_routing(self) -> None:
        from schakel.intake.models import Indicator
        from schakel.intake.selectors import meldcode
        from schakel.routekaart.domain.engine import actions_to_contract
        from schakel.routekaart.domain.situation import parse_situation
        from schakel.routekaart.selectors import routing_for

        self._routing = {code: routing_for(municipality_code=code) for code in BENCH_MUNICIPALITIES}
        self._contract = actions_to_contract
        self._parse = parse_situation
        self._route_cache: dict[tuple[Any, ...], tuple[str, int]] = {}
        frameworks = meldcode()
        self.framework = {
            pk: frameworks.framework_for(kind).code for pk, kind in self.org_kind.items()
        }
        self.indicators = list(Indicator.objects.filter(active=True).values_list("code", flat=True))
        rng = random.Random(self.seed + 1)

        def maybe(p_none: float, p_true: float) -> bool | None:
            if rng.random() < p_none:
                return None
            return rng.random() < p_true

        self.profiles = []
        for _ in range(150):
            self.profiles.append(
                {
                    "online": maybe(0.3, 0.55),
                    "acute_danger": maybe(0.25, 0.12),
                    "structural_unsafety": maybe(0.4, 0.35),
                    "disclosure": maybe(0.3, 0.3),
                    "sexual_assault_days_ago": None
                    if rng.random() < 0.9
                    else rng.choice([1, 3, 6, 12, 30, 60]),
                    "missing_now": maybe(0.5, 0.08),
                    "missing_episodes_90d": None
                    if rng.random() < 0.6
                    else rng.choice([0, 0, 1, 2, 3]),
                    "also_offender": maybe(0.4, 0.15),
                    "wants_anonymity": maybe(0.5, 0.25),
                    "parents_involved": maybe(0.5, 0.1),
                }
            )

    def route(self, profile: int, types: list[str], age: int | None, code: str) -> tuple[str, int]:
        key = (profile, tuple(types), age, code)
        found = self._route_cache.get(key)
        if found is None:
            fields = self.profiles[profile]
            situation: dict[str, Any] = {
                "age": age,
                "exploitation_types": list(types),
                "online": fields["online"],
                "acute_danger": fields["acute_danger"],
                "structural_unsafety": fields["structural_unsafety"],
                "disclosure": fields["disclosure"],
                "sexual_assault_days_ago": fields["sexual_assault_days_ago"],
                "missing": fields["missing_now"],
                "missing_episodes_90d": fields["missing_episodes_90d"],
                "also_offender": fields["also_offender"],
                "wants_anonymity": fields["wants_anonymity"],
                "parents_involved": fields["parents_involved"],
                "municipality": code,
            }
            situation = {k: v for k, v in situation.items() if v not in (None, [])}
            compiled, version = self._routing[code]
            actions = self._contract(compiled.route(self._parse(situation)))
            found = (json.dumps(actions, ensure_ascii=False), version.pk)
            self._route_cache[key] = found
        return found

    # -- cases -------------------------------------------------------------------------------

    def make_cases(self, first_id: int) -> list[Case]:
        rng = self.rng
        codes = list(MUNICIPALITY_WEIGHTS)
        weights = list(MUNICIPALITY_WEIGHTS.values())
        ages = [(11, 3), (12, 5), (13, 9), (14, 14), (15, 18), (16, 20), (17, 18), (18, 7)]
        ages += [(19, 4), (20, 2)]
        cases = []
        for i in range(self.n_cases):
            case = Case()
            case.id = first_id + i
            # Slightly more cases recently: the work grows.
            case.created_ts = self.now - DAYS * DAY * (rng.random() ** 1.15)
            age_days = (self.now - case.created_ts) / DAY
            p_closed = 0.36 if age_days < 60 else 0.66 if age_days < 180 else 0.905
            case.closed = rng.random() < p_closed and age_days > 2
            if case.closed:
                span = max(1.0, min(age_days - 1, rng.expovariate(1 / 150) + 14))
                case.closed_ts = case.created_ts + span * DAY
                case.end_ts = case.closed_ts
            else:
                case.end_ts = self.now
            if rng.random() > 0.02:
                age = weighted(rng, ages) + rng.random()
                born = case.created_ts - age * 365.25 * DAY
                case.dob = ts_date(born)
            if rng.random() > 0.03:
                case.given = rng.choice(GIVEN)
                if rng.random() < 0.3:
                    case.given += " " + rng.choice(GIVEN)
                case.roepnaam = case.given.split()[0] if rng.random() < 0.5 else ""
                case.tussenvoegsel = rng.choice(TUSSENVOEGSELS) if rng.random() < 0.25 else ""
                case.surname = rng.choice(SURNAMES)
            case.types = list(weighted(rng, TYPE_SETS))
            case.owner = rng.choice(self.coordinators)
            case.residence = self.muni_id[rng.choices(codes, weights)[0]]
            cases.append(case)
        return cases

    # -- signals: how many per case, and when --------------------------------------------------

    def signal_plan(self, cases: list[Case]) -> tuple[list[float], list[int], list[int]]:
        """Timestamps and case index (-1: none) of every signal, sorted by time; first flags."""
        rng = self.rng
        target = round(self.n_signals * (1 - UNATTACHED_SHARE))
        target = max(len(cases), min(target, self.n_signals))
        counts = []
        for _ in cases:
            if rng.random() < 0.05:
                counts.append(rng.randint(31, 90))
            else:
                counts.append(min(30, max(1, round(rng.lognormvariate(1.55, 0.85)))))
        total = sum(counts)
        while total != target:  # nudge single cases until the total is exact
            i = rng.randrange(len(counts))
            if total > target and counts[i] > 1 and counts[i] != 31:
                counts[i] -= 1
                total -= 1
            elif total < target and counts[i] < 30:
                counts[i] += 1
                total += 1
        stamps: list[float] = []
        owner: list[int] = []
        first: list[int] = []
        for index, (case, k) in enumerate(zip(cases, counts, strict=True)):
            lead = rng.uniform(0.02, 10) * DAY
            first_ts = max(self.start - 30 * DAY, case.created_ts - lead)
            stamps.append(first_ts)
            owner.append(index)
            first.append(1)
            for _ in range(k - 1):
                stamps.append(rng.uniform(first_ts, case.end_ts))
                owner.append(index)
                first.append(0)
        for _ in range(self.n_signals - len(stamps)):
            # Most signals without a case were assessed long ago; a few are new (the queue).
            if rng.random() < 0.03:
                stamps.append(self.now - rng.uniform(0, 30) * DAY)
            else:
                stamps.append(rng.uniform(self.start, self.now - 30 * DAY))
            owner.append(-1)
            first.append(0)
        order = sorted(range(len(stamps)), key=stamps.__getitem__)
        return [stamps[i] for i in order], [owner[i] for i in order], [first[i] for i in order]

    # -- the load ------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        from django.db import transaction

        from schakel.audit.services import audit_record
        from schakel.cases import models as cm
        from schakel.intake import models as im

        self.make_accounts()
        self.prepare_routing()
        loader = Loader()
        t = {
            "case": cm.Case._meta.db_table,
            "case_munis": cm.Case.municipalities.through._meta.db_table,
            "role": cm.CaseRole._meta.db_table,
            "link": cm.CaseSignal._meta.db_table,
            "decision": cm.Decision._meta.db_table,
            "referral": cm.Referral._meta.db_table,
            "event": cm.ReferralEvent._meta.db_table,
            "episode": cm.MissingEpisode._meta.db_table,
            "plan": cm.TransitionPlan._meta.db_table,
            "aftercare": cm.Aftercare._meta.db_table,
            "status": cm.CaseStatusChange._meta.db_table,
            "action": cm.CaseAction._meta.db_table,
            "member": cm.CaseMember._meta.db_table,
            "signal": im.Signal._meta.db_table,
            "place": im.SignalMunicipality._meta.db_table,
        }
        self.columns_checked = {
            cm.Case: CASE_COLS,
            cm.CaseRole: ROLE_COLS,
            cm.CaseSignal: LINK_COLS,
            cm.Decision: DECISION_COLS,
            cm.Referral: REFERRAL_COLS,
            cm.ReferralEvent: EVENT_COLS,
            cm.MissingEpisode: EPISODE_COLS,
            cm.TransitionPlan: PLAN_COLS,
            cm.Aftercare: AFTERCARE_COLS,
            cm.CaseStatusChange: STATUS_COLS,
            cm.CaseAction: ACTION_COLS,
            cm.CaseMember: MEMBER_COLS,
            im.Signal: SIGNAL_COLS,
            im.SignalMunicipality: PLACE_COLS,
        }
        for model, cols in self.columns_checked.items():
            loader.extra[model._meta.db_table] = defaulted_columns(model, cols)
        with transaction.atomic():
            fks = loader.foreign_keys(list(t.values()))
            for table, name, _definition in fks:
                loader.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            log(f"dropped {len(fks)} foreign keys of the loaded tables for the load")
            ids = {key: loader.next_id(table) for key, table in t.items()}
            cases = self.make_cases(ids["case"])
            log(f"{len(cases):,} cases planned")
            stamps, owners, firsts = self.signal_plan(cases)
            log(f"{len(stamps):,} signals planned")
            began = time.monotonic()
            n = loader.copy(t["case"], CASE_COLS, self.case_rows(cases))
            log(f"cases: {n:,} rows ({time.monotonic() - began:.0f} s)")
            n = loader.copy(
                t["case_munis"],
                ["id", "case_id", "municipality_id"],
                self.case_muni_rows(cases, ids["case_munis"]),
            )
            log(f"case municipalities: {n:,} rows")
            n = loader.copy(t["role"], ROLE_COLS, self.role_rows(cases, ids["role"]))
            log(f"case roles: {n:,} rows")
            self._links: list[tuple[Any, ...]] = []
            self._places: list[tuple[Any, ...]] = []
            began = time.monotonic()
            n = loader.copy(
                t["signal"],
                SIGNAL_COLS,
                self.signal_rows(
                    cases, stamps, owners, firsts, ids["signal"], ids["place"], ids["link"]
                ),
            )
            log(f"signals: {n:,} rows ({time.monotonic() - began:.0f} s)")
            del stamps, owners, firsts
            n = loader.copy(t["place"], PLACE_COLS, self._places)
            log(f"signal places: {n:,} rows")
            self._places = []
            n = loader.copy(t["link"], LINK_COLS, self._links)
            log(f"case signals: {n:,} rows")
            self._links = []
            n = loader.copy(
                t["decision"], DECISION_COLS, self.decision_rows(cases, ids["decision"])
            )
            log(f"decisions: {n:,} rows")
            events: list[tuple[Any, ...]] = []
            n = loader.copy(
                t["referral"],
                REFERRAL_COLS,
                self.referral_rows(cases, ids["referral"], ids["event"], events),
            )
            log(f"referrals: {n:,} rows")
            n = loader.copy(t["event"], EVENT_COLS, events)
            log(f"referral events: {n:,} rows")
            del events
            n = loader.copy(t["episode"], EPISODE_COLS, self.episode_rows(cases, ids["episode"]))
            log(f"missing episodes: {n:,} rows")
            n = loader.copy(t["plan"], PLAN_COLS, self.plan_rows(cases, ids["plan"]))
            log(f"transition plans: {n:,} rows")
            n = loader.copy(
                t["aftercare"], AFTERCARE_COLS, self.aftercare_rows(cases, ids["aftercare"])
            )
            log(f"aftercare: {n:,} rows")
            n = loader.copy(t["status"], STATUS_COLS, self.status_rows(cases, ids["status"]))
            log(f"status changes: {n:,} rows")
            n = loader.copy(t["action"], ACTION_COLS, self.action_rows(cases, ids["action"]))
            log(f"actions: {n:,} rows")
            n = loader.copy(t["member"], MEMBER_COLS, self.member_rows(cases, ids["member"]))
            log(f"case team members: {n:,} rows")
            began = time.monotonic()
            for table, name, definition in fks:
                loader.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            log(f"foreign keys added back and checked ({time.monotonic() - began:.0f} s)")
            for table in t.values():
                top = f'(SELECT GREATEST(MAX(id), 1) FROM "{table}")'  # noqa: S608
                loader.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), {top})", [table])
            counts = {
                "cases": self.n_cases,
                "cases_open": sum(1 for c in cases if not c.closed),
                "signals": loader.counts[t["signal"]],
                "signals_attached": self.attached,
                "case_signals": loader.counts[t["link"]],
                "signal_places": loader.counts[t["place"]],
                "case_municipalities": loader.counts[t["case_munis"]],
                "case_roles": loader.counts[t["role"]],
                "decisions": loader.counts[t["decision"]],
                "referrals": loader.counts[t["referral"]],
                "referral_events": loader.counts[t["event"]],
                "missing_episodes": loader.counts[t["episode"]],
                "missing_ongoing": self.ongoing,
                "transition_plans": loader.counts[t["plan"]],
                "aftercare": loader.counts[t["aftercare"]],
                "status_changes": loader.counts[t["status"]],
                "actions": loader.counts[t["action"]],
                "actions_open_overdue": self.overdue_actions,
                "case_members": loader.counts[t["member"]],
                "open_cases_aged_17_5_plus": sum(
                    1
                    for c in cases
                    if not c.closed and c.dob is not None and add_years(c.dob, 17, 6) <= self.today
                ),
                "coordinators": len(self.coordinators),
                "professionals": len(self.professionals),
            }
            counts["seed"] = self.seed
            counts["seconds_until_commit"] = round(time.monotonic() - self.began)
            audit_record(actor=None, action="bench.load", details=counts)
        return counts

    # -- rows ------------------------------------------------------------------------------------

    def case_rows(self, cases: list[Case]) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        for case in cases:
            if case.closed:
                assert case.closed_ts is not None
                case.updated_ts = case.closed_ts
                reason = weighted(rng, CASE_CLOSING_REASONS)
                note = "Afgesloten na overleg met de jongere." if rng.random() < 0.6 else ""
                closed_at: dt.datetime | None = ts_dt(case.closed_ts)
            else:
                case.updated_ts = rng.uniform(case.created_ts, self.now)
                reason, note, closed_at = "", "", None
            yield (
                case.id,
                ts_dt(case.created_ts),
                ts_dt(case.updated_ts),
                "closed" if case.closed else "open",
                case.given,
                case.roepnaam,
                case.tussenvoegsel,
                case.surname,
                case.dob,
                json.dumps(case.types),
                1 + rng.randint(0, 12),
                closed_at,
                reason,
                note,
                self.region.pk,
                case.owner,
            )
            case.closing_reason = reason

    def case_muni_rows(self, cases: list[Case], first_id: int) -> Iterator[tuple[int, int, int]]:
        rng = self.rng
        others = [self.muni_id[c] for c in BENCH_MUNICIPALITIES]
        next_id = first_id
        for case in cases:
            munis = {case.residence}
            if rng.random() < 0.15:
                munis.add(rng.choice(others))
            for muni in sorted(munis):
                yield (next_id, case.id, muni)
                next_id += 1

    def role_rows(self, cases: list[Case], first_id: int) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        next_id = first_id
        for case in cases:
            since = ts_date(case.created_ts)
            kind = rng.random()
            roles: list[tuple[str, dt.date, dt.date | None, str]] = []
            if kind < 0.05:
                roles.append(("offender", since, None, ""))
            elif kind < 0.12:
                roles.append(("victim", since, None, ""))
                roles.append(("offender", since, None, "Ook dader: werd gedwongen tot werven."))
            elif kind < 0.16:
                later = ts_date(rng.uniform(case.created_ts, case.end_ts))
                roles.append(("offender", since, later, "Eerst als dader in beeld."))
                roles.append(("victim", later, None, "Bleek zelf slachtoffer."))
            else:
                roles.append(("victim", since, None, ""))
            for role, start, until, note in roles:
                yield (next_id, role, start, until, note, case.id)
                next_id += 1

    def signal_rows(
        self,
        cases: list[Case],
        stamps: list[float],
        owners: list[int],
        firsts: list[int],
        first_id: int,
        first_place_id: int,
        first_link_id: int,
    ) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        region_id = self.region.pk
        bench_codes = list(MUNICIPALITY_WEIGHTS)
        weights = list(MUNICIPALITY_WEIGHTS.values())
        code_of = {pk: code for code, pk in self.muni_id.items()}
        place_id = first_place_id
        link_id = first_link_id
        self.attached = 0
        profiles = len(self.profiles)
        n_ind = len(self.indicators)
        for j, (ts, owner, first) in enumerate(zip(stamps, owners, firsts, strict=True)):
            signal_id = first_id + j
            case = cases[owner] if owner >= 0 else None
            submitted = ts_dt(ts)
            created = ts_dt(ts - rng.uniform(60, 3600))
            draft = case is None and rng.random() < 0.02
            anonymous = rng.random() < (0.01 if case is not None else 0.05)
            given = roepnaam = tussenvoegsel = surname = ""
            dob: dt.date | None = None
            if case is not None:
                residence = code_of[case.residence] if rng.random() < 0.9 else None
                types = case.types if rng.random() < 0.85 else list(weighted(rng, TYPE_SETS))
                if not anonymous:
                    given, surname = case.given, case.surname
                    roepnaam, tussenvoegsel = case.roepnaam, case.tussenvoegsel
                    dob = case.dob if rng.random() < 0.8 else None
                person_dob = case.dob
            else:
                residence = None
                types = list(weighted(rng, TYPE_SETS))
                person_dob = ts_date(ts - rng.uniform(11, 19) * 365.25 * DAY)
                if not anonymous:
                    given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
                    dob = person_dob if rng.random() < 0.7 else None
            if residence is None:
                residence = rng.choices(bench_codes, weights)[0]
            submitted_day = submitted.date()
            age = None
            if person_dob is not None and person_dob <= submitted_day and rng.random() < 0.95:
                age = age_on(person_dob, submitted_day)
            profile = rng.randrange(profiles)
            fields = self.profiles[profile]
            reporter, organisation = rng.choice(self.professionals)
            concluded_at = None
            reported = required = None
            override = ""
            status = "submitted"
            if draft:
                status = "draft"
                route_actions, route_version, framework = "{}", None, ""
            else:
                route_actions, route_version = self.route(profile, types, age, residence)
                framework = self.framework[organisation]
                if ts < self.now - 30 * DAY and rng.random() < 0.6:
                    status = "concluded"
                    concluded_at = ts_dt(min(self.now, ts + rng.uniform(1, 30) * DAY))
                    required = rng.random() < 0.35
                    reported = required if rng.random() < 0.92 else not required
                    if required and not reported:
                        override = "Veiligheid is op een andere manier geregeld."
            description = " ".join(rng.sample(SENTENCES, rng.randint(1, 4)))
            indicators = (
                sorted(rng.sample(self.indicators, min(n_ind, rng.randint(0, 6)))) if n_ind else []
            )
            yield (
                signal_id,
                created,
                concluded_at or submitted,
                uuid.UUID(int=rng.getrandbits(128), version=4),
                status,
                rng.choice(FUNCTIONS),
                None if draft else submitted,
                anonymous,
                given,
                roepnaam,
                tussenvoegsel,
                surname,
                dob,
                age,
                ""
                if anonymous
                else f"35{rng.randint(10, 99)}{rng.choice('ABCDEGHJKL')}{rng.choice('ABCDEGHJKL')}",
                "" if anonymous else str(rng.randint(1, 220)),
                "" if anonymous or rng.random() < 0.5 else rng.choice(SCHOOLS),
                "",
                json.dumps(types),
                fields["online"],
                fields["acute_danger"],
                fields["structural_unsafety"],
                fields["disclosure"],
                fields["sexual_assault_days_ago"],
                fields["missing_now"],
                fields["missing_episodes_90d"],
                fields["also_offender"],
                fields["wants_anonymity"],
                fields["parents_involved"],
                json.dumps(indicators),
                rng.choice(YOUTH_VIEWS) if rng.random() < 0.5 else "",
                rng.choice(PARENT_ROLES) if rng.random() < 0.3 else "",
                description,
                route_actions,
                framework,
                reported,
                required,
                override,
                concluded_at,
                organisation,
                reporter,
                None if draft else region_id,
                route_version,
            )
            # Places: residence always, sometimes school and the place of exploitation.
            places = {(residence, "residence")}
            if rng.random() < 0.4:
                places.add((rng.choices(bench_codes, weights)[0], "school"))
            if rng.random() < 0.25:
                pool = ELSEWHERE if rng.random() < 0.3 else bench_codes
                places.add((rng.choice(pool), "exploitation"))
            for code, role in sorted(places):
                self._places.append((place_id, role, self.muni_id[code], signal_id))
                place_id += 1
            if case is None:
                continue
            # Link to the case; the first signal opened it.
            self.attached += 1
            if first:
                attached_ts = case.created_ts
                reason = "Casus geopend vanuit dit signaal"
            else:
                attached_ts = min(self.now, max(ts, case.created_ts) + rng.uniform(0.01, 5) * DAY)
                reason = "Zelfde jongere: naam en geboortedatum komen overeen."
            if not first and rng.random() < DETACHED_SHARE / (1 - UNATTACHED_SHARE):
                wrong = cases[rng.randrange(len(cases))]
                if wrong is not case:
                    detached_ts = min(self.now, attached_ts + rng.uniform(0.01, 3) * DAY)
                    self._links.append(
                        (
                            link_id,
                            ts_dt(attached_ts),
                            "Lijkt dezelfde jongere.",
                            ts_dt(detached_ts),
                            "Andere jongere met dezelfde naam.",
                            wrong.owner,
                            wrong.id,
                            wrong.owner,
                            signal_id,
                        )
                    )
                    link_id += 1
                    attached_ts = min(self.now, detached_ts + rng.uniform(0.01, 2) * DAY)
            self._links.append(
                (
                    link_id,
                    ts_dt(attached_ts),
                    reason,
                    None,
                    "",
                    case.owner,
                    case.id,
                    None,
                    signal_id,
                )
            )
            link_id += 1
            if j % 100_000 == 99_999:
                log(f"  signals: {j + 1:,}")

    def decision_rows(self, cases: list[Case], first_id: int) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        next_id = first_id
        for case in cases:
            weeks = (case.end_ts - case.created_ts) / (7 * DAY)
            n = min(9, round(rng.expovariate(1 / min(4.0, 0.8 + weeks / 10))))
            if case.closed or weeks > 2:
                n = max(1, n)
            for _ in range(n):
                heard = rng.random() < 0.75
                involved = rng.random() < 0.6
                shares = rng.random() < 0.3
                yield (
                    next_id,
                    ts_dt(rng.uniform(case.created_ts, case.end_ts)),
                    rng.choice(DECISION_WHAT),
                    rng.choice(DECISION_WHY) + " " + rng.choice(DECISION_WHY),
                    heard,
                    rng.choice(CHILD_VIEWS) if heard else "",
                    "" if heard else rng.choice(NOT_HEARD),
                    rng.choice(BEST_INTEREST),
                    involved,
                    rng.choice(PARENT_REASONS_YES if involved else PARENT_REASONS_NO),
                    "",
                    shares,
                    rng.choice(["Veilig Thuis", "politie", "school", "Fier"]) if shares else "",
                    rng.choice(LEGAL_BASES) if shares else "",
                    case.id,
                    case.owner if rng.random() < 0.85 else rng.choice(self.coordinators),
                )
                next_id += 1

    def referral_rows(
        self, cases: list[Case], first_id: int, first_event_id: int, events: list[tuple[Any, ...]]
    ) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        next_id = first_id
        event_id = first_event_id
        end_day_today = self.today
        for case in cases:
            n = weighted(rng, [(0, 25), (1, 40), (2, 22), (3, 9), (4, 4)])
            for _ in range(n):
                sent_ts = rng.uniform(case.created_ts, max(case.created_ts, case.end_ts - 2 * DAY))
                day = ts_date(sent_ts)
                end_day = ts_date(case.end_ts) if case.closed else end_day_today
                status = "sent"
                by = case.owner
                steps = [(status, day, "")]
                while status in REFERRAL_WALK:
                    options = REFERRAL_WALK[status]
                    step = rng.choices(options, [o[1] for o in options])[0]
                    nxt = day + dt.timedelta(days=rng.randint(step[2], step[3]))
                    if nxt > end_day:
                        break
                    status, day = step[0], nxt
                    note = "Bevestigd door de aanbieder." if rng.random() < 0.3 else ""
                    steps.append((status, day, note))
                to_name, kind = rng.choice(REFERRAL_TO)
                yield (next_id, to_name, kind, status, day, ts_dt(sent_ts), case.id, by)
                for s, on, note in steps:
                    events.append((event_id, s, on, note, by, next_id))
                    event_id += 1
                next_id += 1

    def episode_rows(self, cases: list[Case], first_id: int) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        next_id = first_id
        self.ongoing = 0
        for case in cases:
            if rng.random() > 0.15:
                continue
            n = weighted(rng, [(1, 45), (2, 25), (3, 14), (4, 8), (5, 5), (6, 3)])
            if n > 1 and rng.random() < 0.5:  # repeated within 90 days
                lo = max(case.created_ts, case.end_ts - 120 * DAY)
                starts = sorted(rng.uniform(lo, case.end_ts - 0.1 * DAY) for _ in range(n))
            else:
                starts = sorted(
                    rng.uniform(case.created_ts, max(case.created_ts, case.end_ts - 0.1 * DAY))
                    for _ in range(n)
                )
            ongoing_last = not case.closed and rng.random() < 0.3
            if ongoing_last:
                starts[-1] = max(starts[-1], self.now - rng.uniform(0.1, 45) * DAY)
                starts.sort()
            for k, start in enumerate(starts):
                limit = starts[k + 1] if k + 1 < len(starts) else case.end_ts
                end: float | None = min(limit - 60, start + rng.uniform(0.08, 10) * DAY)
                if k == len(starts) - 1 and ongoing_last:
                    end = None
                    self.ongoing += 1
                elif end is not None and end <= start:
                    continue
                yield (
                    next_id,
                    ts_dt(start),
                    None if end is None else ts_dt(end),
                    "" if end is None else rng.choice(FOUND_WHERE),
                    rng.choice(["moeder", "school", "politie", "jeugdzorg"]),
                    "",
                    case.id,
                    case.owner,
                )
                next_id += 1

    def plan_rows(self, cases: list[Case], first_id: int) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        next_id = first_id
        for case in cases:
            if case.dob is None:
                continue
            end_day = ts_date(case.end_ts)
            due = add_years(case.dob, 17, 6)
            reason = case.closing_reason
            if due <= end_day:
                if case.closed and reason not in NO_PLAN_NEEDED:
                    kind = "complete"
                elif case.closed:
                    kind = "none"
                else:
                    kind = weighted(rng, [("none", 45), ("incomplete", 25), ("complete", 30)])
            elif add_years(case.dob, 16, 6) <= end_day and rng.random() < 0.1:
                kind = "incomplete"
            else:
                continue
            if kind == "none":
                continue
            start_day = max(ts_date(case.created_ts), min(due, end_day) - dt.timedelta(days=60))
            span = max(0, (end_day - start_day).days)
            agreed = start_day + dt.timedelta(days=rng.randint(0, span))
            complete = kind == "complete"
            yield (
                next_id,
                rng.choice(TRANSITION_TAKERS) if complete or rng.random() < 0.6 else "",
                complete,
                complete or rng.random() < 0.3,
                (rng.random() < 0.85) if complete else None,
                agreed if complete else None,
                ts_dt(min(self.now, datetime_ts(agreed) + 3600)),
                case.id,
            )
            next_id += 1

    def aftercare_rows(self, cases: list[Case], first_id: int) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        next_id = first_id
        for case in cases:
            if not case.closed or case.closing_reason in NO_AFTERCARE:
                continue
            assert case.closed_ts is not None
            for _ in range(1 if rng.random() < 0.8 else 2):
                yield (
                    next_id,
                    rng.choice(AFTERCARE_WHO),
                    ts_date(case.closed_ts + rng.randint(90, 365) * DAY),
                    "Maandelijks contact.",
                    ts_dt(case.closed_ts),
                    case.id,
                )
                next_id += 1

    def status_rows(self, cases: list[Case], first_id: int) -> Iterator[tuple[Any, ...]]:
        """Opened; closed with the reason; a few cases were closed and reopened before."""
        rng = self.rng
        next_id = first_id
        for case in cases:
            changes = [("open", case.created_ts, "", "")]
            span = case.end_ts - case.created_ts
            if span > 20 * DAY and rng.random() < 0.05:
                closed = case.created_ts + span * rng.uniform(0.2, 0.5)
                reopened = closed + span * rng.uniform(0.1, 0.3)
                changes.append(("closed", closed, "geen-hulp-gewenst", ""))
                changes.append(("open", reopened, "", "Nieuwe signalen: de casus gaat weer open."))
            if case.closed:
                assert case.closed_ts is not None
                changes.append(("closed", case.closed_ts, case.closing_reason, ""))
            for status, at, reason, note in changes:
                yield (next_id, status, reason, note, ts_dt(at), case.owner, case.id)
                next_id += 1

    def action_rows(self, cases: list[Case], first_id: int) -> Iterator[tuple[Any, ...]]:
        """Agreed steps with a due date: done in closed cases, some overdue in open ones."""
        rng = self.rng
        next_id = first_id
        self.overdue_actions = 0
        for case in cases:
            n = weighted(rng, [(0, 35), (1, 30), (2, 20), (3, 10), (4, 5)])
            for _ in range(n):
                created = rng.uniform(case.created_ts, case.end_ts)
                due = ts_date(created + rng.uniform(3, 45) * DAY)
                done_at: float | None = None
                if case.closed:
                    assert case.closed_ts is not None
                    done_at = min(case.closed_ts, created + rng.uniform(1, 40) * DAY)
                elif rng.random() < 0.55:
                    done_at = min(self.now, created + rng.uniform(1, 40) * DAY)
                if done_at is None and due < self.today:
                    self.overdue_actions += 1
                yield (
                    next_id,
                    rng.choice(ACTION_TITLES),
                    due,
                    ts_dt(created),
                    None if done_at is None else ts_dt(done_at),
                    case.id,
                    case.owner,
                    None if done_at is None else case.owner,
                )
                next_id += 1

    def member_rows(self, cases: list[Case], first_id: int) -> Iterator[tuple[Any, ...]]:
        """Professionals of partner organisations on the case team, with chosen sections."""
        rng = self.rng
        next_id = first_id
        for case in cases:
            if rng.random() > 0.2:
                continue
            for user_id, _org in rng.sample(self.professionals, rng.randint(1, 3)):
                added = rng.uniform(case.created_ts, case.end_ts)
                until = ts_date(added + rng.uniform(30, 366) * DAY)
                ended = case.closed_ts if case.closed else None
                sections = sorted(rng.sample(SECTIONS, rng.randint(1, 4)))
                yield (
                    next_id,
                    json.dumps(sections),
                    until,
                    ts_dt(added),
                    None if ended is None else ts_dt(ended),
                    case.owner,
                    case.id,
                    None if ended is None else case.owner,
                    user_id,
                )
                next_id += 1


def datetime_ts(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()


# Column orders of the rows above (the database column names).
CASE_COLS = [
    "id", "created_at", "updated_at", "status", "given_names", "roepnaam", "tussenvoegsel",
    "surname", "date_of_birth", "exploitation_types", "lock_version", "closed_at",
    "closing_reason", "closing_note", "region_id", "owner_id",
]  # fmt: skip
ROLE_COLS = ["id", "role", "since", "until", "note", "case_id"]
LINK_COLS = [
    "id", "attached_at", "reason", "detached_at", "detach_reason", "attached_by_id", "case_id",
    "detached_by_id", "signal_id",
]  # fmt: skip
SIGNAL_COLS = [
    "id", "created_at", "updated_at", "submission_key", "status", "reporter_function",
    "submitted_at", "is_anonymous", "given_names", "roepnaam", "tussenvoegsel", "surname",
    "date_of_birth", "age", "postcode", "house_number", "school", "bsn", "exploitation_types",
    "online", "acute_danger", "structural_unsafety", "disclosure", "sexual_assault_days_ago",
    "missing_now", "missing_episodes_90d", "also_offender", "wants_anonymity",
    "parents_involved", "indicator_codes", "youth_view", "parents_role", "description",
    "route_actions", "meldcode_framework", "reported_to_veilig_thuis", "report_required",
    "report_override_reason", "concluded_at", "organisation_id", "reporter_id", "region_id",
    "route_version_id",
]  # fmt: skip
PLACE_COLS = ["id", "role", "municipality_id", "signal_id"]
DECISION_COLS = [
    "id", "decided_at", "what", "why", "child_heard", "child_view", "child_not_heard_reason",
    "best_interest", "parents_involved", "parents_reason", "parents_extra_justification",
    "shares_data", "shared_with", "legal_basis", "case_id", "decided_by_id",
]  # fmt: skip
REFERRAL_COLS = [
    "id", "to_name", "kind", "status", "status_since", "created_at", "case_id", "created_by_id",
]  # fmt: skip
EVENT_COLS = ["id", "status", "on", "note", "by_id", "referral_id"]
EPISODE_COLS = [
    "id", "start", "end", "found_where", "reported_by", "note", "case_id", "recorded_by_id",
]  # fmt: skip
PLAN_COLS = [
    "id", "who_takes_over", "adult_care_arranged", "consent_asked_again", "consent_given",
    "agreed_on", "updated_at", "case_id",
]  # fmt: skip
AFTERCARE_COLS = ["id", "who", "until", "what", "agreed_at", "case_id"]
STATUS_COLS = ["id", "status", "reason", "note", "at", "by_id", "case_id"]
ACTION_COLS = [
    "id", "title", "due", "created_at", "done_at", "case_id", "created_by_id", "done_by_id",
]  # fmt: skip
MEMBER_COLS = [
    "id", "sections", "until", "added_at", "ended_at", "added_by_id", "case_id", "ended_by_id",
    "user_id",
]  # fmt: skip


def has_bench_data() -> bool:
    from schakel.geo.models import Region

    return Region.objects.filter(name=BENCH_REGION_NAME).exists()


def refresh_derived() -> None:
    """Derived data the services would keep up to date (the stored work queue, if any)."""
    from django.core.management import call_command, get_commands

    if "queue_refresh" in get_commands():
        began = time.monotonic()
        log("committed; schakel queue_refresh (the stored work queue)")
        call_command("queue_refresh", stdout=open(os.devnull, "w"))  # noqa: SIM115
        log(f"queue_refresh done ({time.monotonic() - began:.0f} s)")


def vacuum_analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--signals", type=int, default=SIGNALS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", help="also write the counts to this JSON file")
    args = parser.parse_args(argv)
    if args.signals < args.cases:
        parser.error("--signals must be at least --cases (every case has a signal)")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("Set DATABASE_URL to a PostgreSQL database (postgres://...).", file=sys.stderr)
        return 2
    setup_django()
    from django.core.management import call_command

    began = time.monotonic()
    log("migrate")
    call_command("migrate", interactive=False, verbosity=0)
    log("load_reference_data")
    call_command("load_reference_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if has_bench_data():
        print(
            f"This database already holds bench data (region {BENCH_REGION_NAME!r}). Use it as "
            "it is (cases_load.py --reuse) or start from an empty database.",
            file=sys.stderr,
        )
        return EXIT_HAS_BENCH_DATA
    generator = Generator(cases=args.cases, signals=args.signals, seed=args.seed)
    generator.began = began
    counts = generator.run()
    refresh_derived()
    log("VACUUM ANALYZE")
    vacuum_analyze()
    seconds = time.monotonic() - began
    counts_out = {**counts, "seconds": round(seconds, 1)}
    log(f"done in {seconds:.0f} s: " + ", ".join(f"{k}={v:,}" for k, v in counts.items()))
    if args.json:
        Path(args.json).write_text(json.dumps(counts_out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
