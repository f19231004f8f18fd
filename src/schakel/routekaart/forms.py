from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.geo.models import Municipality, Region

TEXTAREA_CODE = {"class": "utrecht-textarea schakel-code", "rows": 30, "spellcheck": "false"}


class RouteMapEditForm(forms.Form):
    yaml_text = forms.CharField(
        label=_("Routekaart (YAML)"),
        widget=forms.Textarea(attrs=TEXTAREA_CODE),
        help_text=_("Contactgegevens, overlegvormen en regels. Zie de uitleg onder het formulier."),
        error_messages={"required": _("De routekaart kan niet leeg zijn.")},
    )
    note = forms.CharField(
        label=_("Wat verandert u en waarom?"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )
    scenarios_yaml = forms.CharField(
        label=_("Eigen scenario's (YAML)"),
        required=False,
        widget=forms.Textarea(attrs={**TEXTAREA_CODE, "rows": 10}),
        help_text=_(
            "Situaties die deze routekaart altijd goed moet afhandelen, naast de standaard."
        ),
    )


class PublishForm(forms.Form):
    accept_failures = forms.BooleanField(
        label=_("Ik weet dat er scenario's niet slagen en wil toch publiceren"), required=False
    )


class NewRouteMapForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )

    def __init__(self, *args, regions, municipalities, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(pk__in=[r.pk for r in regions])
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=[m.pk for m in municipalities]
        )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if bool(data.get("region")) == bool(data.get("municipality")):
            raise forms.ValidationError(_("Kies een regio óf een gemeente."))
        return data


class HelpChoiceForm(forms.Form):
    gemeente = forms.ChoiceField(
        label=_("In welke gemeente woon je?"),
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
