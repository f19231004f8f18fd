"""The CBS districts (wijken) come from the committed boundaries file, unchanged."""

import hashlib

import pytest
from django.core.management import call_command

from schakel.accounts.tests.factories import municipality
from schakel.geo.domain.districts import (
    DISTRICTS_PATH,
    district_records,
    districts_per_municipality,
)
from schakel.geo.domain.fixture import FixtureError
from schakel.geo.models import District, Municipality
from schakel.geo.services import districts_load

# The copy of cartomap/nl wgs84/wijk_2024.topojson (see data/maps/README.md).
WIJK_2024_SHA256 = "78032e9e45acb57f4123b4dfa8d2b2206b3fd40cfb5886da52970c69ef51b01f"


def test_the_file_is_the_published_copy_with_every_district():
    assert hashlib.sha256(DISTRICTS_PATH.read_bytes()).hexdigest() == WIJK_2024_SHA256
    per_municipality = districts_per_municipality()
    assert sum(len(d) for d in per_municipality.values()) == 3393
    assert len(per_municipality) == 342  # every municipality of 2025 has districts
    utrecht = per_municipality["GM0344"]
    assert [d.code for d in utrecht] == [f"WK0344{n:02d}" for n in range(1, 11)]
    assert utrecht[8].name == "Wijk 09 Leidsche Rijn"
    assert per_municipality["GM0363"][0].code == "WK0363AA"  # Amsterdam: letters


def test_a_bad_file_is_refused_with_the_district_number():
    def layer(*properties: str) -> str:
        geometries = ",".join(p for p in properties)
        return f'{{"objects": {{"wijk": {{"geometries": [{geometries}]}}}}}}'

    good = '{"properties": {"statcode": "WK001400", "statnaam": "Centrum"}}'
    assert district_records(layer(good))[0].municipality_code == "GM0014"
    with pytest.raises(FixtureError, match="Wijk 2: ongeldige wijkcode"):
        district_records(layer(good, '{"properties": {"statcode": "GM0014", "statnaam": "X"}}'))
    with pytest.raises(FixtureError, match="twee keer"):
        district_records(layer(good, good))
    with pytest.raises(FixtureError, match="naam"):
        district_records(layer('{"properties": {"statcode": "WK001401", "statnaam": " "}}'))
    with pytest.raises(FixtureError, match="JSON"):
        district_records("{niet")


@pytest.mark.django_db
def test_loading_is_idempotent_and_repairs_changes(capsys):
    call_command("load_reference_data")
    assert "Wijken: 3393 toegevoegd" in capsys.readouterr().out
    utrecht = Municipality.objects.get(code="GM0344")
    assert District.objects.filter(municipality=utrecht).count() == 10
    District.objects.filter(code="WK034409").update(name="Verkeerd")
    result = districts_load()
    assert (result.created, result.updated) == (0, 1)
    assert District.objects.get(code="WK034409").name == "Wijk 09 Leidsche Rijn"
    assert District.objects.count() == 3393


@pytest.mark.django_db
def test_districts_need_their_municipalities_first():
    with pytest.raises(FixtureError, match="Laad eerst de gemeenten"):
        districts_load()
    municipality("GM0344")  # loads all municipalities
    assert districts_load().created == 3393
