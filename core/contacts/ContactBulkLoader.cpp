#include "contacts/ContactBulkLoader.h"

#include "contacts/ContactSearchIndex.h"
#include "contacts/ContactSql.h"
#include "storage/Database.h"
#include "storage/Meta.h"
#include "storage/SqlCipherDriver.h"

#include <QSqlError>

#include <iterator>

namespace outpost {

namespace {

// What bulk mode drops and recreates; must match the migrations (ClientSchema.cpp). A database without
// the full-text index (the server's team database) skips the parts about it. contacts_rank (rid, sort_key)
// stays: rows are appended in rid order, so it only grows at its right edge.
const char* const kDropForBulk = R"SQL(
DROP INDEX IF EXISTS contacts_sort;
DROP INDEX IF EXISTS contacts_email;
DROP INDEX IF EXISTS contacts_company;
DROP INDEX IF EXISTS contacts_city;
DROP INDEX IF EXISTS contacts_country_created;
DROP INDEX IF EXISTS contacts_owner;
DROP INDEX IF EXISTS contacts_company_name;
DROP TRIGGER IF EXISTS contacts_count_ai;
)SQL";
const char* const kKeptForBatch = "DROP INDEX IF EXISTS contacts_email;\n";
const char* const kDropSearchForBulk = "DROP TRIGGER IF EXISTS contacts_fts_ai;";
// The highest contacts.rid in the full-text index while CaughtUpByCaller bulk mode has the insert trigger dropped.
const QString kIndexedMark = QStringLiteral("contacts_fts_indexed_rid");
// While the mark exists: SQLite gives a new row max(rid) + 1, so with the newest rows deleted down to or under
// the mark, a contact created next would get a rid the mark says is indexed. The mark follows such a delete
// down to the highest rid left (every row up to it is indexed), never up: rows above it are not indexed yet.
const char* const kMarkFollowsDeletes = R"SQL(
CREATE TRIGGER IF NOT EXISTS contacts_fts_mark_ad AFTER DELETE ON contacts
WHEN old.rid > (SELECT coalesce(max(rid), 0) FROM contacts)
 AND old.rid <= CAST((SELECT value FROM meta WHERE key = 'contacts_fts_indexed_rid') AS INTEGER)
BEGIN
    UPDATE meta SET value = min(CAST(value AS INTEGER), (SELECT coalesce(max(rid), 0) FROM contacts))
    WHERE key = 'contacts_fts_indexed_rid';
END;
)SQL";
const char* const kDropMarkTrigger = "DROP TRIGGER IF EXISTS contacts_fts_mark_ad;\n";

// The restore, one index per step (a caller may give each its own transaction).
const char* const kRestoreSteps[] = {
    "CREATE INDEX IF NOT EXISTS contacts_sort ON contacts(sort_key, rid, search_text);",
    "CREATE INDEX IF NOT EXISTS contacts_rank ON contacts(rid, sort_key);", // dropped by older builds
    "CREATE INDEX IF NOT EXISTS contacts_email ON contacts(email COLLATE NOCASE);",
    "CREATE INDEX IF NOT EXISTS contacts_company ON contacts(company_id);",
    R"SQL(
CREATE TRIGGER IF NOT EXISTS contacts_count_ai AFTER INSERT ON contacts BEGIN
    UPDATE entity_counts SET n = n + 1 WHERE entity = 'contacts';
END;
UPDATE entity_counts SET n = (SELECT count(*) FROM contacts) WHERE entity = 'contacts';
)SQL",
};
// As migration 1 made it (ClientSchema.cpp), and the count it keeps.
const char* const kRestoreDeleteCount = R"SQL(
CREATE TRIGGER IF NOT EXISTS contacts_count_ad AFTER DELETE ON contacts BEGIN
    UPDATE entity_counts SET n = n - 1 WHERE entity = 'contacts';
END;
UPDATE entity_counts SET n = (SELECT count(*) FROM contacts) WHERE entity = 'contacts';
)SQL";
// Only in a database with the full-text index, i.e. a device's (the server drops both: steps 1003, 1040):
// the indexes of segment counts (migration 18), one per step.
const char* const kDeviceRestoreSteps[] = {
    "CREATE INDEX IF NOT EXISTS contacts_city ON contacts(city COLLATE NOCASE);",
    "CREATE INDEX IF NOT EXISTS contacts_country_created ON contacts(country, created_at, phone);",
    "CREATE INDEX IF NOT EXISTS contacts_owner ON contacts(owner_id);",
    "CREATE INDEX IF NOT EXISTS contacts_company_name ON contacts(company COLLATE NOCASE);",
};
constexpr int kCommonStepCount = int(std::size(kRestoreSteps));
constexpr int kDeviceStepCount = int(std::size(kDeviceRestoreSteps));
// The last step, only when the full-text insert trigger is missing, i.e. bulk mode dropped it: restore it
// and index every row.
constexpr int kRestoreStepCount = kCommonStepCount + kDeviceStepCount + 1;

