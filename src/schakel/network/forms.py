"""Forms of the context network (Dutch labels and messages). The services check and normalise
what was typed; these forms only carry it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import EntityKind
from .domain.normalise import LABEL_MAX
from .services import NOTE_MAX

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
TEXTAREA = {"class": "utrecht-textarea", "rows": 3}
FILTER_PARAM = "soort"


def _text(label: Any, *, max_length: int, help_text: Any = "", required: bool = False) -> Any:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs=TEXTBOX),
        error_messages={
            "required": _("Vul in wat u wilt koppelen."),
            "max_length": _("Maak dit korter: ten hoogste %(limit_value)d tekens."),
        },
    )


class AttachForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wilt u koppelen?"),
        choices=[("", _("— kies een soort —")), *EntityKind.choices],
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": _("Kies wat u wilt koppelen."),
            "invalid_choice": _("Kies een soort uit de lijst."),
        },
    )
    label = _text(
        _("Naam, adres, nummer of kenteken"),
        max_length=LABEL_MAX,
        required=True,
        help_text=_(
            "Bijvoorbeeld: Hotel De Zwaan, Stationsstraat 12, 06 12345678, @accountnaam of "
            "AB-123-C. Schrijf geen namen van jongeren."
        ),
    )
    platform = _text(
        _("Platform (alleen bij een account)"),
        max_length=60,
        help_text=_("Bijvoorbeeld: Instagram, Snapchat of TikTok."),
    )
    postcode = _text(
        _("Postcode (alleen bij een adres, als u die weet)"),
        max_length=10,
        help_text=_("Met postcode en huisnummer vindt Schakel hetzelfde adres terug."),
    )
    house_number = _text(_("Huisnummer (alleen bij een adres)"), max_length=12)
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Waarom hoort dit bij deze jongere? Alleen feiten."),
        error_messages={"max_length": _("Maak dit korter: ten hoogste %(limit_value)d tekens.")},
    )


class DetachForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom koppelt u dit los?"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Bijvoorbeeld: verkeerd nummer ingevuld. De koppeling blijft zichtbaar."),
        error_messages={
            "required": _("Schrijf op waarom u dit loskoppelt."),
            "max_length": _("Maak dit korter: ten hoogste %(limit_value)d tekens."),
        },
    )


class RenameForm(forms.Form):
    label = _text(_("Naam, adres, nummer of kenteken"), max_length=LABEL_MAX, required=True)
    platform = _text(_("Platform"), max_length=60)
    postcode = _text(_("Postcode (als u die weet)"), max_length=10)
    house_number = _text(_("Huisnummer"), max_length=12)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind != EntityKind.ACCOUNT:
            del self.fields["platform"]
        if kind != EntityKind.ADDRESS:
            del self.fields["postcode"]
            del self.fields["house_number"]


class KindFilterForm(forms.Form):
    soort = forms.MultipleChoiceField(
        label=_("Toon alleen"),
        required=False,
        choices=EntityKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies een soort uit de lijst.")},
    )
