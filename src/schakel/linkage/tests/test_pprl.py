"""``schakel link encode`` and ``match-encodings``: what a region sends holds no clear value,
two files of one agreement link, and bad input stops with a Dutch message, exit code 2 and
nothing written."""

import csv
import hashlib
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from schakel.linkage import pprl
from schakel.linkage.columnar import read_raw
from schakel.linkage.csvio import INPUT_COLUMNS, read_people
from schakel.linkage.domain.bloom import LinkageFields
from schakel.linkage.domain.normalise import normalise

LEFT = [
    ("L1", "Johannes Petrus", "van der", "Berg", "2010-03-31", "M", "12", "1234AB"),
    ("L2", "Fatima", "", "El Amrani", "2009-07-02", "V", "3", "3511XX"),
    ("L3", "Emma Sophie", "de", "Jong", "2012-11-05", "V", "140", "9712CD"),
    ("L4", "Noah", "", "Yilmaz", "2015-01-20", "M", "8a", "2511EF"),
]
RIGHT = [
    ("R1", "Hans", "", "v.d. Berg", "2010-03-31", "M", "12", "1234AB"),
    ("R2", "Emma", "", "Jong, de", "2012-11-05", "V", "140", "9712 CD"),
    ("R3", "Sem", "", "Bakker", "2011-06-17", "M", "1", "6811GH"),
]
SECRET = "3b" * 32
OTHER_SECRET = "c4" * 32


def write_people(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(INPUT_COLUMNS)
        for record_id, given, tv, surname, dob, sex, number, postcode in rows:
            writer.writerow(
                (record_id, given, tv, surname, dob, sex, "Dorpsstraat", number, postcode, "", "")
            )
    return path


@pytest.fixture
def files(tmp_path):
    (tmp_path / "regio.key").write_text(SECRET + "\n")
    (tmp_path / "ander.key").write_text(OTHER_SECRET)
    return {
        "left": write_people(tmp_path / "left.csv", LEFT),
        "right": write_people(tmp_path / "right.csv", RIGHT),
        "key": tmp_path / "regio.key",
        "other_key": tmp_path / "ander.key",
        "dir": tmp_path,
    }


def link(*args) -> int:
    try:
        call_command("link", *[str(arg) for arg in args])
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


def test_encode_and_match_find_the_same_young_people(files, capsys):
    enc_a, enc_b = files["dir"] / "a.enc", files["dir"] / "b.enc"
    pairs = files["dir"] / "pairs.csv"
    assert link("encode", files["left"], "--secret-file", files["key"], "--out", enc_a) == 0
    assert link("encode", files["right"], "--secret-file", files["key"], "--out", enc_b) == 0
    assert link("match-encodings", enc_a, enc_b, "--out", pairs) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "versleuteld" in captured.err and "paren boven de drempel" in captured.err
    with pairs.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["record_id_a", "record_id_b", "match_probability"]
    found = {(a, b): float(p) for a, b, p in rows[1:]}
    assert set(found) == {("L1", "R1"), ("L3", "R2")}
    # match_probability holds the Dice similarity of the two encodings.
    assert all(pprl.DEFAULT_THRESHOLD <= value <= 1.0 for value in found.values())


def test_no_clear_value_is_in_the_encoding(files):
    enc = files["dir"] / "a.enc"
    assert link("encode", files["left"], "--secret-file", files["key"], "--out", enc) == 0
    data = enc.read_bytes().lower()
    assert data.startswith(pprl.MAGIC.lower())
    for record in LEFT:
        for value in record[1:]:
            for text in {value, value.lower(), value.replace("-", "")} - {""}:
                if len(text) >= 3:
                    assert text.lower().encode() not in data, text
    for clear in (b"berg", b"amrani", b"johannes", b"fatima", b"yilmaz", b"1234ab", b"2010"):
        assert clear not in data
    header = pprl.parse_encoding(enc.read_bytes(), name="a.enc").header
    assert header["record_count"] == 4 and header["hardening"] == "balanced-permuted"
    assert SECRET not in json.dumps(header)


def test_the_encoding_is_deterministic_given_the_secret(files):
    first, second = files["dir"] / "1.enc", files["dir"] / "2.enc"
    link("encode", files["left"], "--secret-file", files["key"], "--out", first)
    link("encode", files["left"], "--secret-file", files["key"], "--out", second)
    assert first.read_bytes() == second.read_bytes()


def test_files_of_another_secret_are_refused(files, capsys):
    enc_a, enc_b = files["dir"] / "a.enc", files["dir"] / "b.enc"
    pairs = files["dir"] / "pairs.csv"
    link("encode", files["left"], "--secret-file", files["key"], "--out", enc_a)
    link("encode", files["right"], "--secret-file", files["other_key"], "--out", enc_b)
    capsys.readouterr()
    assert link("match-encodings", enc_a, enc_b, "--out", pairs) == 2
    assert "verschillende geheime sleutels" in capsys.readouterr().err
    assert not pairs.exists()


def _rewrite_header(data: bytes, **changes) -> bytes:
    body = data[:-32]
    start = len(pprl.MAGIC)
    (size,) = struct.unpack_from(">I", body, start)
    header = json.loads(body[start + 4 : start + 4 + size])
    header.update(changes)
    new = json.dumps(header, sort_keys=True).encode()
    body = body[:start] + struct.pack(">I", len(new)) + new + body[start + 4 + size :]
    return body + hashlib.sha256(body).digest()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: b"record_id,voornamen\n1,Jan\n", "geen versleuteld bestand van Schakel"),
        (lambda data: data[:-100], "beschadigd of niet volledig"),
        (lambda data: _rewrite_header(data, version=2), "versie 2 van de versleuteling"),
        (
            lambda data: _rewrite_header(data, fields=[{"code": "vn", "k": 3}]),
            "andere instellingen",
        ),
        (lambda data: b"", "is leeg"),
    ],
)
def test_an_encoding_file_that_is_not_ours_or_of_another_version_is_refused(
    files, capsys, damage, message
):
    enc_a, enc_b = files["dir"] / "a.enc", files["dir"] / "b.enc"
    pairs = files["dir"] / "pairs.csv"
    link("encode", files["left"], "--secret-file", files["key"], "--out", enc_a)
    link("encode", files["right"], "--secret-file", files["key"], "--out", enc_b)
    enc_b.write_bytes(damage(enc_b.read_bytes()))
    capsys.readouterr()
    assert link("match-encodings", enc_a, enc_b, "--out", pairs) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("Fout: ") and message in err
    assert not pairs.exists()
    assert sorted(path.name for path in files["dir"].iterdir() if path.name.startswith(".")) == []


