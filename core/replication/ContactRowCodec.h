#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Contacts on the wire: the editable fields plus createdAt, updatedAt and updatedBy. The derived
// columns (sort key, search text, phone forms) are recomputed where the row lands.
class ContactRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(ContactRowCodec)
public:
    QString entity() const override { return QStringLiteral("contact"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;

    // Bootstrap: the name and e-mail indexes and the full-text trigger go for the load and are rebuilt
    // once at the end (ContactBulkLoader's bulk mode, spread over the bootstrap's transactions).
    Status bulkBegin(QSqlDatabase& db) const override;
    Status bulkInsert(QSqlDatabase& db, const SnapshotBlock& block) const override;
    Status bulkEnd(QSqlDatabase& db) const override;
};

} // namespace outpost
