"""Choices of the training register and the participation record, and their limits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.accounts.constants import OrganisationKind


class TrainingLevel(models.TextChoices):
    BASIS = "basis", _("Basis (signalen herkennen)")
    VERDIEPING = "verdieping", _("Verdieping (handelen en melden)")
    SPECIALIST = "specialist", _("Specialist")


class ParticipationKind(models.TextChoices):
    PANEL = "panel", _("Panel of ronde tafel")
    INTERVIEW = "interview", _("Interview(s)")
    MEEDENKGROEP = "meedenkgroep", _("Meedenkgroep")
    EVALUATIE = "evaluatie", _("Evaluatie van de hulp")
    COCREATIE = "cocreatie", _("Co-creatie van voorlichting")
    OVERIG = "overig", _("Overig")


class ParticipantGroup(models.TextChoices):
    JONGEREN = "jongeren", _("Jongeren")
    ERVARINGSDESKUNDIGEN = "ervaringsdeskundigen", _("Jongeren met ervaring (ervaringsdeskundigen)")
    OUDERS = "ouders", _("Ouders")
    PROFESSIONALS = "professionals", _("Professionals")


# Organisations whose staff meet young people first and must recognise signals (tip 3 and 4
# of the guide). Their training coverage is what the policy scan weighs.
FIRST_LINE_KINDS: frozenset[str] = frozenset(
    {
        OrganisationKind.WIJKTEAM,
        OrganisationKind.ONDERWIJS,
        OrganisationKind.JEUGDWERK,
        OrganisationKind.JEUGDZORG,
        OrganisationKind.GEZONDHEIDSZORG,
        OrganisationKind.VEILIG_THUIS,
    }
)

TRAINING_WINDOW_MONTHS = 36
PARTICIPATION_WINDOW_MONTHS = 24
LIST_PAGE_SIZE = 50
IMPORT_MAX_BYTES = 1024 * 1024
IMPORT_MAX_ROWS = 5000
