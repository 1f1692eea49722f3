#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Saved segments on the wire: { name, definition (object), createdAt, updatedAt, updatedBy }.
class SegmentRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(SegmentRowCodec)
public:
    QString entity() const override { return QStringLiteral("segment"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
};

} // namespace outpost
