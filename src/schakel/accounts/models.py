"""Users, their organisation and the municipalities and regions they work for."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.common.models import TimestampedModel
from schakel.geo.models import Municipality, Region

from .constants import ROLES_REQUIRING_MFA, OrganisationKind, Role


class Organisation(TimestampedModel):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("vestigingsgemeente"),
    )
    may_process_bsn = models.BooleanField(
        _("mag BSN verwerken"),
        default=False,
        help_text=_("Alleen aanzetten als de wet deze organisatie toestaat het BSN te gebruiken."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("organisatie"),
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="users", verbose_name=_("gemeenten")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="users", verbose_name=_("regio's")
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def requires_mfa(self) -> bool:
        return self.role in ROLES_REQUIRING_MFA or self.is_superuser

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class UserSession(models.Model):
    """Which sessions belong to which user, so disabling a user can end all of them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self) -> str:
        return f"sessie van gebruiker {self.user_id}"
