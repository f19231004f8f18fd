"""All 342 municipalities of 2025 come from the committed CBS data, unchanged."""

import json

import pytest
from django.core.management import call_command

from schakel.geo.domain.fixture import FixtureError, municipality_records
from schakel.geo.management.commands.geo_build_fixture import CSV_PATH
from schakel.geo.models import Municipality
from schakel.geo.services import FIXTURE_PATH, municipalities_load


def test_fixture_is_made_from_the_csv():
    expected = municipality_records(CSV_PATH.read_text(encoding="utf-8"))
    committed = json.loads(FIXTURE_PATH.read_text(encoding="utf-8"))
    assert committed == expected
    assert len(committed) == 342
    assert {r["fields"]["safety_region_code"] for r in committed} == {
        f"VR{n:02d}" for n in range(1, 26)
    }


def test_bad_csv_is_refused_with_the_line_number():
    header = "gm_code,naam,provincie,vr_code,veiligheidsregio\n"
    with pytest.raises(FixtureError, match="Regel 3"):
        municipality_records(header + "GM0014,A,B,VR01,C\nGMXX,A,B,VR01,C\n")
    with pytest.raises(FixtureError, match="twee keer"):
        municipality_records(header + "GM0014,A,B,VR01,C\nGM0014,A,B,VR01,C\n")
    with pytest.raises(FixtureError, match="kolommen"):
        municipality_records("code,naam\nGM0014,A\n")


@pytest.mark.django_db
def test_loading_is_idempotent_and_repairs_changes(capsys):
    call_command("load_reference_data")
    assert "342 toegevoegd" in capsys.readouterr().out
    Municipality.objects.filter(code="GM0344").update(name="Verkeerd")
    result = municipalities_load()
    assert (result.created, result.updated) == (0, 1)
    assert Municipality.objects.get(code="GM0344").name == "Utrecht"
    assert Municipality.objects.count() == 342
