"""Single sign-on matches an existing, active account by e-mail and never creates one."""

import pytest
from django.test import override_settings

from schakel.accounts.constants import Role

OIDC = {
    "OIDC_RP_CLIENT_ID": "schakel",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_CREATE_USER": False,
}


@pytest.mark.django_db
@override_settings(**OIDC)
def test_sso_matches_active_accounts_by_email_only(make_user):
    from schakel.accounts.oidc import SchakelOIDCBackend

    backend = SchakelOIDCBackend()
    active = make_user(Role.ZORGCOORDINATOR, email="z.voorbeeld@demo.example")
    make_user(Role.PROFESSIONAL, email="weg@demo.example", is_active=False)
    assert list(backend.filter_users_by_claims({"email": "Z.Voorbeeld@demo.example"})) == [active]
    assert not backend.filter_users_by_claims({"email": "weg@demo.example"}).exists()
    assert not backend.filter_users_by_claims({"email": ""}).exists()
    assert not backend.filter_users_by_claims({}).exists()
    assert backend.get_settings("OIDC_CREATE_USER", True) is False


def test_sso_is_off_by_default(settings):
    assert settings.SCHAKEL_OIDC_ENABLED is False
    assert "mozilla_django_oidc" not in settings.INSTALLED_APPS
