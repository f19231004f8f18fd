"""Demo data: one scan of a fictitious municipal policy and a few practice answers, for the
demo policy officer's municipality (only in demo mode, like the other demo data)."""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from schakel.accounts.models import User

from . import services
from .models import PolicyScan

DEMO_POLICY = Path(__file__).parent / "data" / "demo_beleid.txt"
DEMO_USERNAME = "demo-beleid"


@transaction.atomic
def demo_beleidsscan_load() -> int:
    """Scan the demo policy once; returns how many scans were made (0 when there already is one)."""
    if not settings.SCHAKEL_DEMO_MODE:
        return 0
    user = User.objects.filter(username=DEMO_USERNAME).first()
    municipality = user.municipalities.first() if user else None
    if user is None or municipality is None:
        return 0
    if PolicyScan.objects.filter(municipality=municipality).exists():
        return 0
    services.scan_upload(
        user=user,
        municipality_id=municipality.pk,
        title="Aanpak mensenhandel 2024-2027 (fictief)",
        filename=DEMO_POLICY.name,
        data=DEMO_POLICY.read_bytes(),
    )
    services.answers_save(
        user=user,
        municipality_id=municipality.pk,
        answers=[
            services.AnswerInput(
                question="t1-mening-kind",
                tip=1,
                answer="deels",
                explanation="Alleen de zorgcoördinator legt de mening van de jongere vast.",
                evidence="werkinstructie zorgcoördinatie (fictief)",
            ),
        ],
    )
    return 1
