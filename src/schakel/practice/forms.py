"""Forms of the training register and the participation record (Dutch labels and messages)."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .constants import (
    IMPORT_MAX_BYTES,
    ParticipantGroup,
    ParticipationKind,
    TrainingLevel,
)
from .models import not_in_future

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
TEXTAREA = {"class": "utrecht-textarea", "rows": 4}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
DATE_ERRORS = {
    "required": _("Vul de datum in."),
    "invalid": _("Vul een datum in als dag-maand-jaar, bijvoorbeeld 14-03-2025."),
}


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        validators=[not_in_future],
        widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )


def _choices(pairs: Any, empty: Any) -> list[tuple[Any, Any]]:
    return [("", empty), *pairs]


class TrainingForm(forms.Form):
    professional_name = forms.CharField(
        label=_("Naam van de professional"),
        max_length=200,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
        help_text=_("De persoon die de training volgde."),
        error_messages={"required": _("Vul de naam in van wie de training volgde.")},
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisatie"),
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": _("Kies de organisatie waar deze persoon werkt."),
            "invalid_choice": _("Kies een organisatie in uw regio."),
        },
    )
    training = forms.CharField(
        label=_("Training"),
        max_length=200,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("De naam van de training, bijvoorbeeld 'Signalen van uitbuiting herkennen'."),
        error_messages={"required": _("Vul de naam van de training in.")},
    )
    date = _date(_("Datum van de training"))
    level = forms.ChoiceField(
        label=_("Niveau"),
        choices=TrainingLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies het niveau van de training.")},
    )
    username = forms.CharField(
        label=_("Gebruikersnaam in Schakel"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
        help_text=_("Alleen als deze persoon een account in Schakel heeft."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = _choices(  # type: ignore[attr-defined]
            [(org.pk, f"{org.name} ({org.municipality.name})") for org in organisations],
            _("— kies een organisatie —"),
        )


class TrainingFilterForm(forms.Form):
    """Filters by id and code (may be in the URL); the name only from a POST body."""

    show_optional = False  # every filter is optional: no "(niet verplicht)" on each

    gemeente = forms.TypedChoiceField(
        label=_("Gemeente"), coerce=int, required=False, widget=forms.Select(attrs=SELECT)
    )
    organisatie = forms.TypedChoiceField(
        label=_("Organisatie"), coerce=int, required=False, widget=forms.Select(attrs=SELECT)
    )
    niveau = forms.ChoiceField(
        label=_("Niveau"),
        required=False,
        choices=_choices(TrainingLevel.choices, _("Alle niveaus")),
        widget=forms.Select(attrs=SELECT),
    )
    naam = forms.CharField(
        label=_("Zoek op naam"),
        required=False,
        widget=forms.TextInput(attrs={**TEXTBOX, "type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, municipalities: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = _choices(  # type: ignore[attr-defined]
            [(m.pk, m.name) for m in municipalities], _("Alle gemeenten")
        )
        self.fields["organisatie"].choices = _choices(  # type: ignore[attr-defined]
            [(o.pk, o.name) for o in organisations], _("Alle organisaties")
        )


class TrainingImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Eén regel per persoon en training, met de kolommen naam; organisatie; training; "
            "datum; niveau. Ten hoogste 1 MB en 5.000 regels."
        ),
        widget=forms.ClearableFileInput(attrs={"class": "utrecht-file-input", "accept": ".csv"}),
        error_messages={
            "required": _("Kies een CSV-bestand."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Kies een CSV-bestand."),
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 1 MB. Verdeel het over meer bestanden."),
                code="too_big",
            )
        return upload


class ParticipationForm(forms.Form):
    municipality = forms.TypedChoiceField(
        label=_("Gemeente"),
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": _("Kies de gemeente."),
            "invalid_choice": _("Kies een gemeente binnen uw bereik."),
        },
    )
    title = forms.CharField(
        label=_("Wat was de activiteit?"),
        max_length=200,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("Bijvoorbeeld: jongerenpanel over voorlichting op school."),
        error_messages={"required": _("Beschrijf kort de activiteit.")},
    )
    date = _date(_("Datum"))
    kind = forms.ChoiceField(
        label=_("Soort activiteit"),
        choices=ParticipationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort activiteit.")},
    )
    participant_groups = forms.MultipleChoiceField(
        label=_("Wie deden mee?"),
        choices=ParticipantGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Meerdere antwoorden mogelijk. Schrijf nergens namen van deelnemers op."),
        error_messages={"required": _("Kies ten minste één groep.")},
    )
    participant_count = forms.IntegerField(
        label=_("Aantal deelnemers"),
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={**TEXTBOX, "inputmode": "numeric"}),
        error_messages={
            "required": _("Vul het aantal deelnemers in."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld 12."),
            "min_value": _("Er deed ten minste één persoon mee."),
            "max_value": _("Dit aantal is te groot."),
        },
    )
    what_changed = forms.CharField(
        label=_("Wat veranderde er daardoor?"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_(
            "Wat werkt er nu anders door wat de deelnemers zeiden? Nog niets? Laat dit dan leeg: "
            "de activiteit telt als 'nog zonder zichtbaar resultaat'. Geen namen."
        ),
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m.pk, m.name) for m in municipalities]
        field = self.fields["municipality"]
        field.choices = (
            choices
            if len(choices) == 1
            else _choices(  # type: ignore[attr-defined]
                choices, _("— kies een gemeente —")
            )
        )
