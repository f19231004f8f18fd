"""Writes on the context network: create-or-reuse by normal form, Dutch validation that stores
nothing half, audit rows in the same transaction, detaching and renaming that keep history."""

import pytest
from django.db import transaction

from schakel.accounts.constants import Role
from schakel.audit.models import AuditEvent
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.intake.models import Signal
from schakel.network import services
from schakel.network.models import ContextEntity, ContextEntityRename, ContextLink
from schakel.network.selectors import Target

from .conftest import attach, send_signal

pytestmark = pytest.mark.django_db


def test_attaching_creates_the_entity_once_and_reuses_it_for_another_spelling(
    coordinator, case, signal
):
    first = attach(coordinator, case=case, label="06-12345678", note="Belt haar steeds.")
    second = attach(coordinator, signal=signal, label="+31 6 1234 5678")
    assert first.entity_created and first.link_created
    assert not second.entity_created and second.link_created
    entity = ContextEntity.objects.get()
    assert (entity.label, entity.key, entity.region_id) == (
        "06-12345678",
        "+31612345678",
        case.region_id,
    )
    assert entity.created_by == coordinator
    assert first.link.case_id == case.pk and first.link.note == "Belt haar steeds."
    assert second.link.signal_id == signal.pk and second.link.entity_id == entity.pk
    assert AuditEvent.objects.filter(action="network.entity_create").count() == 1
    events = AuditEvent.objects.filter(action="network.attach").order_by("seq")
    assert [e.details for e in events] == [
        {"entity": entity.pk, "kind": "phone", "entity_created": True, "case": case.pk},
        {"entity": entity.pk, "kind": "phone", "entity_created": False, "signal": signal.pk},
    ]
    # Ids and codes only: the number typed is in no audit row.
    assert not any("12345678" in str(e.details) for e in AuditEvent.objects.all())


def test_attaching_what_is_attached_already_changes_nothing(coordinator, case):
    attach(coordinator, case=case, label="06-12345678")
    again = attach(coordinator, case=case, label="06 12 34 56 78")
    assert not again.link_created and not again.entity_created
    assert ContextLink.objects.count() == 1
    assert AuditEvent.objects.filter(action="network.attach").count() == 1


def test_the_same_key_of_another_kind_is_another_entity(coordinator, case):
    attach(coordinator, case=case, kind="hotel", label="De Zwaan")
    attach(coordinator, case=case, kind="park", label="De Zwaan")
    assert sorted(ContextEntity.objects.values_list("kind", flat=True)) == ["hotel", "park"]


def test_bad_input_stores_nothing_and_says_in_dutch_what_to_fix(coordinator, case):
    cases = [
        ({"kind": "phone", "label": "12345"}, "label", "Vul het hele telefoonnummer in"),
        ({"kind": "phone", "label": "06-123"}, "label", "10 cijfers"),
        ({"kind": "account", "label": "@jade"}, "platform", "op welk platform"),
        ({"kind": "vehicle", "label": "AB?12"}, "label", "letters en cijfers"),
        ({"kind": "address", "label": "Straat", "house_number": "3"}, "postcode", "postcode"),
        ({"kind": "nationality", "label": "x"}, "kind", "Kies een soort uit de lijst."),
        ({"kind": "hotel", "label": "   "}, "label", "Vul in wat u wilt koppelen."),
        ({"kind": "hotel", "label": "X", "note": "n" * 2001}, "note", "korter"),
    ]
    for data, field, words in cases:
        with pytest.raises(services.FormProblems) as refused:
            services.entity_attach(
                actor=coordinator, target=Target(case_id=case.pk), data=services.AttachInput(**data)
            )
        assert field in refused.value.problems, data
        assert words in refused.value.problems[field], (data, refused.value.problems)
    assert not ContextEntity.objects.exists() and not ContextLink.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="network.").exists()


def test_only_the_coordinator_of_the_region_attaches(
    coordinator, other_coordinator, make_user, case, reporter
):
    for actor in (
        other_coordinator,
        make_user(Role.PROFESSIONAL),
        make_user(Role.BELEIDSMEDEWERKER),
        make_user(Role.PRIVACY_OFFICER),
    ):
        with pytest.raises(NotFoundOrForbidden):
            attach(actor, case=case)
    with pytest.raises(NotFoundOrForbidden):
        attach(coordinator, case=type(case)(pk=999_999))
    elsewhere = send_signal(reporter, municipality="GM0014")  # in the other region
    with pytest.raises(NotFoundOrForbidden):
        attach(coordinator, signal=elsewhere)
    assert not ContextEntity.objects.exists()


