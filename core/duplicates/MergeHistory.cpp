#include "duplicates/MergeHistory.h"

#include "contacts/Contact.h"
#include "contacts/ContactSql.h"
#include "contacts/ContactMerge.h"
#include "customfields/CustomField.h"
#include "importexport/DeferredContactIndex.h"
#include "mutations/MutationEngine.h"
#include "storage/Database.h"

#include <climits>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

Q_LOGGING_CATEGORY(lcMergeUndo, "outpost.duplicates.undo", QtInfoMsg)

namespace {

const QString kBatchColumns =
    QStringLiteral("b.id, b.kind, b.merged_at, b.merges, b.state, b.undone_at, i.kept_after, i.removed");
const QString kItemColumns =
    QStringLiteral("seq, keep_id, remove_id, kept_before, kept_after, removed, shares, distributors");

Error dbError(const QString& what, const QSqlQuery& q)
{
    return Error(ErrorCode::Database, MergeHistory::tr("%1: %2").arg(what, q.lastError().text()));
}

QJsonObject object(const QVariant& v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

QJsonArray array(const QVariant& v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).array();
}

QString nameIn(const QJsonObject& fields)
{
    return Contact::displayNameFor(fields.value(QStringLiteral("firstName")).toString(),
                                   fields.value(QStringLiteral("lastName")).toString(),
                                   fields.value(QStringLiteral("company")).toString(),
                                   fields.value(QStringLiteral("email")).toString());
}

MergeBatchInfo readBatch(const QSqlQuery& q)
{
    MergeBatchInfo b;
    b.id = q.value(0).toString();
    b.kind = q.value(1).toString();
    b.mergedAt = q.value(2).toLongLong();
    b.merges = q.value(3).toLongLong();
    b.undone = q.value(4).toString() == QLatin1String("undone");
    b.undoneAt = q.value(5).toLongLong();
    b.keptName = nameIn(object(q.value(6)));
    b.removedName = nameIn(object(q.value(7)).value(QStringLiteral("fields")).toObject());
    return b;
}

Result<std::optional<MergeBatchInfo>> findBatch(QSqlDatabase conn, const QString& where,
                                                const QVariantList& binds)
{
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT ") + kBatchColumns +
        QStringLiteral(" FROM merge_batches b LEFT JOIN merge_items i ON i.batch_id = b.id AND i.seq = 1 ") +
        where);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return dbError(MergeHistory::tr("Could not read the merge history"), q);
    if (!q.next())
        return std::optional<MergeBatchInfo>();
    return std::optional<MergeBatchInfo>(readBatch(q));
}

struct Item
{
    qint64 seq = 0;
    QString keepId;
    QString removeId;
    QJsonObject keptBefore;
    QJsonObject keptAfter;
    QJsonObject removed; // {fields, createdAt}
    QJsonArray shares;
    QJsonArray distributors;

    QString keptName() const { return nameIn(keptAfter); }
    QString removedName() const { return nameIn(removed.value(QStringLiteral("fields")).toObject()); }

    static Item read(const QSqlQuery& q)
    {
        Item i;
        i.seq = q.value(0).toLongLong();
        i.keepId = q.value(1).toString();
        i.removeId = q.value(2).toString();
        i.keptBefore = object(q.value(3));
        i.keptAfter = object(q.value(4));
        i.removed = object(q.value(5));
        i.shares = array(q.value(6));
        i.distributors = array(q.value(7));
        return i;
    }

    QJsonObject unmergeArgs() const
    {
        QJsonArray distributorIds;
        for (const QJsonValue& d : distributors)
            distributorIds.append(d.toString());
        return {{QStringLiteral("keepId"), keepId},   {QStringLiteral("removeId"), removeId},
                {QStringLiteral("keep"), keptBefore}, {QStringLiteral("removed"), removed},
                {QStringLiteral("shares"), shares},   {QStringLiteral("distributorIds"), distributorIds}};
    }
};

// What the database holds now of an item's rows, compared with how its merge left them.
class Checker
{
public:
    explicit Checker(QSqlDatabase conn)
        : m_conn(conn)
        , m_contact(conn)
        , m_exists(conn)
        , m_share(conn)
        , m_distributor(conn)
    {
        m_contact.setForwardOnly(true);
        m_exists.setForwardOnly(true);
        m_share.setForwardOnly(true);
        m_distributor.setForwardOnly(true);
        m_ready = m_contact.prepare(QStringLiteral("SELECT ") + contactsql::columnNames().join(QStringLiteral(", "))
                                    + QStringLiteral(" FROM contacts WHERE id = ?")) &&
                  m_exists.prepare(QStringLiteral("SELECT 1 FROM contacts WHERE id = ?")) &&
                  m_share.prepare(QStringLiteral("SELECT contact_id FROM contact_shares WHERE id = ?")) &&
                  m_distributor.prepare(
                      QStringLiteral("SELECT coalesce(contact_id, '') FROM distributors WHERE id = ?"));
    }

    bool ready() const { return m_ready; }

