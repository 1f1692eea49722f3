#include "importexport/ImportHistory.h"

#include "contacts/Contact.h"
#include "contacts/ContactBulkLoader.h"
#include "contacts/ContactMutators.h"
#include "contacts/ContactSql.h"
#include "importexport/ContactImporter.h"
#include "importexport/DeferredContactIndex.h"
#include "mutations/MutationEngine.h"
#include "storage/Database.h"
#include "storage/ForeignKeysOff.h"
#include "storage/ScopedPageCache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>

namespace outpost {

Q_LOGGING_CATEGORY(lcImportUndo, "outpost.import.undo", QtInfoMsg)

namespace {

const QString kBatchColumns = QStringLiteral(
    "id, file_name, format, started_at, finished_at, created, updated, skipped, rejected, state, undone_at");
const QString kContactColumns = contactsql::columnNames().join(QStringLiteral(", "));

ImportBatchInfo readBatch(const QSqlQuery& q)
{
    ImportBatchInfo b;
    b.id = q.value(0).toString();
    b.fileName = q.value(1).toString();
    b.format = q.value(2).toString();
    b.startedAt = q.value(3).toLongLong();
    b.finishedAt = q.value(4).toLongLong();
    b.created = q.value(5).toLongLong();
    b.updated = q.value(6).toLongLong();
    b.skipped = q.value(7).toLongLong();
    b.rejected = q.value(8).toLongLong();
    b.undone = q.value(9).toString() == QLatin1String("undone");
    b.undoneAt = q.value(10).toLongLong();
    return b;
}

Error dbError(const QString& what, const QSqlQuery& q)
{
    return Error(ErrorCode::Database, ImportHistory::tr("%1: %2").arg(what, q.lastError().text()));
}

QJsonObject parse(const QVariant& v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

Result<std::optional<ImportBatchInfo>> findBatch(QSqlDatabase conn, const QString& id)
{
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kBatchColumns + QStringLiteral(" FROM import_batches WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(ImportHistory::tr("Could not read the import history"), q);
    if (!q.next())
        return std::optional<ImportBatchInfo>();
    return std::optional<ImportBatchInfo>(readBatch(q));
}

} // namespace

ImportHistory::ImportHistory(Database& db, MutationEngine& engine)
    : m_db(db)
    , m_engine(engine)
{
}

Result<QList<ImportBatchInfo>> ImportHistory::list(int limit)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kBatchColumns
              + QStringLiteral(" FROM import_batches ORDER BY started_at DESC, id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(tr("Could not read the import history"), q);
    QList<ImportBatchInfo> out;
    while (q.next())
        out.append(readBatch(q));
    return out;
}

Result<ImportBatchInfo> ImportHistory::find(const QString& batchId)
{
    auto b = findBatch(m_db.connection(), batchId);
    if (!b)
        return b.error();
    if (!b.value())
        return Error(ErrorCode::NotFound, tr("There is no import %1; \"import list\" shows them.").arg(batchId));
    return *b.value();
}

Result<ImportHistory::UndoReport> ImportHistory::undo(const QString& batchId, const UndoOptions& options)
{
    // Without foreign-key enforcement for the batch: each DELETE of created contacts would otherwise keep a
    // statement journal (ForeignKeysOff says why); contact.deleteMany unlinks their distributors itself, and
    // contact.update does not change a key. Set before the batch begins, back on after it ended.
    const ForeignKeysOff foreignKeys(m_db.connection());
    // The batch takes the write lock first, so nothing changes between the check and the undo.
    auto batchResult = m_engine.beginBatch();
    if (!batchResult)
        return batchResult.error();
    MutationBatch& batch = *batchResult.value();
    QSqlDatabase conn = batch.connection();

    auto info = findBatch(conn, batchId);
    if (!info)
        return info.error();
    if (!info.value())
        return Error(ErrorCode::NotFound, tr("There is no import %1; \"import list\" shows them.").arg(batchId));
    if (info.value()->undone)
        return Error(ErrorCode::Conflict, tr("The import of %1 was already undone.").arg(info.value()->fileName));

    qint64 total = 0;
    {
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("SELECT count(*) FROM import_items WHERE batch_id = ?"));
        q.addBindValue(batchId);
        if (!q.exec() || !q.next())
            return dbError(tr("Could not read the import"), q);
        total = q.value(0).toLongLong();
    }
    // As the import itself: a cache its dirty pages fit in, instead of spilling to the file mid-transaction.
    std::optional<ScopedPageCache> batchCache;
    if (total <= ContactImporter::kBatchCacheRows)
        batchCache.emplace(conn, ContactImporter::kBatchCacheKiB);
    auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    const Error cancelError(ErrorCode::Cancelled, tr("The undo was cancelled; nothing was changed."));

    // 1. Every contact must still be as the import left it (its last change in this import).
    {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT i.contact_id, i.after, c.id IS NOT NULL, "
                                 "EXISTS(SELECT 1 FROM import_items k WHERE k.batch_id = i.batch_id AND "
                                 "k.contact_id = i.contact_id AND k.action = 'created'), ")
                  + kContactColumns.split(QStringLiteral(", ")).replaceInStrings(QStringLiteral("^"), QStringLiteral("c."))
                        .join(QStringLiteral(", "))
                  + QStringLiteral(" FROM import_items i LEFT JOIN contacts c ON c.id = i.contact_id "
                                   "WHERE i.batch_id = ? AND i.seq = (SELECT max(j.seq) FROM import_items j "
                                   "WHERE j.batch_id = i.batch_id AND j.contact_id = i.contact_id)"));
        q.addBindValue(batchId);
        if (!q.exec())
            return dbError(tr("Could not read the import"), q);
        const QStringList& names = Contact::fieldNames();
        QStringList changed;
        qint64 changedCount = 0;
        qint64 checked = 0;
        while (q.next()) {
            const QString id = q.value(0).toString();
            const bool exists = q.value(2).toBool();
            const bool createdByImport = q.value(3).toBool();
            bool same = true;
            QString name;
            if (!exists) {
                same = createdByImport; // deleted since: fine for a contact the import created
                const QJsonObject after = parse(q.value(1));
                name = Contact::displayNameFor(after.value(QStringLiteral("firstName")).toString(),
                                               after.value(QStringLiteral("lastName")).toString(),
                                               after.value(QStringLiteral("company")).toString(),
                                               after.value(QStringLiteral("email")).toString());
            } else {
                const QJsonObject after = parse(q.value(1));
                Contact current;
                for (int i = 0; i < names.size(); ++i) {
                    current.setField(names.at(i), q.value(4 + i).toString());
                    if (current.field(names.at(i)) != after.value(names.at(i)).toString())
                        same = false;
                }
                name = current.displayName();
            }
            if (!same) {
                ++changedCount;
                if (changed.size() < options.maxListedConflicts)
                    changed << tr("%1 (%2)").arg(name, id);
            }
            if (++checked % 1024 == 0 && cancelled())
                return cancelError;
        }
        if (changedCount > 0) {
            QString message = tr("The import of %1 cannot be undone: %n contact(s) changed since (edited, deleted, "
                                 "merged or changed by a later import): %2.",
                                 nullptr, int(std::min<qint64>(changedCount, INT_MAX)))
                                  .arg(info.value()->fileName, changed.join(QStringLiteral("; ")));
            if (changedCount > changed.size())
                message += QLatin1Char(' ') + tr("… and %1 more.").arg(changedCount - changed.size());
            message += QLatin1Char(' ') + tr("Undo later imports first, or revert those changes. Nothing was undone.");
            return Error(ErrorCode::Conflict, message);
        }
    }

