"""`schakel route`: the routing contract on the command line, exit 2 on bad input."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def _route(tmp_path, capsys, situation, *args):
    path = tmp_path / "situatie.json"
    path.write_text(situation if isinstance(situation, str) else json.dumps(situation))
    call_command("route", str(path), *args)
    return json.loads(capsys.readouterr().out)


def test_prints_the_contract(tmp_path, capsys):
    result = _route(
        tmp_path, capsys, {"age": 15, "acute_danger": True, "exploitation_types": ["criminal"]}
    )
    assert set(result) == {"actions"}
    first = result["actions"][0]
    assert set(first) == {"code", "urgency", "contact", "why"}
    assert first["code"] == "bel-112" and first["urgency"] == "now"


def test_residence_status_never_changes_the_outcome(tmp_path, capsys):
    base = {"age": 16, "exploitation_types": ["sexual"], "online": True}
    outcomes = {
        json.dumps(_route(tmp_path, capsys, {**base, "residence_status": status}))
        for status in ("onbekend", "asielzoeker", "ongedocumenteerd", "Nederlands")
    }
    assert len(outcomes) == 1


def test_municipality_option_uses_local_contacts(tmp_path, capsys, region):
    from schakel.routekaart.models import ContactOverride

    ContactOverride.objects.create(
        code="zorgcoordinator", region=region, name="Zorgcoördinator Demoregio", phone="030-0000000"
    )
    result = _route(
        tmp_path, capsys, {"exploitation_types": ["sexual"]}, "--municipality", "GM0344"
    )
    contacts = {a["code"]: a["contact"] for a in result["actions"]}
    assert contacts["zorgcoordinator"] == "Zorgcoördinator Demoregio, 030-0000000"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{niet json", "Geen geldige JSON"),
        ('{"leeftijd": 15}', "leeftijd"),
        ('{"age": "vijftien"}', "age"),
        ("[1, 2]", "JSON-object"),
    ],
)
def test_bad_input_is_exit_2_with_a_clear_message(tmp_path, content, message):
    path = tmp_path / "situatie.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message) as error:
        call_command("route", str(path))
    assert error.value.returncode == 2


def test_exit_codes_from_the_real_command(tmp_path):
    good, bad = tmp_path / "goed.json", tmp_path / "fout.json"
    good.write_text('{"missing": true}')
    bad.write_text('{"onbekend_veld": 1}')
    env = {"DJANGO_SETTINGS_MODULE": "schakel.config.settings.test", "PATH": "/usr/bin:/bin"}
    ok = subprocess.run(
        [sys.executable, "-m", "schakel", "route", str(good)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert "vermissing-melden" in ok.stdout
    refused = subprocess.run(
        [sys.executable, "-m", "schakel", "route", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert refused.returncode == 2
    assert "onbekend_veld" in refused.stderr


def test_export_and_import_round_trip(tmp_path, capsys, make_user, region):
    from schakel.accounts.constants import Role
    from schakel.routekaart.services import route_map_create

    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    route_map = route_map_create(actor=admin, region=region)
    out = tmp_path / "kaart.yaml"
    call_command("routekaart", "export", "--municipality", "GM0344", "--output", str(out))
    edited = out.read_text().replace("0800-0432", "0800-0433")
    out.write_text(edited)
    call_command(
        "routekaart",
        "import",
        str(out),
        "--region",
        region.name,
        "--user",
        admin.username,
        "--note",
        "Nummer aangepast",
    )
    version = route_map.versions.get(number=2)
    assert "0800-0433" in version.yaml_text
    out.write_text(edited.replace("urgency: now", "urgency: straks", 1))
    with pytest.raises(CommandError, match="straks"):
        call_command(
            "routekaart",
            "import",
            str(out),
            "--region",
            region.name,
            "--user",
            admin.username,
            "--note",
            "fout",
        )
