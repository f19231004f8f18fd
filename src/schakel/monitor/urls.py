"""URLs of the monitor (Dutch; only places, periods and codes in them, never a person)."""

from django.urls import path

from . import views

app_name = "monitor"

urlpatterns = [
    path("monitor/", views.startfoto_view, name="startfoto"),
    path("monitor/startfoto.csv", views.startfoto_csv_view, name="startfoto_csv"),
    path("monitor/regio/", views.region_view, name="region"),
]
