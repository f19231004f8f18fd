"""The pages of the measures registry: thin views over the access-checked selectors and the
services; the before/after numbers come from the monitor's disclosure control."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.common.forms import municipality_filter

from . import services
from .domain.before_after import SMALL_TOTAL
from .forms import PART, WHOLE, MeasureForm
from .models import Measure
from .selectors import (
    before_after_for_user,
    indicator_choices,
    measure_get_for_user,
    measure_list_page,
    measure_municipalities,
)


def _posted(request: HttpRequest) -> tuple[Any, ...]:
    return (request.POST,) if request.method == "POST" else ()


def _form(request: HttpRequest, initial: dict[str, Any] | None = None) -> MeasureForm:
    return MeasureForm(
        *_posted(request),
        initial=initial,
        municipalities=measure_municipalities(user=request.user),
        indicator_choices=indicator_choices(),
    )


def _input(form: MeasureForm) -> services.MeasureInput:
    data = form.cleaned_data
    return services.MeasureInput(
        municipality_id=data["municipality"],
        title=data["title"],
        description=data["description"],
        kind=data["kind"],
        whole_municipality=data["where"] == WHOLE,
        places=data["places"],
        target_group=data["target_group"],
        age_min=data["age_min"],
        age_max=data["age_max"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        partners=data["partners"],
        indicators=list(data["indicators"]),
    )


def _add_problems(form: MeasureForm, error: services.FormProblems) -> None:
    for name, message in error.problems.items():
        form.add_error(name if name in form.fields else None, message)


@require_policy(Action.MEASURE_MANAGE)
@require_GET
def measure_list_view(request: HttpRequest) -> HttpResponse:
    municipalities = list(measure_municipalities(user=request.user))
    form, municipality_id = municipality_filter(request, municipalities)
    page = measure_list_page(
        user=request.user,
        municipality_id=municipality_id,
        page_number=request.GET.get("pagina") or 1,
    )
    return render(
        request,
        "measures/list.html",
        {
            "form": form,
            "page": page,
            "query": urlencode({"gemeente": municipality_id}) if municipality_id else "",
            "multiple": len(municipalities) > 1,
            "municipalities": municipalities,
        },
    )


@require_policy(Action.MEASURE_MANAGE)
@require_http_methods(["GET", "POST"])
def measure_create_view(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(
                actor=request.user, data=_input(form), request=request
            )
        except services.FormProblems as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("De maatregel is vastgelegd."))
            return redirect("measures:detail", measure.pk)
    return render(
        request,
        "measures/form.html",
        {"form": form, "measure": None},
        status=400 if form.errors else 200,
    )


def _initial(measure: Measure) -> dict[str, Any]:
    return {
        "municipality": measure.municipality_id,
        "title": measure.title,
        "description": measure.description,
        "kind": measure.kind,
        "where": WHOLE if measure.whole_municipality else PART,
        "places": measure.places,
        "target_group": measure.target_group,
        "age_min": measure.age_min,
        "age_max": measure.age_max,
        "start_date": measure.start_date,
        "end_date": measure.end_date,
        "partners": measure.partners,
        "indicators": measure.indicators,
    }


@require_policy(Action.MEASURE_MANAGE)
@require_http_methods(["GET", "POST"])
def measure_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measure_get_for_user(user=request.user, measure_id=pk)
    form = _form(request, initial=_initial(measure))
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(
                actor=request.user, measure_id=measure.pk, data=_input(form), request=request
            )
        except services.FormProblems as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("De wijziging is opgeslagen."))
            return redirect("measures:detail", measure.pk)
    return render(
        request,
        "measures/form.html",
        {"form": form, "measure": measure},
        status=400 if form.errors else 200,
    )


@require_policy(Action.MEASURE_MANAGE)
@require_GET
def measure_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    measure = measure_get_for_user(user=request.user, measure_id=pk)
    return render(
        request,
        "measures/detail.html",
        {
            "measure": measure,
            "view": before_after_for_user(user=request.user, measure=measure),
            "small_total": SMALL_TOTAL,
        },
    )


@require_policy(Action.MEASURE_MANAGE)
@require_http_methods(["GET", "POST"])
def measure_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        services.measure_delete(actor=request.user, measure_id=pk, request=request)
        messages.success(request, _("De maatregel is verwijderd."))
        return redirect("measures:list")
    measure = measure_get_for_user(user=request.user, measure_id=pk)
    return render(request, "measures/delete.html", {"measure": measure})
