#include "replication/ErasureRowCodec.h"

#include "audit/AuditLog.h"
#include "privacy/PersonErasure.h"
#include "util/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, ErasureRowCodec::tr("Could not sync an erasure: %1").arg(q.lastError().text()));
}
} // namespace

Result<std::optional<QJsonObject>> ErasureRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT contact_id, pseudonym, mutation_id, erased_at, updated_at, updated_by FROM erasures "
                             "WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(QJsonObject{{QStringLiteral("contactId"), q.value(0).toString()},
                                                  {QStringLiteral("pseudonym"), q.value(1).toString()},
                                                  {QStringLiteral("mutationId"), q.value(2).toString()},
                                                  {QStringLiteral("erasedAt"), q.value(3).toLongLong()},
                                                  {QStringLiteral("updatedAt"), q.value(4).toLongLong()},
                                                  {QStringLiteral("updatedBy"), q.value(5).toString()}});
}

Status ErasureRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    PersonErasure::Request r;
    r.erasureId = id;
    r.contactId = row.value(QStringLiteral("contactId")).toString();
    r.pseudonym = row.value(QStringLiteral("pseudonym")).toString();
    r.mutationId = row.value(QStringLiteral("mutationId")).toString();
    r.actor = row.value(QStringLiteral("updatedBy")).toString();
    auto erasedAt = jsonWholeNumber(row.value(QStringLiteral("erasedAt")));
    if (r.contactId.isEmpty() || r.pseudonym.isEmpty() || r.mutationId.isEmpty() || !erasedAt)
        return Error(ErrorCode::InvalidArgument, tr("An erasure from the server is incomplete."));
    r.nowMs = *erasedAt;

    // Already done here (this device made it, or received it before): nothing more to scrub.
    QSqlQuery done(db);
    done.setForwardOnly(true);
    done.prepare(QStringLiteral("SELECT 1 FROM erasures WHERE id = ? AND mutation_id = ?"));
    done.addBindValue(id);
    done.addBindValue(r.mutationId);
    if (!done.exec())
        return dbError(done);
    if (done.next())
        return {};
    done.finish();

    auto report = PersonErasure::scrub(db, r, [](const QString&, const QString&, const QJsonObject&) {});
    if (!report)
        return report.error();
    if (report->auditRedacted.isEmpty())
        return {};
    // Remote changes are not audited on a device, but this redaction of the device's own log must be: the
    // chain check wants the erasure that accounts for each redacted entry.
    QJsonArray redacted;
    for (qint64 seq : std::as_const(report->auditRedacted))
        redacted.append(seq);
    AuditEntry e;
    e.at = r.nowMs;
    e.actor = r.actor;
    e.deviceId = QStringLiteral("server");
    e.mutationId = r.mutationId;
    e.mutation = QStringLiteral("%1@1").arg(QLatin1String(PersonErasure::kMutation));
    e.entity = entity();
    e.entityId = id;
    e.action = QStringLiteral("create");
    e.after = QJsonDocument(QJsonObject{{QStringLiteral("contactId"), r.contactId},
                                        {QStringLiteral("pseudonym"), r.pseudonym},
                                        {QLatin1String(AuditLog::kRedactedListKey), redacted},
                                        {QStringLiteral("historyRowsScrubbed"), report->historyRowsScrubbed}})
                  .toJson(QJsonDocument::Compact);
    return AuditLog::append(db, e);
}

Status ErasureRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    // An erasure is never undone; a tombstone only means this user no longer sees the person's record.
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM erasures WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return {};
}

} // namespace outpost
