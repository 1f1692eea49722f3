#include "storage/ClientSchema.h"

#include "audit/AuditLog.h"
#include "contacts/ContactSearchIndex.h"
#include "pipeline/DefaultPipeline.h"

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

// 17: genealogy views — cached downline figures per node and tree (size = descendants, height = depth of
// the deepest one below), kept by the genealogy mutators (GenealogyClosure) so a view of a million-node
// downline reads one row; and name-prefix search over all distributors. Local, derived data: never synced.
const char* const kGenealogyViews = R"SQL(
CREATE TABLE sponsor_downline (
    rid    INTEGER PRIMARY KEY,
    size   INTEGER NOT NULL,
    height INTEGER NOT NULL
);
CREATE TABLE placement_downline (
    rid    INTEGER PRIMARY KEY,
    size   INTEGER NOT NULL,
    height INTEGER NOT NULL
);
INSERT INTO sponsor_downline(rid, size, height)
    SELECT ancestor, count(*) - 1, max(depth) FROM sponsor_closure GROUP BY ancestor;
INSERT INTO placement_downline(rid, size, height)
    SELECT ancestor, count(*) - 1, max(depth) FROM placement_closure GROUP BY ancestor;
CREATE INDEX distributors_name ON distributors(sort_key, rid);
)SQL";

// 10: activities — calls, meetings, e-mails and notes logged by hand against a contact, company, deal or lead
// (activity.log@1). No foreign key to the subject: a device may receive an activity before its subject, and
// the subject may be an entity another module owns. The timeline reads a subject's activities newest first.
// Deleting clears the title and text but keeps the row (see ActivityMutators.h).
const char* const kActivities = R"SQL(
CREATE TABLE activities (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'note')),
    subject_type TEXT NOT NULL CHECK (subject_type IN ('contact', 'company', 'deal', 'lead')),
    subject_id   TEXT NOT NULL,
    occurred_at  INTEGER NOT NULL,            -- UTC ms
    title        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    deleted_at   INTEGER NOT NULL DEFAULT 0,   -- a deleted activity keeps its kind, subject and time only
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL
);
CREATE INDEX activities_subject ON activities(subject_id, occurred_at, id);
)SQL";

// 11: leads and their explained scores. leads and scoring_rules sync (lead.*@1, scoring_rule.*@1; thresholds are
// rules of kind 'threshold'). lead_scores and lead_score_history are derived and local: every device computes
// the same scores from the same rows and clock (LeadScorer), so they are neither synced nor audited; the server
// may drop or ignore them. lead_scores.status is the effective status (closed or set by hand, else the stage
// the thresholds give) so the leads list filters by status and sorts by score through one index.
const char* const kLeads = R"SQL(
CREATE TABLE leads (
    id                   TEXT PRIMARY KEY,
    first_name           TEXT NOT NULL DEFAULT '',
    last_name            TEXT NOT NULL DEFAULT '',
    email                TEXT NOT NULL DEFAULT '',
    phone                TEXT NOT NULL DEFAULT '',
    company              TEXT NOT NULL DEFAULT '',
    job_title            TEXT NOT NULL DEFAULT '',
    country              TEXT NOT NULL DEFAULT '',
    source               TEXT NOT NULL DEFAULT '',
    owner_id             TEXT NOT NULL DEFAULT '',
    contact_id           TEXT NOT NULL DEFAULT '',   -- a linked contact: its activities count for the lead
    notes                TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT 'new'
                         CHECK (status IN ('new', 'mql', 'sql', 'converted', 'disqualified')),
    status_by_hand       INTEGER NOT NULL DEFAULT 0,
    disqualify_reason    TEXT NOT NULL DEFAULT '',
    converted_at         INTEGER NOT NULL DEFAULT 0,
    converted_contact_id TEXT NOT NULL DEFAULT '',
    converted_company_id TEXT NOT NULL DEFAULT '',
    converted_deal_id    TEXT NOT NULL DEFAULT '',
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    updated_by           TEXT NOT NULL
);
CREATE INDEX leads_contact ON leads(contact_id);

CREATE TABLE scoring_rules (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('fit', 'behaviour', 'threshold')),
    label          TEXT NOT NULL DEFAULT '',
    field          TEXT NOT NULL DEFAULT '',
    test           TEXT NOT NULL DEFAULT '',
    value          TEXT NOT NULL DEFAULT '',
    activity_kind  TEXT NOT NULL DEFAULT '',
    points         INTEGER NOT NULL DEFAULT 0,
    half_life_days INTEGER NOT NULL DEFAULT 0,
    window_days    INTEGER NOT NULL DEFAULT 0,
    max_points     INTEGER NOT NULL DEFAULT 0,
    enabled        INTEGER NOT NULL DEFAULT 1,
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    updated_by     TEXT NOT NULL
);

