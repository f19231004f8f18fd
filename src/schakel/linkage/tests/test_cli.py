"""``schakel link pairs|dedupe`` on real files: the contract's columns, the pairs judged to be
matches, siblings kept apart, and bad input refused in Dutch with exit code 2 and no output."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

HEADER = (
    "record_id,voornamen,tussenvoegsel,achternaam,geboortedatum,geslacht,straat,huisnummer,"
    "postcode,woonplaats,bsn"
)
LEFT = [
    "L1,Johannes Petrus,van der,Berg,2011-03-04,M,Dorpsstraat,12,3511AB,Utrecht,",
    "L2,Femke,van der,Berg,2013-07-01,V,Dorpsstraat,12,3511AB,Utrecht,",
    "L3,Zoë,,Bijl,2010-11-23,V,Kerkweg,3,1234CD,Houten,",
    "L4,Mohammed,,El Amrani,2012-01-15,M,Laan,7,2000AA,Haarlem,",
]
RIGHT = [
    "R1,Hans,,Berg, van der,2011-04-03,M,Dorpsstr,12,3511 ab,Utrecht,",  # swapped day/month
    "R2,Zoe,,Byl,2010-11-23,V,Kerkweg,3,1234CD,Houten,",
    "R3,Femke,,vd Berg,2013-07-01,V,Dorpsstraat,12,3511AB,Utrecht,",
    "R4,Sanne,,de Vries,2014-05-05,V,Markt,1,9999ZZ,Zwolle,",
]


def write(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def pairs_of(path: Path) -> set[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["record_id_a", "record_id_b", "match_probability"]
        rows = list(reader)
    assert all(0.0 <= float(row["match_probability"]) <= 1.0 for row in rows)
    return {(row["record_id_a"], row["record_id_b"]) for row in rows}


def test_pairs_finds_the_same_young_people_in_any_spelling(tmp_path, capsys):
    # The comma inside "Berg, van der" needs quotes in CSV.
    right = [row.replace("Berg, van der", '"Berg, van der"') for row in RIGHT]
    out = tmp_path / "pairs.csv"
    call_command(
        "link",
        "pairs",
        str(write(tmp_path / "l.csv", LEFT)),
        str(write(tmp_path / "r.csv", right)),
        "--out",
        str(out),
        "--one-to-one",
    )
    assert pairs_of(out) == {("L1", "R1"), ("L2", "R3"), ("L3", "R2")}
    assert "klaar" in capsys.readouterr().err  # the progress indicator is on stderr


def test_dedupe_keeps_siblings_apart(tmp_path):
    rows = [
        *LEFT,
        "D1,Jan,van der,Berg,2011-03-04,M,Dorpsstraat,12,3511AB,Utrecht,",
        "D2,Thomas,van der,Berg,2011-03-04,M,Dorpsstraat,12,3511AB,Utrecht,",  # twin of L1
    ]
    out = tmp_path / "pairs.csv"
    call_command("link", "dedupe", str(write(tmp_path / "in.csv", rows)), "--out", str(out))
    found = {tuple(sorted(pair)) for pair in pairs_of(out)}
    assert ("D1", "L1") in found
    assert not any("D2" in pair or "L2" in pair for pair in found)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is leeg"),
        ("L1,Jan,,Berg,2011-03-04,M,,,,,\n", "geen kopregel"),
        (
            HEADER.replace(",bsn", "") + "\nL1,Jan,,Berg,2011-03-04,M,,,,\n",
            "ontbreken de kolommen: bsn",
        ),
        (HEADER + "\nL1,Jan,,Berg,04-03-2011,M,,,,,\n", "regel 2: geboortedatum '04-03-2011'"),
        (HEADER + "\nL1,Jan,,Berg,,M,,,,,\nL1,Piet,,Berg,,M,,,,,\n", "komt al eerder voor"),
        (HEADER + "\n", "geen records"),
    ],
)
def test_bad_input_is_refused_with_exit_code_2_and_nothing_written(
    tmp_path, capsys, content, message
):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "pairs.csv"
    with pytest.raises(SystemExit) as stopped:
        call_command("link", "dedupe", str(bad), "--out", str(out))
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [bad]  # no output, no temporary file left


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SCHAKEL_LINK_MAX_INPUT_MB", "1")
    big = tmp_path / "big.csv"
    rows = [f"B{i},Jan,,Berg,2011-03-04,M,,,,," for i in range(40_000)]
    write(big, rows)
    assert big.stat().st_size > 1024 * 1024
    with pytest.raises(SystemExit) as stopped:
        call_command("link", "dedupe", str(big), "--out", str(tmp_path / "p.csv"))
    assert stopped.value.code == 2
    assert "de grens is 1 MB" in capsys.readouterr().err


def test_not_utf8_and_missing_file_are_refused(tmp_path, capsys):
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "\nL1,Zoë,,Bijl,,,,,,,\n").encode("latin-1"))
    for path, message in ((latin, "geen UTF-8"), (tmp_path / "nope.csv", "bestaat niet")):
        with pytest.raises(SystemExit):
            call_command("link", "dedupe", str(path), "--out", str(tmp_path / "p.csv"))
        assert message in capsys.readouterr().err


def test_a_wrong_threshold_exits_2_from_the_command_line(tmp_path):
    left = write(tmp_path / "l.csv", LEFT)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "schakel",
            "link",
            "pairs",
            str(left),
            str(left),
            "--out",
            str(tmp_path / "p.csv"),
            "--threshold",
            "2",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "kies een kans tussen 0 en 1" in result.stderr


def test_the_fast_reader_normalises_exactly_as_the_record_by_record_path(tmp_path):
    from schakel.linkage.batch import normalise_all
    from schakel.linkage.columnar import normalised_table, read_raw
    from schakel.linkage.csvio import read_people
    from schakel.linkage.engine import person_table

    rows = [
        *LEFT,
        *[row.replace("Berg, van der", '"Berg, van der"') for row in RIGHT],
        "X1,J.P.M.,,V/d Berg,2012-12-01,x,Straat-str,12-a,1234 ab,'s-Hertogenbosch,111222333",
        "X2,Anna-Sophie,,Jansen-de Vries,,,,,,,12345678",
        "X3,,,Vandenheuvel,2010-01-02,jongen,,7,99,,",
        "X4,  Zoë  ,van 't,Hof,2011-02-03,V,,,,,",
    ]
    path = write(tmp_path / "mixed.csv", rows)
    fast = normalised_table(read_raw(path), "a")
    slow = person_table(normalise_all(read_people(path)), "a")
    assert fast.schema == slow.schema
    assert fast.to_pylist() == slow.to_pylist()
