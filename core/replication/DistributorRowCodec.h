#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Distributors on the wire: their fields (Distributor::fieldNames()), their sponsor and placement parents
// by id (sponsorId, placementId: null for a root), createdAt, updatedAt, updatedBy. Locally parents are
// row ids and the ancestry lives in the closure tables, so a write resolves the parents' ids and relinks
// the node's subtree in the closures when a parent changed.
//
// Rows arrive in the server's order, not in tree order (a snapshot goes by id; a parent edited after its
// child was created comes after it): a parent not here yet is written as a placeholder row (no name,
// join date 0) that its own row fills in later in the same sync. A parent that, here, still sits in the
// node's subtree (the server moved both since) is first made a root; its own row puts it in place.
class DistributorRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(DistributorRowCodec)
public:
    QString entity() const override { return QStringLiteral("distributor"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
    // A snapshot page's distributors in one range read instead of one lookup per row.
    Status readSnapshot(QSqlDatabase& db, const QStringList& ids, QList<SnapshotBlock>* blocks) const override;

    // Bootstrap: rows with their parent links only, the closures and downline figures computed from the
    // links at the end in one go (GenealogyBulkLoader), then the secondary indexes rebuilt.
    Status bulkBegin(QSqlDatabase& db) const override;
    Status bulkInsert(QSqlDatabase& db, const SnapshotBlock& block) const override;
    Result<bool> bulkEnd(QSqlDatabase& db, int step) const override;
};

} // namespace outpost
