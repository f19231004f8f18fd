"""The measure form and the list filter (Dutch labels and messages; no personal data)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import AGE_MAX, AGE_MIN, MeasureKind

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
TEXTAREA = {"class": "utrecht-textarea", "rows": 4}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
DATE_INVALID = _("Vul een datum in als dag-maand-jaar, bijvoorbeeld 14-03-2026.")
WHOLE = "heel"
PART = "deel"


def _date(label: Any, *, required: bool, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul de startdatum in."), "invalid": DATE_INVALID},
    )


def _age(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=AGE_MIN,
        max_value=AGE_MAX,
        widget=forms.NumberInput(attrs={**TEXTBOX, "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Vul een leeftijd in als heel getal, bijvoorbeeld 12."),
            "min_value": _("Vul een leeftijd van %(limit_value)s jaar of ouder in."),
            "max_value": _("Vul een leeftijd tot en met %(limit_value)s jaar in."),
        },
    )


class MeasureForm(forms.Form):
    municipality = forms.TypedChoiceField(
        label=_("Gemeente"),
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": _("Kies de gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    title = forms.CharField(
        label=_("Naam van de maatregel"),
        max_length=200,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("Bijvoorbeeld: voorlichting over online uitbuiting op middelbare scholen."),
        error_messages={
            "required": _("Vul de naam van de maatregel in."),
            "max_length": _("Maak de naam korter: ten hoogste %(limit_value)d tekens."),
        },
    )
    description = forms.CharField(
        label=_("Wat houdt de maatregel in?"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_(
            "Wat er gebeurt en wat u ermee wilt bereiken. Schrijf geen namen van personen."
        ),
        error_messages={"required": _("Beschrijf kort wat de maatregel inhoudt.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort maatregel"),
        choices=MeasureKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de soort maatregel."),
            "invalid_choice": _("Kies een soort uit de lijst."),
        },
    )
    where = forms.ChoiceField(
        label=_("Waar loopt de maatregel?"),
        choices=[
            (WHOLE, _("In de hele gemeente")),
            (PART, _("In een deel van de gemeente")),
        ],
        initial=WHOLE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies waar de maatregel loopt.")},
    )
    places = forms.CharField(
        label=_("Welke wijken of plaatsen?"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("Alleen bij 'In een deel van de gemeente'. Bijvoorbeeld: Overvecht en Zuilen."),
        error_messages={"max_length": _("Maak dit korter: ten hoogste %(limit_value)d tekens.")},
    )
    target_group = forms.CharField(
        label=_("Voor wie is de maatregel?"),
        max_length=300,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("Een groep, geen personen. Bijvoorbeeld: leerlingen van het vmbo, ouders."),
        error_messages={
            "required": _("Vul in voor wie de maatregel is."),
            "max_length": _("Maak dit korter: ten hoogste %(limit_value)d tekens."),
        },
    )
    age_min = _age(_("Leeftijd vanaf (jaar)"))
    age_max = _age(_("Leeftijd tot en met (jaar)"))
    start_date = _date(_("Startdatum"), required=True)
    end_date = _date(
        _("Einddatum"),
        required=False,
        help_text=_("Leeg laten als de maatregel doorloopt of nog geen einde heeft."),
    )
    partners = forms.CharField(
        label=_("Partners"),
        required=False,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
        help_text=_(
            "Organisaties die meedoen, bijvoorbeeld: politie, wijkteam, scholen. "
            "Geen namen van personen."
        ),
    )
    indicators = forms.MultipleChoiceField(
        label=_("Welke cijfers uit de monitor wilt u volgen?"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Kies ten minste één. U ziet de cijfers van vóór de start naast die van daarna."
        ),
        error_messages={
            "required": _("Kies ten minste één cijfer om te volgen."),
            "invalid_choice": _("Kies alleen cijfers uit de lijst."),
        },
    )

    def __init__(
        self, *args: Any, municipalities: Any, indicator_choices: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m.pk, m.name) for m in municipalities]
        self.fields["municipality"].choices = (  # type: ignore[attr-defined]
            choices if len(choices) == 1 else [("", _("— kies een gemeente —")), *choices]
        )
        self.fields["indicators"].choices = indicator_choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("where") == PART and not (data.get("places") or "").strip():
            self.add_error(
                "places",
                _(
                    "Vul in in welke wijken of plaatsen de maatregel loopt, of kies 'In de hele "
                    "gemeente'."
                ),
            )
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date",
                _(
                    "De einddatum ligt vóór de startdatum. Vul een einddatum in op of na de "
                    "startdatum."
                ),
            )
        low, high = data.get("age_min"), data.get("age_max")
        if low is not None and high is not None and high < low:
            self.add_error(
                "age_max",
                _("De leeftijd 'tot en met' is lager dan de leeftijd 'vanaf'. Draai ze om."),
            )
        return data
