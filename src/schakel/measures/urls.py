"""URLs of the measures registry (Dutch; never a person in them)."""

from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("monitor/maatregelen/", views.measure_list_view, name="list"),
    path("monitor/maatregelen/nieuw/", views.measure_create_view, name="new"),
    path("monitor/maatregelen/<int:pk>/", views.measure_detail_view, name="detail"),
    path("monitor/maatregelen/<int:pk>/wijzigen/", views.measure_edit_view, name="edit"),
    path("monitor/maatregelen/<int:pk>/verwijderen/", views.measure_delete_view, name="delete"),
]
