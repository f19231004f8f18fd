"""The practice figures in plain Dutch sentences, for the summary page."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .constants import ParticipantGroup, TrainingLevel
from .selectors import ParticipationSummary, TrainingCoverage


def period_text(months: int) -> str:
    """ "3 jaar" for 36 months, "18 maanden" for 18."""
    if months and months % 12 == 0:
        years = months // 12
        return ngettext("%(n)s jaar", "%(n)s jaar", years) % {"n": years}
    return ngettext("%(n)s maand", "%(n)s maanden", months) % {"n": months}


def coverage_sentences(coverage: TrainingCoverage, months: int) -> list[str]:
    period = period_text(months)
    if coverage.first_line_organisations == 0:
        return [
            _(
                "In Schakel staan nog geen eerstelijnsorganisaties van deze gemeente. Er is "
                "dus nog niets te tellen."
            )
        ]
    sentences = [
        ngettext(
            "%(trained)s van de %(total)s eerstelijnsorganisaties heeft in de afgelopen "
            "%(period)s iemand laten trainen.",
            "%(trained)s van de %(total)s eerstelijnsorganisaties hebben in de afgelopen "
            "%(period)s iemand laten trainen.",
            coverage.organisations_trained,
        )
        % {
            "trained": coverage.organisations_trained,
            "total": coverage.first_line_organisations,
            "period": period,
        },
        ngettext(
            "In die tijd is %(n)s professional van deze organisaties getraind.",
            "In die tijd zijn %(n)s professionals van deze organisaties getraind.",
            coverage.professionals_trained,
        )
        % {"n": coverage.professionals_trained},
    ]
    if coverage.professional_accounts:
        sentences.append(
            ngettext(
                "%(trained)s van de %(total)s professionals met een account in Schakel is "
                "getraind.",
                "%(trained)s van de %(total)s professionals met een account in Schakel zijn "
                "getraind.",
                coverage.accounts_trained,
            )
            % {"trained": coverage.accounts_trained, "total": coverage.professional_accounts}
        )
    else:
        sentences.append(
            _("Nog geen professional van deze organisaties heeft een account in Schakel.")
        )
    return sentences


def level_rows(coverage: TrainingCoverage) -> list[tuple[str, int]]:
    return [(str(label), coverage.by_level.get(code, 0)) for code, label in TrainingLevel.choices]


def participation_sentences(summary: ParticipationSummary, months: int) -> list[str]:
    period = period_text(months)
    if summary.activities == 0:
        return [
            _("In de afgelopen %(period)s is geen participatieactiviteit vastgelegd.")
            % {"period": period}
        ]
    without = summary.activities - summary.with_change
    sentences = [
        ngettext(
            "In de afgelopen %(period)s was er %(n)s activiteit.",
            "In de afgelopen %(period)s waren er %(n)s activiteiten.",
            summary.activities,
        )
        % {"period": period, "n": summary.activities},
        ngettext(
            "Er deed %(n)s persoon aan mee.",
            "Er deden samen %(n)s mensen aan mee.",
            summary.participants,
        )
        % {"n": summary.participants},
        _("Bij %(with)s van de %(n)s activiteiten is vastgelegd wat er daardoor veranderde.")
        % {"with": summary.with_change, "n": summary.activities},
    ]
    if without:
        sentences.append(
            ngettext(
                "%(n)s activiteit is nog zonder zichtbaar resultaat.",
                "%(n)s activiteiten zijn nog zonder zichtbaar resultaat.",
                without,
            )
            % {"n": without}
        )
    if summary.latest is not None:
        sentences.append(
            _("De laatste activiteit was op %(day)s.")
            % {"day": date_format(summary.latest, "j F Y")}
        )
    return sentences


def group_rows(summary: ParticipationSummary) -> list[tuple[str, int]]:
    return [(str(label), summary.groups.get(code, 0)) for code, label in ParticipantGroup.choices]
