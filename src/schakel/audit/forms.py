from django import forms
from django.utils.translation import gettext_lazy as _

from .subjects import subject_choices


class SubjectLogForm(forms.Form):
    subject_type = forms.ChoiceField(
        label=_("Soort gegeven"),
        choices=subject_choices,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    subject_id = forms.IntegerField(
        label=_("Nummer (id)"),
        min_value=1,
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "inputmode": "numeric"}
        ),
        error_messages={
            "required": _("Vul het nummer in."),
            "invalid": _("Vul een nummer in, bijvoorbeeld 42."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom kijkt u dit na?"),
        max_length=500,
        help_text=_("Bijvoorbeeld een verzoek om inzage of een melding van een datalek."),
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 2}),
        error_messages={"required": _("Geef een reden op: ook uw inzage wordt gelogd.")},
    )
