"""API for signals, routing and route maps (v1)."""

import uuid

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.accounts.policy import Action
from schakel.audit.services import audit_record
from schakel.intake.constants import ExploitationType, MunicipalityRole
from schakel.intake.selectors import signal_get_for_user, signals_in_scope
from schakel.intake.services import SignalInput, signal_submit
from schakel.routekaart.domain.engine import actions_to_contract
from schakel.routekaart.domain.situation import SituationError, parse_situation
from schakel.routekaart.domain.validator import route_map_from_yaml, route_map_to_dict
from schakel.routekaart.selectors import (
    route_map_effective_version,
    routing_for,
    with_local_contacts,
)


class ActionSerializer(serializers.Serializer):
    code = serializers.CharField()
    urgency = serializers.ChoiceField(choices=["now", "today", "this_week", "plan"])
    contact = serializers.CharField(allow_blank=True)
    why = serializers.CharField()


class RouteResultSerializer(serializers.Serializer):
    actions = ActionSerializer(many=True)


class SituationSerializer(serializers.Serializer):
    """The routing contract's situation; every field optional (DOMAIN.md)."""

    age = serializers.IntegerField(required=False, allow_null=True)
    exploitation_types = serializers.ListField(
        child=serializers.ChoiceField(choices=ExploitationType.values), required=False
    )
    online = serializers.BooleanField(required=False, allow_null=True)
    acute_danger = serializers.BooleanField(required=False, allow_null=True)
    structural_unsafety = serializers.BooleanField(required=False, allow_null=True)
    disclosure = serializers.BooleanField(required=False, allow_null=True)
    sexual_assault_days_ago = serializers.IntegerField(required=False, allow_null=True)
    missing = serializers.BooleanField(required=False, allow_null=True)
    missing_episodes_90d = serializers.IntegerField(required=False, allow_null=True)
    also_offender = serializers.BooleanField(required=False, allow_null=True)
    wants_anonymity = serializers.BooleanField(required=False, allow_null=True)
    parents_involved = serializers.BooleanField(required=False, allow_null=True)
    municipality = serializers.CharField(required=False, allow_null=True)
    residence_status = serializers.CharField(
        required=False, allow_null=True, help_text="Wordt nooit gebruikt: verandert niets."
    )


