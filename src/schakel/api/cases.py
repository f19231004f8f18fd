"""API for cases (v1): the caller's cases, one case by section, decisions, referrals, episodes."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.accounts.policy import Action
from schakel.audit.services import audit_record
from schakel.cases import services
from schakel.cases.constants import CASE_STATUS_CHOICES, REFERRAL_STATUS_CHOICES, CaseRoleKind
from schakel.cases.domain.access import Section, Via
from schakel.cases.domain.closing import CaseStatus
from schakel.cases.domain.decisions import LEGAL_BASES, DecisionDraft
from schakel.cases.selectors import (
    CaseAccess,
    case_access_for_user,
    case_sections_data,
    cases_in_scope,
)
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden

# --- Errors -------------------------------------------------------------------------------


class ProblemSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="Per veld wat er mist of niet klopt.",
    )


# None of these writes edits the case's own fields, so none answers 409 (stale lock_version).
ERRORS: dict[int, type[serializers.Serializer]] = {400: ProblemSerializer, 404: ProblemSerializer}


class CaseAPIView(APIView):
    # Domain errors answer with the field they belong to: {"code", "message", "fields"}.

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, services.FormProblems):
            return _problem(exc, exc.problems)
        if isinstance(exc, DomainValidationError):
            return _problem(exc, {exc.field: exc.message} if exc.field else {})
        return super().handle_exception(exc)


def _problem(error: DomainValidationError, fields: dict[str, str]) -> Response:
    return Response(
        {"code": error.code, "message": error.message, "fields": fields},
        status=error.http_status,
    )


class AwareDateTimeField(serializers.DateTimeField):
    """A moment with its timezone: "14:00" without a zone can be an hour off around DST."""

    default_error_messages = {
        "naive": "Geef datum en tijd met tijdzone, bijvoorbeeld 2025-03-01T14:00:00+01:00.",
    }

    def to_internal_value(self, value: Any) -> datetime:
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:
                parsed = None  # the parent field explains the wrong format
            if parsed is not None and timezone.is_naive(parsed):
                self.fail("naive")
        return super().to_internal_value(value)


# --- Read serializers ---------------------------------------------------------------------

# A plain string in the schema: one enum per field name ("status") keeps the document free of
# naming collisions; the referral statuses are the enum.
CASE_STATUS_HELP = "Een van: " + ", ".join(s.value for s in CaseStatus) + "."


class CaseRegionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CaseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=CASE_STATUS_CHOICES, help_text=CASE_STATUS_HELP)
    given_names = serializers.CharField()
    roepnaam = serializers.CharField()
    tussenvoegsel = serializers.CharField()
    surname = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    region = CaseRegionSerializer()
    owner = serializers.CharField(help_text="Naam van de zorgcoördinator.")
    updated_at = serializers.DateTimeField()
    lock_version = serializers.IntegerField()
    parents_take_part = serializers.BooleanField(
        help_text="De ouders spelen (mogelijk) een rol in de uitbuiting."
    )


class CasePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CaseSummarySerializer(many=True)


class CaseListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=CASE_STATUS_CHOICES, required=False, help_text="Alleen open of gesloten."
    )
    page = serializers.IntegerField(required=False, min_value=1, help_text="Pagina (50 per keer).")


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CASE_STATUS_CHOICES)
    reason = serializers.CharField()
    note = serializers.CharField()
    at = serializers.DateTimeField()
    by = serializers.CharField(source="by.display_name")


class CaseSignalSerializer(serializers.Serializer):
    signal_id = serializers.IntegerField()
    organisation = serializers.CharField(source="signal.organisation.name")
    submitted_at = serializers.DateTimeField(source="signal.submitted_at", allow_null=True)
    attached_at = serializers.DateTimeField()
    attached_by = serializers.CharField(source="attached_by.display_name")
    reason = serializers.CharField()
    detached_at = serializers.DateTimeField(allow_null=True)
    detached_by = serializers.CharField(
        source="detached_by.display_name", allow_null=True, default=None
    )
    detach_reason = serializers.CharField()


class CaseRoleSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    role = serializers.CharField(help_text=f"Een van: {', '.join(CaseRoleKind.values)}.")
    since = serializers.DateField()
    until = serializers.DateField(allow_null=True)
    note = serializers.CharField()


class CaseMunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    decided_at = serializers.DateTimeField()
    decided_by = serializers.CharField(source="decided_by.display_name")
    what = serializers.CharField()
    why = serializers.CharField()
    child_heard = serializers.BooleanField()
    child_view = serializers.CharField()
    child_not_heard_reason = serializers.CharField()
    best_interest = serializers.CharField()
    parents_involved = serializers.BooleanField()
    parents_reason = serializers.CharField()
    parents_extra_justification = serializers.CharField()
    shares_data = serializers.BooleanField()
    shared_with = serializers.CharField()
    legal_basis = serializers.CharField()


class CaseActionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    due = serializers.DateField()
    done_at = serializers.DateTimeField(allow_null=True)


class ReferralEventSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=REFERRAL_STATUS_CHOICES)
    on = serializers.DateField()
    note = serializers.CharField()


class ReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    to_name = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.ChoiceField(choices=REFERRAL_STATUS_CHOICES)
    status_since = serializers.DateField()
    created_at = serializers.DateTimeField()
    events = ReferralEventSerializer(many=True, source="events.all")


class MissingEpisodeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField(allow_null=True)
    found_where = serializers.CharField()
    reported_by = serializers.CharField()
    note = serializers.CharField()


class TransitionPlanSerializer(serializers.Serializer):
    who_takes_over = serializers.CharField()
    adult_care_arranged = serializers.BooleanField()
    consent_asked_again = serializers.BooleanField()
    consent_given = serializers.BooleanField(allow_null=True)
    agreed_on = serializers.DateField(allow_null=True)
    updated_at = serializers.DateTimeField()


class AftercareSerializer(serializers.Serializer):
    who = serializers.CharField()
    until = serializers.DateField()
    what = serializers.CharField()
    agreed_at = serializers.DateTimeField()


class CaseDetailSerializer(CaseSummarySerializer):
    """The summary, and only the sections the reader may see; other keys are left out."""

    via = serializers.ChoiceField(
        choices=[v.value for v in Via], help_text="Hoe de lezer bij deze casus komt."
    )
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=[s.value for s in Section]),
        help_text="De onderdelen die de lezer mag zien.",
    )
    status_history = StatusChangeSerializer(many=True)
    signals = CaseSignalSerializer(many=True, required=False, help_text="Onderdeel signals.")
    roles = CaseRoleSerializer(many=True, required=False, help_text="Onderdeel roles.")
    exploitation_types = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Onderdeel roles."
    )
    municipalities = CaseMunicipalitySerializer(
        many=True, required=False, help_text="Onderdeel roles."
    )
    decisions = DecisionSerializer(many=True, required=False, help_text="Onderdeel decisions.")
    actions = CaseActionSerializer(many=True, required=False, help_text="Onderdeel decisions.")
    referrals = ReferralSerializer(many=True, required=False, help_text="Onderdeel referrals.")
    missing_episodes = MissingEpisodeSerializer(
        many=True, required=False, help_text="Onderdeel missing."
    )
    transition_plan = TransitionPlanSerializer(
        required=False, allow_null=True, help_text="Onderdeel continuity."
    )
    aftercare = AftercareSerializer(many=True, required=False, help_text="Onderdeel continuity.")

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        # Only the keys the view put in: a section not granted is absent, not null.
        body = super().to_representation(instance)
        return {key: value for key, value in body.items() if key in instance}


def _summary(case: Any) -> dict[str, Any]:
    return {
        "id": case.pk,
        "status": case.status,
        "given_names": case.given_names,
        "roepnaam": case.roepnaam,
        "tussenvoegsel": case.tussenvoegsel,
        "surname": case.surname,
        "date_of_birth": case.date_of_birth,
        "region": case.region,
        "owner": case.owner.display_name,
        "updated_at": case.updated_at,
        "lock_version": case.lock_version,
        "parents_take_part": case.parents_take_part,
    }


def _detail(access: CaseAccess, data: dict[str, Any]) -> dict[str, Any]:
    """Only the keys of visible sections; the selector loaded nothing else."""
    case = access.case
    body = {
        **_summary(case),
        "via": access.via.value,
        "sections": sorted(access.sections),
        "status_history": data["status_changes"],
    }
    if access.sees(Section.SIGNALS):
        body["signals"] = data["signals"]
    if access.sees(Section.ROLES):
        body["roles"] = data["roles"]
        body["exploitation_types"] = list(case.exploitation_types)
        body["municipalities"] = data["municipalities"]
    if access.sees(Section.DECISIONS):
        body["decisions"] = data["decisions"]
        body["actions"] = data["actions"]
    if access.sees(Section.REFERRALS):
        body["referrals"] = data["referrals"]
    if access.sees(Section.MISSING):
        body["missing_episodes"] = data["episodes"]
    if access.sees(Section.CONTINUITY):
        body["transition_plan"] = data["plan"]
        body["aftercare"] = data["aftercare"]
    return body


def _section_rows(request: Request, case_id: int, section: Section, key: str) -> list[Any]:
    """The rows of one section; a reader without that section gets the same 404 as a stranger."""
    access = case_access_for_user(user=request.user, case_id=case_id, request=request)
    if not access.sees(section):
        raise NotFoundOrForbidden()
    return list(case_sections_data(access)[key])


# --- The caller's cases -------------------------------------------------------------------


class CasePagination(PageNumberPagination):
    page_size = 50


class CaseListView(CaseAPIView):
    policy_action = Action.CASE_VIEW

    @extend_schema(
        operation_id="cases_list",
        parameters=[CaseListQuerySerializer],
        responses={200: CasePageSerializer, 400: ProblemSerializer},
        summary="Eigen casussen: van de regio (zorgcoördinator) of van het casusteam",
    )
    def get(self, request: Request) -> Response:
        query = CaseListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        cases = cases_in_scope(user=request.user).select_related("region", "owner")
        if "status" in query.validated_data:
            cases = cases.filter(status=query.validated_data["status"])
        paginator = CasePagination()
        page = paginator.paginate_queryset(cases.order_by("-updated_at", "-pk"), request, view=self)
        shown = list(page or [])
        with transaction.atomic():
            audit_record(
                actor=request.user,
                action="case.list",
                subject_type="case",
                request=request,
                details={"shown": sorted(case.pk for case in shown), "via": "api"},
            )
        body = {
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": [_summary(case) for case in shown],
        }
        return Response(CasePageSerializer(body).data)


class CaseDetailView(CaseAPIView):
    policy_action = Action.CASE_VIEW

    @extend_schema(
        responses={200: CaseDetailSerializer, 404: ProblemSerializer},
        summary="Eén casus, met alleen de onderdelen die u mag zien",
    )
    def get(self, request: Request, case_id: int) -> Response:
        access = case_access_for_user(user=request.user, case_id=case_id, request=request)
        body = _detail(access, case_sections_data(access))
        return Response(CaseDetailSerializer(body).data)


# --- Decisions ----------------------------------------------------------------------------


class DecisionWriteSerializer(serializers.Serializer):
    """Every part is optional here: the domain rule names each missing part in Dutch."""

    what = serializers.CharField(required=False, allow_blank=True)
    why = serializers.CharField(required=False, allow_blank=True)
    child_heard = serializers.BooleanField(required=False, allow_null=True)
    child_view = serializers.CharField(
        required=False, allow_blank=True, help_text="De mening van de jongere, in eigen woorden."
    )
    child_not_heard_reason = serializers.CharField(required=False, allow_blank=True)
    best_interest = serializers.CharField(required=False, allow_blank=True)
    parents_involved = serializers.BooleanField(required=False, allow_null=True)
    parents_reason = serializers.CharField(required=False, allow_blank=True)
    parents_extra_justification = serializers.CharField(required=False, allow_blank=True)
    shares_data = serializers.BooleanField(required=False, default=False)
    shared_with = serializers.CharField(required=False, allow_blank=True, max_length=300)
    legal_basis = serializers.ChoiceField(
        choices=[basis.code for basis in LEGAL_BASES],
        required=False,
        allow_blank=True,
        help_text="Wettelijke grond, verplicht als er gegevens worden gedeeld.",
    )


class DecisionListView(CaseAPIView):
    policy_action = Action.CASE_VIEW
    policy_action_post = Action.CASE_MANAGE

    @extend_schema(
        responses={200: DecisionSerializer(many=True), 404: ProblemSerializer},
        summary="Besluiten van een casus (onderdeel besluiten)",
    )
    def get(self, request: Request, case_id: int) -> Response:
        rows = _section_rows(request, case_id, Section.DECISIONS, "decisions")
        return Response(DecisionSerializer(rows, many=True).data)

    @extend_schema(
        request=DecisionWriteSerializer,
        responses={201: DecisionSerializer, **ERRORS},
        summary="Een besluit vastleggen, met de mening van de jongere en het belang van het kind",
    )
    def post(self, request: Request, case_id: int) -> Response:
        serializer = DecisionWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # Whether the parents take part in the exploitation comes from the case (service).
        draft = DecisionDraft(**serializer.validated_data)
        decision = services.decision_record(
            actor=request.user, case_id=case_id, draft=draft, request=request
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


# --- Referrals ----------------------------------------------------------------------------


class ReferralWriteSerializer(serializers.Serializer):
    to_name = serializers.CharField(max_length=200, help_text="Naar wie u verwijst.")
    kind = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    on = serializers.DateField(help_text="Datum van verzenden.")


class ReferralStepSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=REFERRAL_STATUS_CHOICES)
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReferralListView(CaseAPIView):
    policy_action = Action.CASE_VIEW
    policy_action_post = Action.CASE_MANAGE

    @extend_schema(
        responses={200: ReferralSerializer(many=True), 404: ProblemSerializer},
        summary="Verwijzingen van een casus, met hun geschiedenis",
    )
    def get(self, request: Request, case_id: int) -> Response:
        rows = _section_rows(request, case_id, Section.REFERRALS, "referrals")
        return Response(ReferralSerializer(rows, many=True).data)

    @extend_schema(
        request=ReferralWriteSerializer,
        responses={201: ReferralSerializer, **ERRORS},
        summary="Verwijzen naar hulp",
    )
    def post(self, request: Request, case_id: int) -> Response:
        serializer = ReferralWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = services.referral_send(
            actor=request.user, case_id=case_id, request=request, **serializer.validated_data
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


class ReferralStatusView(CaseAPIView):
    policy_action = Action.CASE_MANAGE

    @extend_schema(
        request=ReferralStepSerializer,
        responses={200: ReferralSerializer, **ERRORS},
        summary="De volgende stap van een verwijzing vastleggen",
    )
    def post(self, request: Request, case_id: int, referral_id: int) -> Response:
        serializer = ReferralStepSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = services.referral_update(
            actor=request.user,
            referral_id=referral_id,
            case_id=case_id,
            request=request,
            **serializer.validated_data,
        )
        return Response(ReferralSerializer(referral).data)


# --- Missing episodes ---------------------------------------------------------------------


class MissingEpisodeWriteSerializer(serializers.Serializer):
    start = AwareDateTimeField(help_text="Vermist sinds, met tijdzone.")
    end = AwareDateTimeField(
        required=False, allow_null=True, help_text="Leeg zolang de jongere vermist is."
    )
    found_where = serializers.CharField(required=False, allow_blank=True, max_length=300)
    reported_by = serializers.CharField(required=False, allow_blank=True, max_length=200)
    note = serializers.CharField(required=False, allow_blank=True)


class MissingEpisodeEndSerializer(serializers.Serializer):
    end = AwareDateTimeField(help_text="Teruggevonden op, met tijdzone.")
    found_where = serializers.CharField(required=False, allow_blank=True, max_length=300)


class MissingEpisodeListView(CaseAPIView):
    policy_action = Action.CASE_VIEW
    policy_action_post = Action.CASE_MANAGE

    @extend_schema(
        responses={200: MissingEpisodeSerializer(many=True), 404: ProblemSerializer},
        summary="Vermissingen van een casus",
    )
    def get(self, request: Request, case_id: int) -> Response:
        rows = _section_rows(request, case_id, Section.MISSING, "episodes")
        return Response(MissingEpisodeSerializer(rows, many=True).data)

    @extend_schema(
        request=MissingEpisodeWriteSerializer,
        responses={201: MissingEpisodeSerializer, **ERRORS},
        summary="Een vermissing vastleggen",
    )
    def post(self, request: Request, case_id: int) -> Response:
        serializer = MissingEpisodeWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        episode = services.missing_episode_record(
            actor=request.user, case_id=case_id, request=request, **serializer.validated_data
        )
        return Response(MissingEpisodeSerializer(episode).data, status=status.HTTP_201_CREATED)


class MissingEpisodeEndView(CaseAPIView):
    policy_action = Action.CASE_MANAGE

    @extend_schema(
        request=MissingEpisodeEndSerializer,
        responses={200: MissingEpisodeSerializer, **ERRORS},
        summary="De jongere is terug: de vermissing afsluiten",
    )
    def post(self, request: Request, case_id: int, episode_id: int) -> Response:
        serializer = MissingEpisodeEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        episode = services.missing_episode_end(
            actor=request.user,
            episode_id=episode_id,
            case_id=case_id,
            request=request,
            **serializer.validated_data,
        )
        return Response(MissingEpisodeSerializer(episode).data)
