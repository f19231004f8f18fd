"""The national export page (/monitor/landelijk/) and its JSON and CSV downloads: thin views
over ``national.py``; every number has been through disclosure control."""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.common.exceptions import NotFoundOrForbidden

from .national import (
    NationalExport,
    allowed_export_regions,
    ended_years,
    export_csv,
    export_json,
    national_export_download,
    national_export_for_user,
)
from .presentation import suppression_policy

SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class NationalForm(forms.Form):
    """A region of the user and a calendar year that has ended (GET: no personal data)."""

    show_optional = False

    def __init__(self, *args: Any, regions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regio"] = forms.TypedChoiceField(
            label=_("Regio"),
            coerce=int,
            choices=[(r.pk, r.name) for r in regions],
            widget=forms.Select(attrs=SELECT),
        )
        self.fields["jaar"] = forms.TypedChoiceField(
            label=_("Jaar"),
            coerce=int,
            choices=[(y, str(y)) for y in ended_years()],
            widget=forms.Select(attrs=SELECT),
            help_text=_("Een kalenderjaar dat voorbij is."),
            error_messages={"invalid_choice": _("Kies een jaar dat voorbij is.")},
        )


def _chosen(request: HttpRequest) -> tuple[NationalForm, int | None, int | None]:
    """The form and the chosen region and year (None: not chosen, or wrong). A region the
    user may not export is refused as if it did not exist."""
    regions = allowed_export_regions(request.user)
    if not request.GET:
        form = NationalForm(
            initial={"jaar": ended_years()[0], "regio": regions[0].pk if regions else None},
            regions=regions,
        )
        if not regions:
            return form, None, None
        return form, regions[0].pk, ended_years()[0]
    form = NationalForm(request.GET, regions=regions)
    if not form.is_valid():
        if "regio" in form.errors:
            raise NotFoundOrForbidden()
        return form, None, None
    return form, form.cleaned_data["regio"], form.cleaned_data["jaar"]


@require_policy(Action.MONITOR_NATIONAL_EXPORT)
@require_GET
def national_view(request: HttpRequest) -> HttpResponse:
    form, region_id, year = _chosen(request)
    context: dict[str, Any] = {
        "form": form,
        "regions": allowed_export_regions(request.user),
        "policy": suppression_policy(),
    }
    if region_id is not None and year is not None:
        export = national_export_for_user(user=request.user, region_id=region_id, year=year)
        context["export"] = export
        context["sections"] = [
            (export.dimension_labels[key], key, items, key in export.withheld)
            for key, items in export.categories.items()
        ]
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "monitor/national.html", context, status=status)


def _download(request: HttpRequest, fmt: str) -> NationalExport:
    _form, region_id, year = _chosen(request)
    if region_id is None or year is None or not request.GET:
        raise NotFoundOrForbidden()
    return national_export_download(
        user=request.user, region_id=region_id, year=year, fmt=fmt, request=request
    )


@require_policy(Action.MONITOR_NATIONAL_EXPORT)
@require_GET
def national_json_view(request: HttpRequest) -> HttpResponse:
    export = _download(request, "json")
    response = HttpResponse(export_json(export), content_type="application/json; charset=utf-8")
    name = f"landelijk-htcds-regio{export.region}-{export.year}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_policy(Action.MONITOR_NATIONAL_EXPORT)
@require_GET
def national_csv_view(request: HttpRequest) -> HttpResponse:
    export = _download(request, "csv")
    response = HttpResponse(export_csv(export), content_type="text/csv; charset=utf-8")
    name = f"landelijk-htcds-regio{export.region}-{export.year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
