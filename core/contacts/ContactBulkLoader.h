#pragma once

#include "contacts/Contact.h"
#include "storage/Transaction.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <memory>

namespace outpost {

class Database;

// Loads many contacts in ONE transaction: a crash or a cancel leaves the table as it was before.
// For a large load (bigger than what is already there) the name and e-mail indexes and the full-text
// triggers are dropped inside the transaction and rebuilt once at the end, which is several times faster than
// maintaining them row by row; DDL is transactional in SQLite, so they come back on rollback too.
class ContactBulkLoader
{
    Q_DECLARE_TR_FUNCTIONS(ContactBulkLoader)
public:
    ContactBulkLoader(Database& db, qint64 expectedRows, QString updatedBy);
    ~ContactBulkLoader(); // rolls back unless finish() succeeded

    Status start();
    Status add(const QList<Contact>& contacts);
    // Rebuilds what was dropped and commits.
    Status finish();
    qint64 added() const { return m_added; }
    bool rebuildsIndexes() const { return m_rebuild; }

    // The two halves of bulk mode on their own, for a load spread over several transactions (a sync
    // bootstrap that commits page by page and may be resumed after a restart). Both are idempotent:
    // dropping what is already gone and restoring what is already there do nothing.
    // Both modes drop the full-text insert trigger. RebuildAtEnd: the restore rebuilds the whole index.
    // CaughtUpByCaller: a mark in meta records the highest row indexed; the caller indexes the rows above it
    // with indexAddedRows() in each of its transactions (so the index is whole between them, and the table
    // carries no schema change per transaction), and the restore indexes only what is still above the mark.
    enum class SearchIndex { RebuildAtEnd, CaughtUpByCaller };
    static Status dropIndexes(QSqlDatabase& conn, SearchIndex search);
    // Only the full-text insert trigger, as CaughtUpByCaller drops it (with the mark): for a bulk load resumed
    // with the secondary indexes kept (little left to load compared with what is there).
    static Status dropSearchTrigger(QSqlDatabase& conn);
    // Indexes for search the contacts above the mark and moves the mark to the highest row (nothing to do
    // without a mark: the trigger indexes rows as they come). `BulkInserted`: those rows were just written by
    // the caller's bulk insert, none is indexed. `AddedElsewhere`: rows a local edit created between the
    // caller's transactions (without the trigger); the update triggers may have indexed one since, so each
    // row's entry is removed first, then written.
    enum class AddedRows { BulkInserted, AddedElsewhere };
    static Status indexAddedRows(QSqlDatabase& conn, AddedRows added);
    // For a big batch of mutations (an import, its undo) inside the caller's transaction: drops what
    // dropIndexes drops except contacts_email (an import matches rows by e-mail through it) and the
    // full-text insert trigger. restoreIndexes() brings them back.
    static Status dropIndexesForBatch(QSqlDatabase& conn);
    static Status restoreIndexes(QSqlDatabase& conn);
    // For many deletions inside the caller's transaction (an import's undo): without the trigger that counts
    // deleted contacts. Its UPDATE of a NOT NULL column may abort, so with it every DELETE of contacts keeps a
    // statement journal, whose every page SQLCipher encrypts. restoreDeleteCount() puts it back and recounts.
    static Status dropDeleteCount(QSqlDatabase& conn);
    static Status restoreDeleteCount(QSqlDatabase& conn);
    // The restore in steps (0, 1, ...), one index each, for a caller that gives each step its own
    // transaction so other writers wait at most one step; returns whether a step follows.
    static Result<bool> restoreIndexes(QSqlDatabase& conn, int step);

private:
    Database& m_db;
    qint64 m_expected;
    QString m_updatedBy;
    bool m_rebuild = false;
    qint64 m_added = 0;
    std::unique_ptr<Transaction> m_tx;
    std::unique_ptr<QSqlQuery> m_insert;
};

} // namespace outpost
