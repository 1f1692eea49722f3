#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Activities on the wire: { kind, subjectType, subjectId, occurredAt, title, body, deletedAt, createdAt, updatedAt, updatedBy }.
class ActivityRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(ActivityRowCodec)
public:
    QString entity() const override { return QStringLiteral("activity"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
};

} // namespace outpost
