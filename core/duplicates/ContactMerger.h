#pragma once

#include "contacts/Contact.h"
#include "duplicates/DuplicateScanner.h"
#include "util/Result.h"

#include <atomic>
#include <functional>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

namespace outpost {

class Database;
class MutationEngine;

// Which contact of a pair survives a merge and the value each field gets.
struct MergePlan
{
    Contact keep;
    Contact remove;
    QHash<QString, QString> values; // every editable field (Contact::fieldNames()) -> its merged value

    // The suggestion: keep the contact with more filled fields (then the older one, then the smaller id);
    // each field takes the kept contact's value, or the other's when the kept one is empty; notes that
    // differ are both kept, one after the other.
    static MergePlan suggest(const Contact& a, const Contact& b);
    // The same with the kept contact chosen by the caller.
    static MergePlan keeping(const Contact& keep, const Contact& remove);
    // The notes of both, once each.
    static QString combinedNotes(const QString& keep, const QString& remove);
};

// Merges duplicate contacts through contact.merge mutations, recording each merge (the full state of both
// contacts and their links before) in the local merge history so MergeHistory can undo it exactly.
//
// A merge keeps one contact with the picked values, moves the other's shares and distributor links to it and
// deletes the other. One merge from the dialog, or every confident pair of a scan, is ONE batch (one
// transaction): a failure or a cancel leaves nothing of it.
//
// Runs on any thread (that thread's connection); a bulk merge holds the write lock until it ends.
class ContactMerger
{
    Q_DECLARE_TR_FUNCTIONS(ContactMerger)
public:
    ContactMerger(Database& db, MutationEngine& engine);

    struct Request
    {
        QString keepId;
        QString removeId;
        QHash<QString, QString> values; // merged values by field name; fields not given keep the kept value
        int score = 0;                  // the pair's score, for the history (0: merged by hand)
    };
    struct Outcome
    {
        QString batchId; // for MergeHistory::undo
        QString keptId;
        QString removedId;
    };
    // Errors: InvalidArgument (same contact twice, unknown field, a value the contact fields refuse),
    // NotFound (one of the contacts does not exist). Nothing changes on error.
    Result<Outcome> merge(const Request& request);

    struct BulkOptions
    {
        int minScore = DuplicateScoring::kConfidentScore; // pairs below are left alone
        std::function<void(qint64 done, qint64 total)> progress;
        const std::atomic_bool* cancel = nullptr; // set to stop: nothing is merged
    };
    struct BulkReport
    {
        QString batchId; // empty when nothing was merged
        qint64 merged = 0;
        qint64 skipped = 0;   // a contact of the pair was merged away earlier in the run, or since the scan
        qint64 failed = 0;    // the merge was refused (e.g. a value the contact fields no longer accept)
        QStringList problems; // why, for the first few refused ones
    };
    // Merges every pair scoring at least minScore with the suggested plan (MergePlan::suggest), best pairs
    // first, in one batch. A contact merged away earlier in the run is not merged again (its pair is
    // skipped; scan again to see what is left).
    Result<BulkReport> mergeAll(const QList<DuplicatePair>& pairs, const BulkOptions& options);

private:
    Database& m_db;
    MutationEngine& m_engine;
};

} // namespace outpost
