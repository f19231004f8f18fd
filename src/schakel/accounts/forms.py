"""Forms for logging in, two-step verification and account management."""

from django import forms
from django.utils.translation import gettext_lazy as _

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "username", "autofocus": True}),
        error_messages={"required": _("Vul uw gebruikersnaam in.")},
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={**TEXTBOX, "autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De 6 cijfers uit uw authenticator-app, of een herstelcode."),
        widget=forms.TextInput(
            attrs={
                **TEXTBOX,
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
            }
        ),
        error_messages={"required": _("Vul de code in.")},
    )


class SetupTokenForm(TokenForm):
    token = forms.CharField(
        label=_("Code uit de app"),
        max_length=10,
        help_text=_("Vul de 6 cijfers in die de app nu laat zien."),
        widget=forms.TextInput(
            attrs={**TEXTBOX, "autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
        error_messages={"required": _("Vul de code in.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        help_text=_("Deze reden komt in het logboek."),
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
        error_messages={"required": _("Geef een reden op.")},
    )
