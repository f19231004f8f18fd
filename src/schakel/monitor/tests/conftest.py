"""What the monitor's tests share: a policy officer of Utrecht (GM0344) and a professional who
sends fictitious signals."""

import pytest

from schakel.accounts.constants import Role
from schakel.geo.models import Municipality


@pytest.fixture
def gm0344(region):
    return Municipality.objects.get(code="GM0344")


@pytest.fixture
def officer(make_user, gm0344):
    return make_user(Role.BELEIDSMEDEWERKER, with_device=False, regions=[], municipalities=[gm0344])


@pytest.fixture
def reporter(region, make_user):
    return make_user(Role.PROFESSIONAL)
