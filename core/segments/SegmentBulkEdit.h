#pragma once

#include "segments/SegmentFilter.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace outpost {

class MutationEngine;

// One change made to every contact of a segment: set the owner, add a tag or remove a tag. It is applied
// as one batch of contact.update@1 mutations (each audited and synced like a hand edit) in ONE
// transaction: a refused edit or a cancel leaves every contact as it was. The result remembers each
// contact's value before and after, so the whole edit can be undone as one batch too; the undo restores
// only contacts whose value is still what the edit set (a later edit by anyone is kept).
//
// Runs on the calling thread's connection (MutationEngine::beginBatch): call it from a worker.
class SegmentBulkEdit
{
    Q_DECLARE_TR_FUNCTIONS(SegmentBulkEdit)
public:
    enum class Kind { SetOwner, AddTag, RemoveTag };

    struct Change
    {
        QString contactId;
        QString before; // owner id, or the tags ("a,b")
        QString after;
    };
    struct Outcome
    {
        Kind kind = Kind::SetOwner;
        qint64 matched = 0;    // contacts in the segment
        QList<Change> changes; // those that changed (the others already had the value)
        qint64 skipped = 0;    // undo only: contacts changed again since, left alone
    };
    struct Options
    {
        std::function<void(qint64 done, qint64 total)> progress;
        const std::atomic_bool* cancel = nullptr;
    };

    static Result<Outcome> apply(MutationEngine& engine, const SegmentFilter::Sql& segment, Kind kind,
                                 const QString& value, const Options& options);
    // Undoes an applied edit (its Outcome); returns what was restored, with `skipped` set.
    static Result<Outcome> undo(MutationEngine& engine, const Outcome& done, const Options& options);

    // The tags after adding or removing one (case-insensitive, as tags compare).
    static QString withTag(const QString& tags, const QString& tag);
    static QString withoutTag(const QString& tags, const QString& tag);
};

} // namespace outpost
