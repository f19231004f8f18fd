"""The audit table in the database: same transaction, append-only, verifiable."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction

from schakel.accounts import services
from schakel.accounts.constants import Role
from schakel.accounts.models import User
from schakel.audit.models import AuditEvent
from schakel.audit.services import audit_record, audit_record_many

pytestmark = pytest.mark.django_db(transaction=False)

TABLE = AuditEvent._meta.db_table


def _drop_triggers():
    """What an attacker with database rights could do; rolled back with the test."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER schakel_audit_no_update")
            cursor.execute("DROP TRIGGER schakel_audit_no_delete")


def _rows(n):
    with transaction.atomic():
        return [audit_record(actor=None, action="test.event", subject_id=i) for i in range(n)]


def test_rows_are_chained_and_verify(capsys):
    _rows(3)
    call_command("audit", "verify")
    assert "Logboek intact: 3 rijen" in capsys.readouterr().out


def test_rows_written_together_chain_on_from_the_last_row_and_verify(capsys):
    _rows(2)
    with transaction.atomic():
        written = audit_record_many(
            actor=None,
            action="test.batch",
            subject_type="thing",
            subjects=[(i, {"n": i}) for i in range(5)],
        )
    _rows(1)  # and a single row after them chains on
    assert [event.seq for event in written] == [3, 4, 5, 6, 7]
    assert AuditEvent.objects.get(seq=5).details == {"n": 2}
    call_command("audit", "verify")
    assert "Logboek intact: 8 rijen" in capsys.readouterr().out


@pytest.mark.parametrize("statement", ["UPDATE {t} SET reason = 'x'", "DELETE FROM {t}"])
def test_database_refuses_update_and_delete(statement):
    _rows(2)
    with (
        pytest.raises((DatabaseError, IntegrityError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(t=TABLE))
    assert AuditEvent.objects.count() == 2


def test_orm_update_is_refused_too():
    [event] = _rows(1)
    event.reason = "achteraf aangepast"
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        event.save()


def test_verify_names_an_altered_row():
    rows = _rows(4)
    _drop_triggers()
    AuditEvent.objects.filter(pk=rows[1].pk).update(reason="vervalst")
    with pytest.raises(CommandError, match=rf"id={rows[1].pk}, volgnummer {rows[1].seq}"):
        call_command("audit", "verify")


def test_verify_names_the_row_after_a_deleted_one():
    rows = _rows(4)
    _drop_triggers()
    AuditEvent.objects.filter(pk=rows[1].pk).delete()
    with pytest.raises(CommandError, match=rf"id={rows[2].pk}"):
        call_command("audit", "verify")


def test_verify_finds_reordered_rows():
    rows = _rows(4)
    _drop_triggers()
    moved = ["seq", "occurred_at", "subject_id", "action", "details", "prev_hash", "hash"]
    a, b = (AuditEvent.objects.values(*moved).get(pk=r.pk) for r in rows[1:3])
    # Swap the stored order of rows 2 and 3 (unique columns need a parking spot first).
    AuditEvent.objects.filter(pk=rows[1].pk).update(seq=10_000, hash="0" * 64)
    AuditEvent.objects.filter(pk=rows[2].pk).update(**a)
    AuditEvent.objects.filter(pk=rows[1].pk).update(**b)
    with pytest.raises(CommandError, match=rf"id={rows[1].pk}, volgnummer {rows[2].seq}"):
        call_command("audit", "verify")


def test_checkpoint_finds_a_removed_last_row(capsys):
    rows = _rows(3)
    call_command("audit", "checkpoint")
    checkpoint = capsys.readouterr().out.strip()
    assert checkpoint == f"{rows[-1].seq}:{rows[-1].hash}"
    _drop_triggers()
    AuditEvent.objects.filter(pk=rows[-1].pk).delete()
    call_command("audit", "verify")  # without the checkpoint nothing looks wrong
    with pytest.raises(CommandError, match="ontbreekt"):
        call_command("audit", "verify", "--checkpoint", checkpoint)


def test_failed_audit_write_rolls_back_the_change(make_user):
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    target = make_user(Role.PROFESSIONAL)
    before = AuditEvent.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO audit_broken")
    try:
        with pytest.raises(DatabaseError):
            services.user_deactivate(actor=admin, user_id=target.pk, reason="test")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE audit_broken RENAME TO {TABLE}")
    target.refresh_from_db()
    assert target.is_active
    assert AuditEvent.objects.count() == before


def test_error_mid_write_leaves_no_record_and_no_audit_row(organisation):
    before_users, before_audit = User.objects.count(), AuditEvent.objects.count()
    with pytest.raises(TypeError):
        services.user_create(
            actor=None,
            username="halfweg",
            first_name="Half",
            last_name="Weg",
            role=Role.PROFESSIONAL,
            organisation=organisation,
            municipalities=[object()],  # fails after the user row was written
        )
    assert User.objects.count() == before_users
    assert AuditEvent.objects.count() == before_audit
