"""Reading a training list from Excel: everything or nothing, with every mistake by row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.practice.models import TrainingRecord
from schakel.practice.services import training_import

from .factories import TrainingRecordFactory

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"


def _upload(client, content: bytes, name: str = "trainingen.csv"):
    return client.post(
        "/praktijk/training/importeren/",
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_excel_nl_file_with_bom_and_semicolons_is_stored(client_b, wijkteam, school, make_user):
    account = make_user(Role.PROFESSIONAL, organisation=school, username="kees.mentor")
    content = (
        BOM
        + (
            "naam;organisatie;training;datum;niveau;gebruikersnaam\r\n"
            "Sanne de Vries (fictief);Wijkteam Noord (fictief);Signalen herkennen;"
            "14-03-2025;Basis;\r\n"
            "Kees Mentor (fictief);School De Brug (fictief);Meldcode;2025-01-02;"
            "Verdieping (handelen en melden);kees.mentor\r\n"
            "Ayşe Çelik (fictief);School De Brug (fictief);Expertmodule;2-1-2025;specialist;\r\n"
            ";;;;;\r\n"
        ).encode()
    )
    response = _upload(client_b, content)
    assert response.status_code == 302 and response["Location"] == "/praktijk/training/"
    listing = client_b.get(response["Location"]).content.decode()
    assert "3 trainingen zijn ingelezen." in listing
    names = set(TrainingRecord.objects.values_list("professional_name", "level"))
    assert names == {
        ("Sanne de Vries (fictief)", "basis"),
        ("Kees Mentor (fictief)", "verdieping"),
        ("Ayşe Çelik (fictief)", "specialist"),
    }
    assert TrainingRecord.objects.get(user=account).professional_name == "Kees Mentor (fictief)"
    event = AuditEvent.objects.get(action="training.import")
    assert event.details == {"created": 3, "organisations": sorted([wijkteam.pk, school.pk])}


def test_comma_separated_without_bom(client_b, wijkteam):
    content = (
        b"naam,organisatie,training,datum,niveau\n"
        b'"Vries, Sanne de (fictief)",Wijkteam Noord (fictief),Signalen,14-03-2025,basis\n'
    )
    assert _upload(client_b, content).status_code == 302
    assert TrainingRecord.objects.get().professional_name == "Vries, Sanne de (fictief)"


def test_one_bad_row_stores_nothing_and_every_error_is_listed(client_b, wijkteam, far_away):
    TrainingRecordFactory(
        professional_name="Al Getraind (fictief)",
        organisation=wijkteam,
        training="Signalen",
        date="2025-03-14",
    )
    content = BOM + (
        b"naam;organisatie;training;datum;niveau\n"
        b"Goed Persoon (fictief);Wijkteam Noord (fictief);Signalen;14-03-2025;basis\n"
        b"Nog Een (fictief);Wijkteam Noord (fictief);Signalen;31-02-2025;basis\n"
        b"Derde (fictief);Bestaat Niet BV;Signalen;14-03-2025;basis\n"
        b"Vierde (fictief);Wijkteam Elders (fictief);Signalen;14-03-2025;expert\n"
        b"al getraind (fictief);Wijkteam Noord (fictief);signalen;2025-03-14;basis\n"
        b"Goed Persoon (fictief);Wijkteam Noord (fictief);Signalen;2025-03-14;verdieping\n"
    )
    response = _upload(client_b, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets ingelezen: het bestand bevat 6 fouten." in page
    for line in (
        "Regel 3: &#x27;31-02-2025&#x27; is geen datum.",
        "Regel 4: organisatie &#x27;Bestaat Niet BV&#x27; bestaat niet in uw regio.",
        # Another region's organisation looks exactly like one that does not exist.
        "Regel 5: organisatie &#x27;Wijkteam Elders (fictief)&#x27; bestaat niet in uw regio.",
        "Regel 5: niveau &#x27;expert&#x27; bestaat niet.",
        "Regel 6: deze persoon staat al met deze training op deze datum in het register.",
        "Regel 7: dezelfde persoon, organisatie, training en datum staan al op regel 2.",
    ):
        assert line in page, line
    assert "kies het daarna hieronder opnieuw" in page
    assert TrainingRecord.objects.count() == 1  # only the one that was there
    assert not AuditEvent.objects.filter(action="training.import").exists()


def test_file_too_big_too_long_or_a_spreadsheet_is_refused_in_dutch(client_b, wijkteam):
    big = _upload(client_b, b"naam;organisatie\n" + b"x" * (1024 * 1024))
    assert big.status_code == 400 and "groter dan 1 MB" in big.content.decode()
    xlsx = _upload(client_b, b"PK\x03\x04" + b"\x00" * 100, name="trainingen.xlsx")
    assert "Dit is een Excel-bestand, geen CSV-bestand." in xlsx.content.decode()
    empty_rows = _upload(client_b, b"naam;organisatie;training;datum;niveau\n;;;;\n")
    assert "geen regels met gegevens" in empty_rows.content.decode()
    nothing = client_b.post("/praktijk/training/importeren/", {})
    assert "Kies een CSV-bestand." in nothing.content.decode()
    assert not TrainingRecord.objects.exists()


def test_more_than_the_row_limit_is_refused_before_reading(beheerder, wijkteam):
    rows = "".join(
        f"Persoon {n} (fictief);Wijkteam Noord (fictief);Signalen;14-03-2025;basis\n"
        for n in range(5001)
    )
    with pytest.raises(Exception) as refused:
        training_import(
            actor=beheerder, data=("naam;organisatie;training;datum;niveau\n" + rows).encode()
        )
    assert "meer dan 5000 regels" in refused.value.lines[0]
    assert not TrainingRecord.objects.exists()
    assert training_import(actor=beheerder, data=rows.encode(), max_rows=5001) == 5001


def test_policy_officer_cannot_import(client_p):
    assert _upload(client_p, b"naam;organisatie;training;datum;niveau\n").status_code == 404
