from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("casussen/", views.case_queue_view, name="queue"),
    path("casussen/<int:case_id>/", views.case_detail_view, name="detail"),
    path("casussen/<int:case_id>/besluit/", views.decision_view, name="decision"),
    path("casussen/open/<int:signal_id>/", views.case_open_view, name="open"),
]
