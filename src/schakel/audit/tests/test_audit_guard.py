"""An audit row can only be written inside the transaction of the change it records."""

import pytest

from schakel.audit.services import AuditOutsideTransaction, audit_record


def test_audit_record_refuses_to_run_outside_a_transaction():
    # No database access is allowed in this test: the guard must trip before any query.
    with pytest.raises(AuditOutsideTransaction):
        audit_record(actor=None, action="test.event")
