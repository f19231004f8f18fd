"""Forms of the beleidsscan: upload, practice questions, one tip of the rubric."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Answer
from .domain.extract import KINDS, MAX_BYTES
from .domain.rubric import FEATURES, Tip

TEXTAREA = {"class": "utrecht-textarea", "rows": 3}
TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
ACCEPT = ",".join(sorted(KINDS))

FEATURE_LABELS = {
    "routekaart": _("Routekaart"),
    "signaal": _("Signaal doorgeven"),
    "casussen": _("Casussen"),
    "werkvoorraad": _("Werkvoorraad van de zorgcoördinator"),
    "monitor": _("Monitor"),
    "beleidsscan": _("Beleidsscan"),
    "trainingsregister": _("Trainingsregister"),
    "participatie": _("Participatie"),
    "logboek": _("Logboek"),
}


class MunicipalityChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class UploadForm(forms.Form):
    municipality = MunicipalityChoiceField(
        label=_("Gemeente"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    title = forms.CharField(
        label=_("Titel van het document"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("Bijvoorbeeld: Aanpak mensenhandel 2026-2029. Leeg: de bestandsnaam."),
    )
    document_date = forms.DateField(
        label=_("Datum van het document"),
        required=False,
        widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}),
        help_text=_("Wanneer het is vastgesteld of verschenen."),
    )
    file = forms.FileField(
        label=_("Bestand"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT, "class": "utrecht-textbox"}),
        help_text=_(
            "PDF, Word (DOCX), OpenDocument (ODT), HTML of tekst (TXT), tot %(mb)s MB en 500 "
            "pagina's. Het bestand zelf bewaren we niet, alleen de uitkomst."
        )
        % {"mb": MAX_BYTES // (1024 * 1024)},
        error_messages={
            "required": _("Kies het bestand dat u wilt laten scannen."),
            "empty": _("Het bestand is leeg."),
        },
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)s MB. Deel het op of maak het kleiner."),
                params={"mb": MAX_BYTES // (1024 * 1024)},
            )
        return upload


ANSWER_CHOICES = Answer.choices


class QuestionForm(forms.Form):
    """One practice question (used with a prefix per question)."""

    answer = forms.ChoiceField(
        label=_("Antwoord"), choices=ANSWER_CHOICES, required=False, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={**TEXTAREA, "rows": 2})
    )
    evidence = forms.CharField(
        label=_("Bewijs: link of vindplaats"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("Bijvoorbeeld een link naar het convenant of 'raadsbesluit 12-03-2026'."),
    )

    def __init__(self, *args: Any, question: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["answer"].label = question.text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("answer") and (data.get("explanation") or data.get("evidence")):
            self.add_error("answer", _("Kies een antwoord bij uw toelichting."))
        return data


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class TipForm(forms.Form):
    """One tip of the rubric. Lists are one item per line."""

    title = forms.CharField(label=_("Titel"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX))
    explanation = forms.CharField(
        label=_("Uitleg in eigen woorden"), widget=forms.Textarea(attrs={**TEXTAREA, "rows": 5})
    )
    criterion_0 = forms.CharField(
        label=_("Score 0 (afwezig) als…"), widget=forms.Textarea(attrs=TEXTAREA)
    )
    criterion_1 = forms.CharField(
        label=_("Score 1 (genoemd) als…"), widget=forms.Textarea(attrs=TEXTAREA)
    )
    criterion_2 = forms.CharField(
        label=_("Score 2 (concreet) als…"), widget=forms.Textarea(attrs=TEXTAREA)
    )
    gap_hint = forms.CharField(
        label=_("Wat er vaak ontbreekt"), widget=forms.Textarea(attrs=TEXTAREA)
    )
    actions = forms.CharField(
        label=_("Aanbevolen acties"),
        help_text=_("Eén actie per regel."),
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 5}),
    )
    questions = forms.CharField(
        label=_("Vragen over de praktijk"),
        help_text=_(
            "Eén vraag per regel. Een vraag houdt haar antwoorden als u alleen de volgorde "
            "verandert of de tekst op dezelfde plek aanpast."
        ),
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 4}),
    )
    topic_phrases = forms.CharField(
        label=_("Woorden die bij dit onderwerp horen"),
        help_text=_("Eén woord of woordgroep per regel; vervoegingen worden vanzelf herkend."),
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 8}),
    )
    concrete_phrases = forms.CharField(
        label=_("Woorden die op een concrete maatregel wijzen"),
        help_text=_("Eén per regel, naast de algemene woorden zoals budget, termijn en convenant."),
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 6}),
    )
    elements = forms.CharField(
        label=_("Wat een 2 vraagt"),
        help_text=_(
            "Eén onderdeel per regel: de naam, een dubbele punt en dan de woorden waaraan u het "
            "herkent, gescheiden door puntkomma's. Bijvoorbeeld: de Meldcode: meldcode; "
            "afwegingskader. Leeg laten mag."
        ),
        required=False,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 6}),
    )
    elements_for_2 = forms.IntegerField(
        label=_("Hoeveel van die onderdelen een beleid moet noemen voor een 2"),
        help_text=_("Leeg laten: allemaal."),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs=TEXTBOX),
    )
    features = forms.MultipleChoiceField(
        label=_("Functies van Schakel die helpen"),
        choices=sorted((code, FEATURE_LABELS[code]) for code in FEATURES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Wat verandert er, en waarom?"),
        max_length=300,
        widget=forms.TextInput(attrs=TEXTBOX),
        help_text=_("Dit komt in de geschiedenis van de rubriek."),
    )

    @classmethod
    def initial_for(cls, tip: Tip, version: int) -> dict[str, Any]:
        return {
            "base_version": version,
            "title": tip.title,
            "explanation": tip.explanation,
            "criterion_0": tip.criteria.get(0, ""),
            "criterion_1": tip.criteria.get(1, ""),
            "criterion_2": tip.criteria.get(2, ""),
            "gap_hint": tip.gap_hint,
            "actions": "\n".join(tip.actions),
            "questions": "\n".join(q.text for q in tip.questions),
            "topic_phrases": "\n".join(tip.topic_phrases),
            "concrete_phrases": "\n".join(tip.concrete_phrases),
            "elements": "\n".join(
                f"{element.name}: {'; '.join(element.phrases)}" for element in tip.elements
            ),
            "elements_for_2": tip.elements_for_2 if tip.elements else "",
            "features": list(tip.features),
        }

    def clean_elements(self) -> list[dict[str, Any]]:
        elements, problems = [], []
        for number, line in enumerate(_lines(self.cleaned_data["elements"]), start=1):
            name, colon, words = line.partition(":")
            phrases = [word.strip() for word in words.split(";") if word.strip()]
            if not colon or not name.strip() or not phrases:
                problems.append(
                    _(
                        "Regel %(n)s: schrijf de naam, een dubbele punt en daarna de woorden, "
                        "gescheiden door puntkomma's."
                    )
                    % {"n": number}
                )
                continue
            elements.append({"name": name.strip(), "phrases": phrases})
        if problems:
            raise forms.ValidationError(problems)
        return elements

    def changes(self, tip: Tip, used_codes: set[str]) -> dict[str, Any]:
        """The tip's fields as the rubric's YAML holds them, with question codes kept."""
        data = self.cleaned_data
        questions = [
            {"code": code, "text": text}
            for code, text in question_codes(tip, _lines(data["questions"]), used_codes)
        ]
        return {
            "title": data["title"].strip(),
            "explanation": " ".join(data["explanation"].split()),
            "criteria": {
                score: " ".join(data[f"criterion_{score}"].split()) for score in (0, 1, 2)
            },
            "gap_hint": " ".join(data["gap_hint"].split()),
            "actions": _lines(data["actions"]),
            "questions": questions,
            "topic_phrases": _lines(data["topic_phrases"]),
            "concrete_phrases": _lines(data["concrete_phrases"]),
            "elements": data["elements"],
            "elements_for_2": (
                len(data["elements"]) if data["elements_for_2"] is None else data["elements_for_2"]
            ),
            "features": list(data["features"]),
        }


def question_codes(tip: Tip, lines: list[str], used_codes: set[str]) -> list[tuple[str, str]]:
    """A code per question line. Answers are stored under the code, so a question keeps its
    code when only its place changes (same text) or when it is reworded in its place; a new
    question gets a code never used before (not in any rubric version or answer)."""
    by_text = {question.text: question.code for question in tip.questions}
    own = set(by_text.values())
    kept = {by_text[line] for line in lines if line in by_text}
    taken = (set(used_codes) - own) | kept  # own codes not kept may be reused in place
    never_new = set(used_codes) | own
    out = []
    for index, line in enumerate(lines):
        code = by_text.get(line)
        if code is None and index < len(tip.questions):
            candidate = tip.questions[index].code
            if candidate not in taken:
                code = candidate
        if code is None:
            number = 1
            while f"t{tip.number}-v{number}" in taken | never_new:
                number += 1
            code = f"t{tip.number}-v{number}"
        taken.add(code)
        out.append((code, line))
    return out
