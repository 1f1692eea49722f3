#include "storage/ClientSchema.h"

namespace outpost {

namespace {

// 1: the foundation — profile metadata, outbox, audit log, contacts with full-text search.
const char* const kFoundation = R"SQL(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY,          -- per-device sequence number
    mutation_id TEXT NOT NULL UNIQUE,
    device_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    args        TEXT NOT NULL,                -- JSON
    hlc         TEXT NOT NULL,
    actor       TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,          -- 1, 2, 3 … no gaps
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    mutation_id TEXT NOT NULL,
    mutation    TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TABLE contacts (
    rid          INTEGER PRIMARY KEY,          -- stable local row id (full-text index key)
    id           TEXT NOT NULL UNIQUE,         -- UUIDv7, the id that syncs
    first_name   TEXT NOT NULL DEFAULT '',
    last_name    TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    company      TEXT NOT NULL DEFAULT '',
    street       TEXT NOT NULL DEFAULT '',
    postal_code  TEXT NOT NULL DEFAULT '',
    city         TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    owner_id     TEXT NOT NULL DEFAULT '',
    sort_key     TEXT NOT NULL,                -- folded "last first" for ordering
    search_text  TEXT NOT NULL DEFAULT '',     -- folded names, e-mail and company for search
    phone_search TEXT NOT NULL DEFAULT '',     -- digit forms of the phone for search
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL
);
-- Name order (ties by local row id). Covers search_text so the dense search walk never touches the table.
CREATE INDEX contacts_sort ON contacts(sort_key, rid, search_text);
-- Row id to name order, small enough to stay cached: sorts search matches without reading rows.
CREATE INDEX contacts_rank ON contacts(rid, sort_key);

-- Indexes the folded search_text (so "soren" finds "Sørensen" and "strasse" finds "Straße"),
-- not the raw names: unicode61 only strips combining marks.
CREATE VIRTUAL TABLE contacts_fts USING fts4(
    content="contacts", search_text, phone_search,
    tokenize=unicode61 "remove_diacritics=1", prefix="1,2,3");

-- Re-index only when the searchable text changes (not on every edit of a city or a note).
CREATE TRIGGER contacts_fts_bu BEFORE UPDATE ON contacts
WHEN old.search_text IS NOT new.search_text OR old.phone_search IS NOT new.phone_search BEGIN
    DELETE FROM contacts_fts WHERE docid = old.rid;
END;
CREATE TRIGGER contacts_fts_bd BEFORE DELETE ON contacts BEGIN
    DELETE FROM contacts_fts WHERE docid = old.rid;
END;
CREATE TRIGGER contacts_fts_au AFTER UPDATE ON contacts
WHEN old.search_text IS NOT new.search_text OR old.phone_search IS NOT new.phone_search BEGIN
    INSERT INTO contacts_fts(docid, search_text, phone_search) VALUES(new.rid, new.search_text, new.phone_search);
END;
CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts(docid, search_text, phone_search) VALUES(new.rid, new.search_text, new.phone_search);
END;

-- Row counts kept by triggers, so a million-row list knows its size without a scan.
CREATE TABLE entity_counts (entity TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO entity_counts VALUES('contacts', 0);
CREATE TRIGGER contacts_count_ai AFTER INSERT ON contacts BEGIN
    UPDATE entity_counts SET n = n + 1 WHERE entity = 'contacts';
END;
CREATE TRIGGER contacts_count_ad AFTER DELETE ON contacts BEGIN
    UPDATE entity_counts SET n = n - 1 WHERE entity = 'contacts';
END;
)SQL";

} // namespace

const MigrationList& clientMigrations()
{
    static const MigrationList list = {
        {1, QStringLiteral("foundation"), QString::fromUtf8(kFoundation), {}},
    };
    return list;
}

} // namespace outpost
