"""Start page, health check, language switch and the Dutch error pages."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.i18n import set_language

from schakel.accounts.decorators import public, require_policy
from schakel.accounts.policy import Action


@require_policy(Action.HOME_VIEW)
def home_view(request: HttpRequest) -> HttpResponse:
    from schakel.cases.selectors import emergency_unreviewed_count

    return render(
        request,
        "home.html",
        {
            "role_label": request.user.get_role_display(),
            "emergency_to_review": emergency_unreviewed_count(user=request.user),
        },
    )


@public
def health_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@public
def language_view(request: HttpRequest) -> HttpResponse:
    return set_language(request)


@public
def about_view(request: HttpRequest) -> HttpResponse:
    return render(request, "about.html")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A bare render: the context processors may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "", **kwargs: Any) -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
