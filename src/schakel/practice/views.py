"""Pages of the training register, the participation record and the practice summary.

Thin: forms in, services for writes, selectors for reads. The training register holds
names: a name search is only accepted in a POST body, so it never lands in a URL or log.
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action, scope_for
from schakel.accounts.scoping import municipalities_for_action, preferred_municipality
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.common.forms import MunicipalityChoiceForm, municipality_filter

from . import services
from .constants import PARTICIPATION_WINDOW_MONTHS, TRAINING_WINDOW_MONTHS
from .forms import (
    ParticipationForm,
    TrainingFilterForm,
    TrainingForm,
    TrainingImportForm,
)
from .presentation import (
    coverage_sentences,
    group_rows,
    level_rows,
    participation_sentences,
    period_text,
)
from .selectors import (
    TrainingFilter,
    participation_get_for_user,
    participation_list_page,
    participation_summary,
    training_coverage,
    training_get_for_user,
    training_list_page,
    training_organisations_for_user,
)

# --- Summary -------------------------------------------------------------------------------


@require_policy(Action.PRACTICE_SUMMARY)
@require_GET
def practice_summary_view(request: HttpRequest) -> HttpResponse:
    municipalities = list(municipalities_for_action(request.user, Action.PRACTICE_SUMMARY))
    form = MunicipalityChoiceForm(request.GET or None, municipalities=municipalities)
    chosen = None
    if request.GET:
        if not form.is_valid():
            raise NotFoundOrForbidden()
        chosen = next((m for m in municipalities if m.pk == form.cleaned_data["gemeente"]), None)
    if chosen is None and municipalities:
        chosen = preferred_municipality(request.user, municipalities)
        form = MunicipalityChoiceForm(
            initial={"gemeente": chosen.pk}, municipalities=municipalities
        )
    context: dict[str, Any] = {
        "form": form,
        "municipality": chosen,
        "municipalities": municipalities,
        "can_training": scope_for(request.user, Action.TRAINING_MANAGE) is not None,
        "can_participation": scope_for(request.user, Action.PARTICIPATION_MANAGE) is not None,
    }
    if chosen is not None:
        coverage = training_coverage(request.user, chosen.pk, months=TRAINING_WINDOW_MONTHS)
        participation = participation_summary(
            request.user, chosen.pk, months=PARTICIPATION_WINDOW_MONTHS
        )
        context.update(
            coverage=coverage,
            coverage_sentences=coverage_sentences(coverage, TRAINING_WINDOW_MONTHS),
            level_rows=level_rows(coverage),
            training_period=period_text(TRAINING_WINDOW_MONTHS),
            participation=participation,
            participation_sentences=participation_sentences(
                participation, PARTICIPATION_WINDOW_MONTHS
            ),
            group_rows=group_rows(participation),
            participation_period=period_text(PARTICIPATION_WINDOW_MONTHS),
        )
    return render(request, "practice/summary.html", context)


# --- Shared helpers ------------------------------------------------------------------------


def _posted(request: HttpRequest, *, files: bool = False) -> tuple[Any, ...]:
    """The form's data when posted (also when empty: then it shows what is missing)."""
    if request.method != "POST":
        return ()
    return (request.POST, request.FILES) if files else (request.POST,)


def _add_problems(form: Any, error: services.FormProblems) -> None:
    for field, message in error.problems.items():
        form.add_error(field if field in form.fields else None, message)


# --- Training register ---------------------------------------------------------------------


@require_policy(Action.TRAINING_MANAGE)
@require_http_methods(["GET", "POST"])
def training_list_view(request: HttpRequest) -> HttpResponse:
    # A search by name comes as POST (personal data stays out of URLs); filters by id may be
    # links. A name in the query string is ignored.
    data: QueryDict = request.POST if request.method == "POST" else request.GET
    if request.method == "GET" and "naam" in data:
        data = data.copy()
        del data["naam"]
    municipalities = list(municipalities_for_action(request.user, Action.TRAINING_MANAGE))
    organisations = list(training_organisations_for_user(user=request.user))
    form = TrainingFilterForm(
        data or None, municipalities=municipalities, organisations=organisations
    )
    filters = TrainingFilter()
    if form.is_bound:
        if not form.is_valid():  # an id or code outside the user's area
            raise NotFoundOrForbidden()
        filters = TrainingFilter(
            municipality_id=form.cleaned_data["gemeente"] or None,
            organisation_id=form.cleaned_data["organisatie"] or None,
            level=form.cleaned_data["niveau"],
            name=form.cleaned_data["naam"][:200] if request.method == "POST" else "",
        )
    page = training_list_page(
        user=request.user,
        filters=filters,
        page_number=data.get("pagina") or 1,
        request=request,
    )
    query = urlencode(
        {
            key: value
            for key, value in (
                ("gemeente", filters.municipality_id or ""),
                ("organisatie", filters.organisation_id or ""),
                ("niveau", filters.level),
            )
            if value
        }
    )
    return render(
        request,
        "practice/training_list.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "searching": bool(filters.name),
            "query": query,
        },
    )


def _training_input(form: TrainingForm) -> services.TrainingInput:
    data = form.cleaned_data
    return services.TrainingInput(
        professional_name=data["professional_name"],
        organisation_id=data["organisation"],
        training=data["training"],
        date=data["date"],
        level=data["level"],
        username=data["username"],
    )


