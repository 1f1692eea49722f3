#pragma once

#include "genealogy/Distributor.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

namespace outpost {

class Database;

// One distributor of a bulk load; parents are given by their position in the same batch.
struct NewDistributor
{
    Distributor fields;      // id, contactId, displayName, status, joinDate, ranks, kycStatus
    int sponsorIndex = -1;   // position of the sponsor in the batch (must be earlier), -1 for a root
    int placementIndex = -1; // likewise for the placement parent
};

// Loads a generated forest (demo data, benchmarks) in ONE transaction, without mutations: a failure or a
// crash leaves the genealogy as it was. The (bounded, see GenealogyClosure) closure rows are computed in
// memory from the parent links, one ancestor's subtree at a time, and appended in primary-key order; for a large load the secondary indexes
// are dropped inside the transaction and rebuilt once at the end (DDL is transactional in SQLite).
// Parents are always within the batch, so existing trees are not touched.
class GenealogyBulkLoader
{
    Q_DECLARE_TR_FUNCTIONS(GenealogyBulkLoader)
public:
    GenealogyBulkLoader(Database& db, QString updatedBy) : m_db(db), m_updatedBy(std::move(updatedBy)) {}

    // Returns the number of distributors inserted.
    Result<qint64> load(const QList<NewDistributor>& batch, qint64 nowMs);

    // Closure rows written by the last load (both trees).
    qint64 closureRows() const { return m_closureRows; }

    // For a load spread over several transactions (a sync bootstrap, which may be resumed after a
    // restart): the secondary indexes go first and come back at the end (both idempotent); meanwhile rows
    // are written with their parent links only, and rebuildClosures() then replaces both closure tables
    // and the cached downline figures by what the links give, computed in memory as load() does. Returns
    // the closure rows written; a loop in the links is refused with a reason.
    static Status dropIndexes(QSqlDatabase& conn);
    static Status restoreIndexes(QSqlDatabase& conn);
    static Result<qint64> rebuildClosures(QSqlDatabase& conn);

private:
    Database& m_db;
    QString m_updatedBy;
    qint64 m_closureRows = 0;
};

} // namespace outpost
