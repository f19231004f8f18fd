"""The pure rules: the window, the figures and reading a CSV file (no database)."""

import ast
from datetime import date
from pathlib import Path

import pytest

from schakel.practice.domain.figures import (
    ActivityRow,
    TrainedRow,
    coverage_figures,
    participation_figures,
)
from schakel.practice.domain.training_csv import (
    Problem,
    decode,
    delimiter_of,
    level_spellings,
    parse_date,
    parse_training_csv,
)
from schakel.practice.domain.window import in_window, window_start

DOMAIN = Path(__file__).resolve().parent.parent / "domain"
TODAY = date(2025, 6, 30)
LEVELS = level_spellings(
    [
        ("basis", "Basis (signalen herkennen)"),
        ("verdieping", "Verdieping (handelen en melden)"),
        ("specialist", "Specialist"),
    ]
)


@pytest.mark.parametrize("path", sorted(DOMAIN.glob("*.py")), ids=lambda path: path.name)
def test_domain_modules_import_no_django_and_no_other_app(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] if node.level == 0 else []
        else:
            continue
        for name in names:
            assert not name.startswith(("django", "rest_framework", "schakel")), (path, name)


@pytest.mark.parametrize(
    ("today", "months", "start"),
    [
        (date(2025, 6, 30), 36, date(2022, 6, 30)),
        (date(2025, 3, 31), 1, date(2025, 2, 28)),  # no 31 February: the last day
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2025, 1, 15), 24, date(2023, 1, 15)),
        (date(2025, 1, 15), 0, date(2025, 1, 15)),
    ],
)
def test_window_start_is_the_same_day_months_earlier(today, months, start):
    assert window_start(today, months) == start


def test_window_includes_both_ends_and_nothing_after_today():
    since = window_start(TODAY, 36)
    assert in_window(since, since=since, today=TODAY)
    assert in_window(TODAY, since=since, today=TODAY)
    assert not in_window(date(2022, 6, 29), since=since, today=TODAY)
    assert not in_window(date(2025, 7, 1), since=since, today=TODAY)


def test_coverage_counts_people_once_and_only_first_line_organisations():
    rows = [
        TrainedRow(1, "Sanne de Vries", 10, "basis"),
        TrainedRow(1, "sanne  de vries ", 10, "verdieping"),  # same person, other spelling
        TrainedRow(1, "Kees Mentor", None, "basis"),
        TrainedRow(2, "Sanne de Vries", None, "basis"),  # a namesake elsewhere: another person
        TrainedRow(3, "Agent Politie", 99, "specialist"),  # not a first-line organisation
    ]
    figures = coverage_figures(
        rows,
        first_line_organisation_ids={1, 2, 4},
        professional_account_ids={10, 11},
        levels=["basis", "verdieping", "specialist"],
    )
    assert figures.organisations_trained == 2
    assert figures.professionals_trained == 3
    assert figures.accounts_trained == 1
    assert figures.by_level == {"basis": 3, "verdieping": 1, "specialist": 0}


def test_participation_figures_count_groups_per_activity_and_results():
    rows = [
        ActivityRow(date(2025, 1, 1), 10, "Voorlichting anders", ("jongeren", "ouders")),
        ActivityRow(date(2025, 5, 1), 4, "   ", ("jongeren", "jongeren")),
        ActivityRow(date(2024, 9, 1), 1, "", ("ervaringsdeskundigen",)),
    ]
    figures = participation_figures(rows, groups=["jongeren", "ouders", "professionals"])
    assert figures.activities == 3
    assert figures.participants == 15
    assert figures.with_change == 1  # only spaces is no result
    assert figures.groups == {
        "jongeren": 2,
        "ouders": 1,
        "professionals": 0,
        "ervaringsdeskundigen": 1,
    }
    assert figures.latest == date(2025, 5, 1)
    empty = participation_figures([], groups=["jongeren"])
    assert (empty.activities, empty.latest, empty.groups) == (0, None, {"jongeren": 0})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14-03-2025", date(2025, 3, 14)),
        ("4-3-2025", date(2025, 3, 4)),
        ("14/03/2025", date(2025, 3, 14)),
        ("2025-03-14", date(2025, 3, 14)),
        (" 2025-3-4 ", date(2025, 3, 4)),
        ("31-02-2025", None),
        ("03-14-2025", None),
        ("14 maart 2025", None),
        ("", None),
    ],
)
def test_dates_day_month_year_or_iso(text, expected):
    assert parse_date(text) == expected


def test_levels_by_code_label_or_short_label():
    assert LEVELS["basis"] == LEVELS["basis (signalen herkennen)"] == "basis"
    assert LEVELS["verdieping"] == "verdieping"
    assert LEVELS["specialist"] == "specialist"


