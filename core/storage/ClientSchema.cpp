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
    mutation_id TEXT NOT NULL,                -- made here (UUIDv7); (device_id, seq) is the idempotency key
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
-- No per-entity index yet: nothing queries by entity, and every index costs a page write (an encrypted
-- one) on each change. The per-record history view adds it with its migration.

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
    tokenize=unicode61 "remove_diacritics=1", prefix="1,2,3",
    matchinfo="fts3");  -- no per-document size table: we never rank, and each edit writes fewer pages

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

// 2: genealogy — distributors with sponsor (enrolment) and placement parents, an ancestry closure table
// per tree, and the history of moves. Parent links and closures use the local integer row id (rid) to
// stay compact at a million distributors; the id that syncs is the UUIDv7 text id.
const char* const kGenealogy = R"SQL(
CREATE TABLE distributors (
    rid           INTEGER PRIMARY KEY,          -- stable local row id (closure key)
    id            TEXT NOT NULL UNIQUE,         -- UUIDv7, the id that syncs
    contact_id    TEXT REFERENCES contacts(id) ON DELETE SET NULL,
    display_name  TEXT NOT NULL,                -- denormalised for listing (also when there is no contact)
    sort_key      TEXT NOT NULL,                -- folded display name, for name order
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'terminated')),
    join_date     INTEGER NOT NULL,             -- UTC ms
    sponsor_rid   INTEGER REFERENCES distributors(rid),
    placement_rid INTEGER REFERENCES distributors(rid),
    rank_achieved TEXT NOT NULL DEFAULT '',     -- highest rank ever reached
    paid_as_rank  TEXT NOT NULL DEFAULT '',     -- rank paid as in the current period
    kyc_status    TEXT NOT NULL DEFAULT 'not_started',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT NOT NULL
);
-- Children of a node (or the roots) in name order, for lazy tree views and keyset paging.
CREATE INDEX distributors_sponsor_children ON distributors(sponsor_rid, sort_key, rid);
CREATE INDEX distributors_placement_children ON distributors(placement_rid, sort_key, rid);
CREATE INDEX distributors_contact ON distributors(contact_id); -- ON DELETE SET NULL looks children up by it

-- Ancestry: one row per (ancestor, descendant) pair including (self, self, 0). Downlines read by
-- ancestor (the primary key); uplines by descendant, ordered by depth.
CREATE TABLE sponsor_closure (
    ancestor   INTEGER NOT NULL,
    descendant INTEGER NOT NULL,
    depth      INTEGER NOT NULL,
    PRIMARY KEY (ancestor, descendant)
) WITHOUT ROWID;
CREATE INDEX sponsor_closure_up ON sponsor_closure(descendant, depth);

CREATE TABLE placement_closure (
    ancestor   INTEGER NOT NULL,
    descendant INTEGER NOT NULL,
    depth      INTEGER NOT NULL,
    PRIMARY KEY (ancestor, descendant)
) WITHOUT ROWID;
CREATE INDEX placement_closure_up ON placement_closure(descendant, depth);

-- Every re-sponsoring or re-placement. One move per mutation, so the mutation id is the row id.
CREATE TABLE distributor_moves (
    id             TEXT PRIMARY KEY,            -- the id of the distributor.move mutation
    distributor_id TEXT NOT NULL,
    tree           TEXT NOT NULL CHECK (tree IN ('sponsor', 'placement')),
    old_parent_id  TEXT,                        -- NULL = was a root
    new_parent_id  TEXT,                        -- NULL = became a root
    effective_date INTEGER NOT NULL,            -- UTC ms
    reason         TEXT NOT NULL,
    mutation_id    TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    updated_by     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX distributor_moves_distributor ON distributor_moves(distributor_id, effective_date);

INSERT INTO entity_counts VALUES('distributors', 0);
CREATE TRIGGER distributors_count_ai AFTER INSERT ON distributors BEGIN
    UPDATE entity_counts SET n = n + 1 WHERE entity = 'distributors';
END;
CREATE TRIGGER distributors_count_ad AFTER DELETE ON distributors BEGIN
    UPDATE entity_counts SET n = n - 1 WHERE entity = 'distributors';
END;
)SQL";


// 3: sync bookkeeping on the client. The outbox remembers, per mutation, the rows it touched and the
// values seen before (the base the server checks for conflicts, and what to restore after a rejection).
const char* const kSync = R"SQL(
ALTER TABLE outbox ADD COLUMN touched TEXT;