CREATE TABLE lead_scores (
    lead_id     TEXT PRIMARY KEY,
    score       INTEGER NOT NULL,
    stage       TEXT NOT NULL,                -- new | mql | sql from the thresholds
    status      TEXT NOT NULL,                -- effective status
    behaviour   INTEGER NOT NULL,             -- points from activities
    explanation TEXT NOT NULL,                -- JSON [{rule, label, points, count?}], adds up to score
    scored_at   INTEGER NOT NULL              -- the "now" it was computed for
) WITHOUT ROWID;
CREATE INDEX lead_scores_rank ON lead_scores(score, lead_id);
CREATE INDEX lead_scores_status ON lead_scores(status, score, lead_id);

CREATE TABLE lead_score_history (
    rid         INTEGER PRIMARY KEY,
    lead_id     TEXT NOT NULL,
    at          INTEGER NOT NULL,
    previous    INTEGER,                      -- NULL for a lead's first score
    score       INTEGER NOT NULL,
    cause       TEXT NOT NULL,                -- activity | lead | rules
    explanation TEXT NOT NULL
);
CREATE INDEX lead_score_history_lead ON lead_score_history(lead_id, at);
)SQL";

// 14: privacy and segments — consent records per contact, saved segments, the erasures done (synced, so every device and the server scrub
// their own copies), and the audit log's redaction columns (see AuditEntry: the chain seals payload digests,
// so an erased person's values can leave the log while every entry stays verifiable).
const char* const kPrivacy = R"SQL(
CREATE TABLE consents (
    id           TEXT PRIMARY KEY,            -- UUIDv7
    contact_id   TEXT NOT NULL,               -- no foreign key: a share-like record may arrive before its contact
    purpose      TEXT NOT NULL,               -- e.g. "newsletter", "phone calls"
    source       TEXT NOT NULL DEFAULT '',    -- where it was given: "web form", "signed paper form", …
    given_at     INTEGER NOT NULL,            -- UTC ms
    withdrawn_at INTEGER,                     -- UTC ms, NULL while in force
    expires_at   INTEGER,                     -- UTC ms, NULL = no expiry
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX consents_contact ON consents(contact_id, given_at);

-- One row per erased person: what their records are called now, and which contact.erase did it.
CREATE TABLE erasures (
    id          TEXT PRIMARY KEY,             -- UUIDv7
    contact_id  TEXT NOT NULL UNIQUE,
    pseudonym   TEXT NOT NULL,
    mutation_id TEXT NOT NULL,                -- the contact.erase mutation (named by redacted audit entries)
    erased_at   INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
) WITHOUT ROWID;

-- Saved contact filters (SegmentFilter JSON), shared with the team.
CREATE TABLE segments (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    definition  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
) WITHOUT ROWID;

ALTER TABLE audit_log ADD COLUMN before_digest TEXT;  -- set once `before` is redacted: the original's digest
ALTER TABLE audit_log ADD COLUMN after_digest TEXT;
ALTER TABLE audit_log ADD COLUMN redacted_by TEXT;    -- the erasure's mutation id
)SQL";

