"""Roles, scopes and organisation kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional (signaleerder)")
    ZORGCOORDINATOR = "zorgcoordinator", _("Zorgcoördinator mensenhandel")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


# Roles that can see personal data must use two-step verification (TOTP).
# The beleidsmedewerker sees aggregates only.
ROLES_REQUIRING_MFA = frozenset(
    {Role.PROFESSIONAL, Role.ZORGCOORDINATOR, Role.FUNCTIONEEL_BEHEERDER, Role.PRIVACY_OFFICER}
)


class Scope(models.TextChoices):
    """How far an allowed action reaches, from narrow to wide."""

    OWN = "own", _("eigen gegevens")
    ORGANISATION = "organisation", _("eigen organisatie")
    MUNICIPALITY = "municipality", _("eigen gemeente(n)")
    REGION = "region", _("eigen regio('s)")
    TEAM = "team", _("als lid van het casusteam")


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    WIJKTEAM = "wijkteam", _("Wijkteam / sociaal team")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    JEUGDWERK = "jeugdwerk", _("Jongerenwerk")
    JEUGDZORG = "jeugdzorg", _("Jeugdzorg")
    ZORGCOORDINATIE = "zorgcoordinatie", _("Zorgcoördinatie mensenhandel")
    POLITIE = "politie", _("Politie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    GEZONDHEIDSZORG = "gezondheidszorg", _("Huisarts / GGD / gezondheidszorg")
    OVERIG = "overig", _("Overig")


RECOVERY_CODE_COUNT = 10
