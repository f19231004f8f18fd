"""API v1: thin views over selectors, each with its policy action."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.accounts.policy import Action
from schakel.geo.selectors import municipality_list, region_list

from .permissions import PolicyPermission
from .serializers import MeSerializer, MunicipalitySerializer, RegionSerializer


class MeView(APIView):
    policy_action = Action.ACCOUNT_VIEW_SELF

    @extend_schema(responses=MeSerializer, summary="Wie ben ik: rol, organisatie, gebied")
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)


class MunicipalityListView(APIView):
    policy_action = Action.REFERENCE_VIEW

    @extend_schema(responses=MunicipalitySerializer(many=True), summary="Alle gemeenten (CBS 2025)")
    def get(self, request: Request) -> Response:
        return Response(MunicipalitySerializer(municipality_list(), many=True).data)


class RegionListView(APIView):
    policy_action = Action.REFERENCE_VIEW

    @extend_schema(responses=RegionSerializer(many=True), summary="Regio's en hun gemeenten")
    def get(self, request: Request) -> Response:
        return Response(RegionSerializer(region_list(), many=True).data)


class SchemaView(SpectacularAPIView):
    policy_action = Action.API_SCHEMA_VIEW
    permission_classes = [PolicyPermission]
