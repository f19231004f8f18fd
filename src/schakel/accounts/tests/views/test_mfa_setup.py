"""Setting up TOTP: QR code, confirmation, recovery codes; no setup with password only."""

import pytest
from conftest import PASSWORD, totp_now
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from schakel.accounts.constants import RECOVERY_CODE_COUNT

pytestmark = pytest.mark.django_db


def test_new_user_sets_up_totp_and_gets_recovery_codes(client, make_user):
    user = make_user(with_device=False)
    response = client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    assert response["Location"].startswith("/inloggen/instellen/")
    assert client.get("/")["Location"].startswith("/inloggen/instellen/")
    page = client.get("/inloggen/instellen/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post("/inloggen/instellen/", {"token": "123"})
    assert wrong.status_code == 400
    assert "De code klopt niet" in wrong.content.decode()

    done = client.post("/inloggen/instellen/", {"token": totp_now(device)})
    assert done.status_code == 200
    assert "Bewaar uw herstelcodes" in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert StaticToken.objects.filter(device__user=user).count() == RECOVERY_CODE_COUNT
    assert client.get("/").status_code == 200


def test_password_only_session_cannot_add_a_device(client, make_user):
    user = make_user(with_device=True)
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    response = client.get("/inloggen/instellen/")
    assert response["Location"].startswith("/inloggen/verificatie/")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_verified_user_can_regenerate_recovery_codes(login_as, make_user):
    user = make_user()
    client = login_as(user)
    response = client.post("/account/herstelcodes/")
    assert response.status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == RECOVERY_CODE_COUNT