def _bad_csv(directory: Path, kind: str) -> Path:
    path = directory / f"{kind}.csv"
    if kind == "no-header":
        path.write_text("L1,Jan,,Berg,2010-03-31,M,,1,1234AB,,\n", encoding="utf-8")
    elif kind == "date":
        write_people(path, [("L1", "Jan", "", "Berg", "31-03-2010", "M", "1", "1234AB")])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "large":
        write_people(path, LEFT)
        with path.open("a", encoding="utf-8") as handle:
            handle.write("x" * (1024 * 1024 + 10))
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("no-header", "heeft geen kopregel"),
        ("date", "is geen datum als JJJJ-MM-DD"),
        ("empty", "is leeg"),
        ("large", "de grens is 1 MB"),
        ("missing", "bestaat niet"),
    ],
)
def test_bad_input_stops_with_a_dutch_message_and_writes_nothing(
    files, capsys, monkeypatch, kind, message
):
    monkeypatch.setenv("SCHAKEL_LINK_MAX_INPUT_MB", "1")
    source = _bad_csv(files["dir"], kind)
    out = files["dir"] / "out.enc"
    assert link("encode", source, "--secret-file", files["key"], "--out", out) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("Fout: ") and message in err, err
    assert not out.exists()
    assert not [path for path in files["dir"].iterdir() if path.name.startswith(".out")]


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        (None, "Het sleutelbestand"),
        (b"", "is leeg"),
        (b"geheim", "hexadecimale tekens"),
        (b"ab" * 8, "te kort"),
        (b"ab" * 4000, "te groot"),
    ],
)
def test_a_wrong_or_missing_secret_file_is_refused(files, capsys, secret, message):
    key = files["dir"] / "fout.key"
    if secret is not None:
        key.write_bytes(secret)
    out = files["dir"] / "out.enc"
    assert link("encode", files["left"], "--secret-file", key, "--out", out) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("Fout: ") and message in err, err
    assert not out.exists()


def test_an_output_folder_that_does_not_exist_is_refused_before_any_work(files, capsys):
    out = files["dir"] / "nergens" / "out.enc"
    assert link("encode", files["left"], "--secret-file", files["key"], "--out", out) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_a_record_with_too_little_to_link_on_is_left_out(files, capsys):
    source = write_people(
        files["dir"] / "weinig.csv",
        [*LEFT, ("L9", "", "", "Jansen", "", "", "", "1234AB")],
    )
    out = files["dir"] / "out.enc"
    assert link("encode", source, "--secret-file", files["key"], "--out", out) == 0
    encoding = pprl.read_encoding_file(out)
    assert "L9" not in encoding.record_ids and encoding.header["skipped"] == 1
    assert "1 records overgeslagen" in capsys.readouterr().err


def test_the_columnar_encoding_equals_encoding_each_normalised_record(files):
    """``encode`` normalises and hashes each distinct value once; the file must be the same
    bytes as normalising and encoding record by record."""
    source = write_people(
        files["dir"] / "varianten.csv",
        [
            *LEFT,
            *RIGHT,
            ("V1", "Jan", "", "van der Berg", "2010-03-31", "m", "12", "1234 ab"),
            ("V2", "J.P.", "V/d", "berg", "", "", "12-A", ""),
            ("V3", "Anne-Marie", "", "Dijkstra-de Vries", "2012-02-29", "X", "", "9712cd"),
            ("V4", "", "", "Jansen", "", "", "", "1234AB"),
            ("V5", "Sanne", "", "", "2014-05-06", "V", "7", ""),
            ("V6", "Fatima", "", "El Amrani", "2009-07-02", "V", "3", "3511XX"),
        ],
    )
    people = read_people(source)
    records = [(p.record_id, LinkageFields.from_person(normalise(p))) for p in people]
    secret = bytes.fromhex(SECRET)
    expected, expected_ids = pprl.encode_records(records, secret)
    data, ids = pprl.encode_table(read_raw(source), secret)
    assert ids == expected_ids and "V4" not in ids and "V5" in ids
    assert data == expected


def test_the_installed_command_exits_with_code_2(files):
    command = Path(sys.executable).with_name("schakel")
    if not command.exists():
        pytest.skip("the schakel entry point is not installed in this environment")
    out = files["dir"] / "out.enc"
    result = subprocess.run(
        [
            *(str(command), "link", "encode", str(files["left"])),
            *("--secret-file", "/geen/sleutel", "--out", str(out)),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "Fout: Het sleutelbestand /geen/sleutel bestaat niet" in result.stderr
    assert result.stdout == "" and not out.exists()