@require_policy(Action.TRAINING_MANAGE)
@require_http_methods(["GET", "POST"])
def training_create_view(request: HttpRequest) -> HttpResponse:
    organisations = training_organisations_for_user(user=request.user)
    form = TrainingForm(*_posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_record_create(
                actor=request.user, data=_training_input(form), request=request
            )
        except services.FormProblems as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("De training is toegevoegd aan het register."))
            if "nog_een" in request.POST:
                return redirect("practice:training_new")
            return redirect("practice:training_list")
    return render(
        request,
        "practice/training_form.html",
        {"form": form, "record": None},
        status=400 if form.errors else 200,
    )


@require_policy(Action.TRAINING_MANAGE)
@require_http_methods(["GET", "POST"])
def training_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = training_get_for_user(
        user=request.user, record_id=pk, request=request, audit=request.method == "GET"
    )
    organisations = training_organisations_for_user(user=request.user)
    initial = {
        "professional_name": record.professional_name,
        "organisation": record.organisation_id,
        "training": record.training,
        "date": record.date,
        "level": record.level,
        "username": record.user.username if record.user else "",
    }
    form = TrainingForm(*_posted(request), initial=initial, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_record_update(
                actor=request.user, record_id=record.pk, data=_training_input(form), request=request
            )
        except services.FormProblems as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("De wijziging is opgeslagen."))
            return redirect("practice:training_list")
    return render(
        request,
        "practice/training_form.html",
        {"form": form, "record": record},
        status=400 if form.errors else 200,
    )


@require_policy(Action.TRAINING_MANAGE)
@require_http_methods(["GET", "POST"])
def training_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        services.training_record_delete(actor=request.user, record_id=pk, request=request)
        messages.success(request, _("De training is uit het register verwijderd."))
        return redirect("practice:training_list")
    record = training_get_for_user(user=request.user, record_id=pk, request=request)
    return render(request, "practice/training_delete.html", {"record": record})


@require_policy(Action.TRAINING_MANAGE)
@require_http_methods(["GET", "POST"])
def training_import_view(request: HttpRequest) -> HttpResponse:
    form = TrainingImportForm(*_posted(request, files=True))
    rejected: services.ImportRejected | None = None
    filename = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = upload.name or ""
        try:
            count = services.training_import(
                actor=request.user, data=upload.read(), request=request
            )
        except services.ImportRejected as error:
            rejected = error
        else:
            messages.success(
                request,
                ngettext("%(n)s training is ingelezen.", "%(n)s trainingen zijn ingelezen.", count)
                % {"n": count},
            )
            return redirect("practice:training_list")
    return render(
        request,
        "practice/training_import.html",
        {"form": form, "rejected": rejected, "filename": filename},
        status=400 if form.errors or rejected else 200,
    )


# --- Participation record ------------------------------------------------------------------


@require_policy(Action.PARTICIPATION_MANAGE)
@require_GET
def participation_list_view(request: HttpRequest) -> HttpResponse:
    municipalities = list(municipalities_for_action(request.user, Action.PARTICIPATION_MANAGE))
    form, municipality_id = municipality_filter(request, municipalities)
    page = participation_list_page(
        user=request.user,
        municipality_id=municipality_id,
        page_number=request.GET.get("pagina") or 1,
    )
    return render(
        request,
        "practice/participation_list.html",
        {
            "form": form,
            "page": page,
            "query": urlencode({"gemeente": municipality_id}) if municipality_id else "",
            "multiple": len(municipalities) > 1,
        },
    )


def _participation_input(form: ParticipationForm) -> services.ParticipationInput:
    data = form.cleaned_data
    return services.ParticipationInput(
        municipality_id=data["municipality"],
        date=data["date"],
        title=data["title"],
        kind=data["kind"],
        participant_groups=list(data["participant_groups"]),
        participant_count=data["participant_count"],
        what_changed=data["what_changed"],
    )


@require_policy(Action.PARTICIPATION_MANAGE)
@require_http_methods(["GET", "POST"])
def participation_create_view(request: HttpRequest) -> HttpResponse:
    municipalities = municipalities_for_action(request.user, Action.PARTICIPATION_MANAGE)
    form = ParticipationForm(*_posted(request), municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_create(
                actor=request.user, data=_participation_input(form), request=request
            )
        except services.FormProblems as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("De activiteit is vastgelegd."))
            return redirect("practice:participation_list")
    return render(
        request,
        "practice/participation_form.html",
        {"form": form, "activity": None},
        status=400 if form.errors else 200,
    )


@require_policy(Action.PARTICIPATION_MANAGE)
@require_http_methods(["GET", "POST"])
def participation_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = participation_get_for_user(user=request.user, activity_id=pk)
    municipalities = municipalities_for_action(request.user, Action.PARTICIPATION_MANAGE)
    initial = {
        "municipality": activity.municipality_id,
        "title": activity.title,
        "date": activity.date,
        "kind": activity.kind,
        "participant_groups": activity.participant_groups,
        "participant_count": activity.participant_count,
        "what_changed": activity.what_changed,
    }
    form = ParticipationForm(*_posted(request), initial=initial, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_update(
                actor=request.user,
                activity_id=activity.pk,
                data=_participation_input(form),
                request=request,
            )
        except services.FormProblems as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("De wijziging is opgeslagen."))
            return redirect("practice:participation_list")
    return render(
        request,
        "practice/participation_form.html",
        {"form": form, "activity": activity},
        status=400 if form.errors else 200,
    )


@require_policy(Action.PARTICIPATION_MANAGE)
@require_http_methods(["GET", "POST"])
def participation_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        services.participation_delete(actor=request.user, activity_id=pk, request=request)
        messages.success(request, _("De activiteit is verwijderd."))
        return redirect("practice:participation_list")
    activity = participation_get_for_user(user=request.user, activity_id=pk)
    return render(request, "practice/participation_delete.html", {"activity": activity})
