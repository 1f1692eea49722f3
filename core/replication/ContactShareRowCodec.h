#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Contact shares on the wire: { contactId, userId, createdAt, updatedAt, updatedBy }.
class ContactShareRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(ContactShareRowCodec)
public:
    QString entity() const override { return QStringLiteral("contact_share"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
};

} // namespace outpost
