"""`schakel beleidsscan FILE [--json]`: the JSON contract, the Dutch report, bad files."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from schakel.kennis.models import Term
from schakel.kennis.services import terms_load_defaults

EVAL = Path(__file__).resolve().parents[4] / "bench" / "beleidsscan_eval"
TEXT = (
    "Aanpak mensenhandel (fictief). Mensenhandel en seksuele uitbuiting van minderjarigen "
    "komen voor. De loverboy-aanpak gaat door; loverboys ronselen meisjes.\f"
    "Kinderprostitutie is uitbuiting. Criminele uitbuiting en arbeidsuitbuiting ook."
)


def run(capsys, *args):
    call_command("beleidsscan", *args)
    return capsys.readouterr().out


@pytest.fixture
def policy(tmp_path):
    path = tmp_path / "beleid.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_json_has_exactly_the_contract_keys(capsys, policy):
    data = json.loads(run(capsys, str(policy), "--json"))
    assert set(data) == {"is_trafficking_policy", "tips", "terms"}
    assert isinstance(data["is_trafficking_policy"], bool)
    assert [tip["tip"] for tip in data["tips"]] == list(range(1, 11))
    for tip in data["tips"]:
        assert set(tip) == {"tip", "score", "evidence"} and tip["score"] in (0, 1, 2)
        for evidence in tip["evidence"]:
            assert set(evidence) == {"text", "page"} and isinstance(evidence["page"], int)
    for term in data["terms"]:
        assert set(term) == {"term", "count", "suggestion", "pages"}


@pytest.mark.django_db
def test_loverboy_and_kinderprostitutie_are_flagged_with_replacements(capsys, policy):
    terms = {t["term"]: t for t in json.loads(run(capsys, str(policy), "--json"))["terms"]}
    assert terms["loverboy"]["count"] == 2 and terms["loverboy"]["pages"] == [1]
    assert "mensenhandelaar" in terms["loverboy"]["suggestion"]
    flagged = [t for name, t in terms.items() if name.startswith("kinderprostitu")]
    assert flagged and flagged[0]["pages"] == [2]
    assert "seksuele uitbuiting" in flagged[0]["suggestion"]


@pytest.mark.django_db
def test_the_word_list_is_the_one_the_intake_uses(capsys, policy):
    """One implementation: a word the functioneel beheerder adds is flagged by the scan too."""
    terms_load_defaults()
    Term.objects.create(term="meisjes", suggestion="jongeren", kind="discouraged", patterns=[])
    terms = {t["term"] for t in json.loads(run(capsys, str(policy), "--json"))["terms"]}
    assert "meisjes" in terms and "loverboy" in terms


@pytest.mark.django_db
def test_the_report_without_json_is_in_dutch(capsys, policy):
    out = run(capsys, str(policy))
    assert "Dit is een beleid over mensenhandel." in out
    assert "Tip 10." in out and "Woorden om te vermijden:" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("beleid.pdf", b"%PDF-1.4 kapot", "beschadigd"),
        ("beleid.exe", b"MZ", "PDF, DOCX, ODT"),
    ],
)
def test_a_bad_file_exits_2_with_the_reason(capsys, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SystemExit) as exited:
        call_command("beleidsscan", str(path), "--json")
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.django_db
def test_a_missing_file_exits_2(capsys, tmp_path):
    with pytest.raises(SystemExit) as exited:
        call_command("beleidsscan", str(tmp_path / "weg.pdf"))
    assert exited.value.code == 2 and "bestaat niet" in capsys.readouterr().err


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "dev/ravenswoude-kadernota-jeugd-2025-2028.docx",
        "dev/vlietbergen-sportnota-2025-2030.txt",
        "dev2/oosterwaarde-kadernota-opgroeien.pdf",
    ],
)
def test_youth_and_other_policies_are_not_taken_for_trafficking_policy(capsys, name):
    data = json.loads(run(capsys, str(EVAL / name), "--json"))
    assert data["is_trafficking_policy"] is False
    assert max(tip["score"] for tip in data["tips"]) <= 1


@pytest.mark.django_db
def test_a_complete_trafficking_policy_scores_every_tip(capsys):
    name = "dev/heerveen-actieplan-uitbuiting-minderjarigen-2025-2028.docx"
    data = json.loads(run(capsys, str(EVAL / name), "--json"))
    assert data["is_trafficking_policy"] is True
    assert all(tip["score"] >= 1 and tip["evidence"] for tip in data["tips"])
