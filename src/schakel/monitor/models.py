"""What the monitor keeps: counts only, never a record of a person.

``MonthlyCount`` holds the counts the dashboards read (per indicator, breakdown value,
municipality and month), so a page over a region with a million signals reads a few thousand
rows; ``CountRefresh`` says up to which day they were counted and when (the freshness shown on
every page)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.geo.models import Municipality


class MonthlyCount(models.Model):
    """One count of one indicator for one municipality in one month (for a state, such as open
    referrals waiting, the state on the last day of the quarter, stored under that quarter's
    last month). ``breakdown`` is empty for the indicator's own count."""

    indicator = models.CharField(max_length=60)
    breakdown = models.CharField(max_length=40, blank=True)
    value = models.CharField(max_length=60, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["indicator", "breakdown", "month"], name="monitor_count_lookup"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "breakdown", "value", "municipality", "month"],
                name="monitor_count_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.breakdown}={self.value} {self.month:%Y-%m}: {self.count}"


class CountRefresh(models.Model):
    """When the counts of a calendar year were last made, and up to which day (the end of the
    last quarter of that year that had ended)."""

    year = models.PositiveSmallIntegerField(unique=True)
    counted_until = models.DateField()
    refreshed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)
    # What was counted: a hash of the indicators and their breakdowns and of the way of
    # counting (aggregates.counting_definition). Another definition means: count again.
    definition = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("bijwerking van de monitorcijfers")

    def __str__(self) -> str:
        return f"{self.year} tot en met {self.counted_until:%d-%m-%Y}"


class PrivacyRelease(models.Model):
    """One open-data release with differential privacy: the noisy numbers exactly as
    published (so a download again returns the same numbers and costs nothing more), and the
    epsilon it spent of its municipality's budget for ``year`` (as OpenDP reported it)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    year = models.PositiveSmallIntegerField(_("jaar van het budget"))
    period = models.CharField(_("periode"), max_length=10)  # a Span code: "2025"
    tables = models.JSONField(_("tabellen"), default=list)  # table keys, in release order
    epsilon = models.FloatField(_("epsilon uitgegeven"))
    mechanism = models.CharField(_("mechanisme"), max_length=40)
    scale = models.FloatField(_("schaal van de ruis"))
    sensitivity = models.PositiveIntegerField(_("gevoeligheid"))
    released_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uitgegeven door"),
    )
    released_at = models.DateTimeField(_("uitgegeven op"))
    content = models.TextField(_("inhoud van het bestand"))  # the CSV, byte for byte
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-released_at", "-pk"]
        verbose_name = _("open-data-uitgave")
        verbose_name_plural = _("open-data-uitgaven")
        indexes = [
            models.Index(fields=["municipality", "year"], name="monitor_release_budget"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.period} ε={self.epsilon:g}"

    @property
    def epsilon_text(self) -> str:
        """As OpenDP reported it, with a decimal comma."""
        return f"{self.epsilon:.6g}".replace(".", ",")
