"""The admin follows need-to-know: a beheerder manages only their own region, never themselves."""

import pytest

from schakel.accounts.constants import Role
from schakel.routekaart.models import ContactOverride

pytestmark = pytest.mark.django_db


def test_a_beheerder_cannot_raise_their_own_rights(make_user, login_as, region, other_region):
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER, is_staff=True)
    client = login_as(admin)
    response = client.post(
        f"/beheer/admin/accounts/user/{admin.pk}/change/",
        {
            "username": admin.username,
            "role": "zorgcoordinator",
            "regions": [region.pk, other_region.pk],
        },
    )
    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.role == Role.FUNCTIONEEL_BEHEERDER
    assert list(admin.regions.all()) == [region]


def test_a_beheerder_can_only_assign_their_own_region(make_user, login_as, region, other_region):
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER, is_staff=True)
    target = make_user(Role.PROFESSIONAL)
    client = login_as(admin)
    page = client.get(f"/beheer/admin/accounts/user/{target.pk}/change/").content.decode()
    assert region.name in page
    assert other_region.name not in page
    response = client.post(
        f"/beheer/admin/accounts/user/{target.pk}/change/",
        {
            "username": target.username,
            "role": "zorgcoordinator",
            "organisation": target.organisation_id,
            "regions": [other_region.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 200  # the form refuses the region outside the scope
    target.refresh_from_db()
    assert target.role == Role.PROFESSIONAL


def test_other_regions_and_their_contacts_are_out_of_reach(
    make_user, login_as, region, other_region
):
    foreign = ContactOverride.objects.create(
        code="veilig-thuis", region=other_region, name="Veilig Thuis elders"
    )
    client = login_as(make_user(Role.FUNCTIONEEL_BEHEERDER, is_staff=True))
    assert client.get(f"/beheer/admin/geo/region/{region.pk}/change/").status_code == 200
    assert client.get(f"/beheer/admin/geo/region/{other_region.pk}/change/").status_code == 302
    assert (
        "Veilig Thuis elders"
        not in client.get("/beheer/admin/routekaart/contactoverride/").content.decode()
    )
    assert (
        client.get(f"/beheer/admin/routekaart/contactoverride/{foreign.pk}/change/").status_code
        == 302
    )
