"""URLs of same-person linkage (Dutch; ids only, never a name)."""

from django.urls import path

from . import views

app_name = "linkage"

urlpatterns = [
    path("koppelen/", views.suggestion_list_view, name="list"),
    path("koppelen/<int:pk>/", views.suggestion_detail_view, name="detail"),
]