def _situation_error(error: SituationError) -> Response:
    return Response(
        {
            "code": "invalid_situation",
            "message": "De situatie klopt niet.",
            "fields": error.messages,
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


class RouteView(APIView):
    policy_action = Action.ROUTE_EVALUATE

    @extend_schema(
        request=SituationSerializer,
        responses=RouteResultSerializer,
        summary="Wat nu? Acties uit de routekaart voor een situatie",
    )
    def post(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            return Response(
                {"code": "invalid_situation", "message": "Stuur een JSON-object."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            situation = parse_situation(request.data)
        except SituationError as error:
            return _situation_error(error)
        compiled, _version = routing_for(municipality_code=situation.municipality)
        return Response(actions_to_contract(compiled.route(situation)))


class RouteMapView(APIView):
    policy_action = Action.ROUTEKAART_VIEW

    @extend_schema(
        parameters=[OpenApiParameter("municipality", str, description="CBS-code, bijv. GM0344")],
        responses={200: dict},
        summary="De routekaart die geldt (van de gemeente, de regio of de standaard)",
    )
    def get(self, request: Request) -> Response:
        code = request.query_params.get("municipality") or None
        version = route_map_effective_version(municipality_code=code)
        doc = with_local_contacts(route_map_from_yaml(version.yaml_text), municipality_code=code)
        return Response(
            {
                "route_map": str(version.route_map),
                "version": version.number,
                "published_at": version.published_at,
                **route_map_to_dict(doc),
            }
        )


class PlaceSerializer(serializers.Serializer):
    municipality = serializers.RegexField(r"^GM\d{4}$")
    role = serializers.ChoiceField(choices=MunicipalityRole.values)


class SignalWriteSerializer(serializers.Serializer):
    submission_key = serializers.UUIDField(
        required=False, help_text="Zelfde sleutel nogmaals versturen geeft hetzelfde signaal."
    )
    reporter_function = serializers.CharField(required=False, allow_blank=True, max_length=100)
    is_anonymous = serializers.BooleanField(default=False)
    given_names = serializers.CharField(required=False, allow_blank=True, max_length=200)
    roepnaam = serializers.CharField(required=False, allow_blank=True, max_length=100)
    tussenvoegsel = serializers.CharField(required=False, allow_blank=True, max_length=20)
    surname = serializers.CharField(required=False, allow_blank=True, max_length=200)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=25)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7)
    house_number = serializers.CharField(required=False, allow_blank=True, max_length=10)
    street = serializers.CharField(required=False, allow_blank=True, max_length=200)
    place = serializers.CharField(required=False, allow_blank=True, max_length=100)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    school = serializers.CharField(required=False, allow_blank=True, max_length=200)
    places = PlaceSerializer(many=True, required=False)
    exploitation_types = serializers.ListField(
        child=serializers.ChoiceField(choices=ExploitationType.values), required=False
    )
    online = serializers.BooleanField(required=False, allow_null=True)
    acute_danger = serializers.BooleanField(required=False, allow_null=True)
    structural_unsafety = serializers.BooleanField(required=False, allow_null=True)
    disclosure = serializers.BooleanField(required=False, allow_null=True)
    sexual_assault_days_ago = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    missing_now = serializers.BooleanField(required=False, allow_null=True)
    missing_episodes_90d = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    also_offender = serializers.BooleanField(required=False, allow_null=True)
    wants_anonymity = serializers.BooleanField(required=False, allow_null=True)
    parents_involved = serializers.BooleanField(required=False, allow_null=True)
    indicator_codes = serializers.ListField(child=serializers.CharField(), required=False)
    youth_view = serializers.CharField(required=False, allow_blank=True)
    parents_role = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


class SignalReadSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    region = serializers.CharField(source="region.name", allow_null=True, default=None)
    organisation = serializers.CharField(source="organisation.name")
    is_anonymous = serializers.BooleanField()
    given_names = serializers.CharField()
    tussenvoegsel = serializers.CharField()
    surname = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    age = serializers.IntegerField(allow_null=True)
    exploitation_types = serializers.ListField(child=serializers.CharField())
    places = serializers.SerializerMethodField()
    route_actions = RouteResultSerializer()

    def get_places(self, signal) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
        return [{"municipality": p.municipality.code, "role": p.role} for p in signal.places.all()]


class SignalListView(APIView):
    policy_action = Action.SIGNAL_VIEW
    policy_action_post = Action.SIGNAL_CREATE

    @extend_schema(
        responses=SignalReadSerializer(many=True),
        summary="Eigen signalen (professional) of die van de regio (zorgcoördinator)",
    )
    def get(self, request: Request) -> Response:
        signals = list(
            signals_in_scope(user=request.user, action=Action.SIGNAL_VIEW)
            .select_related("region", "organisation")
            .prefetch_related("places__municipality")
            .order_by("-created_at")[:500]
        )
        with transaction.atomic():
            audit_record(
                actor=request.user,
                action="signal.list",
                subject_type="signal",
                request=request,
                details={"count": len(signals), "via": "api"},
            )
        return Response(SignalReadSerializer(signals, many=True).data)

    @extend_schema(
        request=SignalWriteSerializer,
        responses={201: SignalReadSerializer},
        summary="Een signaal versturen (idempotent met submission_key)",
    )
    def post(self, request: Request) -> Response:
        serializer = SignalWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        key = data.pop("submission_key", None) or uuid.uuid4()
        places = [(p["municipality"], p["role"]) for p in data.pop("places", [])]
        signal = signal_submit(
            actor=request.user,
            submission_key=key,
            data=SignalInput(places=places, **data),
            request=request,
        )
        signal = signal_get_for_user(user=request.user, signal_id=signal.pk, audit=False)
        return Response(SignalReadSerializer(signal).data, status=status.HTTP_201_CREATED)


class SignalDetailView(APIView):
    policy_action = Action.SIGNAL_VIEW

    @extend_schema(responses=SignalReadSerializer, summary="Eén signaal")
    def get(self, request: Request, signal_id: int) -> Response:
        signal = signal_get_for_user(user=request.user, signal_id=signal_id, request=request)
        return Response(SignalReadSerializer(signal).data)
