"""The decision forms of a suggestion: a short reason (required when undoing)."""

from django import forms
from django.utils.translation import gettext_lazy as _

TEXTAREA = {"class": "utrecht-textarea", "rows": 3}


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        help_text=_(
            "Waarom u dit besluit. Zet er geen gegevens van de jongere in die er niet al staan."
        ),
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={
            "max_length": _("Maak de toelichting korter (hoogstens %(limit_value)s tekens).")
        },
    )


class UndoForm(DecisionForm):
    reason = forms.CharField(
        label=_("Waarom maakt u de koppeling ongedaan?"),
        required=True,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={
            "required": _("Schrijf kort op waarom u de koppeling ongedaan maakt."),
            "max_length": _("Maak de toelichting korter (hoogstens %(limit_value)s tekens)."),
        },
    )
