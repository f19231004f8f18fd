"""URLs of linkage across regions (Dutch; never a person in them)."""

from django.urls import path

from . import views_crossregion as views

app_name = "linkage_crossregion"

urlpatterns = [
    path("koppelen/regio-overstijgend/", views.crossregion_overview_view, name="overview"),
    path(
        "koppelen/regio-overstijgend/<int:agreement_id>/aanleveren/",
        views.crossregion_submit_view,
        name="submit",
    ),
    path(
        "koppelen/regio-overstijgend/<int:agreement_id>/koppelronde/",
        views.crossregion_run_view,
        name="run",
    ),
]
