"""Turn domain errors raised in views into the right Dutch page."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .exceptions import NotFoundOrForbidden, SchakelError


class SchakelErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None  # the API's exception handler answers in JSON
        if isinstance(exception, NotFoundOrForbidden):
            return render(request, "404.html", status=404)
        if isinstance(exception, SchakelError):
            return render(
                request, "error.html", {"message": exception.message}, status=exception.http_status
            )
        return None