// 12: sales pipelines (crm3). Pipelines with ordered stages (win probability 0–100, kind open/won/lost), deals
// in a stage, and each deal's stage history (one row per move, synced, so every device's timeline shows it).
// Money is integer minor units + ISO currency; times UTC ms. The migration also writes the default pipeline, with
// fixed ids, so every profile and every team database starts with the same one (insertDefaultPipeline).
const char* const kPipelines = R"SQL(
CREATE TABLE pipelines (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE pipeline_stages (
    id           TEXT PRIMARY KEY,
    pipeline_id  TEXT NOT NULL,
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    probability  INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    kind         TEXT NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX pipeline_stages_order ON pipeline_stages(pipeline_id, position);

CREATE TABLE deals (
    rid               INTEGER PRIMARY KEY,        -- local row id: board columns page by it
    id                TEXT NOT NULL UNIQUE,       -- UUIDv7, the id that syncs
    title             TEXT NOT NULL,
    pipeline_id       TEXT NOT NULL,
    stage_id          TEXT NOT NULL,
    amount_minor      INTEGER NOT NULL DEFAULT 0,
    currency          TEXT NOT NULL,
    expected_close_at INTEGER,                    -- UTC ms, NULL = not set
    owner_id          TEXT NOT NULL DEFAULT '',
    contact_id        TEXT NOT NULL DEFAULT '',
    company_id        TEXT NOT NULL DEFAULT '',
    close_reason      TEXT NOT NULL DEFAULT '',   -- why it was won or lost
    closed_at         INTEGER,                    -- set by deal.win / deal.lose, cleared when reopened
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    updated_by        TEXT NOT NULL
);
CREATE INDEX deals_stage ON deals(stage_id, rid);          -- a board column, page by page
CREATE INDEX deals_close ON deals(expected_close_at);      -- the forecast
CREATE INDEX deals_contact ON deals(contact_id);

CREATE TABLE deal_stage_changes (
    id            TEXT PRIMARY KEY,               -- the id of the mutation that moved the deal
    deal_id       TEXT NOT NULL,
    from_stage_id TEXT NOT NULL DEFAULT '',       -- '' when the deal was created
    to_stage_id   TEXT NOT NULL,
    at            INTEGER NOT NULL,
    by_user       TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX deal_stage_changes_deal ON deal_stage_changes(deal_id, at);

)SQL";

// 13: tasks and follow-ups (crm3): due time, reminder, assignee, link to a contact and/or a deal. Which
// reminders this device has already shown is local (never synced): each device notifies its user once.
const char* const kTasks = R"SQL(
CREATE TABLE tasks (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    notes        TEXT NOT NULL DEFAULT '',
    due_at       INTEGER,                  -- UTC ms, NULL = no due time
    reminder_at  INTEGER,                  -- UTC ms, NULL = no reminder
    assignee_id  TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL DEFAULT '',
    contact_id   TEXT NOT NULL DEFAULT '',
    deal_id      TEXT NOT NULL DEFAULT '',
    done_at      INTEGER,                  -- NULL while open
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL
);
CREATE INDEX tasks_due ON tasks(done_at, due_at, rid);     -- open tasks (done_at IS NULL) by due time; done ones by completion
CREATE INDEX tasks_reminder ON tasks(reminder_at);
CREATE INDEX tasks_deal ON tasks(deal_id);
CREATE INDEX tasks_contact ON tasks(contact_id);

CREATE TABLE task_reminders_shown (
    task_id      TEXT PRIMARY KEY,
    reminder_at  INTEGER NOT NULL            -- the reminder time that was shown (a new time shows again)
) WITHOUT ROWID;
)SQL";

// 8: companies, and what a contact gains besides: its company link, more e-mails, phones and addresses with
// labels, and tags.
// - company_id is NULL for a contact without a company (the free-text `company` stays its display/import
//   value). Its index answers "the contacts of a company" and the delete check; a plain column index is
//   touched only by an UPDATE that sets company_id.
// - other_emails / other_phones / other_addresses hold the entries besides the primary ones (which stay in
//   email / phone / street…: indexes, search, import matching and duplicates rely on them) as compact JSON
//   arrays of {label, value} ({label, street, postalCode, city, country} for addresses); '' when none.
//   The other e-mails and phones are searchable through search_text and phone_search.
// - tags: "tag1,tag2" (trimmed, no commas inside, case-insensitively unique, in the order given). Tags are
//   words of search_text, so a tag filter is a full-text match narrowed by the exact list.
// No trigger and no expression index fires on a contact UPDATE that does not set these columns.
const char* const kCompanies = R"SQL(
CREATE TABLE companies (
    rid         INTEGER PRIMARY KEY,          -- stable local row id
    id          TEXT NOT NULL UNIQUE,         -- UUIDv7, the id that syncs
    name        TEXT NOT NULL,
    domain      TEXT NOT NULL DEFAULT '',     -- web site or mail domain ("example.com")
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    street      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',     -- ISO 3166-1 alpha-2
    industry    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    sort_key    TEXT NOT NULL,                -- folded name, for name order
    search_text TEXT NOT NULL DEFAULT '',     -- folded name, domain, city and industry words
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX companies_sort ON companies(sort_key, rid);

INSERT INTO entity_counts VALUES('companies', 0);
CREATE TRIGGER companies_count_ai AFTER INSERT ON companies BEGIN
    UPDATE entity_counts SET n = n + 1 WHERE entity = 'companies';
END;
CREATE TRIGGER companies_count_ad AFTER DELETE ON companies BEGIN
    UPDATE entity_counts SET n = n - 1 WHERE entity = 'companies';
END;

ALTER TABLE contacts ADD COLUMN company_id TEXT;
ALTER TABLE contacts ADD COLUMN other_emails TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN other_phones TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN other_addresses TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN tags TEXT NOT NULL DEFAULT '';
CREATE INDEX contacts_company ON contacts(company_id);
)SQL";

// 9: custom fields an admin defines for contacts and companies, and their values. The values are synced as
// part of their record (the record's codec carries "custom.<key>" members), stored one row per value so a
// segment's WHERE clause can use them: value_num holds numbers and dates (UTC ms of the day's midnight),
// value_text the text, the choice, the date as yyyy-MM-dd, the number as written, or a multiple choice as a
// JSON array (["a","b"]); `wire` is the value as JSON, exactly as it travels. Values are keyed by the field's
// key (unique per entity, never changes), not its id, so a synced value lands even when its definition
// arrives later. Deleting a record deletes its values (the triggers below fire on DELETE only).
const char* const kCustomFields = R"SQL(
CREATE TABLE custom_fields (
    id          TEXT PRIMARY KEY,             -- UUIDv7
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company')),
    key         TEXT NOT NULL,                -- stable name on the wire: "custom.<key>"
    label       TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'choice', 'multichoice')),
    options     TEXT NOT NULL DEFAULT '[]',   -- JSON array of the choices
    required    INTEGER NOT NULL DEFAULT 0,
    rules       TEXT NOT NULL DEFAULT '{}',   -- JSON {min, max, regex, maxLength}
    position    INTEGER NOT NULL DEFAULT 0,
    retired     INTEGER NOT NULL DEFAULT 0,   -- 1: kept for old values, no longer shown or accepted
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    UNIQUE (entity, key)
) WITHOUT ROWID;

