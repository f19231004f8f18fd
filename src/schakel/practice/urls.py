"""URLs of the practice registers (Dutch, and never with personal data in them)."""

from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("praktijk/", views.practice_summary_view, name="summary"),
    path("praktijk/training/", views.training_list_view, name="training_list"),
    path("praktijk/training/nieuw/", views.training_create_view, name="training_new"),
    path("praktijk/training/importeren/", views.training_import_view, name="training_import"),
    path("praktijk/training/<int:pk>/", views.training_edit_view, name="training_edit"),
    path(
        "praktijk/training/<int:pk>/verwijderen/",
        views.training_delete_view,
        name="training_delete",
    ),
    path("praktijk/participatie/", views.participation_list_view, name="participation_list"),
    path("praktijk/participatie/nieuw/", views.participation_create_view, name="participation_new"),
    path(
        "praktijk/participatie/<int:pk>/",
        views.participation_edit_view,
        name="participation_edit",
    ),
    path(
        "praktijk/participatie/<int:pk>/verwijderen/",
        views.participation_delete_view,
        name="participation_delete",
    ),
]
