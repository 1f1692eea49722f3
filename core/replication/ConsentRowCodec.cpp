#include "replication/ConsentRowCodec.h"

#include "privacy/Consents.h"
#include "util/JsonNumber.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

Result<std::optional<QJsonObject>> ConsentRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    auto c = Consents::find(db, id);
    if (!c)
        return c.error();
    if (!c->has_value())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(c->value().toJson());
}

Status ConsentRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    Consent c;
    c.id = id;
    c.contactId = row.value(QStringLiteral("contactId")).toString();
    c.purpose = row.value(QStringLiteral("purpose")).toString();
    c.source = row.value(QStringLiteral("source")).toString();
    c.updatedBy = row.value(QStringLiteral("updatedBy")).toString();
    auto givenAt = jsonWholeNumber(row.value(QStringLiteral("givenAt")));
    auto createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt")));
    auto updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt")));
    if (c.contactId.isEmpty() || c.purpose.isEmpty() || !givenAt || !createdAt || !updatedAt)
        return Error(ErrorCode::InvalidArgument, tr("A consent from the server is incomplete."));
    c.givenAt = *givenAt;
    c.createdAt = *createdAt;
    c.updatedAt = *updatedAt;
    c.withdrawnAt = jsonWholeNumber(row.value(QStringLiteral("withdrawnAt")));
    c.expiresAt = jsonWholeNumber(row.value(QStringLiteral("expiresAt")));
    return Consents::write(db, c);
}

Status ConsentRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM consents WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not sync a consent: %1").arg(q.lastError().text()));
    return {};
}

} // namespace outpost
