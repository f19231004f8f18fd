"""Plant canary values in personal data, use Schakel, and grep every log line for them."""

import logging

import pytest
from conftest import PASSWORD, login
from django.test import Client

from schakel.accounts import services
from schakel.accounts.constants import Role

pytestmark = pytest.mark.django_db

CANARY_NAME = "Kanarie7Q"
CANARY_USERNAME = "kanarie-gebruiker-7q"
CANARY_REASON = "KanarieReden7Q"


def test_canaries_never_reach_the_logs(make_user, caplog, settings):
    settings.DEBUG = False
    target = make_user(
        Role.PROFESSIONAL, username=CANARY_USERNAME, first_name=CANARY_NAME, last_name=CANARY_NAME
    )
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    officer = make_user(Role.PRIVACY_OFFICER)
    caplog.set_level(logging.DEBUG)  # from here on, everything Schakel and its libraries log

    anonymous = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):  # failures and a lockout
        anonymous.post("/inloggen/", {"username": CANARY_USERNAME, "password": CANARY_NAME})
    anonymous.post("/inloggen/verificatie/", {"token": CANARY_NAME})

    admin_client = login(Client(), admin)
    admin_client.get("/beheer/gebruikers/")
    admin_client.get(f"/beheer/gebruikers/{target.pk}/")
    admin_client.post(f"/beheer/gebruikers/{target.pk}/", {"reason": CANARY_REASON})
    admin_client.get("/api/v1/me")
    services.user_activate(actor=admin, user_id=target.pk, reason=CANARY_REASON)

    officer_client = login(Client(), officer)
    officer_client.post(
        "/logboek/", {"subject_type": "user", "subject_id": target.pk, "reason": CANARY_REASON}
    )
    officer_client.post("/logboek/", {"subject_type": "user", "subject_id": CANARY_NAME})

    assert caplog.records, "the test must actually produce log lines"
    text = "\n".join(
        f"{record.getMessage()} {record.args!r} {getattr(record, 'request', '')}"
        for record in caplog.records
    )
    for canary in (CANARY_NAME, CANARY_USERNAME, CANARY_REASON, PASSWORD):
        assert canary not in text
