"""Settings: production refuses unsafe values; `check --deploy` is clean; Argon2 hashing."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from schakel.config.settings import base

STRONG_KEY = "k3Y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"


def _run_schakel(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SCHAKEL_")}
    clean.update({"DJANGO_SETTINGS_MODULE": "schakel.config.settings.production", **env})
    return subprocess.run(
        [sys.executable, "-m", "schakel", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _run_schakel(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SCHAKEL_SECRET_KEY=STRONG_KEY,
        SCHAKEL_ALLOWED_HOSTS="schakel.example.nl",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SCHAKEL_SECRET_KEY"),
        ({"SCHAKEL_SECRET_KEY": base.INSECURE_DEFAULT_SECRET_KEY}, "SCHAKEL_SECRET_KEY"),
        ({"SCHAKEL_SECRET_KEY": "short"}, "SCHAKEL_SECRET_KEY"),
        ({"SCHAKEL_SECRET_KEY": STRONG_KEY, "SCHAKEL_DEBUG": "1"}, "SCHAKEL_DEBUG"),
        ({"SCHAKEL_SECRET_KEY": STRONG_KEY, "SCHAKEL_DEMO_MODE": "1"}, "SCHAKEL_DEMO_MODE"),
        ({"SCHAKEL_SECRET_KEY": STRONG_KEY, "SCHAKEL_DEBUG": "misschien"}, "true of false"),
    ],
)
def test_production_refuses_to_start_with_unsafe_settings(env, message):
    result = _run_schakel("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_passwords_are_hashed_with_argon2():
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("een wachtwoord van lengte").startswith("argon2$")
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_session_defaults():
    assert base.SCHAKEL_SESSION_IDLE_MINUTES == 15
    assert base.SESSION_COOKIE_HTTPONLY


def test_sso_can_be_switched_on_by_configuration():
    result = _run_schakel(
        "shell",
        "-c",
        "from django.urls import reverse; from django.test import Client;"
        "print(reverse('oidc_authentication_init'));"
        "print('organisatie' in Client().get('/inloggen/').content.decode())",
        DJANGO_SETTINGS_MODULE="schakel.config.settings.test",
        SCHAKEL_OIDC_ENABLED="1",
        SCHAKEL_OIDC_CLIENT_ID="schakel",
        SCHAKEL_OIDC_CLIENT_SECRET="geheim",
        SCHAKEL_OIDC_AUTHORIZATION_ENDPOINT="https://idp.example/auth",
        SCHAKEL_OIDC_TOKEN_ENDPOINT="https://idp.example/token",
        SCHAKEL_OIDC_USER_ENDPOINT="https://idp.example/userinfo",
        SCHAKEL_OIDC_JWKS_ENDPOINT="https://idp.example/jwks",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["/oidc/authenticate/", "True"]
