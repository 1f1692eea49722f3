#pragma once

#include "util/Result.h"

#include <atomic>
#include <functional>
#include <optional>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace outpost {

class Database;
class MutationEngine;

// One merge batch as merge_batches records it: a merge from the dialog or the CLI ("single"), or the
// confident pairs of a scan merged together ("bulk").
struct MergeBatchInfo
{
    QString id;
    QString kind; // "single" or "bulk"
    qint64 mergedAt = 0;
    qint64 merges = 0;
    bool undone = false;
    qint64 undoneAt = 0;
    QString keptName;    // of the first merge: the contact that stayed
    QString removedName; // and the one merged into it
};

// The merges made on this device, and undoing one.
//
// Undo policy — exact or nothing, as for imports: a merge batch is undone only if every contact it touched
// still looks exactly as the merge left it — the kept contact has the merged values, the removed one is still
// gone, the moved shares and distributor links still point at the kept contact. Then, in ONE transaction and
// through contact.unmerge mutations (so the undo syncs and is audited), the merges are taken back in reverse
// order: the removed contact returns with its id, fields and creation time, the kept one gets its values
// back, the shares and distributor links return to it. If anything was edited, deleted, merged again or
// re-linked since, nothing is undone and the error says what: undo the later merge or revert the edit first.
class MergeHistory
{
    Q_DECLARE_TR_FUNCTIONS(MergeHistory)
public:
    MergeHistory(Database& db, MutationEngine& engine);

    // Newest first.
    Result<QList<MergeBatchInfo>> list(int limit = 100);
    Result<MergeBatchInfo> find(const QString& batchId);
    // The newest batch not undone yet, if any.
    Result<std::optional<MergeBatchInfo>> lastActive();

    struct UndoReport
    {
        qint64 restored = 0; // merges taken back (= contacts re-created)
    };
    struct UndoOptions
    {
        std::function<void(qint64 done, qint64 total)> progress;
        const std::atomic_bool* cancel = nullptr;
        int maxListedConflicts = 10;
    };
    // Errors: NotFound (no such batch), Conflict (already undone, or something changed since: nothing was
    // undone), Cancelled (nothing was undone).
    Result<UndoReport> undo(const QString& batchId, const UndoOptions& options);
    Result<UndoReport> undo(const QString& batchId) { return undo(batchId, UndoOptions()); }

private:
    Database& m_db;
    MutationEngine& m_engine;
};

} // namespace outpost
