"""Fixtures of the practice tests: a region with organisations, and the two roles that work here."""

import pytest
from conftest import login
from django.test import Client

from schakel.accounts.constants import OrganisationKind, Role
from schakel.accounts.tests.factories import OrganisationFactory, municipality


@pytest.fixture
def utrecht(region):
    return municipality("GM0344")


@pytest.fixture
def nieuwegein(region):
    return municipality("GM0356")


@pytest.fixture
def wijkteam(utrecht):
    return OrganisationFactory(
        name="Wijkteam Noord (fictief)", kind=OrganisationKind.WIJKTEAM, municipality=utrecht
    )


@pytest.fixture
def school(nieuwegein):
    return OrganisationFactory(
        name="School De Brug (fictief)", kind=OrganisationKind.ONDERWIJS, municipality=nieuwegein
    )


@pytest.fixture
def far_away(other_region):
    """An organisation of another region."""
    return OrganisationFactory(
        name="Wijkteam Elders (fictief)",
        kind=OrganisationKind.WIJKTEAM,
        municipality=other_region.municipalities.get(),
    )


@pytest.fixture
def office(utrecht):
    """Where the staff of these tests work: no first-line organisation, so it is not counted."""
    return OrganisationFactory(
        name="Gemeente, team Veiligheid (fictief)",
        kind=OrganisationKind.GEMEENTE,
        municipality=utrecht,
    )


@pytest.fixture
def beheerder(make_user, office):
    return make_user(
        Role.FUNCTIONEEL_BEHEERDER, first_name="Fenna", last_name="Beheer", organisation=office
    )


@pytest.fixture
def client_b(beheerder):
    return login(Client(), beheerder)


@pytest.fixture
def beleid(make_user, utrecht, office):
    return make_user(
        Role.BELEIDSMEDEWERKER, with_device=False, municipalities=[utrecht], organisation=office
    )


@pytest.fixture
def client_p(beleid):
    return login(Client(), beleid, verify=False)


@pytest.fixture
def outsider(make_user, other_region, office):
    """A functioneel beheerder of another region."""
    return make_user(Role.FUNCTIONEEL_BEHEERDER, regions=[other_region], organisation=office)


@pytest.fixture
def client_o(outsider):
    return login(Client(), outsider)
