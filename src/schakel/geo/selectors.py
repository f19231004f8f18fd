"""Reads of reference data (no personal data, so no audit rows)."""

from django.db.models import QuerySet

from .models import Municipality, Region


def municipality_list(*, query: str = "", province: str = "") -> QuerySet[Municipality]:
    qs = Municipality.objects.all()
    if query:
        qs = qs.filter(name__icontains=query) | qs.filter(code__iexact=query)
    if province:
        qs = qs.filter(province=province)
    return qs.order_by("name")


def province_list() -> list[str]:
    return list(
        Municipality.objects.order_by("province").values_list("province", flat=True).distinct()
    )


def region_list() -> QuerySet[Region]:
    return Region.objects.prefetch_related("municipalities").order_by("kind", "name")