def test_a_draft_signal_cannot_have_entities(coordinator, reporter):
    draft = Signal.objects.create(
        reporter=reporter, organisation=reporter.organisation, region_id=None
    )
    with pytest.raises(NotFoundOrForbidden):
        attach(coordinator, signal=draft)


def test_an_entity_belongs_to_the_region_of_what_it_was_attached_to(
    coordinator, other_coordinator, reporter, case
):
    attach(coordinator, case=case, label="06-12345678")
    elsewhere = send_signal(reporter, municipality="GM0014")
    attach(other_coordinator, signal=elsewhere, label="06-12345678")
    regions = sorted(ContextEntity.objects.values_list("region_id", flat=True))
    assert len(regions) == 2 and regions[0] != regions[1]


def test_detaching_keeps_the_row_with_who_when_and_why(coordinator, case):
    link = attach(coordinator, case=case).link
    with pytest.raises(services.FormProblems) as refused:
        services.link_detach(actor=coordinator, link_id=link.pk, reason="  ")
    assert "waarom" in refused.value.problems["reason"]
    services.link_detach(actor=coordinator, link_id=link.pk, reason="Verkeerd nummer ingevuld.")
    link.refresh_from_db()
    assert link.detached_by == coordinator and link.detached_at is not None
    assert link.detach_note == "Verkeerd nummer ingevuld."
    with pytest.raises(DomainValidationError, match="al losgekoppeld"):
        services.link_detach(actor=coordinator, link_id=link.pk, reason="Nog eens.")
    event = AuditEvent.objects.get(action="network.detach")
    assert event.details == {"entity": link.entity_id, "case": case.pk}
    # Attaching it again is a new row; the old one stays.
    again = attach(coordinator, case=case).link
    assert again.pk != link.pk and ContextLink.objects.count() == 2


def test_another_region_cannot_detach(coordinator, other_coordinator, case):
    link = attach(coordinator, case=case).link
    with pytest.raises(NotFoundOrForbidden):
        services.link_detach(actor=other_coordinator, link_id=link.pk, reason="Weg ermee.")
    assert ContextLink.objects.get().detached_at is None


def test_renaming_keeps_the_old_name_and_follows_the_new_key(coordinator, case):
    entity = attach(coordinator, case=case, kind="hotel", label="Hotel De Zwann").link.entity
    services.entity_rename(actor=coordinator, entity_id=entity.pk, label="Hotel De Zwaan")
    entity.refresh_from_db()
    assert (entity.label, entity.key) == ("Hotel De Zwaan", "hotel de zwaan")
    rename = ContextEntityRename.objects.get()
    assert (rename.old_label, rename.old_key, rename.renamed_by) == (
        "Hotel De Zwann",
        "hotel de zwann",
        coordinator,
    )
    event = AuditEvent.objects.get(action="network.entity_rename")
    assert event.details == {"kind": "hotel", "changed": ["label", "key"]}
    # The same name again changes nothing and writes nothing.
    services.entity_rename(actor=coordinator, entity_id=entity.pk, label="Hotel De Zwaan")
    assert ContextEntityRename.objects.count() == 1


def test_a_rename_onto_another_entity_is_refused(coordinator, case):
    attach(coordinator, case=case, kind="hotel", label="Hotel A")
    other = attach(coordinator, case=case, kind="hotel", label="Hotel B").link.entity
    with pytest.raises(services.FormProblems) as refused:
        services.entity_rename(actor=coordinator, entity_id=other.pk, label="hotel a")
    assert "al een hotel met deze naam" in refused.value.problems["label"]
    other.refresh_from_db()
    assert other.label == "Hotel B" and not ContextEntityRename.objects.exists()


def test_the_database_refuses_a_link_to_both_or_neither(coordinator, case, signal):
    entity = attach(coordinator, case=case).link.entity
    from django.db import IntegrityError

    for where in ({"case": case, "signal": signal}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ContextLink.objects.create(entity=entity, attached_by=coordinator, **where)


def test_a_target_is_a_signal_or_a_case():
    with pytest.raises(ValueError, match="signal or a case"):
        Target()
    with pytest.raises(ValueError, match="signal or a case"):
        Target(case_id=1, signal_id=2)
