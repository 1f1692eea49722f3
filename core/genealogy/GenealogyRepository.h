#pragma once

#include "genealogy/Distributor.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace outpost {

class Database;

// What a tree view or a list shows of one distributor.
struct DistributorListRow
{
    qint64 rid = 0;
    QString id;
    QString displayName;
    QString sortKey;
    QString status;
    qint64 joinDate = 0;
    QString rankAchieved;
    QString paidAsRank;
    QString kycStatus;
    bool hasChildren = false; // in the tree the row was read from
};

// A position in a parent's children (name order, then the local row id), for keyset paging.
struct DistributorCursor
{
    QString sortKey;
    qint64 rid = 0;
};

// One step of an upline.
struct UplineEntry
{
    qint64 rid = 0;
    QString id;
    QString displayName;
    int depth = 0; // how far above the node asked about (0 = the node itself)
};

// The shape of a downline.
struct DownlineStatistics
{
    qint64 size = 0;              // descendants, not counting the node itself
    int maxDepth = 0;             // 0 for a leaf
    QList<qint64> levelCounts;    // levelCounts[d] = descendants at depth d; levelCounts[0] = 1 (the node)
};

// Reads the genealogy. All writes go through the genealogy mutators (GenealogyMutators.h), except the
// bulk loader used by demo data (GenealogyBulkLoader.h).
class GenealogyRepository
{
    Q_DECLARE_TR_FUNCTIONS(GenealogyRepository)
public:
    explicit GenealogyRepository(Database& db) : m_db(db) {}

    Result<std::optional<Distributor>> find(const QString& id);
    Result<std::optional<Distributor>> findByRid(qint64 rid);
    Result<qint64> count();

    // Children of `parentRid` (nullopt = the roots of the tree) in name order, after `after` if given.
    Result<QList<DistributorListRow>> children(GenealogyTree tree, std::optional<qint64> parentRid,
                                               const std::optional<DistributorCursor>& after, int limit);
    Result<qint64> childCount(GenealogyTree tree, std::optional<qint64> parentRid);
    // The path from the root down to the node, root first, the node itself last. Empty if unknown.
    Result<QList<UplineEntry>> upline(qint64 rid, GenealogyTree tree);
    Result<DownlineStatistics> downlineStatistics(qint64 rid, GenealogyTree tree);
    // Whether `ancestorRid` is `descendantRid` or above it.
    Result<bool> isAncestor(qint64 ancestorRid, qint64 descendantRid, GenealogyTree tree);

    // The same reads on a given connection (mutators run inside the engine's transaction).
    static Result<std::optional<Distributor>> findOn(QSqlDatabase db, const QString& id);
    static Result<std::optional<Distributor>> findByRidOn(QSqlDatabase db, qint64 rid);
    static Result<bool> isAncestorOn(QSqlDatabase db, qint64 ancestorRid, qint64 descendantRid, GenealogyTree tree);

    // Schema names per tree.
    static QString closureTable(GenealogyTree tree);
    static QString parentColumn(GenealogyTree tree);

private:
    Database& m_db;
};

} // namespace outpost
