"""Reads of route maps: which map applies where, its contacts, and access checks."""

import difflib
from dataclasses import replace
from functools import lru_cache
from typing import Any

from django.db.models import Max, Q, QuerySet

from schakel.accounts.constants import Scope
from schakel.accounts.policy import Action, scope_for
from schakel.accounts.scoping import municipality_ids_in_scope
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.geo.constants import RegionKind
from schakel.geo.models import Municipality, Region

from .constants import DEFAULT_SCENARIOS_PATH, RouteMapScope, VersionStatus
from .domain.engine import CompiledRouteMap, compile_route_map
from .domain.rules import Contact, RouteMapDoc
from .domain.scenarios import ScenarioResult, load_scenarios, run_scenarios
from .domain.validator import route_map_from_yaml
from .models import ContactOverride, RouteMap, RouteMapVersion


def _published(route_map_filter: Q) -> RouteMapVersion | None:
    return (
        RouteMapVersion.objects.select_related("route_map")
        .filter(route_map_filter, status=VersionStatus.PUBLISHED)
        .first()
    )


def _care_regions(municipality_code: str) -> QuerySet[Region]:
    return Region.objects.filter(
        kind=RegionKind.ZORGCOORDINATIE, municipalities__code=municipality_code
    ).order_by("name")


def route_map_effective_version(
    *, municipality_code: str | None, region: Region | None = None
) -> RouteMapVersion:
    """The published map that applies: the municipality's own, its region's, or the default."""
    version = None
    if municipality_code:
        version = _published(Q(route_map__municipality__code=municipality_code))
        if version is None:
            for care_region in _care_regions(municipality_code):
                version = _published(Q(route_map__region=care_region))
                if version is not None:
                    break
    elif region is not None:
        version = _published(Q(route_map__region=region))
    if version is None:
        version = _published(Q(route_map__scope=RouteMapScope.NATIONAL))
    if version is None:
        from .services import routekaart_ensure_default

        routekaart_ensure_default()
        version = _published(Q(route_map__scope=RouteMapScope.NATIONAL))
    assert version is not None  # noqa: S101 - ensured just above
    return version


def _overrides(municipality_code: str | None, region: Region | None) -> list[ContactOverride]:
    """Region overrides first, then the municipality's own (which win)."""
    overrides: list[ContactOverride] = []
    regions = list(_care_regions(municipality_code)) if municipality_code else []
    if region is not None and region not in regions:
        regions.append(region)
    overrides += ContactOverride.objects.filter(region__in=regions).order_by("region__name")
    if municipality_code:
        overrides += ContactOverride.objects.filter(municipality__code=municipality_code)
    return overrides


def contacts_for(
    *, municipality_code: str | None, region: Region | None = None
) -> dict[str, Contact]:
    return {
        o.code: Contact(
            code=o.code,
            name=o.name,
            phone=o.phone,
            hours=o.hours,
            address=o.address,
            url=o.url,
            notes=o.notes,
        )
        for o in _overrides(municipality_code, region)
    }


@lru_cache(maxsize=256)
def _compiled(version_id: int, yaml_text: str, contacts: tuple[Contact, ...]) -> CompiledRouteMap:
    return compile_route_map(route_map_from_yaml(yaml_text), contacts={c.code: c for c in contacts})


def routing_for(
    *, municipality_code: str | None, region: Region | None = None
) -> tuple[CompiledRouteMap, RouteMapVersion]:
    """The compiled route map for a municipality (cached per version and contact set)."""
    version = route_map_effective_version(municipality_code=municipality_code, region=region)
    contacts = contacts_for(municipality_code=municipality_code, region=region)
    key = tuple(contacts[code] for code in sorted(contacts))
    return _compiled(version.pk, version.yaml_text, key), version


def default_scenarios_text() -> str:
    return DEFAULT_SCENARIOS_PATH.read_text(encoding="utf-8")


def route_map_check(*, route_map: RouteMap, yaml_text: str) -> list[ScenarioResult]:
    """Run the default scenarios and the map's own scenarios against a (draft) map."""
    compiled = compile_route_map(route_map_from_yaml(yaml_text))
    scenarios = load_scenarios(default_scenarios_text())
    if route_map.scenarios_yaml.strip():
        scenarios += load_scenarios(route_map.scenarios_yaml)
    return run_scenarios(compiled, scenarios)


