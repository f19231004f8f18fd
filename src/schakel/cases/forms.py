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
    parents_extra_justification = forms.CharField(
        label=_(
            "De ouders spelen mogelijk een rol in de uitbuiting. Waarom is het toch veilig "
            "en goed om hen te betrekken?"
        ),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
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

    def to_draft(self) -> DecisionDraft:
        """The draft; ``parents_take_part`` is filled in from the case by the service."""
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
            parents_extra_justification=data["parents_extra_justification"],
            shares_data=data["shares_data"],
            shared_with=data["shared_with"],
            legal_basis=data["legal_basis"],
        )


DATE = forms.DateInput(
    attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "type": "date"},
    format="%Y-%m-%d",
)
DATETIME = forms.DateTimeInput(
    attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "type": "datetime-local"},
    format="%Y-%m-%dT%H:%M",
)
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE_ERRORS = {"invalid": _("Vul een datum in als dag-maand-jaar.")}
DATETIME_ERRORS = {"invalid": _("Vul een datum en tijd in.")}
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


def _text(label: str, *, required: bool = False, max_length: int = 300) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs=TEXTBOX),
    )


def _date(label: str, *, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, error_messages=DATE_ERRORS)


class CaseDetailsForm(forms.Form):
    """Who the young person is; saved with optimistic locking (``lock_version`` + ``base``)."""

    given_names = _text(_("Voornamen"), max_length=200)
    roepnaam = _text(_("Roepnaam"), max_length=100)
    tussenvoegsel = _text(_("Tussenvoegsel"), max_length=20)
    surname = _text(_("Achternaam"), max_length=200)
    date_of_birth = _date(_("Geboortedatum"))
    exploitation_types = forms.MultipleChoiceField(
        label=_("Vormen van uitbuiting"),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )
    parents_take_part = forms.BooleanField(
        label=_("De ouders spelen (mogelijk) een rol in de uitbuiting"), required=False
    )
    municipalities = forms.MultipleChoiceField(
        label=_("Betrokken gemeenten"),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )
    base = forms.CharField(widget=forms.HiddenInput, required=False)

    LABELS = {
        "given_names": "Voornamen",
        "roepnaam": "Roepnaam",
        "tussenvoegsel": "Tussenvoegsel",
        "surname": "Achternaam",
        "date_of_birth": "Geboortedatum",
        "exploitation_types": "Vormen van uitbuiting",
        "parents_take_part": "Ouders spelen een rol in de uitbuiting",
        "municipalities": "Betrokken gemeenten",
    }

    def __init__(self, *args, exploitation_choices, municipality_choices, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["exploitation_types"].choices = exploitation_choices
        self.fields["municipalities"].choices = municipality_choices


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=[], widget=forms.Select(attrs=SELECT))
    since = _date(_("Sinds"), required=True)
    note = _text(_("Toelichting"))

    def __init__(self, *args, role_choices, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )


class AttachForm(forms.Form):
    signal_id = forms.IntegerField(
        label=_("Nummer van het signaal"),
        min_value=1,
        widget=forms.NumberInput(attrs=TEXTBOX),
        error_messages={
            "required": _("Vul het nummer van het signaal in."),
            "invalid": _("Vul een nummer in."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom hoort dit signaal bij deze jongere?"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class DetachForm(forms.Form):
    signal_id = forms.TypedChoiceField(
        label=_("Welk signaal?"),
        coerce=int,
        choices=[],
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": _("Kies het signaal dat u wilt loskoppelen.")},
    )
    reason = forms.CharField(
        label=_("Waarom hoort dit signaal niet bij deze jongere?"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args, signal_choices, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["signal_id"].choices = [("", _("— kies —")), *signal_choices]


class ActionForm(forms.Form):
    title = _text(_("Wat moet er gebeuren?"), max_length=200)
    due = _date(_("Uiterlijk op"))


class ReferralForm(forms.Form):
    to_name = _text(_("Naar wie verwijst u?"), max_length=200)
    kind = _text(_("Soort hulp"), max_length=200)
    on = _date(_("Verstuurd op"), required=True)


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Nieuwe stap"), choices=[], widget=forms.Select(attrs=SELECT)
    )
    on = _date(_("Datum"), required=True)
    note = _text(_("Toelichting"))

    def __init__(self, *args, status_choices, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = status_choices


class EpisodeForm(forms.Form):
    start = forms.DateTimeField(
        label=_("Vermist sinds"),
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        error_messages={**DATETIME_ERRORS, "required": _("Vul in sinds wanneer.")},
    )
    end = forms.DateTimeField(
        label=_("Teruggevonden op"),
        required=False,
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        error_messages=DATETIME_ERRORS,
    )
    found_where = _text(_("Waar gevonden"))
    reported_by = _text(_("Gemeld door"), max_length=200)
    note = _text(_("Toelichting"))


class EpisodeEndForm(forms.Form):
    end = forms.DateTimeField(
        label=_("Teruggevonden op"),
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        error_messages={**DATETIME_ERRORS, "required": _("Vul in wanneer.")},
    )
    found_where = _text(_("Waar gevonden"))


class TransitionPlanForm(forms.Form):
    who_takes_over = _text(_("Wie neemt de zorg over na het 18e jaar?"))
    adult_care_arranged = forms.BooleanField(
        label=_("De zorg voor volwassenen is geregeld"), required=False
    )
    consent_asked_again = forms.BooleanField(
        label=_("De jongere is opnieuw om toestemming gevraagd"), required=False
    )
    consent_given = forms.ChoiceField(
        label=_("Heeft de jongere toestemming gegeven?"),
        choices=[("", _("Nog niet bekend")), *YES_NO],
        required=False,
        widget=forms.RadioSelect,
    )
    agreed_on = _date(_("Afgesproken op"))

    def consent(self) -> bool | None:
        return _yes_no(self.cleaned_data["consent_given"])


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom sluit u de casus af?"),
        required=False,
        choices=[],
        widget=forms.Select(attrs=SELECT),
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    aftercare_who = _text(_("Nazorg: wie?"), max_length=200)
    aftercare_until = _date(_("Nazorg: tot wanneer?"))
    aftercare_what = _text(_("Nazorg: welke afspraak?"))

    def __init__(self, *args, reason_choices, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("— kies een reden —")), *reason_choices]


class MemberForm(forms.Form):
    user = forms.TypedChoiceField(
        label=_("Professional"),
        coerce=int,
        choices=[],
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": _("Kies een professional.")},
    )
    sections = forms.MultipleChoiceField(
        label=_("Wat mag dit teamlid zien?"),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )
    until = _date(_("Toegang tot en met"))

    def __init__(self, *args, user_choices, section_choices, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", _("— kies —")), *user_choices]
        self.fields["sections"].choices = section_choices


class EmergencyForm(forms.Form):
    case_id = forms.IntegerField(
        label=_("Casusnummer"),
        min_value=1,
        widget=forms.NumberInput(attrs=TEXTBOX),
        error_messages={
            "required": _("Vul het casusnummer in."),
            "invalid": _("Vul een nummer in."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom hebt u deze casus nu nodig?"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Uw oordeel"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )


class TriageForm(forms.Form):
    acute_danger = forms.BooleanField(label=_("Er is nu direct gevaar"), required=False)
    recent_sexual_violence = forms.BooleanField(
        label=_("Er was seksueel geweld in de afgelopen 7 dagen"), required=False
    )
    parents_involved_in_exploitation = forms.BooleanField(
        label=_("De ouders zijn bij de uitbuiting betrokken"), required=False
    )
