#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Companies on the wire: the editable fields, their custom values ("custom.<key>") and createdAt,
// updatedAt, updatedBy. The sort key and search words are recomputed where the row lands.
class CompanyRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(CompanyRowCodec)
public:
    QString entity() const override { return QStringLiteral("company"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
};

// Custom field definitions on the wire: entity, key, type, label, options, required, rules, position,
// retired and the row metadata.
class CustomFieldRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(CustomFieldRowCodec)
public:
    QString entity() const override { return QStringLiteral("customfield"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
};

} // namespace outpost