    // The problems (translated) that keep this item from being undone exactly. The `seen` sets hold what
    // later items of the same batch touched (they are checked there, in their later state); null: check
    // everything.
    Result<QStringList> problems(const Item& item, QSet<QString>* seenContacts, QSet<QString>* seenLinks)
    {
        QStringList out;
        auto unseen = [](QSet<QString>* seen, const QString& id) {
            if (!seen)
                return true;
            if (seen->contains(id))
                return false;
            seen->insert(id);
            return true;
        };
        if (unseen(seenContacts, item.keepId)) {
            m_contact.addBindValue(item.keepId);
            if (!m_contact.exec())
                return fail(m_contact);
            if (!m_contact.next()) {
                out << MergeHistory::tr("\u201c%1\u201d was deleted since").arg(item.keptName());
            } else {
                const QStringList& names = Contact::fieldNames();
                bool edited = false;
                for (int i = 0; i < names.size() && !edited; ++i)
                    edited = m_contact.value(i).toString() != item.keptAfter.value(names.at(i)).toString();
                m_contact.finish();
                // And its custom values, where the merge recorded them (merges made before it did are not checked).
                if (!edited && item.keptAfter.contains(QStringLiteral("custom"))) {
                    auto custom = CustomFields::valuesOf(m_conn, item.keepId);
                    if (!custom)
                        return custom.error();
                    edited = custom.value() != item.keptAfter.value(QStringLiteral("custom")).toObject();
                }
                if (edited)
                    out << MergeHistory::tr("\u201c%1\u201d was edited since").arg(item.keptName());
            }
            m_contact.finish();
        }
        if (unseen(seenContacts, item.removeId)) {
            m_exists.addBindValue(item.removeId);
            if (!m_exists.exec())
                return fail(m_exists);
            if (m_exists.next())
                out << MergeHistory::tr("\u201c%1\u201d exists again").arg(item.removedName());
            m_exists.finish();
        }
        bool sharesChanged = false;
        for (const QJsonValue& v : item.shares) {
            const QJsonObject s = v.toObject();
            const QString id = s.value(QStringLiteral("id")).toString();
            if (!s.value(QStringLiteral("moved")).toBool() || !unseen(seenLinks, QStringLiteral("s:") + id))
                continue;
            m_share.addBindValue(id);
            if (!m_share.exec())
                return fail(m_share);
            if (!m_share.next() || m_share.value(0).toString() != item.keepId)
                sharesChanged = true;
            m_share.finish();
        }
        if (sharesChanged)
            out << MergeHistory::tr("the sharing of \u201c%1\u201d changed since").arg(item.keptName());
        bool linksChanged = false;
        for (const QJsonValue& v : item.distributors) {
            if (!unseen(seenLinks, QStringLiteral("d:") + v.toString()))
                continue;
            m_distributor.addBindValue(v.toString());
            if (!m_distributor.exec())
                return fail(m_distributor);
            if (!m_distributor.next() || m_distributor.value(0).toString() != item.keepId)
                linksChanged = true;
            m_distributor.finish();
        }
        if (linksChanged)
            out << MergeHistory::tr("a distributor linked to \u201c%1\u201d was re-linked or removed since")
                       .arg(item.keptName());
        return out;
    }

private:
    Error fail(const QSqlQuery& q)
    {
        return dbError(MergeHistory::tr("Could not check the merged contacts"), q);
    }

    QSqlDatabase m_conn;
    QSqlQuery m_contact, m_exists, m_share, m_distributor;
    bool m_ready = false;
};

QString refusal(const MergeBatchInfo& batch, const QStringList& problems, qint64 count)
{
    QString message =
        batch.merges == 1
            ? MergeHistory::tr("The merge of \u201c%1\u201d into \u201c%2\u201d cannot be undone: %3.")
                  .arg(batch.removedName, batch.keptName, problems.join(QStringLiteral("; ")))
            : MergeHistory::tr("These %n merge(s) cannot be undone: %1.", nullptr,
                               int(std::min<qint64>(batch.merges, INT_MAX)))
                  .arg(problems.join(QStringLiteral("; ")));
    if (count > problems.size())
        message += QLatin1Char(' ') + MergeHistory::tr("\u2026 and %1 more.").arg(count - problems.size());
    message += QLatin1Char(' ') +
               MergeHistory::tr("Undo later merges first, or revert those changes. Nothing was undone.");
    return message;
}

} // namespace

MergeHistory::MergeHistory(Database& db, MutationEngine& engine)
    : m_db(db)
    , m_engine(engine)
{}

Result<QList<MergeBatchInfo>> MergeHistory::list(int limit)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT ") + kBatchColumns +
        QStringLiteral(" FROM merge_batches b LEFT JOIN merge_items i ON i.batch_id = b.id AND i.seq = 1 "
                       "ORDER BY b.merged_at DESC, b.id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(tr("Could not read the merge history"), q);
    QList<MergeBatchInfo> out;
    while (q.next())
        out.append(readBatch(q));
    return out;
}