Result<bool> schemaHas(QSqlDatabase& conn, const QString& name)
{
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return Error(ErrorCode::Database, ContactBulkLoader::tr("Could not read the schema: %1").arg(q.lastError().text()));
    return q.value(0).toInt() > 0;
}

Status runScript(QSqlDatabase& conn, const QString& sql)
{
    sqlite3* handle = SqlCipherDriver::nativeHandle(conn);
    if (!handle)
        return Error(ErrorCode::Database, ContactBulkLoader::tr("The database connection is not open."));
    return execScript(handle, sql);
}

Status dropForBulk(QSqlDatabase& conn, QString script, ContactBulkLoader::SearchIndex search)
{
    using SearchIndex = ContactBulkLoader::SearchIndex;
    auto hasSearchIndex = schemaHas(conn, QStringLiteral("contacts_fts"));
    if (!hasSearchIndex)
        return hasSearchIndex.error();
    auto hasSearchTrigger = schemaHas(conn, QStringLiteral("contacts_fts_ai"));
    if (!hasSearchTrigger)
        return hasSearchTrigger.error();
    script += QString::fromUtf8(kDropSearchForBulk);
    // The mark goes with the trigger: set when this drops it (every row there is indexed then), left as it
    // is when an earlier run dropped it already (a resumed load), cleared for a rebuild.
    if (search == SearchIndex::RebuildAtEnd)
        script += QStringLiteral("DELETE FROM meta WHERE key = '%1';\n").arg(kIndexedMark) + QString::fromUtf8(kDropMarkTrigger);
    else if (hasSearchIndex.value() && hasSearchTrigger.value())
        script += QStringLiteral("INSERT OR REPLACE INTO meta(key, value) SELECT '%1', coalesce(max(rid), 0) FROM contacts;\n")
                      .arg(kIndexedMark)
                  + QString::fromUtf8(kMarkFollowsDeletes);
    if (Status s = runScript(conn, script); !s)
        return Error(ErrorCode::Database, ContactBulkLoader::tr("Could not prepare the bulk load: %1").arg(s.message()));
    return {};
}

} // namespace

Status ContactBulkLoader::dropIndexes(QSqlDatabase& conn, SearchIndex search)
{
    return dropForBulk(conn, QString::fromUtf8(kDropForBulk), search);
}

Status ContactBulkLoader::dropSearchTrigger(QSqlDatabase& conn)
{
    return dropForBulk(conn, QString(), SearchIndex::CaughtUpByCaller);
}

Status ContactBulkLoader::indexAddedRows(QSqlDatabase& conn, AddedRows added)
{
    auto mark = meta::get(conn, kIndexedMark);
    if (!mark)
        return mark.error();
    if (mark->isEmpty())
        return {};
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    auto fail = [&] {
        return Error(ErrorCode::Database, tr("Could not index the new contacts for search: %1").arg(q.lastError().text()));
    };
    const qint64 after = mark->toLongLong();
    // Whether any row is above the mark: a lookup on the rowid, nothing to do in most transactions.
    q.prepare(QStringLiteral("SELECT max(rid) FROM contacts WHERE rid > ?"));
    q.addBindValue(after);
    if (!q.exec() || !q.next())
        return fail();
    if (q.value(0).isNull())
        return {};
    const qint64 highest = q.value(0).toLongLong();
    q.finish();
    if (added == AddedRows::AddedElsewhere
        && !q.exec(QStringLiteral("DELETE FROM contacts_fts WHERE docid IN (SELECT rid FROM contacts WHERE rid > %1)").arg(after)))
        return fail();
    if (auto n = contactsearch::indexRowsAbove(conn, after); !n)
        return Error(ErrorCode::Database, tr("Could not index the new contacts for search: %1").arg(n.message()));
    return meta::set(conn, kIndexedMark, QString::number(highest));
}

Status ContactBulkLoader::dropIndexesForBatch(QSqlDatabase& conn)
{
    if (Status s = runScript(conn, QString::fromUtf8(kDropForBulk).remove(QString::fromUtf8(kKeptForBatch))); !s)
        return Error(ErrorCode::Database, tr("Could not prepare the bulk load: %1").arg(s.message()));
    return {};
}

Status ContactBulkLoader::dropDeleteCount(QSqlDatabase& conn)
{
    if (Status s = runScript(conn, QStringLiteral("DROP TRIGGER IF EXISTS contacts_count_ad;")); !s)
        return Error(ErrorCode::Database, tr("Could not prepare the bulk load: %1").arg(s.message()));
    return {};
}

