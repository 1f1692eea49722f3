#include "service/TeamSchema.h"

#include "storage/ClientSchema.h"

namespace outpost::server {

namespace {

const char* const kTeamSync = R"SQL(
-- The team's change log: one entry per row, moved to a new, higher position each time the row changes,
-- so a device that pulls from its cursor gets every row's latest state once (and deletions as
-- tombstones). AUTOINCREMENT: a position is never reused, even when the newest entry moves.
CREATE TABLE sync_changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    deleted   INTEGER NOT NULL,
    UNIQUE(entity, entity_id)
);

-- Every mutation the server has settled, by (device, sequence): a retried push gets the stored result
-- and has no second effect.
CREATE TABLE sync_applied (
    device_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    mutation_id TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    status      TEXT NOT NULL,
    result      TEXT NOT NULL,  -- the JSON result sent back
    at          INTEGER NOT NULL,
    PRIMARY KEY(device_id, seq)
) WITHOUT ROWID;
)SQL";

// Visibility: each change-log entry carries the row's audience (" a b " = only these users; NULL = the
// whole team, as far as each role's scope allows) and everyone who could see an earlier state, who get a
// tombstone once they lose sight of the row.
const char* const kTeamVisibility = R"SQL(
ALTER TABLE sync_changes ADD COLUMN audience TEXT;
ALTER TABLE sync_changes ADD COLUMN seen_by TEXT NOT NULL DEFAULT '';
)SQL";

// The server never searches: the client's full-text index of contacts goes, with its triggers. Kept, it
// cost more than everything else the server does per contact write (FTS4 writes its pending terms out
// at every savepoint, i.e. for every mutation of a push). A client step that creates full-text objects
// again needs a server step that drops them (the TeamSchema test checks there are none).
const char* const kTeamNoFullText = R"SQL(
DROP TRIGGER contacts_fts_bu;
DROP TRIGGER contacts_fts_bd;
DROP TRIGGER contacts_fts_au;
DROP TRIGGER contacts_fts_ai;
DROP TABLE contacts_fts;
)SQL";

// Client migration 19 recreates the full-text index with the contacts' notes, but only where one exists: on
// a team database made before it, step 1003 has dropped it already; on a new one, 19 runs before 1003 drops
// it. This step makes sure either way (the rule: a client step that creates full-text objects has a server
// step that drops them).
const char* const kTeamNoNotesFullText = R"SQL(
DROP TRIGGER IF EXISTS contacts_fts_bu;
DROP TRIGGER IF EXISTS contacts_fts_bd;
DROP TRIGGER IF EXISTS contacts_fts_au;
DROP TRIGGER IF EXISTS contacts_fts_ai;
DROP TABLE IF EXISTS contacts_fts;
)SQL";

// The server never counts segments: the contact indexes client step 18 makes for them would only cost
// page writes on every pushed contact.
const char* const kTeamNoSegmentIndexes = R"SQL(
DROP INDEX contacts_city;
DROP INDEX contacts_country_created;
DROP INDEX contacts_owner;
DROP INDEX contacts_company_name;
)SQL";

// Server step 1010. Per device, the number below which its settled push results were pruned: a device
// sends its outbox in order and drops what it got results for, so each push's first number settles
// everything below it; a later copy of an older request is answered "applied" for numbers under the mark.
// A plain "applied" result is stored as '' (its status says it all).
const char* const kTeamPrunedApplied = R"SQL(
CREATE TABLE sync_devices (
    device_id     TEXT PRIMARY KEY,
    applied_below INTEGER NOT NULL
) WITHOUT ROWID;
)SQL";

const char* const kControl = R"SQL(
CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    team_id        TEXT NOT NULL REFERENCES teams(id),
    login          TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    totp_secret    TEXT,            -- base32; NULL = no second factor yet
    totp_pending   TEXT,            -- base32 secret being enrolled, until a code confirms it
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    UNIQUE(team_id, login)
) WITHOUT ROWID;

CREATE TABLE devices (
    id         TEXT PRIMARY KEY,   -- the client's device id
    team_id    TEXT NOT NULL REFERENCES teams(id),
    user_id    TEXT NOT NULL REFERENCES users(id),
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Tokens are stored as SHA-256 digests only.
CREATE TABLE access_tokens (
    digest     TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    team_id    TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX access_tokens_expiry ON access_tokens(expires_at);

CREATE TABLE refresh_tokens (
    digest     TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    team_id    TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0   -- rotated: presenting it again revokes the device's tokens
) WITHOUT ROWID;
CREATE INDEX refresh_tokens_device ON refresh_tokens(device_id);
)SQL";

// Values the server keeps about itself; "key_check" proves the secret key file is the one the two-factor
// secrets were sealed with (AccountService::unlockSecrets).
const char* const kControlSecrets = R"SQL(
CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
)SQL";

} // namespace

const MigrationList& teamMigrations()
{
    static const MigrationList list = [] {
        MigrationList l;
        const MigrationList& client = clientMigrations();
        // Every client step (the same mutators run here), then the server's own steps, numbered from 1001 so
        // the client's list can keep growing: steps are matched by number, not by "newer than the last".
        l = client;
        l.push_back({1001, QStringLiteral("server sync"), QString::fromUtf8(kTeamSync), {}});
        l.push_back({1002, QStringLiteral("visibility"), QString::fromUtf8(kTeamVisibility), {}});
        l.push_back({1003, QStringLiteral("no full-text index"), QString::fromUtf8(kTeamNoFullText), {}});
        l.push_back({1010, QStringLiteral("pruned push results"), QString::fromUtf8(kTeamPrunedApplied), {}});
        l.push_back({1030, QStringLiteral("no full-text index of notes"), QString::fromUtf8(kTeamNoNotesFullText), {}});
        l.push_back({1040, QStringLiteral("no segment indexes"), QString::fromUtf8(kTeamNoSegmentIndexes), {}});
        return l;
    }();
    return list;
}

const MigrationList& controlMigrations()
{
    static const MigrationList list = {
        {1, QStringLiteral("accounts"), QString::fromUtf8(kControl), {}},
        {2, QStringLiteral("sealed secrets"), QString::fromUtf8(kControlSecrets), {}},
    };
    return list;
}

} // namespace outpost::server