Result<MergeBatchInfo> MergeHistory::find(const QString& batchId)
{
    auto b = findBatch(m_db.connection(), QStringLiteral("WHERE b.id = ?"), {batchId});
    if (!b)
        return b.error();
    if (!b.value())
        return Error(ErrorCode::NotFound,
                     tr("There is no merge %1; \"duplicates history\" lists them.").arg(batchId));
    return *b.value();
}

Result<std::optional<MergeBatchInfo>> MergeHistory::lastActive()
{
    return findBatch(m_db.connection(),
                     QStringLiteral("WHERE b.state = 'active' ORDER BY b.merged_at DESC, b.id DESC LIMIT 1"),
                     {});
}

Result<MergeHistory::UndoReport> MergeHistory::undo(const QString& batchId, const UndoOptions& options)
{
    // The batch takes the write lock first, so nothing changes between the check and the undo.
    auto batchResult = m_engine.beginBatch();
    if (!batchResult)
        return batchResult.error();
    MutationBatch& batch = *batchResult.value();
    QSqlDatabase conn = batch.connection();

    auto info = findBatch(conn, QStringLiteral("WHERE b.id = ?"), {batchId});
    if (!info)
        return info.error();
    if (!info.value())
        return Error(ErrorCode::NotFound,
                     tr("There is no merge %1; \"duplicates history\" lists them.").arg(batchId));
    if (info.value()->undone)
        return Error(ErrorCode::Conflict, tr("This merge was already undone."));
    const MergeBatchInfo& batchInfo = *info.value();
    auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    const Error cancelError(ErrorCode::Cancelled, tr("The undo was cancelled; nothing was changed."));

    Checker checker(conn);
    if (!checker.ready())
        return Error(ErrorCode::Database,
                     tr("Could not check the merged contacts: %1").arg(conn.lastError().text()));
    auto items = [&](QSqlQuery& q) -> Status {
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT ") + kItemColumns +
                  QStringLiteral(" FROM merge_items WHERE batch_id = ? ORDER BY seq DESC"));
        q.addBindValue(batchId);
        if (!q.exec())
            return dbError(tr("Could not read the merge history"), q);
        return {};
    };

    // 1. Everything as the merges left it? Each row is checked against the last merge of the batch that
    //    touched it (walking backwards, what a later merge touched is checked there).
    {
        QSqlQuery q(conn);
        if (Status s = items(q); !s)
            return s.error();
        QSet<QString> seenContacts, seenLinks;
        QStringList problems;
        qint64 problemCount = 0;
        qint64 checked = 0;
        while (q.next()) {
            auto p = checker.problems(Item::read(q), &seenContacts, &seenLinks);
            if (!p)
                return p.error();
            problemCount += p->size();
            for (const QString& line : p.value()) {
                if (problems.size() < options.maxListedConflicts)
                    problems << line;
            }
            if (++checked % 1024 == 0 && cancelled())
                return cancelError;
        }
        if (q.lastError().isValid())
            return dbError(tr("Could not read the merge history"), q);
        if (problemCount > 0)
            return Error(ErrorCode::Conflict, refusal(batchInfo, problems, problemCount));
    }

    // 2. Take the merges back, newest first, each checked again in the state the later ones left.
    DeferredContactIndex index(conn);
    if (Status s = index.start(); !s)
        return s.error();
    UndoReport report;
    QSqlQuery q(conn);
    if (Status s = items(q); !s)
        return s.error();
    while (q.next()) {
        const Item item = Item::read(q);
        auto p = checker.problems(item, nullptr, nullptr);
        if (!p)
            return p.error();
        if (!p->isEmpty())
            return Error(ErrorCode::Conflict, refusal(batchInfo, p.value(), p->size()));
        auto m = batch.submit(QString::fromLatin1(ContactMergeValidation::kUnmerge), item.unmergeArgs());
        if (!m)
            return Error(m.code(),
                         tr("Could not take back the merge of \u201c%1\u201d into \u201c%2\u201d: %3")
                             .arg(item.removedName(), item.keptName(), m.message()));
        ++report.restored;
        if (report.restored % 64 == 0) {
            if (cancelled())
                return cancelError;
            if (options.progress)
                options.progress(report.restored, batchInfo.merges);
        }
    }
    if (q.lastError().isValid())
        return dbError(tr("Could not read the merge history"), q);
    q.finish();
    if (Status s = index.finish(); !s)
        return s.error();
    QSqlQuery mark(conn);
    mark.prepare(QStringLiteral("UPDATE merge_batches SET state = 'undone', undone_at = ? WHERE id = ?"));
    mark.addBindValue(QDateTime::currentMSecsSinceEpoch());
    mark.addBindValue(batchId);
    if (!mark.exec())
        return dbError(tr("Could not record the undo"), mark);
    if (cancelled())
        return cancelError;
    if (Status s = batch.commit(); !s)
        return s.error();
    if (options.progress)
        options.progress(report.restored, report.restored);
    qCDebug(lcMergeUndo) << "undid merge batch" << batchId << "restored" << report.restored;
    return report;
}

} // namespace outpost
