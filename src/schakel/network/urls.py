"""URLs of the context network (Dutch; ids only, never a name, place or number in them)."""

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("netwerk/", views.graph_view, name="graph"),
    path("netwerk/entiteit/<int:pk>/", views.entity_view, name="entity"),
    path("netwerk/entiteit/<int:pk>/naam/", views.rename_view, name="rename"),
    path("netwerk/casus/<int:case_id>/koppelen/", views.attach_case_view, name="attach_case"),
    path(
        "netwerk/signaal/<int:signal_id>/koppelen/",
        views.attach_signal_view,
        name="attach_signal",
    ),
    path("netwerk/koppeling/<int:link_id>/loskoppelen/", views.detach_view, name="detach"),
]
