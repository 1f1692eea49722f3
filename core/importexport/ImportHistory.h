#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace outpost {

class Database;
class MutationEngine;

// One import as import_batches records it.
struct ImportBatchInfo
{
    QString id;
    QString fileName;
    QString format; // "csv" or "vcard"
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
    qint64 created = 0;
    qint64 updated = 0;
    qint64 skipped = 0;
    qint64 rejected = 0;
    bool undone = false;
    qint64 undoneAt = 0;
};

// The imports made on this device, and undoing one.
//
// Undo policy — exact or nothing: an import is undone only if every contact it touched still looks exactly
// as the import left it. Then, in ONE transaction and through contact.deleteMany / contact.update mutations (so
// the undo syncs and is audited), created contacts are deleted and updated ones are set back to their full
// state before the import, walking the import's changes backwards (a contact the same file created and then
// updated ends deleted). If any contact was edited, deleted (an updated one), merged or changed by a later
// import since, nothing is undone and the error names those contacts: undo the later import or revert the
// edits first. A created contact that was deleted since is not in the way (it is already gone). This keeps
// the promise "undo restores exactly the state before", never silently throwing away later work.
class ImportHistory
{
    Q_DECLARE_TR_FUNCTIONS(ImportHistory)
public:
    ImportHistory(Database& db, MutationEngine& engine);

    // Newest first.
    Result<QList<ImportBatchInfo>> list(int limit = 100);
    Result<ImportBatchInfo> find(const QString& batchId);

    struct UndoReport
    {
        qint64 deleted = 0;  // created contacts removed
        qint64 restored = 0; // updated contacts set back
    };
    struct UndoOptions
    {
        std::function<void(qint64 done, qint64 total)> progress;
        const std::atomic_bool* cancel = nullptr;
        int maxListedConflicts = 20; // contacts named in the refusal
    };
    // Errors: NotFound (no such batch), Conflict (already undone, or contacts changed since: nothing
    // was undone), Cancelled (nothing was undone).
    Result<UndoReport> undo(const QString& batchId, const UndoOptions& options);
    Result<UndoReport> undo(const QString& batchId) { return undo(batchId, UndoOptions()); }

private:
    Database& m_db;
    MutationEngine& m_engine;
};

} // namespace outpost
