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
            models.Index(
                fields=["indicator", "breakdown", "month"], name="monitor_count_lookup"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "breakdown", "value", "municipality", "month"],
                name="monitor_count_unique",
            )
        ]


class CountRefresh(models.Model):
    """When the counts of a calendar year were last made, and up to which day (the end of the
    last quarter of that year that had ended)."""

    year = models.PositiveSmallIntegerField(unique=True)
    counted_until = models.DateField()
    refreshed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("bijwerking van de monitorcijfers")
