"""Form pieces that several apps share."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .exceptions import NotFoundOrForbidden

SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class MunicipalityChoiceForm(forms.Form):
    """Choose one of ``municipalities`` (``?gemeente=<id>``); with ``all_label`` the first
    choice is "all of them" (empty)."""

    show_optional = False

    gemeente = forms.TypedChoiceField(
        label=_("Gemeente"), coerce=int, required=False, widget=forms.Select(attrs=SELECT)
    )

    def __init__(
        self, *args: Any, municipalities: Sequence[Any], all_label: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[Any, str]] = [(m.pk, m.name) for m in municipalities]
        if all_label is not None:
            choices.insert(0, ("", all_label))
        self.fields["gemeente"].choices = choices  # type: ignore[attr-defined]


def municipality_filter(
    request: HttpRequest, municipalities: Sequence[Any]
) -> tuple[MunicipalityChoiceForm, int | None]:
    """The filter of a list page by municipality: the form and the chosen id (None: all). A
    municipality outside ``municipalities`` is refused as if it did not exist."""
    form = MunicipalityChoiceForm(
        request.GET if "gemeente" in request.GET else None,
        municipalities=municipalities,
        all_label=str(_("Alle gemeenten")),
    )
    if not form.is_bound:
        return form, None
    if not form.is_valid():
        raise NotFoundOrForbidden()
    return form, form.cleaned_data["gemeente"] or None
