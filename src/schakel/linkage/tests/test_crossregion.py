"""Linkage across regions through HTTP: two care coordinators deliver encodings and start a
run; each sees only "another region also has signals about this young person" with whom to
contact, never the other region's record or name; other roles and regions see nothing; every
step is audited."""

import pytest
from conftest import login
from django.test import Client
from django.urls import include, path

from schakel.accounts.constants import Role
from schakel.accounts.tests.factories import OrganisationFactory, RegionFactory, municipality
from schakel.audit.models import AuditEvent
from schakel.config import urls as project_urls
from schakel.intake.models import Signal
from schakel.linkage import crossregion, pprl
from schakel.linkage.constants import RunStatus
from schakel.linkage.domain.normalise import RawPerson, normalise
from schakel.linkage.models import (
    CrossRegionHit,
    EncodedRecord,
    EncodingSet,
    LinkageAgreement,
    LinkageRun,
    PersonRecord,
)

# The project's URLs, with this page's URLs added until config/urls.py includes them.
urlpatterns = list(project_urls.urlpatterns)
if not any(getattr(pattern, "namespace", None) == "linkage_crossregion" for pattern in urlpatterns):
    urlpatterns.append(path("", include("schakel.linkage.urls_crossregion")))
handler404 = project_urls.handler404
handler403 = project_urls.handler403

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

PAGE = "/koppelen/regio-overstijgend/"
SECRET = "5e" * 32


@pytest.fixture
def secrets_dir(tmp_path, settings):
    settings.SCHAKEL_LINKAGE_SECRETS_DIR = tmp_path
    return tmp_path


@pytest.fixture
def agreement(region, other_region, secrets_dir):
    agreement = LinkageAgreement.objects.create(name="Midden-Nederland", slug="midden")
    agreement.regions.set([region, other_region])
    (secrets_dir / "midden.key").write_text(SECRET)
    return agreement


@pytest.fixture
def coordinator(make_user, region):
    return make_user(Role.ZORGCOORDINATOR, first_name="Ans", last_name="Eerste", email="ans@a.nl")


@pytest.fixture
def other_coordinator(make_user, other_region):
    return make_user(
        Role.ZORGCOORDINATOR,
        regions=[other_region],
        first_name="Bo",
        last_name="Tweede",
        email="bo@andere-regio.nl",
    )


def person_record(region, reporter, **raw) -> PersonRecord:
    signal = Signal.objects.create(
        reporter=reporter, organisation=OrganisationFactory(), region=region
    )
    person = normalise(RawPerson(record_id=str(signal.pk), **raw))
    return PersonRecord.objects.create(
        signal=signal,
        region=region,
        first_name=person.first_name,
        given_names=" ".join(person.given_names),
        initials=person.initials,
        surname=person.surname,
        tussenvoegsel=person.tussenvoegsel,
        date_of_birth=person.date_of_birth,
        sex=person.sex,
        postcode=person.postcode,
        house_number=person.house_number,
    )


@pytest.fixture
def records(region, other_region, coordinator, other_coordinator):
    jan = dict(
        voornamen="Johannes Petrus",
        tussenvoegsel="van der",
        achternaam="Berg",
        geboortedatum="2010-03-31",
        geslacht="M",
        huisnummer="12",
        postcode="1234AB",
    )
    return {
        "jan_a": person_record(region, coordinator, **jan),
        "fatima_a": person_record(
            region,
            coordinator,
            voornamen="Fatima",
            achternaam="El Amrani",
            geboortedatum="2009-07-02",
            geslacht="V",
        ),
        "jan_b": person_record(
            other_region, other_coordinator, **{**jan, "voornamen": "Hans", "tussenvoegsel": ""}
        ),
        "sem_b": person_record(
            other_region,
            other_coordinator,
            voornamen="Sem",
            achternaam="Bakker",
            geboortedatum="2011-06-17",
            geslacht="M",
        ),
    }


