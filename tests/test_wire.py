"""fundus/wire.py, what a laptop and the hub agree on, is what the laptop's store really holds.

The hub makes its tables from fundus.wire (it cannot run the laptop's migrations: they are
desktop code); the laptop's migrations make the store. Both must give the same synced columns,
in the same order and with the same types, for every store schema a laptop may still run.
"""

from __future__ import annotations

import pytest
import sqlite_utils

from desktop.store import MIGRATIONS, SCHEMA_VERSION, SYNCED_TABLES
from fundus import wire

SQLITE_UTILS_TYPES = {str: "text", int: "integer", float: "float", bytes: "blob"}


def store_columns(schema: int) -> dict[str, list[tuple[str, str]]]:
    """The synced tables' columns after the laptop's migrations up to `schema`, less its local-only ones."""
    db = sqlite_utils.Database(memory=True)
    for migration in MIGRATIONS[:schema]:
        migration(db)
    return {table: [(name, SQLITE_UTILS_TYPES[kind]) for name, kind in db[table].columns_dict.items()
                    if name not in wire.LOCAL_ONLY_COLUMNS]
            for table in SYNCED_TABLES if db[table].exists()}


@pytest.mark.parametrize("schema", range(1, SCHEMA_VERSION + 1))
def test_each_store_schema_sends_what_the_wire_says(schema):
    assert {table: list(columns.items()) for table, columns in wire.synced_columns(schema).items()} == \
        store_columns(schema)


def test_the_wire_speaks_the_newest_store_schema():
    assert wire.SCHEMA == SCHEMA_VERSION and wire.SYNCED_TABLES == SYNCED_TABLES
    assert wire.OLDEST_SCHEMA <= wire.SCHEMA
    assert wire.table_columns()[wire.PHOTO_FILES] == wire.PHOTO_FILES_COLUMNS
    assert wire.records_text({"camp_sessions": 2, "audit_log": 1, "photo_files": 1}) == \
        "2 camp sessions, 1 audit event, 1 photo file"
