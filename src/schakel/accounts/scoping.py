"""Translate a user's scope into the municipalities and organisations it covers.

Later apps filter their querysets with these sets, so every selector draws the same line.
"""

from typing import Any

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
