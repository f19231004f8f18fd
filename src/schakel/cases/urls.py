from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("casussen/", views.case_queue_view, name="queue"),
    path("casussen/noodtoegang/", views.emergency_view, name="emergency"),
    path("casussen/open/<int:signal_id>/", views.case_open_view, name="open"),
    path("casussen/<int:case_id>/", views.case_detail_view, name="detail"),
    path("casussen/<int:case_id>/gegevens/", views.case_edit_view, name="edit"),
    path("casussen/<int:case_id>/tijdlijn/", views.timeline_view, name="timeline"),
    path("casussen/<int:case_id>/samenvatting/", views.summary_view, name="summary"),
    path("casussen/<int:case_id>/team/", views.team_view, name="team"),
    path(
        "casussen/<int:case_id>/team/<int:member_id>/einde/",
        views.member_end_view,
        name="member_end",
    ),
    path("casussen/<int:case_id>/besluit/", views.decision_view, name="decision"),
    path("casussen/<int:case_id>/rollen/", views.role_add_view, name="role_add"),
    path(
        "casussen/<int:case_id>/rollen/<int:role_id>/einde/", views.role_end_view, name="role_end"
    ),
    path("casussen/<int:case_id>/signalen/", views.signal_attach_view, name="attach"),
    path(
        "casussen/<int:case_id>/signalen/loskoppelen/",
        views.signal_detach_view,
        name="detach",
    ),
    path("casussen/<int:case_id>/acties/", views.action_add_view, name="action_add"),
    path(
        "casussen/<int:case_id>/acties/<int:action_id>/klaar/",
        views.action_done_view,
        name="action_done",
    ),
    path("casussen/<int:case_id>/vermissingen/", views.episode_add_view, name="episode_add"),
    path(
        "casussen/<int:case_id>/vermissingen/<int:episode_id>/terug/",
        views.episode_end_view,
        name="episode_end",
    ),
    path(
        "casussen/<int:case_id>/verwijzingen/nieuw/", views.referral_new_view, name="referral_new"
    ),
    path(
        "casussen/<int:case_id>/verwijzingen/<int:referral_id>/",
        views.referral_update_view,
        name="referral_update",
    ),
    path("casussen/<int:case_id>/plan-na-18/", views.plan_view, name="plan"),
    path("casussen/<int:case_id>/afsluiten/", views.close_view, name="close"),
    path("casussen/<int:case_id>/heropenen/", views.reopen_view, name="reopen"),
    path("logboek/noodtoegang/", views.emergency_review_view, name="emergency_review"),
]
