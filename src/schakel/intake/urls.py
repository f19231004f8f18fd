from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("signalen/", views.signal_list_view, name="list"),
    path("signalen/nieuw/", views.intake_new_view, name="new"),
    path("signalen/regio/", views.signal_queue_view, name="queue"),
    path("signalen/woordhulp/", views.terminology_hints_view, name="hints"),
    path("signalen/concept/", views.intake_autosave_view, name="autosave"),
    path("signalen/<int:signal_id>/", views.signal_detail_view, name="detail"),
    path("signalen/<int:signal_id>/bewerken/", views.intake_edit_view, name="edit"),
    path("signalen/<int:signal_id>/wat-nu/", views.what_now_view, name="what_now"),
    path("signalen/<int:signal_id>/meldcode/stap/", views.meldcode_step_view, name="step"),
    path(
        "signalen/<int:signal_id>/meldcode/afweging/",
        views.meldcode_decision_view,
        name="decision",
    ),
    path("signalen/<int:signal_id>/afronden/", views.signal_conclude_view, name="conclude"),
]
