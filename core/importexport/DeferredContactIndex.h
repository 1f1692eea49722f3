#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QVariantList>

namespace outpost {

// Defers full-text index maintenance of contacts for the length of one big write transaction (an import, an
// undo), and catches up once at the end.
//
// Why: every INSERT/UPDATE/DELETE on contacts inside a transaction opens a statement savepoint, and FTS4
// flushes its pending terms into a new index segment at every savepoint — so row-by-row maintenance writes
// (and later merges) one tiny segment per row, which measured ~1 ms per row. Here the four FTS triggers are
// dropped inside the caller's transaction (DDL is transactional: a rollback or a crash brings them back). Rows
// added since start() are indexed by finish() in one statement. Existing rows that change lose their entry
// the first time they change (temporary triggers, row by row, as before — FTS4 must read the old values from
// the row) or, faster, all at once up front when the caller knows them (removeUpFront: undo does); finish()
// indexes their current values and restores the triggers (contacts/ContactSearchIndex.h). Assumes no row is
// deleted and another added in the same run (rid reuse).
//
// Until finish(), full-text queries on this connection do not see rows added or changed since start().
class DeferredContactIndex
{
    Q_DECLARE_TR_FUNCTIONS(DeferredContactIndex)
public:
    explicit DeferredContactIndex(QSqlDatabase conn) : m_conn(std::move(conn)) {}
    ~DeferredContactIndex(); // drops the temporary triggers if finish() did not run

    Status start();
    // Removes the index entries of the existing rows `ridSelect` (a SELECT of rids) yields, in one statement.
    // They must be EVERY existing row the run changes or deletes (undo knows them): the triggers that catch
    // other rows are dropped here.
    Status removeUpFront(const QString& ridSelect, const QVariantList& binds);
    // Instead (a run that removes most of the table, e.g. the undo of an import into a young profile):
    // nothing is removed row by row, and finish() rebuilds the whole index from the rows left.
    Status rebuildAtFinish();
    Status finish();
    qint64 maxRidAtStart() const { return m_maxRid; }

private:
    void dropTemporary();

    QSqlDatabase m_conn;
    qint64 m_maxRid = 0;
    bool m_active = false;
    bool m_insertTrigger = true; // contacts_fts_ai was there at start()
    bool m_rebuild = false;
};

} // namespace outpost
