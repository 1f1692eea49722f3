#include "duplicates/ContactMerger.h"

#include "contacts/ContactMerge.h"
#include "customfields/CustomField.h"
#include "duplicates/DuplicateContacts.h"
#include "importexport/DeferredContactIndex.h"
#include "mutations/MutationEngine.h"
#include "storage/Database.h"
#include "util/Uuid.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>

namespace outpost {

Q_LOGGING_CATEGORY(lcMerge, "outpost.duplicates.merge", QtInfoMsg)

namespace {

constexpr int kMaxNotes = 20000; // what the notes field accepts (ContactValidation)
constexpr int kListedProblems = 20;

int filledFields(const Contact& c)
{
    int n = 0;
    for (const QString& f : Contact::fieldNames())
        n += c.field(f).trimmed().isEmpty() ? 0 : 1;
    return n;
}

QString json(const QJsonValue& v)
{
    return v.isArray() ? QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact))
                       : QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

Error dbError(const QString& what, const QSqlQuery& q)
{
    return Error(ErrorCode::Database, ContactMerger::tr("%1: %2").arg(what, q.lastError().text()));
}

// Writes a merge batch and its items on the batch's connection, next to the mutations.
class Recorder
{
public:
    Recorder(MutationBatch& batch)
        : m_batch(batch)
        , m_conn(batch.connection())
    {}

    const QString& batchId() const { return m_batchId; }

    Status start(const QString& kind, const QString& actor)
    {
        m_batchId = newUuidV7();
        QSqlQuery q(m_conn);
        q.prepare(QStringLiteral("INSERT INTO merge_batches(id, kind, merged_at, actor) VALUES(?,?,?,?)"));
        q.addBindValue(m_batchId);
        q.addBindValue(kind);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(actor);
        if (!q.exec())
            return dbError(ContactMerger::tr("Could not record the merge"), q);
        return {};
    }

    // Merges one pair through contact.merge and records the state it came from.
    Status merge(const Contact& keep, const Contact& remove, const QHash<QString, QString>& values, int score)
    {
        // What the merge will move, as it is now.
        QJsonArray shares;
        {
            QSqlQuery q(m_conn);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral(
                "SELECT s.id, s.user_id, s.created_at, EXISTS(SELECT 1 FROM contact_shares k WHERE "
                "k.contact_id = ? AND k.user_id = s.user_id) FROM contact_shares s "
                "WHERE s.contact_id = ? ORDER BY s.id"));
            q.addBindValue(keep.id);
            q.addBindValue(remove.id);
            if (!q.exec())
                return dbError(ContactMerger::tr("Could not read the contact's shares"), q);
            while (q.next())
                shares.append(QJsonObject{{QStringLiteral("id"), q.value(0).toString()},
                                          {QStringLiteral("userId"), q.value(1).toString()},
                                          {QStringLiteral("createdAt"), q.value(2).toLongLong()},
                                          {QStringLiteral("moved"), !q.value(3).toBool()}});
        }
        QJsonArray distributors;
        {
            QSqlQuery q(m_conn);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT id FROM distributors WHERE contact_id = ? ORDER BY id"));
            q.addBindValue(remove.id);
            if (!q.exec())
                return dbError(ContactMerger::tr("Could not read the linked distributors"), q);
            while (q.next())
                distributors.append(q.value(0).toString());
        }

        QJsonObject set;
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (!Contact::fieldNames().contains(it.key()))
                return Error(ErrorCode::InvalidArgument,
                             ContactMerger::tr("Contacts have no field \"%1\".").arg(it.key()));
            if (keep.field(it.key()) != it.value())
                set.insert(it.key(), it.value());
        }

