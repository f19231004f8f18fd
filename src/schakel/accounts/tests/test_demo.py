"""The demo region: only in demo mode, obviously fictitious, one account per role."""

import pytest
from conftest import totp_now
from django.core.management import call_command
from django.core.management.base import CommandError

from schakel.accounts.constants import Role
from schakel.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from schakel.accounts.models import User
from schakel.geo.services import municipalities_load

pytestmark = pytest.mark.django_db


def test_demo_load_refuses_outside_demo_mode(settings):
    settings.SCHAKEL_DEMO_MODE = False
    with pytest.raises(CommandError, match="SCHAKEL_DEMO_MODE"):
        call_command("demo_load")
    with pytest.raises(CommandError):
        call_command("demo_logins")


def test_demo_has_every_role_and_prints_logins(settings, capsys, client):
    settings.SCHAKEL_DEMO_MODE = True
    municipalities_load()
    call_command("demo_load")
    call_command("demo_load")  # running it twice is fine
    assert {u.role for u in User.objects.all()} == set(Role.values)
    for user in User.objects.all():
        assert "(demo)" in user.last_name
        assert "fictief" in user.organisation.name
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    for account in DEMO_ACCOUNTS:
        assert account.username in out

    coordinator = User.objects.get(username="demo-zorgcoordinator")
    client.post("/inloggen/", {"username": coordinator.username, "password": DEMO_PASSWORD})
    client.post("/inloggen/verificatie/", {"token": totp_now(coordinator.totpdevice_set.get())})
    assert client.get("/").status_code == 200
    # The monitor shows the demo's consultations of the last quarter, small counts hidden.
    region_page = client.get("/monitor/regio/").content.decode()
    assert "&lt;5" in region_page and ">14<" in region_page
