"""Forms for the care coordinator's case work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import LEGAL_BASIS_CHOICES
from .domain.decisions import DecisionDraft

TEXTAREA = {"class": "utrecht-textarea", "rows": 3}
TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


def _yes_no(value: str | None) -> bool | None:
    return {"ja": True, "nee": False}.get(value or "")


class DecisionForm(forms.Form):
    """All parts are checked by the domain rule, so the messages say exactly what is missing."""

    what = forms.CharField(
        label=_("Wat is besloten?"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    why = forms.CharField(label=_("Waarom?"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    child_heard = forms.ChoiceField(
        label=_("Is de jongere gehoord?"), choices=YES_NO, required=False, widget=forms.RadioSelect
    )
    child_view = forms.CharField(
        label=_("Wat vindt de jongere zelf? (in eigen woorden)"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    child_not_heard_reason = forms.CharField(
        label=_("Zo niet: waarom niet?"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    best_interest = forms.CharField(
        label=_("Wat is het belang van de jongere?"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    parents_involved = forms.ChoiceField(
        label=_("Worden de ouders betrokken?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )
    parents_reason = forms.CharField(
        label=_("Waarom wel of niet?"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    shares_data = forms.BooleanField(label=_("Er worden gegevens gedeeld"), required=False)
    shared_with = forms.CharField(
        label=_("Met wie?"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )
    legal_basis = forms.ChoiceField(
        label=_("Op welke grond?"),
        required=False,
        choices=[("", _("— kies een grond —")), *LEGAL_BASIS_CHOICES],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )

    def to_draft(self, *, parents_take_part: bool) -> DecisionDraft:
        data = self.cleaned_data
        return DecisionDraft(
            what=data["what"],
            why=data["why"],
            child_heard=_yes_no(data["child_heard"]),
            child_view=data["child_view"],
            child_not_heard_reason=data["child_not_heard_reason"],
            best_interest=data["best_interest"],
            parents_involved=_yes_no(data["parents_involved"]),
            parents_reason=data["parents_reason"],
            parents_take_part=parents_take_part,
            shares_data=data["shares_data"],
            shared_with=data["shared_with"],
            legal_basis=data["legal_basis"],
        )
