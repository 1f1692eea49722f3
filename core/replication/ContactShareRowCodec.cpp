#include "replication/ContactShareRowCodec.h"

#include "storage/SqlDialect.h"
#include "util/JsonNumber.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database,
                 ContactShareRowCodec::tr("Could not sync a contact share: %1").arg(q.lastError().text()));
}
} // namespace

Result<std::optional<QJsonObject>> ContactShareRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT contact_id, user_id, created_at, updated_at, updated_by FROM contact_shares "
                             "WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(QJsonObject{{QStringLiteral("contactId"), q.value(0).toString()},
                                                  {QStringLiteral("userId"), q.value(1).toString()},
                                                  {QStringLiteral("createdAt"), q.value(2).toLongLong()},
                                                  {QStringLiteral("updatedAt"), q.value(3).toLongLong()},
                                                  {QStringLiteral("updatedBy"), q.value(4).toString()}});
}

Status ContactShareRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    const QString contactId = row.value(QStringLiteral("contactId")).toString();
    const QString userId = row.value(QStringLiteral("userId")).toString();
    auto createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt")));
    auto updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt")));
    if (contactId.isEmpty() || userId.isEmpty() || !createdAt || !updatedAt)
        return Error(ErrorCode::InvalidArgument, tr("A contact share from the server is incomplete."));
    // A share row never changes its pair; an old row for the same pair under another id is replaced.
    // PostgreSQL has no INSERT OR REPLACE (it replaces on every unique key): delete both ways, then insert.
    if (isPostgres(db)) {
        QSqlQuery del(db);
        del.prepare(QStringLiteral("DELETE FROM contact_shares WHERE id = ? OR (contact_id = ? AND user_id = ?)"));
        del.addBindValue(id);
        del.addBindValue(contactId);
        del.addBindValue(userId);
        if (!del.exec())
            return dbError(del);
    }
    QSqlQuery q(db);
    q.prepare(isPostgres(db) ? QStringLiteral("INSERT INTO contact_shares(id, contact_id, user_id, created_at, updated_at, "
                                              "updated_by) VALUES(?,?,?,?,?,?)")
                             : QStringLiteral("INSERT OR REPLACE INTO contact_shares(id, contact_id, user_id, created_at, "
                                              "updated_at, updated_by) VALUES(?,?,?,?,?,?)"));
    q.addBindValue(id);
    q.addBindValue(contactId);
    q.addBindValue(userId);
    q.addBindValue(*createdAt);
    q.addBindValue(*updatedAt);
    q.addBindValue(row.value(QStringLiteral("updatedBy")).toString());
    if (!q.exec())
        return dbError(q);
    return {};
}

Status ContactShareRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM contact_shares WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return {};
}

} // namespace outpost
