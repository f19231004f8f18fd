"""Route maps as versioned data, and contact details overridden per region or municipality."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schakel.common.models import TimestampedModel
from schakel.geo.models import Municipality, Region

from .constants import RouteMapScope, VersionStatus


class RouteMap(TimestampedModel):
    """The route map of the country (default), of a region or of one municipality."""

    scope = models.CharField(_("bereik"), max_length=20, choices=RouteMapScope.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="route_maps"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="route_maps"
    )
    scenarios_yaml = models.TextField(
        _("eigen scenario's (YAML)"),
        blank=True,
        help_text=_("Scenario's die deze routekaart altijd moet doorstaan, naast de standaard."),
    )

    class Meta:
        verbose_name = _("routekaart")
        verbose_name_plural = _("routekaarten")
        constraints = [
            models.UniqueConstraint(
                fields=["scope"],
                condition=Q(scope=RouteMapScope.NATIONAL),
                name="routekaart_one_national_map",
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(region__isnull=False),
                name="routekaart_one_per_region",
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(municipality__isnull=False),
                name="routekaart_one_per_municipality",
            ),
            models.CheckConstraint(
                condition=(
                    Q(scope=RouteMapScope.NATIONAL, region__isnull=True, municipality__isnull=True)
                    | Q(scope=RouteMapScope.REGION, region__isnull=False, municipality__isnull=True)
                    | Q(
                        scope=RouteMapScope.MUNICIPALITY,
                        region__isnull=True,
                        municipality__isnull=False,
                    )
                ),
                name="routekaart_scope_matches_owner",
            ),
        ]

    def __str__(self) -> str:
        if self.scope == RouteMapScope.REGION and self.region is not None:
            return f"Routekaart {self.region.name}"
        if self.scope == RouteMapScope.MUNICIPALITY and self.municipality is not None:
            return f"Routekaart {self.municipality.name}"
        return "Landelijke standaard-routekaart"


class RouteMapVersion(models.Model):
    """One version of a route map's rules, contacts and consultations (as YAML)."""

    route_map = models.ForeignKey(RouteMap, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    yaml_text = models.TextField(_("routekaart (YAML)"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    note = models.CharField(_("toelichting op de wijziging"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    scenario_failures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["route_map", "-number"]
        verbose_name = _("versie van een routekaart")
        verbose_name_plural = _("versies van routekaarten")
        constraints = [
            models.UniqueConstraint(
                fields=["route_map", "number"], name="routekaart_version_number"
            ),
            models.UniqueConstraint(
                fields=["route_map"],
                condition=Q(status=VersionStatus.PUBLISHED),
                name="routekaart_one_published_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.route_map} v{self.number}"


class ContactOverride(TimestampedModel):
    """A region's or municipality's own details for a chain partner (e.g. its care coordinator)."""

    code = models.SlugField(_("code van de contactpersoon of partner"), max_length=50)
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="contact_overrides"
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_overrides",
    )
    name = models.CharField(_("naam"), max_length=200)
    phone = models.CharField(_("telefoon"), max_length=50, blank=True)
    hours = models.CharField(_("bereikbaar"), max_length=200, blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    url = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("opmerkingen"), blank=True)

    class Meta:
        verbose_name = _("eigen contactgegevens")
        verbose_name_plural = _("eigen contactgegevens")
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=False, municipality__isnull=True)
                | Q(region__isnull=True, municipality__isnull=False),
                name="routekaart_contact_for_region_or_municipality",
            ),
            models.UniqueConstraint(
                fields=["code", "region"],
                condition=Q(region__isnull=False),
                name="routekaart_contact_once_per_region",
            ),
            models.UniqueConstraint(
                fields=["code", "municipality"],
                condition=Q(municipality__isnull=False),
                name="routekaart_contact_once_per_municipality",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"
