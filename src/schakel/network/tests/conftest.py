"""Fixtures of the network tests: a coordinator of the test region and one of another region,
a professional and a policy officer, and helpers that send signals and open cases."""

import uuid

import pytest
from conftest import login
from django.test import Client

from schakel.accounts.constants import Role
from schakel.cases import services as case_services
from schakel.intake.services import SignalInput, signal_submit
from schakel.network import services
from schakel.network.selectors import Target


def send_signal(reporter, *, municipality: str = "GM0344", surname: str = "Jongere (fictief)"):
    data = SignalInput(
        given_names="Sam",
        surname=surname,
        places=[(municipality, "residence")],
        exploitation_types=["criminal"],
    )
    return signal_submit(actor=reporter, submission_key=uuid.uuid4(), data=data)


def attach(actor, *, kind="phone", label="06-12345678", case=None, signal=None, **extra):
    target = Target(case_id=case.pk) if case is not None else Target(signal_id=signal.pk)
    return services.entity_attach(
        actor=actor, target=target, data=services.AttachInput(kind=kind, label=label, **extra)
    )


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.ZORGCOORDINATOR, first_name="Zora", last_name="Coördinator")


@pytest.fixture
def reporter(make_user):
    return make_user(Role.PROFESSIONAL)


@pytest.fixture
def other_coordinator(make_user, other_region):
    return make_user(Role.ZORGCOORDINATOR, regions=[other_region])


@pytest.fixture
def officer(make_user, region):
    from schakel.geo.models import Municipality

    return make_user(
        Role.BELEIDSMEDEWERKER,
        with_device=False,
        regions=[region],
        municipalities=[Municipality.objects.get(code="GM0344")],
    )


@pytest.fixture
def signal(reporter):
    return send_signal(reporter)


@pytest.fixture
def make_case(coordinator, reporter):
    def make(**kwargs):
        opened = send_signal(reporter, **kwargs)
        return case_services.case_open_from_signal(actor=coordinator, signal_id=opened.pk)

    return make


@pytest.fixture
def case(make_case):
    return make_case()


@pytest.fixture
def client_coordinator(coordinator):
    return login(Client(), coordinator)
