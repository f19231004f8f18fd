from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("me", views.MeView.as_view(), name="me"),
    path("municipalities", views.MunicipalityListView.as_view(), name="municipalities"),
    path("regions", views.RegionListView.as_view(), name="regions"),
    path("schema", views.SchemaView.as_view(), name="schema"),
]
