"""Pages of the monitor's open data with differential privacy: the budget per municipality and
year, the releases made, a form for a new one, and the download of a stored release."""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.common.exceptions import NotFoundOrForbidden

from .domain import privacy
from .open_data import (
    DEFAULT_EPSILON,
    OpenDataRefused,
    default_table_keys,
    ended_years,
    epsilon_per_year,
    epsilon_text,
    file_name,
    open_data_release,
    overview_for_user,
    release_download,
    table_options,
)

SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class ReleaseForm(forms.Form):
    """A new release: place, ended year, the tables and the epsilon to spend."""

    show_optional = False

    gemeente = forms.TypedChoiceField(
        label=_("Gemeente"), coerce=int, widget=forms.Select(attrs=SELECT)
    )
    jaar = forms.TypedChoiceField(
        label=_("Jaar"),
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        help_text=_("Alleen een jaar dat voorbij is. Het budget van dat jaar wordt gebruikt."),
    )
    tabellen = forms.MultipleChoiceField(
        label=_("Tabellen"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Elke tabel kost een deel van de epsilon: met meer tabellen komt er meer ruis op "
            "elk getal. Het gewicht staat achter de naam."
        ),
    )
    epsilon = forms.FloatField(
        label=_("Epsilon om uit te geven"),
        min_value=0.01,
        max_value=privacy.MAX_EPSILON,
        localize=True,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "inputmode": "decimal"}),
        help_text=_(
            "Een getal groter dan 0, bijvoorbeeld 0,5. Kleiner is meer privacy en meer ruis."
        ),
    )

    def __init__(self, *args: Any, places: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["gemeente"].choices = [(p.pk, p.name) for p in places]  # type: ignore[attr-defined]
        self.fields["jaar"].choices = [(y, str(y)) for y in ended_years(today)]  # type: ignore[attr-defined]
        self.fields["tabellen"].choices = [  # type: ignore[attr-defined]
            (o.key, _("%(title)s (gewicht %(n)s)") % {"title": o.title, "n": o.contribution})
            for o in table_options()
        ]


def _form(request: HttpRequest, places: list[Any]) -> ReleaseForm:
    if request.method == "POST":
        return ReleaseForm(request.POST, places=places)
    initial = {
        "gemeente": places[0].pk if places else None,
        "jaar": ended_years(timezone.localdate())[0],
        "tabellen": default_table_keys(),
        "epsilon": min(DEFAULT_EPSILON, epsilon_per_year()),
    }
    return ReleaseForm(initial=initial, places=places)


@require_policy(Action.MONITOR_OPEN_DATA)
@require_http_methods(["GET", "POST"])
def open_data_view(request: HttpRequest) -> HttpResponse:
    overview = overview_for_user(user=request.user)
    places = [item.municipality for item in overview]
    form = _form(request, places)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            place = next(p for p in places if p.pk == form.cleaned_data["gemeente"])
            try:
                release = open_data_release(
                    user=request.user,
                    municipality=place,
                    year=form.cleaned_data["jaar"],
                    epsilon=form.cleaned_data["epsilon"],
                    table_keys=form.cleaned_data["tabellen"],
                    request=request,
                )
            except OpenDataRefused as error:
                form.add_error(error.field, error.message)
            else:
                return redirect(f"{request.path}?uitgave={release.pk}#uitgaven")
        elif "gemeente" in form.errors and request.POST.get("gemeente"):
            raise NotFoundOrForbidden()  # a place the user may not release for
        status = 400
    just_made = request.GET.get("uitgave", "")
    context = {
        "overview": overview,
        "form": form,
        "total_text": epsilon_text(epsilon_per_year()),
        "default_text": epsilon_text(DEFAULT_EPSILON),
        "titles": {o.key: o.title for o in table_options()},
        "just_made": int(just_made) if just_made.isdigit() else None,
    }
    return render(request, "monitor/open_data.html", context, status=status)


@require_policy(Action.MONITOR_OPEN_DATA)
@require_GET
def open_data_csv_view(request: HttpRequest, release_id: int) -> HttpResponse:
    release, content = release_download(user=request.user, release_id=release_id, request=request)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name(release)}"'
    return response


__all__ = ["open_data_csv_view", "open_data_view"]
