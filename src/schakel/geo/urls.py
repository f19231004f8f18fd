from django.urls import path

from . import views

app_name = "geo"

urlpatterns = [
    path("gemeenten/", views.municipality_list_view, name="municipality_list"),
    path("regios/", views.region_list_view, name="region_list"),
]
