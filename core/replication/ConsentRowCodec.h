#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Consents on the wire: Consent::toJson() — { contactId, purpose, source, givenAt, withdrawnAt, expiresAt,
// createdAt, updatedAt, updatedBy } (absent times are null).
class ConsentRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(ConsentRowCodec)
public:
    QString entity() const override { return QStringLiteral("consent"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
};

} // namespace outpost