Status ContactBulkLoader::restoreDeleteCount(QSqlDatabase& conn)
{
    if (Status s = runScript(conn, QString::fromUtf8(kRestoreDeleteCount)); !s)
        return Error(ErrorCode::Database, tr("Could not finish the bulk load: %1").arg(s.message()));
    return {};
}

Result<bool> ContactBulkLoader::restoreIndexes(QSqlDatabase& conn, int step)
{
    QString script;
    if (step < kCommonStepCount) {
        script = QString::fromUtf8(kRestoreSteps[step]);
    } else {
        auto hasSearchIndex = schemaHas(conn, QStringLiteral("contacts_fts"));
        if (!hasSearchIndex)
            return hasSearchIndex.error();
        if (hasSearchIndex.value() && step < kCommonStepCount + kDeviceStepCount) {
            script = QString::fromUtf8(kDeviceRestoreSteps[step - kCommonStepCount]);
        } else if (hasSearchIndex.value()) {
            auto hasSearchTrigger = schemaHas(conn, QStringLiteral("contacts_fts_ai"));
            if (!hasSearchTrigger)
                return hasSearchTrigger.error();
            if (!hasSearchTrigger.value()) {
                auto mark = meta::get(conn, kIndexedMark);
                if (!mark)
                    return mark.error();
                if (mark->isEmpty()) {
                    script = QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild');\n");
                } else if (Status s = indexAddedRows(conn, AddedRows::AddedElsewhere); !s) {
                    return s.error();
                }
                script = contactsearch::insertTriggerScript() + script
                         + QStringLiteral("DELETE FROM meta WHERE key = '%1';\n").arg(kIndexedMark)
                         + QString::fromUtf8(kDropMarkTrigger);
            }
        }
    }
    if (!script.isEmpty()) {
        if (Status s = runScript(conn, script); !s)
            return Error(ErrorCode::Database, tr("Could not rebuild the contact indexes: %1").arg(s.message()));
    }
    return step + 1 < kRestoreStepCount;
}

Status ContactBulkLoader::restoreIndexes(QSqlDatabase& conn)
{
    for (int step = 0;; ++step) {
        auto more = restoreIndexes(conn, step);
        if (!more)
            return more.error();
        if (!more.value())
            return {};
    }
}

ContactBulkLoader::ContactBulkLoader(Database& db, qint64 expectedRows, QString updatedBy)
    : m_db(db)
    , m_expected(expectedRows)
    , m_updatedBy(std::move(updatedBy))
{
}

ContactBulkLoader::~ContactBulkLoader()
{
    m_insert.reset();
    m_tx.reset(); // rolls back if still active
}

Status ContactBulkLoader::start()
{
    QSqlDatabase conn = m_db.connection();
    m_tx = std::make_unique<Transaction>(conn);
    if (!m_tx->isActive())
        return m_tx->error();
    QSqlQuery count(conn);
    if (!count.exec(QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")) || !count.next())
        return Error(ErrorCode::Database, tr("Could not count contacts: %1").arg(count.lastError().text()));
    const qint64 existing = count.value(0).toLongLong();
    count.finish();
    // Rebuilding costs about as much as the rows already there; worth it when the load is bigger.
    m_rebuild = m_expected >= 10000 && m_expected > existing;
    if (m_rebuild) {
        if (Status s = dropIndexes(conn, SearchIndex::RebuildAtEnd); !s)
            return s;
    }
    m_insert = std::make_unique<QSqlQuery>(conn);
    if (!m_insert->prepare(contactsql::insertStatement()))
        return Error(ErrorCode::Database, tr("Could not prepare the bulk load: %1").arg(m_insert->lastError().text()));
    return {};
}

Status ContactBulkLoader::add(const QList<Contact>& contacts)
{
    if (!m_insert)
        return Error(ErrorCode::Unknown, tr("The bulk load was not started."));
    QSqlQuery& q = *m_insert;
    for (const Contact& c : contacts) {
        contactsql::bindInsert(q, c, c.createdAt, c.updatedAt ? c.updatedAt : c.createdAt, m_updatedBy);
        if (!q.exec())
            return Error(ErrorCode::Database, tr("Could not insert contact %1: %2").arg(c.id, q.lastError().text()));
        ++m_added;
    }
    return {};
}

Status ContactBulkLoader::finish()
{
    if (!m_tx)
        return Error(ErrorCode::Unknown, tr("The bulk load was not started."));
    m_insert.reset();
    if (m_rebuild) {
        QSqlDatabase conn = m_db.connection();
        if (Status s = restoreIndexes(conn); !s)
            return s;
    }
    return m_tx->commit();
}

} // namespace outpost