CREATE TABLE custom_values (
    record_id   TEXT NOT NULL,                -- a contact's or company's id
    entity      TEXT NOT NULL,                -- 'contact' or 'company'
    field_key   TEXT NOT NULL,                -- custom_fields.key of that entity
    value_text  TEXT NOT NULL DEFAULT '',
    value_num   REAL,
    wire        TEXT NOT NULL,                -- the value as JSON
    PRIMARY KEY (record_id, field_key)
) WITHOUT ROWID;
CREATE INDEX custom_values_num ON custom_values(entity, field_key, value_num);
CREATE INDEX custom_values_text ON custom_values(entity, field_key, value_text);

CREATE TRIGGER contacts_custom_ad AFTER DELETE ON contacts BEGIN
    DELETE FROM custom_values WHERE record_id = old.id;
END;
CREATE TRIGGER companies_custom_ad AFTER DELETE ON companies BEGIN
    DELETE FROM custom_values WHERE record_id = old.id;
END;
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

// 18: segment counts. A count is a scan of the contacts table (735 MB encrypted at 1M, not cached) unless a
// rule hits an index; these serve the common rules: city is (NOCASE, as the rule compares), country in a
// set with or without a creation-time range (and "has a phone" answered from the index: no row read),
// owner, and company name is / starts with (a NOCASE range). Each is narrow, so a count reads index pages only. Each costs one more page write
// per contact insert, and per edit of its own columns only: nothing here is on updated_at, which every
// edit changes. The server never counts segments: step 1040 drops them there. Tags, custom values, the
// lead score and consents use the full-text index and the indexes of their own tables.
const char* const kSegmentIndexes = R"SQL(
CREATE INDEX contacts_city ON contacts(city COLLATE NOCASE);
CREATE INDEX contacts_country_created ON contacts(country, created_at, phone);
CREATE INDEX contacts_owner ON contacts(owner_id);
CREATE INDEX contacts_company_name ON contacts(company COLLATE NOCASE);
)SQL";

// 20: the genealogy closures keep only ancestors within GenealogyClosure::kReach (16) levels; farther ones are
// reached by jumping from the row at depth 16 (a move writes at most 16 rows per moved person instead of one
// per ancestor). A later change of kReach needs its own migration (fewer: delete; more: recompute).
const char* const kBoundedClosure = R"SQL(
DELETE FROM sponsor_closure WHERE depth > 16;
DELETE FROM placement_closure WHERE depth > 16;
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
        {8, QStringLiteral("companies"), QString::fromUtf8(kCompanies), {}},
        {9, QStringLiteral("custom fields"), QString::fromUtf8(kCustomFields), {}},
        {10, QStringLiteral("activities"), QString::fromUtf8(kActivities), {}},
        {11, QStringLiteral("leads"), QString::fromUtf8(kLeads), {}},
        {12, QStringLiteral("pipelines and deals"), QString::fromUtf8(kPipelines), insertDefaultPipeline},
        {13, QStringLiteral("tasks"), QString::fromUtf8(kTasks), {}},
        {14, QStringLiteral("privacy"), QString::fromUtf8(kPrivacy), &AuditLog::upgradeChainToV2},
        {15, QStringLiteral("commerce"), QString::fromUtf8(kCommerce), {}},
        {16, QStringLiteral("commission ledger"), QString::fromUtf8(kCommissionLedger), {}},
        {17, QStringLiteral("genealogy views"), QString::fromUtf8(kGenealogyViews), {}},
        {18, QStringLiteral("segment indexes"), QString::fromUtf8(kSegmentIndexes), {}},
        // 19: contact notes in the full-text index (contacts/ContactSearchIndex.h).
        {19, QStringLiteral("notes in contact search"), QString(), &contactsearch::addNotesToIndex},
        {20, QStringLiteral("bounded genealogy closure"), QString::fromUtf8(kBoundedClosure), {}},
    };
    return list;
}

} // namespace outpost