-- A field someone overwrote without having seen its latest value: shown to the users involved, who
-- can restore the value that was replaced. Synced from the server as entity "conflict".
CREATE TABLE sync_conflicts (
    id          TEXT PRIMARY KEY,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    mine        TEXT,                       -- JSON value that won
    theirs      TEXT,                       -- JSON value it replaced
    base        TEXT,                       -- JSON value the winning device had seen
    winner      TEXT NOT NULL,              -- user id whose change won
    loser       TEXT NOT NULL,              -- user id whose value was replaced
    mutation_id TEXT NOT NULL,
    at          INTEGER NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0, -- 1 once restored or dismissed
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved, at);

-- Local changes the server refused, with its reason; the Sync problems panel lists them until the
-- user retries an edited version or discards them.
CREATE TABLE sync_rejections (
    seq         INTEGER PRIMARY KEY,        -- the mutation's device sequence number
    mutation_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    args        TEXT NOT NULL,
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    at          INTEGER NOT NULL
);
)SQL";


// 4: import bookkeeping (local only, never synced): each import is one batch that can be undone, with the
// contacts it created or updated and, for updated ones, their full state before. The rows themselves
// changed through contact mutations, which sync; undo sends mutations too.
const char* const kImport = R"SQL(
CREATE TABLE import_batches (
    id          TEXT PRIMARY KEY,             -- UUIDv7
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL CHECK (format IN ('csv', 'vcard')),
    started_at  INTEGER NOT NULL,             -- UTC ms
    finished_at INTEGER,
    created     INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    state       TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'undone')),
    undone_at   INTEGER,
    actor       TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX import_batches_started ON import_batches(started_at);

-- One row per contact change, in import order (undo walks them backwards). `after` is the contact's full
-- state right after the change: undo proceeds only while the contact still looks like that.
CREATE TABLE import_items (
    batch_id   TEXT NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    contact_id TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    before     TEXT,                          -- JSON, every field, for 'updated'
    after      TEXT NOT NULL,                 -- JSON, every field
    PRIMARY KEY (batch_id, seq)
) WITHOUT ROWID;
CREATE INDEX import_items_contact ON import_items(batch_id, contact_id, seq);

-- Matching imported rows to existing contacts by e-mail (case-folded). Phones match through the
-- full-text index's phone_search column, which already holds the digit forms of each number.
CREATE INDEX contacts_email_key ON contacts(lower(email)) WHERE email <> '';
)SQL";

// 5: contacts shared with colleagues (the server shows a private contact to the users it is shared
// with). No foreign key to contacts: a device may receive a share before, or without, its contact.
const char* const kContactShares = R"SQL(
CREATE TABLE contact_shares (
    id          TEXT PRIMARY KEY,
    contact_id  TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    UNIQUE(contact_id, user_id)
) WITHOUT ROWID;
)SQL";

// 6: a contact edit writes as few (encrypted) pages as possible.
// - E-mail matching through an index on the plain column. SQLite 3.15 rewrites the entries of every
//   index on an expression, and of every partial index, on each UPDATE of the table whatever it sets:
//   the index of migration 4 cost one more page write on every contact edit. A NOCASE index on the
//   column is touched only when the e-mail changes; NOCASE folds ASCII as lower() did.
// - The search-index triggers fire only for updates that set the searchable columns (UPDATE OF). An
//   UPDATE whose program contains a trigger that writes the full-text table keeps a statement journal,
//   and SQLCipher encrypts every page copied into it; edits of other fields now have no trigger at all.
const char* const kLeanContactEdits = R"SQL(
DROP INDEX contacts_email_key;
CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE);

DROP TRIGGER contacts_fts_bu;
DROP TRIGGER contacts_fts_au;
CREATE TRIGGER contacts_fts_bu BEFORE UPDATE OF search_text, phone_search ON contacts
WHEN old.search_text IS NOT new.search_text OR old.phone_search IS NOT new.phone_search BEGIN
    DELETE FROM contacts_fts WHERE docid = old.rid;
END;
CREATE TRIGGER contacts_fts_au AFTER UPDATE OF search_text, phone_search ON contacts
WHEN old.search_text IS NOT new.search_text OR old.phone_search IS NOT new.phone_search BEGIN
    INSERT INTO contacts_fts(docid, search_text, phone_search) VALUES(new.rid, new.search_text, new.phone_search);
END;
)SQL";

// 7: merge history (local only, never synced), like the import history: each merge — one pair from the merge
// dialog, or every confident pair of a bulk merge — is a batch that can be undone, with the full state before
// of both contacts and their links. The merges themselves were contact.merge mutations, which sync; the undo
// sends contact.unmerge, which syncs too.
const char* const kMergeHistory = R"SQL(
CREATE TABLE merge_batches (
    id          TEXT PRIMARY KEY,             -- UUIDv7
    kind        TEXT NOT NULL CHECK (kind IN ('single', 'bulk')),
    merged_at   INTEGER NOT NULL,             -- UTC ms
    merges      INTEGER NOT NULL DEFAULT 0,
    state       TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'undone')),
    undone_at   INTEGER,
    actor       TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX merge_batches_merged ON merge_batches(merged_at);

