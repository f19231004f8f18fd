from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("inloggen/verificatie/", views.mfa_verify_view, name="mfa_verify"),
    path("inloggen/instellen/", views.mfa_setup_view, name="mfa_setup"),
    path("account/", views.account_view, name="account"),
    path("account/herstelcodes/", views.recovery_codes_view, name="recovery_codes"),
    path("account/overal-uitloggen/", views.logout_everywhere_view, name="logout_everywhere"),
    path("beheer/gebruikers/", views.user_list_view, name="user_list"),
    path("beheer/gebruikers/<int:user_id>/", views.user_detail_view, name="user_detail"),
]
