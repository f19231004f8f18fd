"""Fixtures of the measures tests: two municipalities of one region and their policy officers."""

from datetime import date

import pytest
from conftest import login
from django.test import Client

from schakel.accounts.constants import Role
from schakel.geo.models import Municipality
from schakel.measures import services


@pytest.fixture
def utrecht(region):
    return Municipality.objects.get(code="GM0344")


@pytest.fixture
def nieuwegein(region):
    return Municipality.objects.get(code="GM0356")


@pytest.fixture
def officer(make_user, utrecht):
    return make_user(
        Role.BELEIDSMEDEWERKER,
        with_device=False,
        regions=[],
        municipalities=[utrecht],
        first_name="Bea",
        last_name="Beleid",
    )


@pytest.fixture
def neighbour(make_user, nieuwegein):
    """The policy officer of the other municipality of the region."""
    return make_user(
        Role.BELEIDSMEDEWERKER, with_device=False, regions=[], municipalities=[nieuwegein]
    )


@pytest.fixture
def client_officer(officer):
    return login(Client(), officer, verify=False)


def measure_input(municipality, **changes) -> services.MeasureInput:
    data = {
        "municipality_id": municipality.pk,
        "title": "Voorlichting op middelbare scholen",
        "description": "Gastlessen over online uitbuiting in de tweede klas.",
        "kind": "preventie",
        "target_group": "Leerlingen van de tweede klas",
        "start_date": date(2025, 3, 1),
        "indicators": ["signalen"],
        "partners": "GGD, politie",
    }
    data.update(changes)
    return services.MeasureInput(**data)


@pytest.fixture
def measure(officer, utrecht):
    return services.measure_create(actor=officer, data=measure_input(utrecht))