-- One row per merged pair, in merge order (undo walks them backwards).
CREATE TABLE merge_items (
    batch_id     TEXT NOT NULL REFERENCES merge_batches(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    keep_id      TEXT NOT NULL,
    remove_id    TEXT NOT NULL,
    score        INTEGER NOT NULL DEFAULT 0,  -- the pair's duplicate score when it was merged (0: by hand)
    kept_before  TEXT NOT NULL,               -- JSON, every field of the kept contact before the merge
    kept_after   TEXT NOT NULL,               -- JSON, every field right after: undo proceeds only if still so
    removed      TEXT NOT NULL,               -- JSON {fields, createdAt}: the removed contact
    shares       TEXT NOT NULL,               -- JSON [{id, userId, createdAt, moved}]: the removed contact's shares
    distributors TEXT NOT NULL,               -- JSON [id]: distributors whose link moved to the kept contact
    mutation_id  TEXT NOT NULL,
    PRIMARY KEY (batch_id, seq)
) WITHOUT ROWID;
)SQL";


// 15: commerce — products, orders with their lines, returns. Orders and returns have a local integer row id
// (rid) besides the synced UUIDv7: the commission run reads 10,000,000 lines keyed by it, and the engine's
// order id is the rid. Lines belong to their order (they sync inside the order's row). Money is minor units
// of the order's currency; PV is volume points; CV is minor units.
const char* const kCommerce = R"SQL(
CREATE TABLE products (
    id          TEXT PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    currency    TEXT NOT NULL,
    pv          INTEGER NOT NULL CHECK (pv >= 0),
    cv_minor    INTEGER NOT NULL CHECK (cv_minor >= 0),
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE orders (
    rid             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    distributor_rid INTEGER NOT NULL REFERENCES distributors(rid), -- buyer, or who a retail sale is attributed to
    customer_name   TEXT NOT NULL DEFAULT '',                      -- retail customer; '' = the distributor's own order
    order_date      INTEGER NOT NULL,                              -- UTC ms
    currency        TEXT NOT NULL,
    total_minor     INTEGER NOT NULL,
    total_pv        INTEGER NOT NULL,
    total_cv        INTEGER NOT NULL,
    line_count      INTEGER NOT NULL,                              -- rows in order_lines
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT NOT NULL
);
CREATE INDEX orders_date ON orders(order_date, distributor_rid, line_count); -- covers the commission run's read
CREATE INDEX orders_distributor ON orders(distributor_rid, order_date);

CREATE TABLE order_lines (
    order_rid   INTEGER NOT NULL REFERENCES orders(rid),
    line_no     INTEGER NOT NULL,           -- 1, 2, ... within the order
    product_id  TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    unit_price  INTEGER NOT NULL,           -- minor units, as sold
    unit_pv     INTEGER NOT NULL,
    unit_cv     INTEGER NOT NULL,
    PRIMARY KEY (order_rid, line_no)
) WITHOUT ROWID;

-- A return (refund) of part of an order: quantities per line in `lines` (JSON [{line, quantity}]) and the
-- volumes they take back. Returns dated before the end of the order's period reduce that period's lines;
-- later ones are clawed back in the period they are dated in.
CREATE TABLE order_returns (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    order_rid    INTEGER NOT NULL REFERENCES orders(rid),
    return_date  INTEGER NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    lines        TEXT NOT NULL,
    returned_pv  INTEGER NOT NULL,
    returned_cv  INTEGER NOT NULL,
    refund_minor INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL
);
CREATE INDEX order_returns_order ON order_returns(order_rid, return_date);
CREATE INDEX order_returns_date ON order_returns(return_date);
)SQL";

// 16: commissions — plans (JSON, validated by CommissionPlan), periods and their life cycle, the ledger
// (per period, keyed by earner so a statement is one range read and a run appends in key order), per
// distributor results (with the previous run's total, for the preview), payout batches and carried
// balances.
const char* const kCommissionLedger = R"SQL(
CREATE TABLE commission_plans (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    plan_json  TEXT NOT NULL,
    currency   TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE commission_periods (
    rid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    starts_at     INTEGER NOT NULL,   -- UTC ms, inclusive
    ends_at       INTEGER NOT NULL,   -- UTC ms, exclusive
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'calculated', 'locked', 'committed')),
    plan_id       TEXT NOT NULL,
    plan_json     TEXT NOT NULL DEFAULT '',  -- the plan as run (frozen at lock)
    run_count     INTEGER NOT NULL DEFAULT 0,
    last_run_at   INTEGER NOT NULL DEFAULT 0,
    result_digest TEXT NOT NULL DEFAULT '',
    previous_digest TEXT NOT NULL DEFAULT '',
    input_digest  TEXT NOT NULL DEFAULT '',   -- of everything the last run read: lock refuses if it changed since
    total_paid    INTEGER NOT NULL DEFAULT 0,
    line_count    INTEGER NOT NULL DEFAULT 0,
    locked_at     INTEGER NOT NULL DEFAULT 0,
    committed_at  INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX commission_periods_time ON commission_periods(starts_at, ends_at);

