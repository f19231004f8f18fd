"""Database triggers that make the audit table append-only (PostgreSQL and SQLite)."""

from django.db import migrations

TABLE = "audit_auditevent"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION schakel_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Het logboek ({TABLE}) is alleen aan te vullen: % is niet toegestaan', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER schakel_audit_no_update BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION schakel_audit_append_only();
CREATE TRIGGER schakel_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION schakel_audit_append_only();
"""
POSTGRES_DOWN = f"""
DROP TRIGGER IF EXISTS schakel_audit_no_update ON {TABLE};
DROP TRIGGER IF EXISTS schakel_audit_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS schakel_audit_append_only();
"""
SQLITE_UP = [
    f"""CREATE TRIGGER schakel_audit_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'Het logboek is alleen aan te vullen: UPDATE is niet toegestaan'); END;""",
    f"""CREATE TRIGGER schakel_audit_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'Het logboek is alleen aan te vullen: DELETE is niet toegestaan'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS schakel_audit_no_update;",
    "DROP TRIGGER IF EXISTS schakel_audit_no_delete;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(
                f"Geen triggers voor database {schema_editor.connection.vendor}: "
                "Schakel ondersteunt PostgreSQL en SQLite."
            )
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": [POSTGRES_UP], "sqlite": SQLITE_UP}),
            _run({"postgresql": [POSTGRES_DOWN], "sqlite": SQLITE_DOWN}),
        )
    ]
