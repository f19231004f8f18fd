"""One exception hierarchy with machine-readable codes, mapped to HTTP and Dutch messages."""

from django.utils.translation import gettext_lazy as _


class SchakelError(Exception):
    """Base of all domain errors: a stable code, an HTTP status and a Dutch message."""

    code = "error"
    http_status = 400
    default_message = _("Er ging iets mis.")

    def __init__(
        self, message: str | None = None, *, code: str | None = None, field: str | None = None
    ) -> None:
        self.message = str(message) if message is not None else str(self.default_message)
        self.field = field  # the form field the message belongs next to, if any
        if code is not None:
            self.code = code
        super().__init__(self.message)


class NotFoundOrForbidden(SchakelError):
    """Raised both when a thing does not exist and when the user may not see it.

    Need-to-know: the caller must not learn which of the two it was.
    """

    code = "not_found"
    http_status = 404
    default_message = _("Deze pagina of dit gegeven bestaat niet, of u heeft er geen toegang toe.")


class DomainValidationError(SchakelError):
    code = "invalid"
    http_status = 400
    default_message = _("De gegevens zijn niet volledig of niet juist.")


class ConflictError(SchakelError):
    code = "conflict"
    http_status = 409
    default_message = _("Iemand anders heeft dit intussen gewijzigd.")


class MfaRequired(SchakelError):
    code = "mfa_required"
    http_status = 403
    default_message = _(
        "Voor dit deel van Schakel is tweestapsverificatie nodig. Log in met uw code."
    )