def test_decoding_utf8_with_bom_windows_1252_and_no_text():
    assert decode("\ufeffnaam;Çelik".encode()) == "naam;Çelik"
    assert decode("naam;Çelik".encode("cp1252")) == "naam;Çelik"
    assert decode(b"PK\x03\x04rest") is None
    assert decode(b"a\x00b") is None


def test_delimiter_follows_the_first_line():
    assert delimiter_of("naam;organisatie;training\n") == ";"
    assert delimiter_of("naam,organisatie,training\n") == ","
    assert delimiter_of('"Vries, Sanne de";Wijkteam;x;1-1-2025;basis') == ";"
    assert delimiter_of("\n\nnaam\torganisatie\n") == "\t"


def _parse(text: str, **kwargs):
    return parse_training_csv(
        text.encode("utf-8"), today=TODAY, levels=LEVELS, max_rows=kwargs.get("max_rows", 100)
    )


def test_a_good_file_with_header_gives_rows_and_no_problems():
    parsed = _parse(
        "naam;organisatie;training;datum;niveau\n"
        "Sanne de Vries;Wijkteam Noord;Signalen herkennen;14-03-2025;Basis\n"
        ";;;;\n"
        "Kees  Mentor ;School;Meldcode;2025-01-02;verdieping (handelen en melden)\n"
    )
    assert parsed.ok
    assert [(r.line, r.name, r.level) for r in parsed.rows] == [
        (2, "Sanne de Vries", "basis"),
        (4, "Kees Mentor", "verdieping"),
    ]


def test_columns_may_come_in_any_order_and_without_header():
    reordered = _parse(
        "niveau,datum,naam,training,organisatie,gebruikersnaam\n"
        "basis,14-03-2025,Sanne,Signalen,Wijkteam,sanne01\n"
    )
    assert reordered.ok and reordered.rows[0].username == "sanne01"
    assert reordered.rows[0].organisation == "Wijkteam"
    headerless = _parse("Sanne;Wijkteam;Signalen;14-03-2025;basis;;\n")
    assert headerless.ok and headerless.rows[0].line == 1


def test_every_problem_of_every_row_is_reported():
    parsed = _parse(
        "naam;organisatie;training;datum;niveau\n"
        "Sanne;Wijkteam;Signalen;14-03-2025;basis\n"
        ";Wijkteam;Signalen;31-02-2025;expert\n"
        "Kees;;;01-01-2030;\n"
        "sanne;Wijkteam;signalen;2025-03-14;verdieping\n"
        "a;b;c;d;e;f;g\n"
    )
    assert not parsed.ok
    found = [(p.line, p.problem, p.value) for p in parsed.problems]
    assert found == [
        (3, Problem.NAME_MISSING, ""),
        (3, Problem.DATE_INVALID, "31-02-2025"),
        (3, Problem.LEVEL_UNKNOWN, "expert"),
        (4, Problem.ORGANISATION_MISSING, ""),
        (4, Problem.TRAINING_MISSING, ""),
        (4, Problem.DATE_FUTURE, "01-01-2030"),
        (4, Problem.LEVEL_MISSING, ""),
        (5, Problem.DUPLICATE_IN_FILE, "2"),
        (6, Problem.DATE_INVALID, "d"),
        (6, Problem.LEVEL_UNKNOWN, "e"),
    ]


def test_file_level_problems():
    assert _parse("").problems[0].problem == Problem.EMPTY
    assert _parse("naam;organisatie;training\nA;B;C\n").problems[0].problem == (
        Problem.MISSING_COLUMNS
    )
    assert _parse("naam;organisatie;training\n").problems[0].value == "datum, niveau"
    many = "naam;organisatie;training;datum;niveau\n" + "A;B;C;1-1-2025;basis\n" * 4
    too_many = _parse(many, max_rows=3)
    assert [(p.line, p.problem, p.value) for p in too_many.problems] == [
        (0, Problem.TOO_MANY_ROWS, "3")
    ]
    assert _parse(many, max_rows=4).problems[0].problem == Problem.DUPLICATE_IN_FILE
    xlsx = parse_training_csv(b"PK\x03\x04...", today=TODAY, levels=LEVELS, max_rows=5)
    assert xlsx.problems[0].problem == Problem.SPREADSHEET


def test_quoted_fields_with_separators_and_line_breaks():
    parsed = _parse(
        'naam;organisatie;training;datum;niveau\n"Vries; Sanne de";Wijkteam;"Signalen\n'
        'herkennen";14-03-2025;basis\nKees;Wijkteam;Meldcode;14-03-2025;basis\n'
    )
    assert parsed.ok
    assert parsed.rows[0].name == "Vries; Sanne de"
    assert parsed.rows[0].training == "Signalen herkennen"
    assert [row.line for row in parsed.rows] == [2, 3]  # spreadsheet rows, not text lines
