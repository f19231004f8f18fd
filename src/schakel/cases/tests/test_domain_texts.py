"""The domain layer is plain Python, and its Dutch texts use the field's words, blaming no one."""

import ast
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import product
from pathlib import Path

import pytest

from schakel.cases.domain import closing, decisions, queue, referrals
from schakel.cases.domain.continuity import TransitionPlan
from schakel.cases.domain.locking import CONFLICT_MESSAGE
from schakel.cases.domain.missing import MissingEpisode, episode_problems
from schakel.cases.domain.workflow import TransitionError
from schakel.kennis.domain.terminology import TerminologyChecker, load_default_terms

DOMAIN = Path(__file__).resolve().parent.parent / "domain"
# Words that put the responsibility on the young person.
BLAMING = ("schuld", "weiger", "zelf gekozen", "vrijwillig", "eigen keuze", "waarom ging", "aan?")


@pytest.mark.parametrize("path", sorted(DOMAIN.glob("*.py")), ids=lambda path: path.name)
def test_domain_modules_import_no_django_and_no_other_app(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] if node.level == 0 else []
        else:
            continue
        for name in names:
            assert not name.startswith(("django", "rest_framework", "schakel")), (path, name)


def all_texts() -> list[str]:
    now = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
    today = now.date()
    texts = list(decisions.MESSAGES.values())
    texts += list(decisions.LEGAL_BASIS_LABELS.values())
    texts += TransitionPlan(consent_asked_again=True).missing_parts()
    texts += TransitionPlan().missing_parts()
    texts += list(referrals.REFERRAL_STATUS_LABELS.values())
    texts += list(closing.CASE_STATUS_LABELS.values())
    texts += [reason.label for reason in closing.CLOSING_REASONS]
    texts += list(
        closing.closing_problems(
            "",
            [closing.Aftercare(), closing.Aftercare(until=today)],
            today,
            date_of_birth=date(2008, 1, 1),
            transition_plan=None,
        ).values()
    )
    texts += list(
        closing.closing_problems(
            "x", [], today, date_of_birth=date(2008, 1, 1), transition_plan=None
        ).values()
    )
    texts += episode_problems(now + timedelta(days=1), now, now)
    texts += episode_problems(now, now + timedelta(days=1), now)
    texts += episode_problems(
        now - timedelta(hours=1), None, now, others=[MissingEpisode(start=now)]
    )
    texts += episode_problems(
        now - timedelta(hours=2),
        now - timedelta(hours=1),
        now,
        others=[MissingEpisode(start=now - timedelta(hours=3))],
    )
    for old, new in product(referrals.ReferralStatus, repeat=2):
        try:
            referrals.check_transition(old, new)
        except TransitionError as error:
            texts.append(str(error))
    texts += list(queue.QUEUE_KIND_LABELS.values())
    texts += list(queue.SEVERITY_LABELS.values())
    texts += list(queue.SEVERITY_RULES.values())
    case = queue.QueueCase(
        id=1,
        name_display="A.",
        date_of_birth=date(2008, 4, 1),
        missing_episodes=[MissingEpisode(start=now - timedelta(days=1))],
        open_actions=[queue.OpenAction(1, "Gesprek", today - timedelta(days=3))],
        referrals=[
            queue.QueueReferral(n, status, today - timedelta(days=100), "Fier")
            for n, status in enumerate(referrals.ReferralStatus)
        ],
        new_signals=1,
    )
    items = queue.work_queue(
        [case, replace(case, id=2, date_of_birth=date(2000, 1, 1))], today, now
    )
    texts += [item.label for item in items]
    texts.append(CONFLICT_MESSAGE)
    return texts


def test_there_are_many_texts_to_check():
    assert len(all_texts()) > 60


def test_no_discouraged_or_blaming_words():
    checker = TerminologyChecker(load_default_terms())
    texts = all_texts()
    findings = [(finding.matched, text) for text in texts for finding in checker.check(text)]
    assert findings == []
    blaming = [(word, text) for text in texts for word in BLAMING if word in text.lower()]
    assert blaming == []


def test_no_text_mentions_origin_or_residence_status():
    forbidden = ("nationaliteit", "afkomst", "verblijfsstatus", "etnisch", "asiel")
    assert [text for text in all_texts() if any(word in text.lower() for word in forbidden)] == []