        // Custom values: the kept contact's stay; one it does not have comes from the removed contact (like
        // an empty field). Both contacts' values are recorded, so the undo sets them back: a value the kept
        // contact gains is cleared again (null), unless its field is required (it cannot be cleared then).
        if (!m_fields) { // read once per batch: definitions do not change inside it (a merge-all has many pairs)
            auto read = CustomFields::definitions(m_conn, QStringLiteral("contact"));
            if (!read)
                return read.error();
            m_fields = read.value();
        }
        const QList<CustomField>& fields = *m_fields;
        auto keptCustom = CustomFields::valuesOf(m_conn, keep.id);
        if (!keptCustom)
            return keptCustom.error();
        auto removedCustom = CustomFields::valuesOf(m_conn, remove.id);
        if (!removedCustom)
            return removedCustom.error();
        QJsonObject keptBefore = keep.fieldsToJson();
        for (auto it = keptCustom->begin(); it != keptCustom->end(); ++it)
            keptBefore.insert(it.key(), it.value());
        QJsonObject removedFields = remove.fieldsToJson();
        for (const CustomField& f : fields) { // retired fields take no values: theirs go with the contact
            const QJsonValue value = removedCustom->value(f.memberName());
            if (value.isUndefined())
                continue;
            removedFields.insert(f.memberName(), value);
            if (keptCustom->contains(f.memberName()))
                continue;
            set.insert(f.memberName(), value);
            if (!f.required)
                keptBefore.insert(f.memberName(), QJsonValue::Null);
        }
        auto m = m_batch.submit(QString::fromLatin1(ContactMergeValidation::kMerge),
                                QJsonObject{{QStringLiteral("keepId"), keep.id},
                                            {QStringLiteral("removeId"), remove.id},
                                            {QStringLiteral("set"), set}});
        if (!m)
            return m.error();
        auto after = DuplicateContacts::byId(m_conn, keep.id);
        if (!after)
            return after.error();
        if (!after.value())
            return Error(ErrorCode::Unknown,
                         ContactMerger::tr("The merged contact disappeared while merging."));
        QJsonObject keptAfter = after.value()->fieldsToJson();
        auto afterCustom = CustomFields::valuesOf(m_conn, keep.id);
        if (!afterCustom)
            return afterCustom.error();
        keptAfter.insert(QStringLiteral("custom"), afterCustom.value()); // for the undo's check (MergeHistory)

        QSqlQuery q(m_conn);
        q.prepare(QStringLiteral(
            "INSERT INTO merge_items(batch_id, seq, keep_id, remove_id, score, kept_before, "
            "kept_after, removed, shares, distributors, mutation_id) VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
        q.addBindValue(m_batchId);
        q.addBindValue(++m_seq);
        q.addBindValue(keep.id);
        q.addBindValue(remove.id);
        q.addBindValue(score);
        q.addBindValue(json(keptBefore));
        q.addBindValue(json(keptAfter));
        q.addBindValue(json(QJsonObject{{QStringLiteral("fields"), removedFields},
                                        {QStringLiteral("createdAt"), remove.createdAt}}));
        q.addBindValue(json(shares));
        q.addBindValue(json(distributors));
        q.addBindValue(m->id);
        if (!q.exec())
            return dbError(ContactMerger::tr("Could not record the merge"), q);
        return {};
    }

    Status finish()
    {
        QSqlQuery q(m_conn);
        q.prepare(QStringLiteral("UPDATE merge_batches SET merges = ? WHERE id = ?"));
        q.addBindValue(m_seq);
        q.addBindValue(m_batchId);
        if (!q.exec())
            return dbError(ContactMerger::tr("Could not record the merge"), q);
        return {};
    }

private:
    MutationBatch& m_batch;
    QSqlDatabase m_conn;
    QString m_batchId;
    std::optional<QList<CustomField>> m_fields; // the contact custom field definitions, read at the first merge
    qint64 m_seq = 0;
};

} // namespace

QString MergePlan::combinedNotes(const QString& keep, const QString& remove)
{
    const QString k = keep.trimmed(), r = remove.trimmed();
    if (r.isEmpty() || k.contains(r))
        return keep;
    if (k.isEmpty() || r.contains(k))
        return remove;
    const QString both = k + QStringLiteral("\n\n") + r;
    return both.size() <= kMaxNotes ? both : keep;
}

MergePlan MergePlan::keeping(const Contact& keep, const Contact& remove)
{
    MergePlan p;
    p.keep = keep;
    p.remove = remove;
    for (const QString& f : Contact::fieldNames()) {
        const QString mine = keep.field(f);
        p.values.insert(f, mine.trimmed().isEmpty() ? remove.field(f) : mine);
    }
    p.values.insert(QStringLiteral("notes"), combinedNotes(keep.notes, remove.notes));
    return p;
}

MergePlan MergePlan::suggest(const Contact& a, const Contact& b)
{
    const int fa = filledFields(a), fb = filledFields(b);
    bool keepA = a.id < b.id;
    if (fa != fb)
        keepA = fa > fb;
    else if (a.createdAt != b.createdAt)
        keepA = a.createdAt < b.createdAt;
    return keepA ? keeping(a, b) : keeping(b, a);
}

ContactMerger::ContactMerger(Database& db, MutationEngine& engine)
    : m_db(db)
    , m_engine(engine)
{}

