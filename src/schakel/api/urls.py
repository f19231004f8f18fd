from django.urls import path

from . import signals, views

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
]
