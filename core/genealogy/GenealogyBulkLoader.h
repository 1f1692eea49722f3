#pragma once

#include "genealogy/Distributor.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>

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

private:
    Database& m_db;
    QString m_updatedBy;
    qint64 m_closureRows = 0;
};

} // namespace outpost
