"""The hash chain (pure): any altered, deleted or reordered row is found."""

from dataclasses import replace

from schakel.audit.domain.chain import GENESIS_HASH, ChainRow, Checkpoint, row_hash, verify


def _chain(n: int) -> list[ChainRow]:
    rows, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        fields = {"seq": seq, "action": "user.view", "subject_id": str(seq), "details": {}}
        digest = row_hash(prev, fields)
        rows.append(ChainRow(row_id=seq, seq=seq, prev_hash=prev, hash=digest, fields=fields))
        prev = digest
    return rows


def test_intact_chain_verifies():
    result = verify(_chain(5))
    assert result.ok
    assert result.rows_checked == 5
    assert result.head is not None and result.head.seq == 5


def test_empty_chain_is_intact():
    assert verify([]).ok


def test_altered_row_is_named():
    rows = _chain(5)
    rows[2] = replace(rows[2], fields={**rows[2].fields, "subject_id": "99"})
    result = verify(rows)
    assert not result.ok
    assert result.bad_row_id == 3
    assert "gewijzigd" in result.problem


def test_deleted_row_is_found_at_the_next_row():
    rows = _chain(5)
    del rows[1]
    result = verify(rows)
    assert not result.ok
    assert result.bad_row_id == 3


def test_reordered_rows_are_found():
    rows = _chain(5)
    rows[1], rows[2] = rows[2], rows[1]
    result = verify(rows)
    assert not result.ok
    assert result.bad_row_id == 3


def test_rehashed_row_still_breaks_the_link_to_the_next():
    rows = _chain(4)
    fields = {**rows[1].fields, "subject_id": "forged"}
    rows[1] = replace(rows[1], fields=fields, hash=row_hash(rows[1].prev_hash, fields))
    result = verify(rows)
    assert not result.ok
    assert result.bad_row_id == 3


def test_truncated_tail_is_found_with_a_checkpoint():
    rows = _chain(5)
    checkpoint = Checkpoint(seq=5, hash=rows[4].hash)
    assert verify(rows, checkpoint).ok
    result = verify(rows[:3], checkpoint)
    assert not result.ok
    assert result.bad_seq == 5
