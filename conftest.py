"""Shared test fixtures: users per role, logged-in clients with and without MFA."""

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from schakel.accounts.constants import Role
from schakel.accounts.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    UserFactory,
    municipality,
)

PASSWORD = "correct-horse-battery-staple"


def totp_now(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.fixture
def region(db):
    return RegionFactory(municipalities=[municipality("GM0344"), municipality("GM0356")])


@pytest.fixture
def other_region(db):
    return RegionFactory(name="Andere regio", municipalities=[municipality("GM0014")])


@pytest.fixture
def make_user(db, region):
    def make(role: Role = Role.ZORGCOORDINATOR, *, with_device: bool = True, **kwargs):
        kwargs.setdefault("regions", [region])
        user = UserFactory(role=role, **kwargs)
        if with_device:
            TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        return user

    return make


def login(client: Client, user, *, verify: bool = True) -> Client:
    response = client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    if verify:
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        response = client.post("/inloggen/verificatie/", {"token": totp_now(device)})
        assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def login_as(client):
    def do(user, *, verify: bool = True) -> Client:
        return login(client, user, verify=verify)

    return do


@pytest.fixture
def organisation(db):
    return OrganisationFactory()