def submit(client: Client, agreement, region):
    return client.post(f"{PAGE}{agreement.pk}/aanleveren/", {"regio": region.pk}, follow=True)


def test_two_regions_deliver_and_link_and_each_learns_only_whom_to_contact(
    agreement, region, other_region, coordinator, other_coordinator, records
):
    ans = login(Client(), coordinator)
    bo = login(Client(), other_coordinator)
    page = ans.get(PAGE).content.decode()
    assert "Midden-Nederland" in page and "Versleutel en lever aan" in page

    response = submit(ans, agreement, region)
    assert "De gegevens van 2 jongeren zijn versleuteld en aangeleverd" in response.content.decode()
    delivered = EncodingSet.objects.get(region=region)
    content = bytes(delivered.content).lower()
    assert b"berg" not in content and b"johannes" not in content and b"1234ab" not in content
    tokens = list(EncodedRecord.objects.filter(encoding_set=delivered))
    assert len(tokens) == 2
    assert all(len(t.token) == 32 and t.token != str(t.record_id) for t in tokens)
    sent = pprl.parse_encoding(bytes(delivered.content), name="aanlevering")
    assert set(sent.record_ids) == {t.token for t in tokens}

    submit(bo, agreement, other_region)
    response = bo.post(f"{PAGE}{agreement.pk}/koppelronde/", follow=True)
    assert "De koppelronde is klaar: 1 jongeren" in response.content.decode()
    run = LinkageRun.objects.get()
    assert (run.status, run.pair_count) == (RunStatus.DONE, 1)
    assert {
        (h.region_id, h.record_id, h.other_region_id) for h in CrossRegionHit.objects.all()
    } == {
        (region.pk, records["jan_a"].pk, other_region.pk),
        (other_region.pk, records["jan_b"].pk, region.pk),
    }

    mine = ans.get(PAGE).content.decode()
    assert (
        "Een andere regio (Andere regio) heeft ook signalen over deze jongere. Neem contact op "
        "met de zorgcoördinator van Andere regio." in mine
    )
    assert "bo@andere-regio.nl" in mine and "Bo Tweede" in mine
    assert f"/signalen/{records['jan_a'].signal_id}/" in mine
    # Never the other region's record, its signal or a name from it.
    assert f"/signalen/{records['jan_b'].signal_id}/" not in mine
    assert "Hans" not in mine and "Bakker" not in mine
    assert f"/signalen/{records['fatima_a'].signal_id}/" not in mine
    theirs = bo.get(PAGE).content.decode()
    assert "Een andere regio (Testregio (fictief)) heeft ook signalen" in theirs
    assert "ans@a.nl" in theirs and f"/signalen/{records['jan_a'].signal_id}/" not in theirs

    events = list(AuditEvent.objects.filter(action__startswith="linkage.").order_by("seq"))
    assert [(e.action, e.result) for e in events] == [
        ("linkage.encoding_submit", "success"),
        ("linkage.encoding_submit", "success"),
        ("linkage.run_start", "success"),
    ]
    assert events[0].details == {
        "agreement": agreement.pk,
        "region": region.pk,
        "records": 2,
        "skipped": 0,
    }
    assert events[2].details["pairs"] == 1 and events[2].subject_id == str(run.pk)


def test_a_coordinator_of_a_region_outside_the_agreement_sees_and_does_nothing(
    agreement, region, coordinator, records, make_user
):
    outsider_region = RegionFactory(name="Derde regio", municipalities=[municipality("GM0363")])
    outsider = make_user(Role.ZORGCOORDINATOR, regions=[outsider_region])
    ans = login(Client(), coordinator)
    submit(ans, agreement, region)
    client = login(Client(), outsider)
    page = client.get(PAGE).content.decode()
    assert "Midden-Nederland" not in page
    assert "Uw regio doet nog niet mee aan een koppelafspraak" in page
    assert client.post(f"{PAGE}{agreement.pk}/koppelronde/").status_code == 404
    assert client.post(f"{PAGE}{agreement.pk}/aanleveren/", {"regio": region.pk}).status_code == 404
    assert (
        client.post(f"{PAGE}{agreement.pk}/aanleveren/", {"regio": outsider_region.pk}).status_code
        == 404
    )
    assert EncodingSet.objects.count() == 1 and not LinkageRun.objects.exists()


