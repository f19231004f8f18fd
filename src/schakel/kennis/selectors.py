"""The terminology checker built from the editable word list (one implementation)."""

from functools import lru_cache

from django.db.models import Count, Max

from .domain.terminology import Term as TermSpec
from .domain.terminology import TerminologyChecker
from .models import Term


@lru_cache(maxsize=4)
def _checker(_version: tuple[object, ...]) -> TerminologyChecker:
    specs = [
        TermSpec(
            term=t.term,
            suggestion=t.suggestion,
            kind=t.kind,
            explanation=t.explanation,
            patterns=tuple(t.patterns),
        )
        for t in Term.objects.filter(active=True).order_by("term")
    ]
    return TerminologyChecker(specs)


def terminology_checker() -> TerminologyChecker:
    """Rebuilt only when the list changes (count and last edit form the cache key)."""
    version = Term.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return _checker((version["n"], version["last"]))
