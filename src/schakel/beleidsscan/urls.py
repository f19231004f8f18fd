from django.urls import path

from . import views

app_name = "beleidsscan"

urlpatterns = [
    path("beleidsscan/", views.scan_list_view, name="list"),
    path("beleidsscan/nieuw/", views.scan_new_view, name="new"),
    path("beleidsscan/<int:scan_id>/", views.scan_detail_view, name="detail"),
    path("beleidsscan/<int:scan_id>/pdf/", views.scan_pdf_view, name="pdf"),
    path("beleidsscan/<int:scan_id>/verwijderen/", views.scan_delete_view, name="delete"),
    path("beleidsscan/vragen/<int:municipality_id>/", views.questionnaire_view, name="questions"),
    path("beleidsscan/rubriek/", views.rubric_view, name="rubric"),
    path("beleidsscan/rubriek/tip/<int:tip>/", views.rubric_tip_view, name="rubric_tip"),
    path(
        "beleidsscan/rubriek/versie/<int:version>/",
        views.rubric_version_view,
        name="rubric_version",
    ),
]