CREATE TABLE commission_results (
    period_rid      INTEGER NOT NULL,
    distributor_rid INTEGER NOT NULL,
    pv              INTEGER NOT NULL,
    gv              INTEGER NOT NULL,
    paid_as_rank    TEXT NOT NULL,
    total_minor     INTEGER NOT NULL,
    previous_total  INTEGER,              -- the previous run's total; NULL on the first run
    PRIMARY KEY (period_rid, distributor_rid)
) WITHOUT ROWID;

-- One ledger line: who earns, by which rule, on which order (0 in a summary line) or source distributor,
-- at which level, with which percentage. (period_rid, earner_rid, seq) is the line's identity: a re-run of
-- the same inputs writes the same lines.
CREATE TABLE commission_lines (
    period_rid       INTEGER NOT NULL,
    earner_rid       INTEGER NOT NULL,
    seq              INTEGER NOT NULL,
    rule             INTEGER NOT NULL,   -- 0 unilevel, 1 fast start, 2 matching, 3 clawback
    clawed_rule      INTEGER NOT NULL,
    source_order_rid INTEGER NOT NULL,
    source_rid       INTEGER NOT NULL,   -- buyer (unilevel, fast start) or matched distributor
    level_raw        INTEGER NOT NULL,
    level            INTEGER NOT NULL,
    bp               INTEGER NOT NULL,
    base_minor       INTEGER NOT NULL,
    amount_minor     INTEGER NOT NULL,
    order_count      INTEGER NOT NULL,
    PRIMARY KEY (period_rid, earner_rid, seq)
) WITHOUT ROWID;

-- The distributors as the period's last run saw them (sponsor, placement, status, join date, rank achieved;
-- a compressed binary of fixed-size records): a committed period is re-run from it to reproduce per-order
-- lines for a later return, whatever moved since.
CREATE TABLE commission_snapshots (
    period_rid   INTEGER PRIMARY KEY,
    distributors BLOB NOT NULL
);

CREATE TABLE payout_batches (
    id           TEXT PRIMARY KEY,
    period_id    TEXT NOT NULL UNIQUE,   -- one batch per committed period
    currency     TEXT NOT NULL,
    minimum      INTEGER NOT NULL,
    total_paid   INTEGER NOT NULL,
    total_held   INTEGER NOT NULL,
    total_carried INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL
) WITHOUT ROWID;

-- Per distributor in a batch: what the period earned, what was carried in, and what happens to it.
CREATE TABLE payout_items (
    batch_id        TEXT NOT NULL,
    distributor_rid INTEGER NOT NULL,
    earned          INTEGER NOT NULL,
    carried_in      INTEGER NOT NULL,
    amount          INTEGER NOT NULL,    -- earned + carried_in
    status          TEXT NOT NULL CHECK (status IN ('payable', 'carried', 'held')),
    PRIMARY KEY (batch_id, distributor_rid)
) WITHOUT ROWID;

-- The balance each distributor carries to the next batch (below the minimum, negative, or held).
CREATE TABLE payout_balances (
    distributor_rid INTEGER PRIMARY KEY,
    amount          INTEGER NOT NULL,
    batch_id        TEXT NOT NULL
);
)SQL";

} // namespace

const MigrationList& clientMigrations()
{
    static const MigrationList list = {
        {1, QStringLiteral("foundation"), QString::fromUtf8(kFoundation), {}},
        {2, QStringLiteral("genealogy"), QString::fromUtf8(kGenealogy), {}},
        {3, QStringLiteral("sync"), QString::fromUtf8(kSync), {}},
        {4, QStringLiteral("import"), QString::fromUtf8(kImport), {}},
        {5, QStringLiteral("contact shares"), QString::fromUtf8(kContactShares), {}},
        {6, QStringLiteral("lean contact edits"), QString::fromUtf8(kLeanContactEdits), {}},
        {7, QStringLiteral("merge history"), QString::fromUtf8(kMergeHistory), {}},
        {15, QStringLiteral("commerce"), QString::fromUtf8(kCommerce), {}},
        {16, QStringLiteral("commission ledger"), QString::fromUtf8(kCommissionLedger), {}},
    };
    return list;
}

} // namespace outpost
