"""A fictitious demo case, opened by the demo care coordinator from a demo signal."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from schakel.accounts.models import User
from schakel.intake.models import Signal

from . import services
from .models import CaseSignal


@transaction.atomic
def demo_cases_load() -> int:
    coordinator = User.objects.get(username="demo-zorgcoordinator")
    signal = Signal.objects.filter(surname="Proefpersoon (fictief)").first()
    if signal is None or CaseSignal.objects.filter(signal=signal).exists():
        return 0
    case = services.case_open_from_signal(actor=coordinator, signal_id=signal.pk)
    today = timezone.localdate()
    # 17 years and 8 months old, without a plan for after 18: the queue shows it.
    case.date_of_birth = today.replace(day=1) - timedelta(days=17 * 365 + 8 * 30)
    case.save(update_fields=["date_of_birth"])
    services.referral_send(
        actor=coordinator,
        case_id=case.pk,
        to_name="Expertisecentrum (fictief)",
        kind="triage seksuele uitbuiting",
        on=today - timedelta(days=20),
    )
    return 1
