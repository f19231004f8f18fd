from django.urls import path

from . import cases, signals, views

app_name = "api"

urlpatterns = [
    path("me", views.MeView.as_view(), name="me"),
    path("municipalities", views.MunicipalityListView.as_view(), name="municipalities"),
    path("regions", views.RegionListView.as_view(), name="regions"),
    path("schema", views.SchemaView.as_view(), name="schema"),
    path("route", signals.RouteView.as_view(), name="route"),
    path("routekaart", signals.RouteMapView.as_view(), name="routekaart"),
    path("signals", signals.SignalListView.as_view(), name="signals"),
    path("signals/<int:signal_id>", signals.SignalDetailView.as_view(), name="signal"),
    path("cases", cases.CaseListView.as_view(), name="cases"),
    path("cases/<int:case_id>", cases.CaseDetailView.as_view(), name="case"),
    path("cases/<int:case_id>/decisions", cases.DecisionListView.as_view(), name="case-decisions"),
    path("cases/<int:case_id>/referrals", cases.ReferralListView.as_view(), name="case-referrals"),
    path(
        "cases/<int:case_id>/referrals/<int:referral_id>/status",
        cases.ReferralStatusView.as_view(),
        name="case-referral-status",
    ),
    path(
        "cases/<int:case_id>/missing-episodes",
        cases.MissingEpisodeListView.as_view(),
        name="case-missing-episodes",
    ),
    path(
        "cases/<int:case_id>/missing-episodes/<int:episode_id>/end",
        cases.MissingEpisodeEndView.as_view(),
        name="case-missing-episode-end",
    ),
]
