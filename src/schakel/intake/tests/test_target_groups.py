"""Gender, district and vulnerable group of a signal: asked in the form (optional), counted per
breakdown for the monitor."""

import re
import uuid
from datetime import date

import pytest
from django.utils import timezone

from schakel.accounts.constants import Role
from schakel.geo.models import Municipality
from schakel.geo.services import districts_load
from schakel.intake.constants import SignalStatus
from schakel.intake.models import Signal
from schakel.intake.selectors import NO_VULNERABILITY, signal_breakdown_counts
from schakel.intake.services import SignalInput, indicators_load_defaults, signal_submit
from schakel.intake.tests.test_intake_http import form_data
from schakel.kennis.services import terms_load_defaults
from schakel.monitor.domain.indicators import UNKNOWN

pytestmark = pytest.mark.django_db

UTRECHT_WEST = "WK034401"  # Utrecht, "Wijk 01 West"
NIEUWEGEIN_GALECOP = "WK035608"  # Nieuwegein, "Galecop"
AMSTERDAM_CENTRUM = "WK0363AA"  # outside the region of the test users


@pytest.fixture(autouse=True)
def _reference_lists(region):
    indicators_load_defaults()
    terms_load_defaults()
    districts_load()


@pytest.fixture
def professional(make_user):
    return make_user(Role.PROFESSIONAL)


def test_the_form_offers_the_districts_of_the_region_grouped_per_municipality(
    professional, login_as
):
    page = login_as(professional).get("/signalen/nieuw/").content.decode()
    select = page[
        page.index('<select name="district"') : page.index(
            "</select>", page.index('name="district"')
        )
    ]
    assert '<optgroup label="Nieuwegein">' in select and '<optgroup label="Utrecht">' in select
    assert f'value="{UTRECHT_WEST}"' in select and "Wijk 01 West" in select
    assert AMSTERDAM_CENTRUM not in select  # not a municipality of the user's region
    assert '<label class="utrecht-form-label" for="id_district">' in page
    # Gender: a question about the young person, with why it is asked.
    assert "Is de jongere een meisje, een jongen of anders?" in page
    assert "alleen om in de monitor te tellen" in page


def test_gender_and_district_are_saved(professional, login_as):
    client = login_as(professional)
    response = client.post("/signalen/nieuw/", form_data(gender="meisje", district=UTRECHT_WEST))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.gender == "meisje"
    assert signal.district.code == UTRECHT_WEST


def test_both_are_optional(professional, login_as):
    response = login_as(professional).post("/signalen/nieuw/", form_data())
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert (signal.gender, signal.district) == ("", None)


def test_a_district_of_another_municipality_is_refused_in_dutch_and_nothing_is_lost(
    professional, login_as
):
    client = login_as(professional)
    data = form_data(
        residence="GM0344",
        district=NIEUWEGEIN_GALECOP,
        gender="jongen",
        description="Een zin die bewaard moet blijven.",
    )
    response = client.post("/signalen/nieuw/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert Signal.objects.count() == 0
    assert "Deze wijk hoort niet bij de gekozen woonplaats." in body
    assert 'href="#id_district"' in body  # in the summary at the top, linked to the field
    assert "Een zin die bewaard moet blijven." in body
    assert re.search(rf'<option value="{NIEUWEGEIN_GALECOP}" selected>', body)
    assert re.search(r'value="jongen"[^>]*checked', body)
    # Without a residence, and a code that is no district of the list: refused too.
    response = client.post("/signalen/nieuw/", form_data(residence="", district=UTRECHT_WEST))
    assert "Kies ook de woonplaats van de jongere" in response.content.decode()
    response = client.post("/signalen/nieuw/", form_data(district="WK999999"))
    assert "Kies een wijk uit de lijst" in response.content.decode()
    assert Signal.objects.count() == 0


def test_a_draft_keeps_gender_and_district(professional, login_as):
    client = login_as(professional)
    data = form_data(gender="anders", district=NIEUWEGEIN_GALECOP, residence="GM0356")
    response = client.post("/signalen/nieuw/", {**data, "actie": "concept"})
    signal = Signal.objects.get()
    assert signal.status == SignalStatus.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert re.search(rf'<option value="{NIEUWEGEIN_GALECOP}" selected>', page)
    assert re.search(r'value="anders"[^>]*checked', page)


def test_gender_is_not_shown_in_the_list_of_own_signals(professional, login_as):
    client = login_as(professional)
    client.post("/signalen/nieuw/", form_data(gender="meisje"))
    page = client.get("/signalen/").content.decode()
    assert "Voorbeeld" in page  # the list is there
    assert "meisje" not in page.lower()


def test_the_service_refuses_a_district_outside_the_residence(professional):
    from schakel.common.exceptions import DomainValidationError

    with pytest.raises(DomainValidationError) as raised:
        signal_submit(
            actor=professional,
            submission_key=uuid.uuid4(),
            data=SignalInput(
                surname="Fictief", places=[("GM0344", "residence")], district=AMSTERDAM_CENTRUM
            ),
        )
    assert raised.value.field == "district"


# -- counting ---------------------------------------------------------------------------------

SENT = timezone.datetime(2025, 8, 10, 12, tzinfo=timezone.get_current_timezone())
AUGUST = date(2025, 8, 1)


def _sent(reporter, **fields) -> Signal:
    signal = signal_submit(
        actor=reporter,
        submission_key=uuid.uuid4(),
        data=SignalInput(surname="Fictief", places=[("GM0344", "residence")], **fields),
    )
    Signal.objects.filter(pk=signal.pk).update(submitted_at=SENT)
    return signal


def test_counts_per_gender_district_and_vulnerable_group(professional):
    utrecht = Municipality.objects.get(code="GM0344")
    _sent(
        professional,
        gender="meisje",
        district=UTRECHT_WEST,
        # Two vulnerable groups (health twice) and a signal that is no vulnerability.
        indicator_codes=[
            "kwetsbaar-gezondheid-lvb",
            "kwetsbaar-gezondheid-eetstoornis",
            "kwetsbaar-zorg-opvang-weglopen",
            "crimineel-schuld",
        ],
    )
    _sent(professional, gender="jongen", district=UTRECHT_WEST)
    _sent(professional, indicator_codes=["kwetsbaar-zorg-opvang-vermist"])
    counts = signal_breakdown_counts(
        municipality_ids=[utrecht.pk],
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        breakdowns=[None, "gender", "district", "vulnerable_group", "age_band"],
    )
    per = {by: {value: n for (_m, value, _month), n in c.items()} for by, c in counts.items()}
    assert per[None] == {"": 3}
    assert per["gender"] == {"meisje": 1, "jongen": 1, UNKNOWN: 1}
    assert per["district"] == {UTRECHT_WEST: 2, UNKNOWN: 1}
    # Gender and district add up to the total; vulnerable groups do not (one signal, two groups).
    assert sum(per["gender"].values()) == sum(per["district"].values()) == 3
    assert per["vulnerable_group"] == {
        "kwetsbaar-gezondheid": 1,
        "kwetsbaar-zorg-opvang": 2,
        NO_VULNERABILITY: 1,
    }
    assert per["age_band"] == {UNKNOWN: 3}  # the existing breakdowns are unchanged
    assert {month for (_m, _v, month) in counts["gender"]} == {AUGUST}
