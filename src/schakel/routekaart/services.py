"""Writes on route maps: the default map, new versions, publishing, maps per region."""

from dataclasses import replace

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

from schakel.accounts.models import User
from schakel.accounts.policy import Action
from schakel.audit.services import audit_record
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.geo.models import Municipality, Region

from .constants import DEFAULT_MAP_PATH, RouteMapScope, VersionStatus
from .domain.scenarios import load_scenarios
from .domain.validator import RouteMapError, route_map_from_yaml, route_map_to_yaml
from .models import RouteMap, RouteMapVersion
from .selectors import (
    route_map_area_editable,
    route_map_check,
    route_map_effective_version,
    route_map_get_for_user,
)


class RouteMapInvalid(DomainValidationError):
    code = "routekaart_invalid"

    def __init__(self, error: RouteMapError) -> None:
        self.issues = error.issues
        super().__init__("De routekaart bevat fouten. Los ze op en probeer het opnieuw.")


def _validated_yaml(yaml_text: str) -> str:
    try:
        doc = route_map_from_yaml(yaml_text)
    except RouteMapError as error:
        raise RouteMapInvalid(error) from error
    return route_map_to_yaml(doc)


@transaction.atomic
def routekaart_ensure_default() -> RouteMap:
    """The national default map exists with at least one published version."""
    route_map, _ = RouteMap.objects.get_or_create(scope=RouteMapScope.NATIONAL)
    if not route_map.versions.filter(status=VersionStatus.PUBLISHED).exists():
        number = (
            route_map.versions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        RouteMapVersion.objects.create(
            route_map=route_map,
            number=number,
            yaml_text=_validated_yaml(DEFAULT_MAP_PATH.read_text(encoding="utf-8")),
            status=VersionStatus.PUBLISHED,
            note="Standaard-routekaart van Schakel",
            published_at=timezone.now(),
        )
    return route_map


@transaction.atomic
def route_map_create(
    *,
    actor: User,
    region: Region | None = None,
    municipality: Municipality | None = None,
    request: HttpRequest | None = None,
) -> RouteMap:
    """A region's or municipality's own map, starting as a copy of the map that applies now."""
    if (region is None) == (municipality is None):
        raise DomainValidationError("Kies een regio of een gemeente.")
    if not route_map_area_editable(user=actor, region=region, municipality=municipality):
        raise NotFoundOrForbidden()
    scope = RouteMapScope.REGION if region is not None else RouteMapScope.MUNICIPALITY
    if RouteMap.objects.filter(region=region, municipality=municipality).exists():
        raise DomainValidationError("Hier bestaat al een eigen routekaart.")
    if municipality is not None:
        source = route_map_effective_version(municipality_code=municipality.code)
    else:
        source = route_map_effective_version(municipality_code=None, region=region)
    route_map = RouteMap(scope=scope, region=region, municipality=municipality)
    route_map.full_clean()
    route_map.save()
    doc = route_map_from_yaml(source.yaml_text)
    copy = replace(doc, name=f"Routekaart {region.name if region else municipality.name}")
    RouteMapVersion.objects.create(
        route_map=route_map,
        number=1,
        yaml_text=route_map_to_yaml(copy),
        status=VersionStatus.PUBLISHED,
        note=f"Overgenomen van {source.route_map} versie {source.number}",
        created_by=actor,
        published_by=actor,
        published_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="routekaart.create",
        subject_type="routekaart",
        subject_id=route_map.pk,
        request=request,
    )
    return route_map


@transaction.atomic
def route_map_version_create(
    *,
    actor: User,
    route_map_id: int,
    yaml_text: str,
    note: str,
    request: HttpRequest | None = None,
) -> RouteMapVersion:
    route_map = route_map_get_for_user(
        user=actor, route_map_id=route_map_id, action=Action.ROUTEKAART_EDIT
    )
    if not note.strip():
        raise DomainValidationError("Beschrijf kort wat u verandert en waarom.")
    canonical = _validated_yaml(yaml_text)
    last = route_map.versions.select_for_update().order_by("-number").first()
    version = RouteMapVersion.objects.create(
        route_map=route_map,
        number=(last.number if last else 0) + 1,
        yaml_text=canonical,
        status=VersionStatus.DRAFT,
        note=note.strip(),
        created_by=actor,
        scenario_failures=sum(
            not result.passed
            for result in route_map_check(route_map=route_map, yaml_text=canonical)
        ),
    )
    audit_record(
        actor=actor,
        action="routekaart.version_create",
        subject_type="routekaart",
        subject_id=route_map.pk,
        request=request,
        details={"version": version.number},
    )
    return version


@transaction.atomic
def route_map_version_publish(
    *,
    actor: User,
    version_id: int,
    accept_failures: bool = False,
    request: HttpRequest | None = None,
) -> RouteMapVersion:
    version = (
        RouteMapVersion.objects.select_for_update()
        .select_related("route_map")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise NotFoundOrForbidden()
    route_map_get_for_user(
        user=actor, route_map_id=version.route_map_id, action=Action.ROUTEKAART_EDIT
    )
    if version.status != VersionStatus.DRAFT:
        raise DomainValidationError("Alleen een concept kan worden gepubliceerd.")
    current = RouteMapVersion.objects.filter(
        route_map=version.route_map, status=VersionStatus.PUBLISHED
    ).first()
    if current is not None and current.number > version.number:
        raise DomainValidationError(
            f"Versie {current.number} is nieuwer en al gepubliceerd. Maak een nieuw concept "
            "op basis van die versie."
        )
    failures = sum(
        not result.passed
        for result in route_map_check(route_map=version.route_map, yaml_text=version.yaml_text)
    )
    if failures and not accept_failures:
        raise DomainValidationError(
            ngettext(
                "%(n)s scenario slaagt niet. Bevestig dat u toch wilt publiceren.",
                "%(n)s scenario's slagen niet. Bevestig dat u toch wilt publiceren.",
                failures,
            )
            % {"n": failures}
        )
    RouteMapVersion.objects.filter(
        route_map=version.route_map, status=VersionStatus.PUBLISHED
    ).update(status=VersionStatus.SUPERSEDED)
    version.status = VersionStatus.PUBLISHED
    version.published_by = actor
    version.published_at = timezone.now()
    version.scenario_failures = failures
    version.save()
    audit_record(
        actor=actor,
        action="routekaart.publish",
        subject_type="routekaart",
        subject_id=version.route_map_id,
        request=request,
        details={"version": version.number, "scenario_failures": failures},
    )
    return version


@transaction.atomic
def route_map_scenarios_update(
    *, actor: User, route_map_id: int, scenarios_yaml: str, request: HttpRequest | None = None
) -> RouteMap:
    route_map = route_map_get_for_user(
        user=actor, route_map_id=route_map_id, action=Action.ROUTEKAART_EDIT
    )
    if scenarios_yaml.strip():
        try:
            load_scenarios(scenarios_yaml)
        except ValueError as error:
            raise DomainValidationError(str(error)) from error
    if route_map.scenarios_yaml != scenarios_yaml:
        route_map.scenarios_yaml = scenarios_yaml
        route_map.save(update_fields=["scenarios_yaml", "updated_at"])
        audit_record(
            actor=actor,
            action="routekaart.scenarios_update",
            subject_type="routekaart",
            subject_id=route_map.pk,
            request=request,
        )
    return route_map


@transaction.atomic
def route_map_save(
    *,
    actor: User,
    route_map_id: int,
    yaml_text: str,
    scenarios_yaml: str,
    note: str,
    request: HttpRequest | None = None,
) -> RouteMapVersion:
    """Save the map's own scenarios and a new draft version together, or neither."""
    if not note.strip():
        raise DomainValidationError("Beschrijf kort wat u verandert en waarom.", field="note")
    route_map_scenarios_update(
        actor=actor, route_map_id=route_map_id, scenarios_yaml=scenarios_yaml, request=request
    )
    return route_map_version_create(
        actor=actor, route_map_id=route_map_id, yaml_text=yaml_text, note=note, request=request
    )
