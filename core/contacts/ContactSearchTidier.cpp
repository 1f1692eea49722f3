#include "contacts/ContactSearchTidier.h"

#include "storage/Database.h"
#include "storage/SqlCipherDriver.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

namespace outpost {

Q_LOGGING_CATEGORY(lcSearchTidier, "outpost.contacts.search-tidier", QtWarningMsg)

ContactSearchTidier::ContactSearchTidier(Database& db)
    : m_db(db)
    , m_thread(QStringLiteral("search-tidier"), [this] { run(); }, [this] { m_db.releaseThreadConnection(); })
{
}

ContactSearchTidier::~ContactSearchTidier()
{
    m_thread.stop(); // the step under way ends first (tens of milliseconds)
}

void ContactSearchTidier::request()
{
    m_thread.request();
}

Result<bool> ContactSearchTidier::needsTidying(QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_segdir'"))
        || !q.next())
        return Error(ErrorCode::Database,
                     tr("Could not read the search index: %1").arg(q.lastError().text()));
    if (q.value(0).toInt() == 0)
        return false;
    q.finish();
    q.prepare(
        QStringLiteral("SELECT 1 FROM contacts_fts_segdir GROUP BY level HAVING count(*) >= ? LIMIT 1"));
    q.addBindValue(kMinSegments);
    if (!q.exec())
        return Error(ErrorCode::Database,
                     tr("Could not read the search index: %1").arg(q.lastError().text()));
    return q.next();
}

Result<bool> ContactSearchTidier::step(QSqlDatabase& db)
{
    sqlite3* handle = SqlCipherDriver::nativeHandle(db);
    if (!handle)
        return Error(ErrorCode::Database, tr("The database connection is not open."));
    // FTS4 documents it: a 'merge=X,Y' that found work changes at least two rows.
    const int before = sqlite3_total_changes(handle);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('merge=%1,%2')")
                    .arg(kBlocksPerStep)
                    .arg(kMinSegments)))
        return Error(ErrorCode::Database,
                     tr("Could not tidy the search index: %1").arg(q.lastError().text()));
    return sqlite3_total_changes(handle) - before >= 2;
}

Status ContactSearchTidier::tidy(QSqlDatabase& db)
{
    for (;;) {
        auto needed = needsTidying(db);
        if (!needed)
            return needed.error();
        if (!needed.value())
            return {};
        auto worked = step(db);
        if (!worked)
            return worked.error();
        if (!worked.value())
            return {};
    }
}

void ContactSearchTidier::run()
{
    QSqlDatabase db = m_db.connection(); // reopened if the file was re-keyed meanwhile
    if (!db.isOpen()) {
        qCWarning(lcSearchTidier) << "no connection:" << m_db.lastConnectionError().message;
        return;
    }
    // Step by step, each its own transaction, until tidy; a failure (another writer held the lock past the busy
    // timeout) ends this run, and the next change asks again. Between two steps the lock stays free for at least
    // kPauseMs: a writer that met a step waits in SQLite's busy handler, which tries again every 100 ms at most,
    // so back to back steps would leave it only sub-millisecond gaps and it could time out behind a long run.
    // With the pause it gets the lock at its next try after the step.
    bool merged = false;
    while (!m_thread.isStopping()) {
        QElapsedTimer took;
        took.start();
        auto needed = needsTidying(db);
        auto worked = needed && needed.value() ? step(db) : Result<bool>(false);
        if (!needed || !worked) {
            qCDebug(lcSearchTidier) << "stopped:" << (needed ? worked.message() : needed.message());
            return;
        }
        if (!worked.value()) {
            if (merged)
                m_completed.fetch_add(1, std::memory_order_acq_rel);
            return;
        }
        merged = true;
        m_thread.sleep(int(std::max<qint64>(kPauseMs, took.elapsed())));
    }
}

} // namespace outpost
