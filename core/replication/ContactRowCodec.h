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
    // A snapshot page's contacts in two range reads (the rows, their custom values) instead of two
    // statements per contact.
    Status readSnapshot(QSqlDatabase& db, const QStringList& ids, QList<SnapshotBlock>* blocks) const override;

    // Bootstrap: the name, e-mail and company indexes go for the load and are rebuilt at the end, one
    // per step (ContactBulkLoader's bulk mode, spread over the bootstrap's transactions). The full-text
    // insert trigger goes too, for the whole load, but the index is kept whole: each snapshot page indexes
    // its own rows, and the contacts created locally since the page before, in one statement each
    // (ContactBulkLoader::indexAddedRows).
    void prepareBulk(SnapshotBlock& block) const override; // the insert's values, derived columns included
    Status bulkBegin(QSqlDatabase& db) const override;
    Status bulkResume(QSqlDatabase& db) const override; // the full-text insert trigger only
    Status bulkInsert(QSqlDatabase& db, const SnapshotBlock& block) const override;
    Result<bool> bulkEnd(QSqlDatabase& db, int step) const override;
};

} // namespace outpost
