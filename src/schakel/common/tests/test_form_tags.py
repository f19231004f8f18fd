"""The Python field tags give the same markup as the field templates they stand in for."""

import re

import pytest
from django import forms
from django.template import Context, Template


class Sample(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op school bekend")
    note = forms.CharField(label="Toelichting <b>", required=False)
    heard = forms.ChoiceField(
        label="Gehoord?", choices=[("ja", "Ja"), ("nee", "Nee")], widget=forms.RadioSelect
    )


def _normal(html: str) -> str:
    collapsed = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*<", "<", re.sub(r">\s*", ">", collapsed)).strip()


@pytest.mark.parametrize("bound", [{}, {"name": "", "note": "x", "heard": "misschien"}])
def test_tags_render_like_the_includes(bound):
    form = Sample(bound or None)
    form.is_valid()
    context = Context({"form": form})
    for name, include, tag in (
        ("name", "includes/field.html", "field"),
        ("note", "includes/field.html", "field"),
        ("heard", "includes/radio_field.html", "choice_field"),
    ):
        by_include = Template(
            "{% include '" + include + "' with field=form." + name + " %}"
        ).render(context)
        by_tag = Template("{% load schakel_forms %}{% " + tag + " form." + name + " %}").render(
            context
        )
        assert _normal(by_tag) == _normal(by_include), name
    note = Template("{% load schakel_forms %}{% field form.note %}").render(context)
    assert "Toelichting &lt;b&gt;" in note and "<b>" not in note