def text_diff(old: str, new: str, old_label: str, new_label: str) -> list[str]:
    """A line diff between two versions' YAML, to show who changed what."""
    return list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), fromfile=old_label, tofile=new_label, lineterm=""
        )
    )


def with_local_contacts(
    doc: RouteMapDoc, *, municipality_code: str | None, region: Region | None = None
) -> RouteMapDoc:
    """The map with the region's and municipality's own contact details filled in."""
    local = contacts_for(municipality_code=municipality_code, region=region)
    return replace(doc, contacts={**doc.contacts, **local})


def _visible_maps(user: Any, action: str) -> QuerySet[RouteMap]:
    scope = scope_for(user, action)
    if scope is None:
        raise NotFoundOrForbidden()
    maps = RouteMap.objects.select_related("region", "municipality")
    ids = municipality_ids_in_scope(user, scope if scope != Scope.OWN else Scope.MUNICIPALITY)
    area = Q(municipality_id__in=ids) | Q(region__municipalities__in=ids)
    if action == Action.ROUTEKAART_VIEW:
        area |= Q(scope=RouteMapScope.NATIONAL)
    if scope == Scope.MUNICIPALITY:  # a municipality's editor edits only its own map
        area = Q(municipality_id__in=ids) | (
            Q(scope=RouteMapScope.NATIONAL) if action == Action.ROUTEKAART_VIEW else Q(pk=None)
        )
    return maps.filter(area).distinct()


def route_map_list_for_user(*, user: Any) -> list[RouteMap]:
    return list(
        _visible_maps(user, Action.ROUTEKAART_VIEW)
        .annotate(last_change=Max("versions__created_at"))
        .order_by("scope", "region__name", "municipality__name")
    )


def route_map_get_for_user(*, user: Any, route_map_id: int, action: str) -> RouteMap:
    try:
        route_map = _visible_maps(user, action).get(pk=route_map_id)
    except RouteMap.DoesNotExist as exc:
        raise NotFoundOrForbidden() from exc
    # Editing a region's map needs the whole region in one's scope, not one shared municipality.
    if action == Action.ROUTEKAART_EDIT and not route_map_area_editable(
        user=user, region=route_map.region, municipality=route_map.municipality
    ):
        raise NotFoundOrForbidden()
    return route_map


def route_map_area_editable(
    *, user: Any, region: Region | None, municipality: Municipality | None
) -> bool:
    scope = scope_for(user, Action.ROUTEKAART_EDIT)
    if scope is None:
        return False
    ids = municipality_ids_in_scope(user, scope)
    if municipality is not None:
        return municipality.pk in ids
    if region is not None and scope == Scope.REGION:
        region_ids = set(region.municipalities.values_list("id", flat=True))
        return bool(region_ids) and region_ids <= ids
    return False


def areas_for_new_maps(*, user: Any) -> tuple[list[Region], list[Municipality]]:
    """Regions and municipalities where this user may start an own route map."""
    scope = scope_for(user, Action.ROUTEKAART_EDIT)
    if scope is None:
        return [], []
    ids = municipality_ids_in_scope(user, scope)
    municipalities = list(
        Municipality.objects.filter(id__in=ids, route_maps__isnull=True).order_by("name")
    )
    regions = []
    if scope == Scope.REGION:
        regions = [
            r
            for r in Region.objects.filter(
                kind=RegionKind.ZORGCOORDINATIE, route_maps__isnull=True
            ).prefetch_related("municipalities")
            if {m.id for m in r.municipalities.all()}
            and {m.id for m in r.municipalities.all()} <= ids
        ]
    return regions, municipalities


def route_map_versions(*, route_map: RouteMap) -> list[RouteMapVersion]:
    return list(route_map.versions.select_related("created_by", "published_by"))


def route_map_version_get_for_user(*, user: Any, version_id: int) -> RouteMapVersion:
    try:
        version = RouteMapVersion.objects.select_related("route_map").get(pk=version_id)
    except RouteMapVersion.DoesNotExist as exc:
        raise NotFoundOrForbidden() from exc
    route_map_get_for_user(
        user=user, route_map_id=version.route_map_id, action=Action.ROUTEKAART_VIEW
    )
    return version
