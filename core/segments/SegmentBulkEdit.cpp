#include "segments/SegmentBulkEdit.h"

#include "contacts/Contact.h"
#include "mutations/MutationEngine.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

constexpr int kProgressEvery = 200;

QString columnOf(SegmentBulkEdit::Kind kind)
{
    return kind == SegmentBulkEdit::Kind::SetOwner ? QStringLiteral("owner_id") : QStringLiteral("tags");
}

QString fieldOf(SegmentBulkEdit::Kind kind)
{
    return kind == SegmentBulkEdit::Kind::SetOwner ? QStringLiteral("ownerId") : QStringLiteral("tags");
}

Error cancelled()
{
    return Error(ErrorCode::Cancelled, SegmentBulkEdit::tr("The bulk edit was cancelled; no contact was changed."));
}

// Submits the planned changes in one batch, all or none (a cancel or a refused change rolls the batch back).
Result<SegmentBulkEdit::Outcome> run(MutationBatch& batch, SegmentBulkEdit::Kind kind,
                                     const QList<SegmentBulkEdit::Change>& planned, const SegmentBulkEdit::Options& options,
                                     SegmentBulkEdit::Outcome outcome)
{
    const qint64 total = planned.size();
    qint64 done = 0;
    for (const SegmentBulkEdit::Change& c : planned) {
        if (options.cancel && options.cancel->load()) {
            batch.rollback();
            return cancelled();
        }
        auto m = batch.submit(QStringLiteral("contact.update"),
                              {{QStringLiteral("id"), c.contactId},
                               {QStringLiteral("set"), QJsonObject{{fieldOf(kind), c.after}}}});
        if (!m) {
            batch.rollback();
            return Error(m.code(), SegmentBulkEdit::tr("No contact was changed: %1").arg(m.message()));
        }
        outcome.changes.append(c);
        if (++done % kProgressEvery == 0 && options.progress)
            options.progress(done, total);
    }
    if (options.cancel && options.cancel->load()) {
        batch.rollback();
        return cancelled();
    }
    if (Status s = batch.commit(); !s)
        return s.error();
    if (options.progress)
        options.progress(total, total);
    return outcome;
}

} // namespace

QString SegmentBulkEdit::withTag(const QString& tags, const QString& tag)
{
    const QStringList list = Contact::tagList(tags);
    if (list.contains(tag.trimmed(), Qt::CaseInsensitive))
        return tags;
    return Contact::normalizeTags(list.isEmpty() ? tag : tags + QLatin1Char(',') + tag);
}

QString SegmentBulkEdit::withoutTag(const QString& tags, const QString& tag)
{
    QStringList list = Contact::tagList(tags);
    list.removeIf([&](const QString& t) { return t.compare(tag.trimmed(), Qt::CaseInsensitive) == 0; });
    return list.join(QLatin1Char(','));
}

Result<SegmentBulkEdit::Outcome> SegmentBulkEdit::apply(MutationEngine& engine, const SegmentFilter::Sql& segment,
                                                        Kind kind, const QString& value, const Options& options)
{
    if (kind != Kind::SetOwner && value.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, tr("Enter the tag to add or remove."));
    auto batchResult = engine.beginBatch();
    if (!batchResult)
        return batchResult.error();
    MutationBatch& batch = *batchResult.value();
    QSqlDatabase conn = batch.connection();

    // Read the matching contacts first (inside the batch's transaction, so nothing changes meanwhile),
    // then write: a statement still stepping over rows that the edit moves in its index could see them twice.
    Outcome outcome;
    outcome.kind = kind;
    QList<Change> planned;
    {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT id, %1 FROM contacts WHERE %2").arg(columnOf(kind), segment.where));
        for (const QVariant& b : segment.binds)
            q.addBindValue(b);
        if (!q.exec())
            return Error(ErrorCode::Database, tr("Could not read the segment's contacts: %1").arg(q.lastError().text()));
        while (q.next()) {
            ++outcome.matched;
            Change c{q.value(0).toString(), q.value(1).toString(), {}};
            c.after = kind == Kind::SetOwner ? value.trimmed()
                      : kind == Kind::AddTag ? withTag(c.before, value)
                                             : withoutTag(c.before, value);
            if (c.after != c.before)
                planned.append(std::move(c));
            if (options.cancel && outcome.matched % 1000 == 0 && options.cancel->load())
                return cancelled();
        }
        if (q.lastError().isValid())
            return Error(ErrorCode::Database, tr("Could not read the segment's contacts: %1").arg(q.lastError().text()));
    }
    return run(batch, kind, planned, options, outcome);
}

Result<SegmentBulkEdit::Outcome> SegmentBulkEdit::undo(MutationEngine& engine, const Outcome& done, const Options& options)
{
    auto batchResult = engine.beginBatch();
    if (!batchResult)
        return batchResult.error();
    MutationBatch& batch = *batchResult.value();
    QSqlQuery q(batch.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM contacts WHERE id = ?").arg(columnOf(done.kind)));
    Outcome outcome;
    outcome.kind = done.kind;
    QList<Change> planned;
    for (const Change& c : done.changes) {
        q.addBindValue(c.contactId);
        if (!q.exec())
            return Error(ErrorCode::Database, tr("Could not read a contact: %1").arg(q.lastError().text()));
        // Deleted since, or changed again since: leave it as it is now.
        if (q.next() && q.value(0).toString() == c.after)
            planned.append(Change{c.contactId, c.after, c.before});
        else
            ++outcome.skipped;
        q.finish();
    }
    outcome.matched = done.changes.size();
    return run(batch, done.kind, planned, options, outcome);
}

} // namespace outpost
