#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Sync conflicts (table sync_conflicts) travel like any other row, so both users involved see them.
class ConflictRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(ConflictRowCodec)
public:
    QString entity() const override { return QStringLiteral("conflict"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;

    // The columns in wire order (camelCase on the wire, snake_case in the table).
    static const QList<std::pair<QString, QString>>& columns();
};

} // namespace outpost
