"""The intake form: what a professional noticed, in under three minutes."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.geo.models import District
from schakel.geo.selectors import municipality_list

from .constants import ExploitationType, MeldcodeAnswer, MunicipalityRole
from .domain.person import bsn_is_valid, normalise_postcode
from .models import Gender
from .services import SignalInput

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
TEXTAREA = {"class": "utrecht-textarea", "rows": 4}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}

TRI_STATE = [("ja", _("Ja")), ("nee", _("Nee")), ("onbekend", _("Weet ik niet"))]
_TRI_VALUE = {"ja": True, "nee": False, "onbekend": None, "": None}


class TriStateField(forms.ChoiceField):
    """Yes / no / don't know: 'don't know' is stored as unknown (None)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", "onbekend")
        super().__init__(choices=TRI_STATE, widget=forms.RadioSelect, **kwargs)

    def clean(self, value: Any) -> bool | None:
        return _TRI_VALUE[super().clean(value) or ""]


def tri_state_initial(value: bool | None) -> str:
    return {True: "ja", False: "nee", None: "onbekend"}[value]


def _municipality_choices() -> list[tuple[str, str]]:
    return [("", _("— kies een gemeente —"))] + [(m.code, m.name) for m in municipality_list()]


def _district_choices(
    user: Any, residence_code: str
) -> tuple[list[tuple[str, Any]], dict[str, str]]:
    """The districts of the municipalities of the user's regions (and of the residence already
    chosen), grouped per municipality so that a plain select works without JavaScript; and
    per district code the code of its municipality."""
    area = District.objects.none()
    if user is not None and user.is_authenticated:
        area = District.objects.filter(municipality__regions__users=user) | District.objects.filter(
            municipality__users=user
        )
    if residence_code:
        area = area | District.objects.filter(municipality__code=residence_code)
    districts = (
        District.objects.filter(pk__in=area.values("pk"))
        .select_related("municipality")
        .order_by("municipality__name", "code")
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    municipality_of: dict[str, str] = {}
    for district in districts:
        groups.setdefault(district.municipality.name, []).append((district.code, district.name))
        municipality_of[district.code] = district.municipality.code
    choices: list[tuple[str, Any]] = [("", _("— weet ik niet, of niet ingevuld —"))]
    return choices + list(groups.items()), municipality_of


class IntakeForm(forms.Form):
    show_optional = False  # everything is optional here; the page says so once
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    reporter_function = forms.CharField(
        label=_("Uw functie"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld mentor, jongerenwerker of huisarts."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    identity = forms.ChoiceField(
        label=_("Weet u wie de jongere is?"),
        choices=[
            ("identified", _("Ja, ik vul de gegevens van de jongere in")),
            ("anonymous", _("Nee, of ik wil eerst anoniem overleggen")),
        ],
        initial="identified",
        widget=forms.RadioSelect,
        help_text=_(
            "Bij anoniem overleg slaat Schakel niets op waarmee de jongere te herkennen is."
        ),
    )
    given_names = forms.CharField(
        label=_("Voornamen"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
    )
    roepnaam = forms.CharField(
        label=_("Roepnaam"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
    )
    tussenvoegsel = forms.CharField(
        label=_("Tussenvoegsel"),
        required=False,
        max_length=20,
        help_text=_("Bijvoorbeeld van der."),
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
    )
    surname = forms.CharField(
        label=_("Achternaam"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
    )
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2010-03-14.")},
    )
    age = forms.IntegerField(
        label=_("Leeftijd"),
        required=False,
        min_value=0,
        max_value=25,
        help_text=_("Als u de geboortedatum niet weet."),
        widget=forms.NumberInput(attrs=TEXTBOX),
        error_messages={
            "invalid": _("Vul een leeftijd in jaren in."),
            "min_value": _("De leeftijd kan niet negatief zijn."),
            "max_value": _("Schakel is voor jongeren tot en met 25 jaar."),
        },
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
    )
    house_number = forms.CharField(
        label=_("Huisnummer"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
    )
    street = forms.CharField(
        label=_("Straat"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
    )
    place = forms.CharField(
        label=_("Woonplaats"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer van de jongere"),
        required=False,
        max_length=20,
        help_text=_("Alleen als u het weet. Helpt om signalen over dezelfde jongere te vinden."),
        widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off", "inputmode": "tel"}),
    )
    school = forms.CharField(
        label=_("School"), required=False, max_length=200, widget=forms.TextInput(attrs=TEXTBOX)
    )
    gender = forms.ChoiceField(
        label=_("Is de jongere een meisje, een jongen of anders?"),
        required=False,
        choices=[("", _("Weet ik niet, of zeg ik liever niet")), *Gender.choices],
        initial="",
        widget=forms.RadioSelect,
        help_text=_(
            "Dit vragen we alleen om in de monitor te tellen welke groepen jongeren het "
            "betreft. Weet u het niet? Laat het dan leeg."
        ),
    )
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=9,
        help_text=_("Alleen als uw organisatie het BSN mag verwerken."),
        widget=forms.TextInput(attrs={**TEXTBOX, "inputmode": "numeric", "autocomplete": "off"}),
    )
    residence = forms.ChoiceField(
        label=_("Woonplaats van de jongere"), required=False, widget=forms.Select(attrs=SELECT)
    )
    district = forms.ChoiceField(
        label=_("Wijk van de woonplaats"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_(
            "Kies een wijk van de woonplaats hierboven. De wijk gebruiken we alleen om in de "
            "monitor te tellen. Weet u het niet? Laat het dan leeg."
        ),
        error_messages={"invalid_choice": _("Kies een wijk uit de lijst, of laat de wijk leeg.")},
    )
    school_municipality = forms.ChoiceField(
        label=_("Gemeente van school of werk"), required=False, widget=forms.Select(attrs=SELECT)
    )
    exploitation_municipality = forms.ChoiceField(
        label=_("Gemeente waar de uitbuiting (vermoedelijk) gebeurt"),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    exploitation_types = forms.MultipleChoiceField(
        label=_("Om welke vorm van uitbuiting gaat het (vermoedelijk)?"),
        required=False,
        choices=ExploitationType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Meerdere antwoorden mogelijk. Weet u het niet? Laat dit leeg."),
    )
    online = TriStateField(label=_("Speelt het (ook) online, bijvoorbeeld via sociale media?"))
    indicators = forms.MultipleChoiceField(
        label=_("Wat heeft u gezien of gehoord?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    acute_danger = TriStateField(label=_("Is de jongere nu of de komende dagen in direct gevaar?"))
    assault_recent = TriStateField(label=_("Is er in de afgelopen dagen seksueel geweld geweest?"))
    sexual_assault_days_ago = forms.IntegerField(
        label=_("Hoeveel dagen geleden?"),
        required=False,
        min_value=0,
        max_value=365,
        widget=forms.NumberInput(attrs=TEXTBOX),
        error_messages={
            "invalid": _("Vul een aantal dagen in."),
            "min_value": _("Vul 0 of meer dagen in."),
        },
    )
    missing_now = TriStateField(label=_("Is de jongere nu vermist?"))
    missing_episodes_90d = forms.IntegerField(
        label=_("Hoe vaak was de jongere de laatste 3 maanden vermist?"),
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs=TEXTBOX),
        error_messages={"invalid": _("Vul een aantal in.")},
    )
    structural_unsafety = TriStateField(
        label=_("Is de jongere thuis of in de omgeving langere tijd onveilig?")
    )
    disclosure = TriStateField(label=_("Heeft de jongere het zelf aan u verteld?"))
    youth_view = forms.CharField(
        label=_("Wat zegt de jongere zelf, en wat wil hij of zij?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Schrijf het zo letterlijk mogelijk op."),
    )
    wants_anonymity = TriStateField(label=_("Vraagt de jongere dat er niets gebeurt?"))
    also_offender = TriStateField(
        label=_("Zet de jongere zelf ook anderen onder druk of werft hij of zij anderen?")
    )
    parents_involved = TriStateField(
        label=_("Zijn ouders of verzorgers betrokken bij de uitbuiting?")
    )
    parents_role = forms.CharField(
        label=_("Wat weet u over de rol van de ouders?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
    )
    description = forms.CharField(
        label=_("Beschrijf wat u heeft gezien of gehoord"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 6}),
        help_text=_(
            "Feitelijk: wat, wanneer, waar. "
            "Schakel wijst u op woorden die we liever niet gebruiken."
        ),
    )

    def __init__(
        self,
        *args: Any,
        indicator_groups: list[dict[str, Any]],
        may_process_bsn: bool,
        user: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = _municipality_choices()
        for name in ("residence", "school_municipality", "exploitation_municipality"):
            self.fields[name].choices = choices
        residence = self.data.get("residence") if self.is_bound else self.initial.get("residence")
        self.fields["district"].choices, self._district_municipality = _district_choices(
            user, str(residence or "")
        )
        self.fields["indicators"].choices = [
            (item.code, item.label) for group in indicator_groups for item in group["items"]
        ]
        self.indicator_groups = indicator_groups
        if not may_process_bsn:
            del self.fields["bsn"]

    def clean_date_of_birth(self) -> date | None:
        value: date | None = self.cleaned_data.get("date_of_birth")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(_("De geboortedatum kan niet in de toekomst liggen."))
        return value

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone", "").strip()
        digits = [ch for ch in value if ch.isdigit()]
        if value and (
            any(not (ch.isdigit() or ch in " +-()") for ch in value) or not 6 <= len(digits) <= 15
        ):
            raise forms.ValidationError(_("Vul een telefoonnummer in zoals 06 12345678."))
        return value

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "").strip()
        if not value:
            return ""
        normal = normalise_postcode(value)
        if normal is None:
            raise forms.ValidationError(_("Vul een postcode in zoals 1234 AB."))
        return normal

    def clean_bsn(self) -> str:
        value = self.cleaned_data.get("bsn", "").strip()
        if value and not bsn_is_valid(value):
            raise forms.ValidationError(_("Dit is geen geldig BSN (9 cijfers, elfproef)."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("assault_recent") and data.get("sexual_assault_days_ago") is None:
            self.add_error(
                "sexual_assault_days_ago",
                _("Hoeveel dagen geleden ongeveer? Een schatting is goed."),
            )
        district = data.get("district")
        if district and "residence" in data:
            if not data["residence"]:
                self.add_error(
                    "district",
                    _("Kies ook de woonplaats van de jongere, of laat de wijk leeg."),
                )
            elif self._district_municipality.get(district) != data["residence"]:
                self.add_error(
                    "district",
                    _(
                        "Deze wijk hoort niet bij de gekozen woonplaats. Kies een wijk van de "
                        "woonplaats, of laat de wijk leeg."
                    ),
                )
        return data

    def to_input(self) -> SignalInput:
        data = self.cleaned_data
        places = [
            (data[name], role)
            for name, role in (
                ("residence", MunicipalityRole.RESIDENCE),
                ("school_municipality", MunicipalityRole.SCHOOL),
                ("exploitation_municipality", MunicipalityRole.EXPLOITATION),
            )
            if data.get(name)
        ]
        return SignalInput(
            reporter_function=data["reporter_function"],
            is_anonymous=data["identity"] == "anonymous",
            given_names=data["given_names"],
            roepnaam=data["roepnaam"],
            tussenvoegsel=data["tussenvoegsel"],
            surname=data["surname"],
            date_of_birth=data["date_of_birth"],
            age=data["age"],
            postcode=data["postcode"],
            house_number=data["house_number"],
            street=data["street"],
            place=data["place"],
            phone=data["phone"],
            school=data["school"],
            bsn=data.get("bsn", ""),
            gender=data["gender"],
            district=data["district"],
            places=places,
            exploitation_types=list(data["exploitation_types"]),
            online=data["online"],
            acute_danger=data["acute_danger"],
            structural_unsafety=data["structural_unsafety"],
            disclosure=data["disclosure"],
            sexual_assault_days_ago=(
                data["sexual_assault_days_ago"] if data["assault_recent"] else None
            ),
            missing_now=data["missing_now"],
            missing_episodes_90d=data["missing_episodes_90d"],
            also_offender=data["also_offender"],
            wants_anonymity=data["wants_anonymity"],
            parents_involved=data["parents_involved"],
            indicator_codes=list(data["indicators"]),
            youth_view=data["youth_view"],
            parents_role=data["parents_role"],
            description=data["description"],
        )


def initial_from_signal(signal: Any) -> dict[str, Any]:
    """Fill the form from a saved draft."""
    places = {p.role: p.municipality.code for p in signal.places.all()}
    initial = {
        name: getattr(signal, name)
        for name in (
            "submission_key",
            "reporter_function",
            "given_names",
            "roepnaam",
            "tussenvoegsel",
            "surname",
            "date_of_birth",
            "age",
            "postcode",
            "house_number",
            "street",
            "place",
            "phone",
            "school",
            "bsn",
            "gender",
            "exploitation_types",
            "sexual_assault_days_ago",
            "missing_episodes_90d",
            "youth_view",
            "parents_role",
            "description",
        )
    }
    for name in (
        "online",
        "acute_danger",
        "structural_unsafety",
        "disclosure",
        "missing_now",
        "wants_anonymity",
        "also_offender",
        "parents_involved",
    ):
        initial[name] = tri_state_initial(getattr(signal, name))
    initial["assault_recent"] = tri_state_initial(
        None if signal.sexual_assault_days_ago is None else True
    )
    initial["identity"] = "anonymous" if signal.is_anonymous else "identified"
    initial["indicators"] = signal.indicator_codes
    initial["residence"] = places.get(MunicipalityRole.RESIDENCE, "")
    initial["district"] = signal.district.code if signal.district_id else ""
    initial["school_municipality"] = places.get(MunicipalityRole.SCHOOL, "")
    initial["exploitation_municipality"] = places.get(MunicipalityRole.EXPLOITATION, "")
    return initial


class MeldcodeStepForm(forms.Form):
    number = forms.TypedChoiceField(
        label=_("Stap"),
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        choices=[(i, str(i)) for i in range(1, 6)],
    )
    done_on = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}),
        error_messages={
            "required": _("Vul de datum in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    notes = forms.CharField(
        label=_("Wat heeft u gedaan?"),
        max_length=4000,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
        error_messages={"required": _("Schrijf kort op wat u in deze stap heeft gedaan.")},
    )


class MeldcodeDecisionForm(forms.Form):
    question_code = forms.CharField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        label=_("Antwoord"),
        choices=MeldcodeAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    reasoning = forms.CharField(
        label=_("Onderbouwing"),
        max_length=4000,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 2}),
        error_messages={"required": _("Onderbouw uw antwoord: waarom ja of nee?")},
    )


class ConcludeForm(forms.Form):
    reported_to_veilig_thuis = forms.TypedChoiceField(
        label=_("Heeft u gemeld bij Veilig Thuis?"),
        choices=[("ja", _("Ja, ik heb gemeld")), ("nee", _("Nee"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    override_reason = forms.CharField(
        label=_("Waarom meldt u (nog) niet?"),
        required=False,
        max_length=4000,
        help_text=_(
            "Verplicht als melden nodig is volgens het afwegingskader. De zorgcoördinator ziet dit."
        ),
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
    )


class HintForm(forms.Form):
    description = forms.CharField(required=False, max_length=8000)