def test_a_coordinator_cannot_deliver_for_the_other_region(
    agreement, other_region, coordinator, records
):
    ans = login(Client(), coordinator)
    response = ans.post(f"{PAGE}{agreement.pk}/aanleveren/", {"regio": other_region.pk})
    assert response.status_code == 404
    assert not EncodingSet.objects.exists()


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.BELEIDSMEDEWERKER, Role.PRIVACY_OFFICER])
def test_other_roles_get_not_found_and_the_attempt_is_logged(agreement, region, make_user, role):
    mfa = role != Role.BELEIDSMEDEWERKER
    client = login(Client(), make_user(role, with_device=mfa), verify=mfa)
    assert client.get(PAGE).status_code == 404
    assert client.post(f"{PAGE}{agreement.pk}/aanleveren/", {"regio": region.pk}).status_code == 404
    assert client.post(f"{PAGE}{agreement.pk}/koppelronde/").status_code == 404
    assert AuditEvent.objects.filter(action="linkage.cross_region", result="denied").count() == 3
    assert not EncodingSet.objects.exists()


def test_an_anonymous_visitor_is_sent_to_the_login(agreement):
    response = Client().get(PAGE)
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_a_missing_secret_file_gives_a_message_for_the_functioneel_beheerder(
    agreement, region, coordinator, records, secrets_dir
):
    (secrets_dir / "midden.key").unlink()
    page = submit(login(Client(), coordinator), agreement, region).content.decode()
    assert "De geheime sleutel van de koppelafspraak" in page
    assert "Vraag de functioneel beheerder" in page and "midden.key" in page
    assert not EncodingSet.objects.exists()
    assert not AuditEvent.objects.filter(action="linkage.encoding_submit").exists()


def test_a_run_needs_two_deliveries(agreement, region, coordinator, records):
    ans = login(Client(), coordinator)
    submit(ans, agreement, region)
    page = ans.post(f"{PAGE}{agreement.pk}/koppelronde/", follow=True).content.decode()
    assert "minstens twee regio&#x27;s" in page or "minstens twee regio's" in page
    assert not LinkageRun.objects.exists()


def test_a_region_that_encoded_with_another_secret_makes_the_run_fail_with_its_reason(
    agreement, region, other_region, coordinator, other_coordinator, records, secrets_dir
):
    submit(login(Client(), coordinator), agreement, region)
    (secrets_dir / "midden.key").write_text("77" * 32)
    bo = login(Client(), other_coordinator)
    submit(bo, agreement, other_region)
    page = bo.post(f"{PAGE}{agreement.pk}/koppelronde/", follow=True).content.decode()
    assert "De koppelronde is mislukt" in page and "verschillende geheime sleutels" in page
    run = LinkageRun.objects.get()
    assert run.status == RunStatus.FAILED and not CrossRegionHit.objects.exists()
    event = AuditEvent.objects.get(action="linkage.run_start")
    assert event.result == "failure"


def test_only_the_last_finished_run_counts(
    agreement, region, other_region, coordinator, other_coordinator, records
):
    submit(login(Client(), coordinator), agreement, region)
    bo = login(Client(), other_coordinator)
    submit(bo, agreement, other_region)
    crossregion.linkage_run_start(actor=coordinator, agreement_id=agreement.pk)
    assert len(crossregion.hits_for_user(user=coordinator)) == 1
    records["jan_b"].delete()  # the other region's signal is gone: a new delivery and run
    submit(bo, agreement, other_region)
    crossregion.linkage_run_start(actor=coordinator, agreement_id=agreement.pk)
    assert crossregion.hits_for_user(user=coordinator) == []
