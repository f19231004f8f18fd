"""Translate a user's scope into the municipalities and organisations it covers.

Later apps filter their querysets with these sets, so every selector draws the same line.
"""

from typing import Any

from django.db.models import Q

from schakel.geo.models import Municipality

from .constants import Scope


def municipality_ids_in_scope(user: Any, scope: Scope) -> set[int]:
    """Municipalities a user's scope reaches (empty for OWN and ORGANISATION scopes)."""
    if scope == Scope.MUNICIPALITY:
        return set(user.municipalities.values_list("id", flat=True))
    if scope == Scope.REGION:
        own = set(user.municipalities.values_list("id", flat=True))
        regional = set(
            Municipality.objects.filter(regions__users=user).values_list("id", flat=True)
        )
        return own | regional
    return set()


def area_q(user: Any, scope: Scope, *, municipality_path: str) -> Q:
    """Records of the user's own regions, or naming a municipality in the user's area.

    ``municipality_path`` is the lookup from the record to a municipality id, e.g.
    ``"places__municipality_id"``; the record has a ``region`` foreign key.
    """
    ids = municipality_ids_in_scope(user, scope)
    regions = user.regions.values_list("id", flat=True) if scope == Scope.REGION else []
    return Q(region_id__in=regions) | Q(**{f"{municipality_path}__in": ids})
