"""The demo region: obviously fictitious organisations and one account per role.

Only for demo mode. The TOTP secrets are fixed so that `make demo` can print them.
"""

import base64
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from schakel.audit.services import audit_record
from schakel.geo.constants import RegionKind
from schakel.geo.models import Municipality, Region

from .constants import OrganisationKind, Role
from .models import Organisation, User
from .services import TOTP_DEVICE_NAME

DEMO_PASSWORD = "demo-Schakel-2025"  # noqa: S105 - fictitious demo accounts only
DEMO_REGION_NAME = "Demoregio Stichtse Landen (fictief)"
DEMO_VT_REGION_NAME = "Veilig Thuis-regio Demo (fictief)"
DEMO_MUNICIPALITIES = ["GM0344", "GM0356", "GM0321", "GM0353", "GM0331"]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: Role
    organisation: str
    totp_hex: str | None  # None: this role does not need two-step verification

    @property
    def totp_base32(self) -> str | None:
        if self.totp_hex is None:
            return None
        return base64.b32encode(bytes.fromhex(self.totp_hex)).decode("ascii")


DEMO_ORGANISATIONS = [
    ("Demo Wijkteam Noordoost (fictief)", OrganisationKind.WIJKTEAM, "GM0344"),
    ("Demo Scholengemeenschap De Brug (fictief)", OrganisationKind.ONDERWIJS, "GM0356"),
    ("Demo Zorgcoördinatie Mensenhandel (fictief)", OrganisationKind.ZORGCOORDINATIE, "GM0344"),
    ("Demo Gemeente, team Veiligheid (fictief)", OrganisationKind.GEMEENTE, "GM0344"),
    ("Demo Regionaal ICT-beheer (fictief)", OrganisationKind.OVERIG, "GM0356"),
]

DEMO_ACCOUNTS = [
    DemoAccount(
        "demo-professional",
        "Pim",
        "Proef (demo)",
        Role.PROFESSIONAL,
        "Demo Wijkteam Noordoost (fictief)",
        "3132333435363738393031323334353637383930",
    ),
    DemoAccount(
        "demo-zorgcoordinator",
        "Zora",
        "Voorbeeld (demo)",
        Role.ZORGCOORDINATOR,
        "Demo Zorgcoördinatie Mensenhandel (fictief)",
        "4142434445464748494a4b4c4d4e4f5051525354",
    ),
    DemoAccount(
        "demo-beleid",
        "Bas",
        "Testbeleid (demo)",
        Role.BELEIDSMEDEWERKER,
        "Demo Gemeente, team Veiligheid (fictief)",
        None,
    ),
    DemoAccount(
        "demo-beheer",
        "Fenna",
        "Fictief (demo)",
        Role.FUNCTIONEEL_BEHEERDER,
        "Demo Regionaal ICT-beheer (fictief)",
        "6162636465666768696a6b6c6d6e6f7071727374",
    ),
    DemoAccount(
        "demo-privacy",
        "Priya",
        "Proefdata (demo)",
        Role.PRIVACY_OFFICER,
        "Demo Gemeente, team Veiligheid (fictief)",
        "7a797877767574737271706f6e6d6c6b6a696867",
    ),
]


class DemoModeOff(RuntimeError):
    pass


@transaction.atomic
def demo_load() -> Region:
    """Create or refresh the demo region; refuses outside demo mode."""
    if not settings.SCHAKEL_DEMO_MODE:
        raise DemoModeOff("Demogegevens laden kan alleen met SCHAKEL_DEMO_MODE=1.")
    municipalities = list(Municipality.objects.filter(code__in=DEMO_MUNICIPALITIES))
    if len(municipalities) != len(DEMO_MUNICIPALITIES):
        raise RuntimeError("Laad eerst de referentiegegevens: schakel load_reference_data")
    by_code = {m.code: m for m in municipalities}
    region, _ = Region.objects.update_or_create(
        name=DEMO_REGION_NAME,
        defaults={"kind": RegionKind.ZORGCOORDINATIE, "notes": "Fictieve regio voor de demo."},
    )
    region.municipalities.set(municipalities)
    vt_region, _ = Region.objects.update_or_create(
        name=DEMO_VT_REGION_NAME,
        defaults={"kind": RegionKind.VEILIG_THUIS, "notes": "Fictieve regio voor de demo."},
    )
    vt_region.municipalities.set(municipalities)
    organisations = {}
    for name, kind, code in DEMO_ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "municipality": by_code[code]}
        )
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "role": account.role,
                "organisation": organisations[account.organisation],
                "is_active": True,
                "is_staff": account.role == Role.FUNCTIONEEL_BEHEERDER,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        user.regions.set([region])
        user.municipalities.set([organisations[account.organisation].municipality])
        TOTPDevice.objects.filter(user=user).delete()
        if account.totp_hex:
            TOTPDevice.objects.create(
                user=user, name=TOTP_DEVICE_NAME, key=account.totp_hex, confirmed=True
            )
    audit_record(actor=None, action="demo.load", details={"accounts": len(DEMO_ACCOUNTS)})
    return region