Result<ContactMerger::Outcome> ContactMerger::merge(const Request& request)
{
    if (!isUuid(request.keepId) || !isUuid(request.removeId))
        return Error(ErrorCode::InvalidArgument, tr("A contact id is missing or malformed."));
    if (request.keepId == request.removeId)
        return Error(ErrorCode::InvalidArgument, tr("A contact cannot be merged with itself."));
    for (auto it = request.values.begin(); it != request.values.end(); ++it) {
        if (!Contact::fieldNames().contains(it.key()))
            return Error(ErrorCode::InvalidArgument, tr("Contacts have no field \"%1\".").arg(it.key()));
    }
    auto batchResult = m_engine.beginBatch();
    if (!batchResult)
        return batchResult.error();
    MutationBatch& batch = *batchResult.value();
    auto keep = DuplicateContacts::byId(batch.connection(), request.keepId);
    if (!keep)
        return keep.error();
    if (!keep.value())
        return Error(ErrorCode::NotFound,
                     tr("There is no contact %1; it may have been merged or deleted.").arg(request.keepId));
    auto remove = DuplicateContacts::byId(batch.connection(), request.removeId);
    if (!remove)
        return remove.error();
    if (!remove.value())
        return Error(ErrorCode::NotFound,
                     tr("There is no contact %1; it may have been merged or deleted.").arg(request.removeId));

    Recorder recorder(batch);
    if (Status s = recorder.start(QStringLiteral("single"), m_engine.actor()); !s)
        return s.error();
    if (Status s = recorder.merge(*keep.value(), *remove.value(), request.values, request.score); !s)
        return s.error();
    if (Status s = recorder.finish(); !s)
        return s.error();
    if (Status s = batch.commit(); !s)
        return s.error();
    qCDebug(lcMerge) << "merged" << request.removeId << "into" << request.keepId;
    return Outcome{recorder.batchId(), request.keepId, request.removeId};
}

Result<ContactMerger::BulkReport> ContactMerger::mergeAll(const QList<DuplicatePair>& pairs,
                                                          const BulkOptions& options)
{
    QList<DuplicatePair> eligible;
    for (const DuplicatePair& p : pairs) {
        if (p.score >= options.minScore)
            eligible.append(p);
    }
    std::stable_sort(eligible.begin(), eligible.end(), [](const DuplicatePair& l, const DuplicatePair& r) {
        if (l.score != r.score)
            return l.score > r.score;
        return l.ridA != r.ridA ? l.ridA < r.ridA : l.ridB < r.ridB;
    });
    BulkReport report;
    if (eligible.isEmpty())
        return report;
    auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    const Error cancelError(ErrorCode::Cancelled, tr("The merge was cancelled; nothing was merged."));

    auto batchResult = m_engine.beginBatch();
    if (!batchResult)
        return batchResult.error();
    MutationBatch& batch = *batchResult.value();
    DeferredContactIndex index(batch.connection());
    if (Status s = index.start(); !s)
        return s.error();
    Recorder recorder(batch);
    if (Status s = recorder.start(QStringLiteral("bulk"), m_engine.actor()); !s)
        return s.error();

    QSet<qint64> removed;
    const qint64 total = eligible.size();
    qint64 done = 0;
    for (const DuplicatePair& p : std::as_const(eligible)) {
        if (++done % 64 == 0) {
            if (cancelled())
                return cancelError;
            if (options.progress)
                options.progress(done, total);
        }
        if (removed.contains(p.ridA) || removed.contains(p.ridB)) {
            ++report.skipped;
            continue;
        }
        auto contacts = DuplicateContacts::byRid(batch.connection(), {p.ridA, p.ridB});
        if (!contacts)
            return contacts.error();
        if (!contacts->contains(p.ridA) || !contacts->contains(p.ridB)) {
            ++report.skipped; // deleted or merged since the scan
            continue;
        }
        const MergePlan plan = MergePlan::suggest(contacts->value(p.ridA), contacts->value(p.ridB));
        Status s = recorder.merge(plan.keep, plan.remove, plan.values, p.score);
        if (!s) {
            if (s.code() == ErrorCode::Database)
                return s.error(); // the database itself failed: nothing of the run stays
            ++report.failed;
            if (report.problems.size() < kListedProblems)
                report.problems << tr("%1 and %2: %3")
                                       .arg(plan.keep.displayName(), plan.remove.displayName(), s.message());
            continue;
        }
        ++report.merged;
        removed.insert(plan.remove.id == contacts->value(p.ridA).id ? p.ridA : p.ridB);
    }
    if (cancelled())
        return cancelError;
    if (report.merged == 0) {
        batch.rollback();
        return report;
    }
    if (Status s = recorder.finish(); !s)
        return s.error();
    if (Status s = index.finish(); !s)
        return s.error();
    if (Status s = batch.commit(); !s)
        return s.error();
    report.batchId = recorder.batchId();
    if (options.progress)
        options.progress(total, total);
    qCDebug(lcMerge) << "bulk merge" << report.batchId << "merged" << report.merged << "skipped"
                     << report.skipped << "failed" << report.failed;
    return report;
}

} // namespace outpost
