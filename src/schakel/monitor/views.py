"""The monitor's pages: thin views over access-checked selectors; every number shown has been
through disclosure control (``presentation.protect_tables``)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.accounts.scoping import preferred_municipality
from schakel.common.exceptions import NotFoundOrForbidden

from .domain.indicators import Span
from .forms import SpanForm
from .presentation import csv_response, region_tables, startfoto, suppression_policy
from .selectors import (
    allowed_municipalities,
    allowed_regions,
    indicators,
    region_table,
    startfoto_tables,
)


def _span_form(
    request: HttpRequest, places: list[Any], field: str = "gemeente"
) -> tuple[SpanForm, Span | None, Any]:
    """The form, the chosen quarter or year (None when the input is wrong) and the chosen
    place (None: not chosen). A place the user may not see is refused as if it did not
    exist."""
    form = SpanForm(request.GET or None, places=places, place_field=field)
    if not request.GET:
        form = SpanForm(initial={"periode": form.default.code}, places=places, place_field=field)
        return form, form.default, None
    if not form.is_valid():
        if field in form.errors:
            raise NotFoundOrForbidden()
        return form, None, None
    chosen_pk = form.cleaned_data.get("place")
    chosen = next((p for p in places if p.pk == chosen_pk), None)
    if chosen_pk and chosen is None:
        raise NotFoundOrForbidden()
    return form, form.cleaned_data["periode"], chosen


@require_policy(Action.MONITOR_VIEW)
@require_GET
def startfoto_view(request: HttpRequest) -> HttpResponse:
    municipalities = allowed_municipalities(request.user)
    form, span, chosen = _span_form(request, municipalities)
    if chosen is None and municipalities:
        chosen = preferred_municipality(request.user, municipalities)
    context: dict[str, Any] = {
        "form": form,
        "municipalities": municipalities,
        "municipality": chosen,
        "span": span,
        "regions": allowed_regions(request.user),
        "policy": suppression_policy(),
        "indicators": indicators(),
    }
    if span is not None and chosen is not None:
        context["previous"] = span.previous()
        context["tables"] = startfoto(startfoto_tables(request.user, chosen, span), span)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "monitor/startfoto.html", context, status=status)


@require_policy(Action.MONITOR_VIEW)
@require_GET
def startfoto_csv_view(request: HttpRequest) -> HttpResponse:
    municipalities = allowed_municipalities(request.user)
    _form, span, chosen = _span_form(request, municipalities)
    if span is None or chosen is None:
        raise NotFoundOrForbidden()
    tables = startfoto(startfoto_tables(request.user, chosen, span), span)
    return csv_response(tables, place=chosen.code, spans=[span.previous(), span])


@require_policy(Action.MONITOR_VIEW)
@require_GET
def region_view(request: HttpRequest) -> HttpResponse:
    regions = allowed_regions(request.user)
    form, span, chosen = _span_form(request, regions, field="regio")
    if chosen is None and regions:
        chosen = regions[0]
    context: dict[str, Any] = {
        "form": form,
        "regions": regions,
        "region": chosen,
        "span": span,
        "policy": suppression_policy(),
    }
    if span is not None and chosen is not None:
        context["tables"] = region_tables(region_table(request.user, chosen, span), span)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "monitor/region.html", context, status=status)
