"""The monitor's pages: thin views over access-checked selectors; every number shown has been
through disclosure control (``presentation.protect_tables``)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.accounts.scoping import preferred_municipality
from schakel.common.exceptions import NotFoundOrForbidden
from schakel.common.pdf import render_pdf

from .aggregates import freshness
from .charts import startfoto_pictures
from .domain.indicators import Span
from .forms import SpanForm
from .maps import district_map, region_maps
from .presentation import csv_response, region_tables, startfoto, suppression_policy
from .selectors import (
    REGION_INDICATORS,
    allowed_municipalities,
    allowed_regions,
    indicators,
    region_table,
    startfoto_tables,
    values_of,
)
from .xlsx import workbook_bytes


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
        raw = startfoto_tables(request.user, chosen, span)
        context["tables"] = startfoto(raw, span)
        context |= startfoto_pictures(span, raw, context["tables"])
        context["counted"] = _freshness_line([span.previous(), span])
        context["district_map"] = _district_map(chosen, span, context["tables"])
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "monitor/startfoto.html", context, status=status)


def _district_map(municipality: Any, span: Span, tables: list[Any]) -> Any:
    """For a year: the map of the municipality's districts, from the published district
    table (its hidden numbers hatched)."""
    table = next((t for t in tables if t.key == "signalen:district"), None)
    if span.quarter is not None or table is None:
        return None
    return district_map(table, values_of("district", municipality), span.label())


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
        maps = region_maps(chosen, context["tables"], span.label())
        context["sections"] = list(zip(context["tables"], maps, strict=True))
        context["counted"] = _freshness_line([span])
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "monitor/region.html", context, status=status)


# --- Downloads: the same published numbers as the pages, as Excel and PDF -----------------


def reading_notes(policy: Any) -> list[str]:
    """How to read the numbers: in every download, as on the page."""
    n = policy.threshold
    return [
        _(
            "Aantallen onder de %(n)s staan er als “<%(n)s”. “x” betekent: niet getoond, omdat "
            "u anders een klein aantal zou kunnen terugrekenen. Zo is geen jongere te herkennen."
        )
        % {"n": n},
        _(
            "Een signaal is een zorg van een professional, geen vastgesteld slachtoffer. Meer "
            "signalen kan ook betekenen dat professionals beter opletten."
        ),
        _(
            "Bij kleine aantallen zegt een verschil tussen twee periodes weinig. Trek er geen "
            "conclusies uit over het effect van maatregelen."
        ),
        _(
            "Een signaal telt bij de woonplaats van de jongere. Een casus die bij twee "
            "gemeenten hoort, telt bij allebei."
        ),
        _("Bron: Schakel, eigen registratie van de regio. Alleen aantallen, nooit personen."),
    ]


def _freshness_line(spans: list[Span]) -> str:
    made = freshness(sorted({s.year for s in spans} | {s.previous().year for s in spans}))
    if made is None:
        return ""
    return _("Cijfers geteld op %(at)s (tot en met %(until)s).") % {
        "at": date_format(timezone.localtime(made.refreshed_at), "j F Y, H:i"),
        "until": date_format(made.counted_until, "j F Y"),
    }


def _startfoto_download(request: HttpRequest) -> tuple[Any, Span, list[Any]]:
    municipalities = allowed_municipalities(request.user)
    _form, span, chosen = _span_form(request, municipalities)
    if span is None or chosen is None:
        raise NotFoundOrForbidden()
    return chosen, span, startfoto(startfoto_tables(request.user, chosen, span), span)


def _region_download(request: HttpRequest) -> tuple[Any, Span, list[Any]]:
    regions = allowed_regions(request.user)
    _form, span, chosen = _span_form(request, regions, field="regio")
    if span is None or chosen is None:
        raise NotFoundOrForbidden()
    return chosen, span, region_tables(region_table(request.user, chosen, span), span)


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_policy(Action.MONITOR_VIEW)
@require_GET
def startfoto_xlsx_view(request: HttpRequest) -> HttpResponse:
    municipality, span, tables = _startfoto_download(request)
    spans = [span.previous(), span]
    content = workbook_bytes(
        tables,
        title=_("Startfoto gemeente %(name)s") % {"name": municipality.name},
        lines=[
            _("Periode: %(span)s, naast %(before)s")
            % {"span": span.label(), "before": spans[0].label()},
            _freshness_line(spans),
        ],
        notes=reading_notes(suppression_policy()),
        indicators=indicators(),
    )
    return _download(content, XLSX, f"monitor-{municipality.code}-{span.code}.xlsx")


@require_policy(Action.MONITOR_VIEW)
@require_GET
def startfoto_pdf_view(request: HttpRequest) -> HttpResponse:
    municipality, span, tables = _startfoto_download(request)
    html = render_to_string(
        "monitor/report_pdf.html",
        {
            "title": _("Startfoto gemeente %(name)s") % {"name": municipality.name},
            "subtitle": _("%(span)s, naast %(before)s")
            % {"span": span.label(), "before": span.previous().label()},
            "freshness": _freshness_line([span.previous(), span]),
            "tables": tables,
            "notes": reading_notes(suppression_policy()),
            "policy": suppression_policy(),
            "indicators": indicators(),
        },
        request=request,
    )
    return _download(
        render_pdf(html), "application/pdf", f"monitor-{municipality.code}-{span.code}.pdf"
    )


@require_policy(Action.MONITOR_VIEW)
@require_GET
def region_csv_view(request: HttpRequest) -> HttpResponse:
    region, span, tables = _region_download(request)
    return csv_response(tables, place=f"regio-{region.pk}", spans=[span])


@require_policy(Action.MONITOR_VIEW)
@require_GET
def region_xlsx_view(request: HttpRequest) -> HttpResponse:
    region, span, tables = _region_download(request)
    content = workbook_bytes(
        tables,
        title=_("Regio %(name)s") % {"name": region.name},
        lines=[_("Periode: %(span)s") % {"span": span.label()}, _freshness_line([span])],
        notes=reading_notes(suppression_policy()),
        indicators=[i for i in indicators() if i.code in REGION_INDICATORS],
    )
    return _download(content, XLSX, f"monitor-regio-{region.pk}-{span.code}.xlsx")


@require_policy(Action.MONITOR_VIEW)
@require_GET
def region_pdf_view(request: HttpRequest) -> HttpResponse:
    region, span, tables = _region_download(request)
    html = render_to_string(
        "monitor/report_pdf.html",
        {
            "title": _("Regio %(name)s") % {"name": region.name},
            "subtitle": span.label(),
            "freshness": _freshness_line([span]),
            "tables": tables,
            "notes": reading_notes(suppression_policy()),
            "policy": suppression_policy(),
            "indicators": [i for i in indicators() if i.code in REGION_INDICATORS],
        },
        request=request,
    )
    return _download(
        render_pdf(html), "application/pdf", f"monitor-regio-{region.pk}-{span.code}.pdf"
    )
