"""Translate a user's scope into the municipalities and organisations it covers.

Later apps filter their querysets with these sets, so every selector draws the same line.
"""

from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from schakel.geo.models import Municipality

from .constants import Scope


def municipality_ids_in_scope(user: Any, scope: Scope) -> set[int]:
    """Municipalities a user's scope reaches (empty for OWN and ORGANISATION scopes).

    Remembered on the user object, which lives for one request: a page asks several times.
    """
    cache = user.__dict__.setdefault("_schakel_area_cache", {})
    if scope not in cache:
        cache[scope] = _municipality_ids(user, scope)
    return set(cache[scope])


def _municipality_ids(user: Any, scope: Scope) -> set[int]:
    if scope == Scope.MUNICIPALITY:
        return set(user.municipalities.values_list("id", flat=True))
    if scope == Scope.REGION:
        own = set(user.municipalities.values_list("id", flat=True))
        regional = set(
            Municipality.objects.filter(regions__users=user).values_list("id", flat=True)
        )
        return own | regional
    return set()


def area_q(user: Any, scope: Scope, *, through: type[Model], owner_field: str) -> Q:
    """Records of the user's own regions, or naming a municipality in the user's area.

    The record has a ``region`` foreign key and its municipalities in ``through`` (a model
    with ``municipality_id`` and a foreign key ``owner_field`` to the record). An EXISTS
    subquery instead of a join: no duplicate rows, no DISTINCT, and the planner can use the
    record's own indexes first (this matters with a million signals).
    """
    ids = municipality_ids_in_scope(user, scope)
    regions = list(user.regions.values_list("id", flat=True)) if scope == Scope.REGION else []
    places = through._default_manager.filter(
        **{owner_field: OuterRef("pk")}, municipality_id__in=ids
    )
    return Q(region_id__in=regions) | Q(Exists(places))


def municipality_ids_for_action(user: Any, action: str) -> set[int]:
    """The municipalities in which ``user`` may do ``action``; NotFoundOrForbidden when the
    policy table does not allow the action at all."""
    from schakel.common.exceptions import NotFoundOrForbidden

    from .policy import scope_for

    scope = scope_for(user, action)
    if scope is None:
        raise NotFoundOrForbidden()
    return municipality_ids_in_scope(user, scope)


def municipalities_for_action(user: Any, action: str) -> QuerySet[Municipality]:
    """The municipalities in which ``user`` may do ``action``, by name."""
    return Municipality.objects.filter(id__in=municipality_ids_for_action(user, action)).order_by(
        "name"
    )


def preferred_municipality(user: Any, municipalities: Sequence[Municipality]) -> Any:
    """Where a page starts: the municipality of the user's organisation, else one of their
    own, else the first of ``municipalities`` (None when there are none)."""
    if not municipalities:
        return None
    organisation = getattr(user, "organisation", None)
    preferred = [organisation.municipality_id] if organisation is not None else []
    preferred += list(user.municipalities.values_list("id", flat=True))
    by_id = {m.pk: m for m in municipalities}
    return next((by_id[pk] for pk in preferred if pk in by_id), municipalities[0])


def region_ids_for_action(user: Any, action: str) -> set[int]:
    """The regions (care-coordination regions) whose records ``user`` may reach for ``action``:
    the user's own regions under a REGION scope, none otherwise. NotFoundOrForbidden when the
    policy table does not allow the action at all. For records that belong to one region as a
    whole (linkage, the context network), not to municipalities."""
    from schakel.common.exceptions import NotFoundOrForbidden

    from .policy import scope_for

    scope = scope_for(user, action)
    if scope is None:
        raise NotFoundOrForbidden()
    if scope != Scope.REGION:
        return set()
    return set(user.regions.values_list("id", flat=True))
