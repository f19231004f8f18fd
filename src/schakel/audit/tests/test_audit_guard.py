"""An audit row can only be written inside the transaction of the change it records."""

import pytest

from schakel.audit.services import AuditOutsideTransaction, audit_record, audit_record_many


def test_audit_record_refuses_to_run_outside_a_transaction():
    # No database access is allowed in this test: the guard must trip before any query.
    with pytest.raises(AuditOutsideTransaction):
        audit_record(actor=None, action="test.event")


def test_rows_written_together_refuse_to_run_outside_a_transaction():
    with pytest.raises(AuditOutsideTransaction):
        audit_record_many(actor=None, action="test.batch", subject_type="x", subjects=[(1, {})])