    // 2. Walk the changes backwards: delete what was created, set back what was updated. When it deletes most
    // of the table (the undo of an import into a young profile) the secondary indexes are dropped and rebuilt on
    // what is left, instead of being maintained row by row.
    bool indexesDropped = false;
    {
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("SELECT (SELECT count(*) FROM import_items WHERE batch_id = ? AND action = 'created'), "
                                 "(SELECT n FROM entity_counts WHERE entity = 'contacts')"));
        q.addBindValue(batchId);
        if (!q.exec() || !q.next())
            return dbError(tr("Could not read the import"), q);
        const bool mostOfTheTable = q.value(0).toLongLong() * 2 > q.value(1).toLongLong();
        q.finish(); // a statement still reading would lock the schema
        if (mostOfTheTable) {
            // Restored at the end even if only some went (restoreIndexes is idempotent): a drop fails when
            // another statement of this connection is still reading, and the undo then goes on without it.
            if (Status s = ContactBulkLoader::dropIndexesForBatch(conn); !s)
                qCDebug(lcImportUndo) << "indexes kept:" << s.message();
            indexesDropped = true;
        }
    }
    // With neither the foreign key nor the delete-count trigger a DELETE of contacts keeps no statement journal.
    if (Status s = ContactBulkLoader::dropDeleteCount(conn); !s)
        return s.error();
    DeferredContactIndex index(conn);
    if (Status s = index.start(); !s)
        return s.error();
    if (Status s = indexesDropped ? index.rebuildAtFinish()
                                  : index.removeUpFront(QStringLiteral("SELECT c.rid AS rid FROM import_items i CROSS JOIN "
                                                                       "contacts c ON c.id = i.contact_id WHERE i.batch_id = ?"),
                                                        {batchId});
        !s)
        return s.error();
    UndoReport report;
    QSqlQuery items(conn);
    items.setForwardOnly(true);
    items.prepare(QStringLiteral("SELECT contact_id, action, before, length(after), "
                                 "EXISTS (SELECT 1 FROM contacts c WHERE c.id = import_items.contact_id) "
                                 "FROM import_items WHERE batch_id = ? ORDER BY seq DESC"));
    items.addBindValue(batchId);
    if (!items.exec())
        return dbError(tr("Could not read the import"), items);
    QSqlQuery load(conn);
    load.setForwardOnly(true);
    load.prepare(QStringLiteral("SELECT ") + kContactColumns + QStringLiteral(" FROM contacts WHERE id = ?"));
    const QStringList& names = Contact::fieldNames();
    // Created contacts are deleted in chunks (contact.deleteMany: one outbox entry per chunk); a contact set
    // back goes after the deletions before it in the walk, so the order of the changes is kept. A chunk also
    // ends at about 1 MiB of contact text (each deletion carries the contact's state to the server; the undo
    // checked that it is still what the import wrote), so one mutation stays well inside a push.
    constexpr qint64 kChunkChars = 1024 * 1024;
    QJsonArray toDelete;
    qint64 toDeleteChars = 0;
    auto flushDeletes = [&]() -> Status {
        if (toDelete.isEmpty())
            return {};
        auto m = batch.submit(QStringLiteral("contact.deleteMany"), QJsonObject{{QStringLiteral("ids"), toDelete}});
        if (!m)
            return Error(m.code(), tr("Could not remove the contacts the import created: %1").arg(m.message()));
        report.deleted += toDelete.size();
        toDelete = QJsonArray();
        toDeleteChars = 0;
        return {};
    };
    qint64 done = 0;
    while (items.next()) {
        const QString id = items.value(0).toString();
        const bool created = items.value(1).toString() == QLatin1String("created");
        // A created contact deleted here since (or gone with a sync) is left out: on the server it may be out
        // of this user's sight now, and one refused member sends the whole chunk back.
        if (created && !items.value(4).toBool()) {
            // nothing to delete
        } else if (created) {
            toDelete.append(id);
            toDeleteChars += items.value(3).toLongLong();
            if (toDelete.size() >= ContactValidation::kMaxContactsPerMutation || toDeleteChars >= kChunkChars) {
                if (Status s = flushDeletes(); !s)
                    return s.error();
            }
        } else {
            if (Status s = flushDeletes(); !s)
                return s.error();
            const QJsonObject before = parse(items.value(2));
            load.addBindValue(id);
            if (!load.exec())
                return dbError(tr("Could not read a contact"), load);
            QJsonObject set;
            if (load.next()) {
                for (int i = 0; i < names.size(); ++i) {
                    const QString was = before.value(names.at(i)).toString();
                    if (load.value(i).toString() != was)
                        set.insert(names.at(i), was);
                }
            }
            load.finish();
            if (!set.isEmpty()) {
                auto m = batch.submit(QStringLiteral("contact.update"),
                                      QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("set"), set}});
                if (!m)
                    return Error(m.code(), tr("Could not restore contact %1: %2").arg(id, m.message()));
            }
            ++report.restored;
        }
        if (++done % 256 == 0) {
            if (cancelled())
                return cancelError;
            if (options.progress)
                options.progress(done, total);
        }
    }
    if (Status s = flushDeletes(); !s)
        return s.error();
    if (items.lastError().isValid())
        return dbError(tr("Could not read the import"), items);
    items.finish();

    if (Status s = index.finish(); !s)
        return s.error();
    if (Status s = ContactBulkLoader::restoreDeleteCount(conn); !s)
        return s.error();
    if (indexesDropped) {
        batchCache.reset(); // SQLite's sorter sizes its memory by the cache
        if (Status s = ContactBulkLoader::restoreIndexes(conn); !s)
            return s.error();
    }
    QSqlQuery mark(conn);
    mark.prepare(QStringLiteral("UPDATE import_batches SET state = 'undone', undone_at = ? WHERE id = ?"));
    mark.addBindValue(QDateTime::currentMSecsSinceEpoch());
    mark.addBindValue(batchId);
    if (!mark.exec())
        return dbError(tr("Could not record the undo"), mark);
    if (cancelled())
        return cancelError;
    if (Status s = batch.commit(); !s)
        return s.error();
    if (options.progress)
        options.progress(total, total);
    qCDebug(lcImportUndo) << "undid import" << batchId << "deleted" << report.deleted << "restored" << report.restored;
    return report;
}

} // namespace outpost
