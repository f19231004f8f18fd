"""Schakel's URLs. Every view names a policy action (see accounts/policy.py)."""

from django.conf import settings
from django.urls import include, path

from schakel.accounts.admin_site import admin_site
from schakel.accounts.decorators import public
from schakel.common import views as common_views

handler400 = "schakel.common.views.bad_request"
handler403 = "schakel.common.views.permission_denied"
handler404 = "schakel.common.views.page_not_found"
handler500 = "schakel.common.views.server_error"

urlpatterns = [
    path("", common_views.home_view, name="home"),
    path("over-schakel/", common_views.about_view, name="about"),
    path("gezond/", common_views.health_view, name="health"),
    path("taal/", common_views.language_view, name="set_language"),
    path("", include("schakel.accounts.urls")),
    path("", include("schakel.geo.urls")),
    path("", include("schakel.audit.urls")),
    path("", include("schakel.routekaart.urls")),
    path("", include("schakel.intake.urls")),
    path("", include("schakel.cases.urls")),
    path("", include("schakel.practice.urls")),
    path("", include("schakel.beleidsscan.urls")),
    path("", include("schakel.monitor.urls")),
    path("", include("schakel.measures.urls")),
    path("", include("schakel.linkage.urls")),
    path("", include("schakel.linkage.urls_crossregion")),
    path("", include("schakel.network.urls")),
    path("api/v1/", include("schakel.api.urls")),
    path("beheer/admin/", admin_site.urls),
]

if settings.SCHAKEL_OIDC_ENABLED:
    from mozilla_django_oidc.views import (
        OIDCAuthenticationCallbackView,
        OIDCAuthenticationRequestView,
    )

    urlpatterns += [
        path(
            "oidc/authenticate/",
            public(OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init",
        ),
        path(
            "oidc/callback/",
            public(OIDCAuthenticationCallbackView.as_view()),
            name="oidc_authentication_callback",
        ),
    ]
