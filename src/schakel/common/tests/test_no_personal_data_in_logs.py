"""Plant canary values in personal data, use Schakel, and grep every log line for them."""

import logging
import uuid

import pytest
from conftest import PASSWORD, login
from django.test import Client

from schakel.accounts import services
from schakel.accounts.constants import Role
from schakel.intake.models import Signal
from schakel.intake.services import indicators_load_defaults

pytestmark = pytest.mark.django_db

CANARY_NAME = "Kanarie7Q"
CANARY_USERNAME = "kanarie-gebruiker-7q"
CANARY_REASON = "KanarieReden7Q"


def test_canaries_never_reach_the_logs(make_user, caplog, settings):
    settings.DEBUG = False
    indicators_load_defaults()
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

    # A signal about a young person, through the form and the API, read back by the reporter.
    reporter = make_user(Role.PROFESSIONAL)
    reporter_client = login(Client(), reporter)
    key = str(uuid.uuid4())
    reporter_client.post(
        "/signalen/nieuw/",
        {
            "submission_key": key,
            "identity": "identified",
            "given_names": CANARY_NAME,
            "surname": CANARY_NAME,
            "residence": "GM0344",
            "description": CANARY_REASON,
            "postcode": "9999 ZZ",
            "actie": "versturen",
        },
    )
    reporter_client.post("/signalen/woordhulp/", {"description": CANARY_REASON})
    reporter_client.post(
        "/api/v1/signals",
        {"given_names": CANARY_NAME, "surname": CANARY_NAME},
        content_type="application/json",
    )
    reporter_client.post(
        "/api/v1/signals", {"surname": CANARY_NAME, "age": "oud"}, content_type="application/json"
    )
    for signal_id in Signal.objects.values_list("pk", flat=True):
        reporter_client.get(f"/signalen/{signal_id}/")
        reporter_client.get(f"/api/v1/signals/{signal_id}")

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
    assert Signal.objects.filter(surname=CANARY_NAME).count() == 2
    for canary in (CANARY_NAME, CANARY_USERNAME, CANARY_REASON, PASSWORD, "9999 ZZ"):
        assert canary not in text
