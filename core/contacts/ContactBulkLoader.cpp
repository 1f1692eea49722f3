#include "contacts/ContactBulkLoader.h"

#include "contacts/ContactSql.h"
#include "storage/Database.h"

#include <QSqlError>

namespace outpost {

namespace {

// What bulk mode drops and recreates; must match the migrations (ClientSchema.cpp). A database without
// the full-text index (the server's team database) skips the parts about it.
const char* const kDropForBulk = R"SQL(
DROP INDEX contacts_sort;
DROP INDEX contacts_rank;
DROP INDEX contacts_email;
DROP INDEX contacts_company;
DROP TRIGGER contacts_count_ai;
)SQL";
const char* const kDropSearchForBulk = "DROP TRIGGER contacts_fts_ai;";

const char* const kRestoreAfterBulk = R"SQL(
CREATE INDEX contacts_sort ON contacts(sort_key, rid, search_text);
CREATE INDEX contacts_rank ON contacts(rid, sort_key);
CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE);
CREATE INDEX contacts_company ON contacts(company_id);
CREATE TRIGGER contacts_count_ai AFTER INSERT ON contacts BEGIN
    UPDATE entity_counts SET n = n + 1 WHERE entity = 'contacts';
END;
UPDATE entity_counts SET n = (SELECT count(*) FROM contacts) WHERE entity = 'contacts';
)SQL";
const char* const kRestoreSearchAfterBulk = R"SQL(
CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts(docid, search_text, phone_search) VALUES(new.rid, new.search_text, new.phone_search);
END;
INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild');
)SQL";

} // namespace

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
        QSqlQuery fts(conn);
        if (!fts.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts'")) || !fts.next())
            return Error(ErrorCode::Database, tr("Could not read the schema: %1").arg(fts.lastError().text()));
        m_hasSearchIndex = fts.value(0).toInt() > 0;
        fts.finish();
        QString script = QString::fromUtf8(kDropForBulk);
        if (m_hasSearchIndex)
            script += QString::fromUtf8(kDropSearchForBulk);
        if (Status s = m_db.execScript(script); !s)
            return Error(ErrorCode::Database, tr("Could not prepare the bulk load: %1").arg(s.message()));
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
        QString script = QString::fromUtf8(kRestoreAfterBulk);
        if (m_hasSearchIndex)
            script += QString::fromUtf8(kRestoreSearchAfterBulk);
        if (Status s = m_db.execScript(script); !s)
            return Error(ErrorCode::Database, tr("Could not rebuild the contact indexes: %1").arg(s.message()));
    }
    return m_tx->commit();
}

} // namespace outpost
