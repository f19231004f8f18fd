"""The audit hash chain: each row's hash covers its content and the previous row's hash.

Pure Python, no ORM. Altering a row changes its hash; deleting or reordering rows breaks
the sequence numbers and the links between hashes. Removing rows from the end can only be
seen against a checkpoint (sequence number and hash) kept outside the database.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64

# The fields a row's hash covers, in a fixed order. Adding a field needs a new chain version.
HASHED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_username",
    "on_behalf_of",
    "organisation",
    "role",
    "subject_type",
    "subject_id",
    "action",
    "result",
    "client_ip",
    "reason",
    "details",
)


def canonical(fields: Mapping[str, Any]) -> str:
    payload = {name: fields.get(name) for name in HASHED_FIELDS}
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical(fields).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class ChainRow:
    row_id: int
    seq: int
    prev_hash: str
    hash: str
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows_checked: int
    bad_row_id: int | None = None
    bad_seq: int | None = None
    problem: str = ""
    head: Checkpoint | None = None


def verify(rows: Iterable[ChainRow], checkpoint: Checkpoint | None = None) -> VerifyResult:
    """Check rows in storage order (by row id); report the first row that breaks the chain."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    head: Checkpoint | None = None
    seen_checkpoint = checkpoint is None
    for row in rows:
        checked += 1
        if row.seq != expected_seq:
            what = (
                "ontbreekt of staat op een andere plaats"
                if row.seq > expected_seq
                else ("staat niet op zijn plaats")
            )
            return VerifyResult(
                False,
                checked,
                row.row_id,
                row.seq,
                f"volgnummer {row.seq} verwacht {expected_seq}: een rij {what}",
            )
        if row.prev_hash != expected_prev:
            return VerifyResult(
                False,
                checked,
                row.row_id,
                row.seq,
                "de verwijzing naar de vorige rij klopt niet (rij verwijderd of verplaatst)",
            )
        if row_hash(row.prev_hash, row.fields) != row.hash or row.fields.get("seq") != row.seq:
            return VerifyResult(
                False, checked, row.row_id, row.seq, "de inhoud van deze rij is gewijzigd"
            )
        if checkpoint is not None and row.seq == checkpoint.seq:
            if row.hash != checkpoint.hash:
                return VerifyResult(
                    False, checked, row.row_id, row.seq, "de rij wijkt af van het controlepunt"
                )
            seen_checkpoint = True
        expected_prev = row.hash
        expected_seq += 1
        head = Checkpoint(seq=row.seq, hash=row.hash)
    if not seen_checkpoint and checkpoint is not None:
        return VerifyResult(
            False,
            checked,
            None,
            checkpoint.seq,
            f"rij {checkpoint.seq} van het controlepunt ontbreekt: rijen aan het eind verwijderd",
            head,
        )
    return VerifyResult(True, checked, head=head)
