"""Writes on the word lists: load the defaults (editable afterwards in the admin)."""

from pathlib import Path

from django.db import transaction

from .domain.terminology import load_terms
from .models import Term

TERMS_PATH = Path(__file__).parent / "data" / "terms.yaml"


@transaction.atomic
def terms_load_defaults(*, path: Path = TERMS_PATH) -> int:
    """Add default terms that are missing; terms someone edited are left as they are."""
    created = 0
    for term in load_terms(path.read_text(encoding="utf-8")):
        _obj, was_created = Term.objects.get_or_create(
            term=term.term,
            defaults={
                "suggestion": term.suggestion,
                "kind": term.kind,
                "explanation": term.explanation,
                "patterns": list(term.patterns),
            },
        )
        created += was_created
    return created
