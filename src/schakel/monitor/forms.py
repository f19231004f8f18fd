"""The monitor's choice of place and period (GET: no personal data in these URLs).

Only calendar quarters and years that have ended can be chosen (see ``domain.indicators``):
free dates would let anyone subtract two overlapping periods."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .domain.indicators import Span, completed_spans, last_full_span, parse_span

SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class SpanForm(forms.Form):
    """A place (``gemeente`` or ``regio``) and a quarter or year; by default the last quarter
    that has ended."""

    show_optional = False

    periode = forms.ChoiceField(
        label=_("Periode"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_("Een kwartaal of een jaar dat voorbij is."),
    )

    def __init__(self, *args: Any, places: Any, place_field: str = "gemeente", **kwargs: Any):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.default = last_full_span(today)
        self.place_field = place_field
        self.fields["periode"].choices = [  # type: ignore[attr-defined]
            (span.code, span.label()) for span in completed_spans(today)
        ]
        if places:
            self.fields[place_field] = forms.TypedChoiceField(
                label=_("Regio") if place_field == "regio" else _("Gemeente"),
                coerce=int,
                required=False,
                choices=[(p.pk, p.name) for p in places],
                widget=forms.Select(attrs=SELECT),
            )
            self.order_fields([place_field, "periode"])

    def clean_periode(self) -> Span:
        code = self.cleaned_data.get("periode")
        return parse_span(code) if code else self.default

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["place"] = data.get(self.place_field)
        return data
