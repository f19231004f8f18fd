"""API errors as JSON {"code", "message"} with Dutch messages, never a stack trace."""

from typing import Any

from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from schakel.common.exceptions import NotFoundOrForbidden, SchakelError

_MESSAGES = {
    "not_authenticated": "Log eerst in.",
    "authentication_failed": "Inloggen is mislukt.",
    "permission_denied": "U heeft hier geen toegang toe.",
    "not_found": NotFoundOrForbidden.default_message,
    "method_not_allowed": "Deze methode is hier niet toegestaan.",
    "parse_error": "De JSON in het verzoek is niet leesbaar.",
    "unsupported_media_type": "Stuur JSON (Content-Type: application/json).",
    "throttled": "Te veel verzoeken. Probeer het later opnieuw.",
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, SchakelError):
        return Response({"code": exc.code, "message": exc.message}, status=exc.http_status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "code": "invalid",
            "message": "De gegevens zijn niet volledig of niet juist.",
            "fields": exc.detail,
        }
        return response
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.NotAuthenticated):
        response.status_code = status.HTTP_401_UNAUTHORIZED
    response.data = {"code": code, "message": str(_MESSAGES.get(code, "Er ging iets mis."))}
    return response
