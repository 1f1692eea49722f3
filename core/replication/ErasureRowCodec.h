#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Erasures on the wire: { contactId, pseudonym, mutationId, erasedAt, updatedAt, updatedBy }. Writing one that
// is new here scrubs this device's own copies of the person (PersonErasure::scrub) — the audit log, histories,
// outbox and search index that the server's rows never replace — and audits the redaction locally.
class ErasureRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(ErasureRowCodec)
public:
    QString entity() const override { return QStringLiteral("erasure"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
};

} // namespace outpost
