"""Form fields as NL Design System markup, rendered in Python.

The same HTML as ``includes/field.html`` and ``includes/radio_field.html``, for pages with many
fields: an ``{% include %}`` per field costs a template context each time, which adds up on the
case page. Everything is escaped with ``format_html``.
"""

from django import template
from django.forms import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _errors(field: BoundField, element_id: str, css: str) -> SafeString:
    if not field.errors:
        return mark_safe("")
    text = format_html_join("", "{} ", ((error,) for error in field.errors))
    return format_html('<div class="{}"{}>{}</div>', css, element_id, text)


@register.simple_tag
def field(bound: BoundField) -> SafeString:
    """A labelled input with its help text and errors (see includes/field.html)."""
    optional = ""
    if not bound.field.required and getattr(bound.form, "show_optional", True) is not False:
        optional = format_html(' <span class="schakel-optional">({})</span>', _("niet verplicht"))
    help_text = (
        format_html(
            '<div class="utrecht-form-field__description utrecht-form-field-description" '
            'id="{}_helptext">{}</div>',
            bound.auto_id,
            bound.help_text,
        )
        if bound.help_text
        else ""
    )
    errors = _errors(
        bound,
        format_html(' id="{}_error"', bound.auto_id),
        "utrecht-form-field__error-message utrecht-form-field-error-message",
    )
    return format_html(
        '<div class="utrecht-form-field{}">'
        '<p class="utrecht-form-field__label">'
        '<label class="utrecht-form-label" for="{}">{}{}</label></p>{}{}'
        '<div class="utrecht-form-field__input">{}</div></div>',
        " utrecht-form-field--invalid" if bound.errors else "",
        bound.id_for_label,
        bound.label,
        optional,
        help_text,
        errors,
        bound.as_widget(),
    )


@register.simple_tag
def choice_field(bound: BoundField) -> SafeString:
    """Radio buttons or checkboxes in a fieldset with a legend (see includes/radio_field.html)."""
    ids = [f"{bound.auto_id}_helptext"] if bound.help_text else []
    ids += [f"{bound.auto_id}_error"] if bound.errors else []
    described = format_html(' aria-describedby="{}"', " ".join(ids)) if ids else ""
    help_text = (
        format_html(
            '<div class="utrecht-form-field-description" id="{}_helptext">{}</div>',
            bound.auto_id,
            bound.help_text,
        )
        if bound.help_text
        else ""
    )
    choices = format_html_join(
        "",
        '<div class="schakel-choice">{} <label for="{}">{}</label></div>',
        ((choice.tag(), choice.id_for_label, choice.choice_label) for choice in bound),
    )
    return format_html(
        '<fieldset class="utrecht-form-fieldset schakel-radios{}"{}>'
        '<legend class="utrecht-form-fieldset__legend utrecht-form-label">{}</legend>{}{}{}'
        "</fieldset>",
        " utrecht-form-field--invalid" if bound.errors else "",
        described,
        bound.label,
        help_text,
        _errors(
            bound, format_html(' id="{}_error"', bound.auto_id), "utrecht-form-field-error-message"
        ),
        choices,
    )
