#include "importexport/DeferredContactIndex.h"

#include "contacts/ContactSearchIndex.h"
#include "storage/Database.h"
#include "storage/SqlCipherDriver.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace outpost {

namespace {

const char* const kDropTriggers[] = {
    "DROP TRIGGER contacts_fts_bu",
    "DROP TRIGGER contacts_fts_bd",
    "DROP TRIGGER contacts_fts_au",
    // Missing while a sync bootstrap bulk-loads contacts (ContactBulkLoader::SearchIndex::CaughtUpByCaller).
    "DROP TRIGGER IF EXISTS contacts_fts_ai",
};

// Rows that existed at start() and whose index entry was removed (to index them again at finish()).
// The temporary triggers remove an entry the first time its row changes, as the foundation triggers do,
// while the row still holds the indexed values (FTS4 reads them from the content table).
const char* const kTemporary[] = {
    "CREATE TEMP TABLE IF NOT EXISTS deferred_fts_done (rid INTEGER PRIMARY KEY)",
    "DELETE FROM temp.deferred_fts_done",
    "CREATE TEMP TABLE IF NOT EXISTS deferred_fts_state (max_rid INTEGER NOT NULL)",
    "DELETE FROM temp.deferred_fts_state",
    "CREATE TEMP TRIGGER deferred_fts_bd BEFORE DELETE ON main.contacts\n"
    "WHEN old.rid <= (SELECT max_rid FROM deferred_fts_state)\n"
    "     AND NOT EXISTS (SELECT 1 FROM deferred_fts_done WHERE rid = old.rid) BEGIN\n"
    "    DELETE FROM contacts_fts WHERE docid = old.rid;\n"
    "    INSERT INTO deferred_fts_done VALUES(old.rid);\n"
    "END",
};

// Removes the entry the first time an existing row's searchable columns change (like contacts_fts_bu).
QString temporaryUpdateTrigger()
{
    return QStringLiteral("CREATE TEMP TRIGGER deferred_fts_bu BEFORE UPDATE OF %1 ON main.contacts\n"
                          "WHEN (%2)\n"
                          "     AND old.rid <= (SELECT max_rid FROM deferred_fts_state)\n"
                          "     AND NOT EXISTS (SELECT 1 FROM deferred_fts_done WHERE rid = old.rid) BEGIN\n"
                          "    DELETE FROM contacts_fts WHERE docid = old.rid;\n"
                          "    INSERT INTO deferred_fts_done VALUES(old.rid);\n"
                          "END")
        .arg(contactsearch::columns(), contactsearch::changedCondition());
}

} // namespace

DeferredContactIndex::~DeferredContactIndex()
{
    if (m_active)
        dropTemporary();
}

void DeferredContactIndex::dropTemporary()
{
    QSqlQuery q(m_conn);
    q.exec(QStringLiteral("DROP TRIGGER IF EXISTS temp.deferred_fts_bu"));
    q.exec(QStringLiteral("DROP TRIGGER IF EXISTS temp.deferred_fts_bd"));
    q.exec(QStringLiteral("DELETE FROM temp.deferred_fts_done"));
    m_active = false;
}

Status DeferredContactIndex::start()
{
    QSqlQuery q(m_conn);
    auto fail = [&](const QString& sql) {
        return Error(ErrorCode::Database, tr("Could not prepare the contact index for a large change (%1): %2")
                                              .arg(sql.left(40), q.lastError().text()));
    };
    if (!q.exec(QStringLiteral("SELECT coalesce(max(rid), 0) FROM contacts")) || !q.next())
        return fail(QStringLiteral("max(rid)"));
    m_maxRid = q.value(0).toLongLong();
    q.finish();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_ai'")) || !q.next())
        return fail(QStringLiteral("contacts_fts_ai"));
    m_insertTrigger = q.value(0).toInt() > 0;
    q.finish();
    m_active = true;
    QStringList statements;
    for (const char* s : kTemporary)
        statements << QString::fromLatin1(s);
    statements << temporaryUpdateTrigger();
    statements << QStringLiteral("INSERT INTO temp.deferred_fts_state VALUES(%1)").arg(m_maxRid);
    for (const char* s : kDropTriggers)
        statements << QString::fromLatin1(s);
    for (const QString& sql : std::as_const(statements)) {
        if (!q.exec(sql))
            return fail(sql);
    }
    return {};
}

Status DeferredContactIndex::removeUpFront(const QString& ridSelect, const QVariantList& binds)
{
    QSqlQuery q(m_conn);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO temp.deferred_fts_done SELECT rid FROM (%1) WHERE rid <= %2")
                  .arg(ridSelect)
                  .arg(m_maxRid));
    for (const QVariant& b : binds)
        q.addBindValue(b);
    // Every row that will change is known now: the temporary triggers go, so a contact's UPDATE or DELETE
    // carries no full-text write.
    if (!q.exec() || !q.exec(QStringLiteral("DELETE FROM contacts_fts WHERE docid IN (SELECT rid FROM temp.deferred_fts_done)"))
        || !q.exec(QStringLiteral("DROP TRIGGER IF EXISTS temp.deferred_fts_bu"))
        || !q.exec(QStringLiteral("DROP TRIGGER IF EXISTS temp.deferred_fts_bd")))
        return Error(ErrorCode::Database, tr("Could not update the contact search index: %1").arg(q.lastError().text()));
    return {};
}

Status DeferredContactIndex::rebuildAtFinish()
{
    QSqlQuery q(m_conn);
    if (!q.exec(QStringLiteral("DROP TRIGGER IF EXISTS temp.deferred_fts_bu"))
        || !q.exec(QStringLiteral("DROP TRIGGER IF EXISTS temp.deferred_fts_bd")))
        return Error(ErrorCode::Database, tr("Could not update the contact search index: %1").arg(q.lastError().text()));
    m_rebuild = true;
    return {};
}

Status DeferredContactIndex::finish()
{
    if (m_rebuild) { // every entry again, from the rows left
        QSqlQuery q(m_conn);
        if (!q.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild')")))
            return Error(ErrorCode::Database, tr("Could not update the contact search index: %1").arg(q.lastError().text()));
    } else {
        // Current entries of the changed rows that still exist, and of the new rows (row by row: see indexRows).
        auto changed = contactsearch::indexRows(m_conn, QStringLiteral("SELECT c.rid, c.search_text, c.phone_search, "
                                                                       "c.notes FROM temp.deferred_fts_done d CROSS "
                                                                       "JOIN contacts c ON c.rid = d.rid"));
        auto added = changed ? contactsearch::indexRowsAbove(m_conn, m_maxRid) : changed;
        if (!added)
            return Error(ErrorCode::Database, tr("Could not update the contact search index: %1").arg(added.message()));
    }
    dropTemporary();
    sqlite3* handle = SqlCipherDriver::nativeHandle(m_conn);
    if (!handle)
        return Error(ErrorCode::Database, tr("The database connection is not open."));
    QString script = contactsearch::triggersScript();
    if (!m_insertTrigger) // the bootstrap indexes the rows it adds itself, and these with them (they are above its mark)
        script += QStringLiteral("DROP TRIGGER contacts_fts_ai;\n");
    if (Status s = execScript(handle, script); !s)
        return Error(ErrorCode::Database, tr("Could not restore the contact search index: %1").arg(s.message()));
    return {};
}

} // namespace outpost
