#pragma once

#include "genealogy/Distributor.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

#include <atomic>
#include <functional>
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
    qint64 downlineSize = 0;  // descendants in that tree (cached figure); 0 for search results
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
    QString sortKey;
};

// The cached figures of a downline (migration 17): one row read, whatever the size.
struct DownlineFigures
{
    qint64 size = 0; // descendants, not counting the node itself
    int height = 0;  // depth of the deepest descendant below the node; 0 for a leaf
};

// One leg of a downline: a direct child and everything below it.
struct DownlineLeg
{
    qint64 rid = 0;
    QString id;
    QString displayName;
    qint64 size = 0; // the leg's people, its head included
    int height = 0;  // the leg head's height
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
    // One distributor as a tree row (with its downline size in `tree`); nullopt when unknown.
    Result<std::optional<DistributorListRow>> listRow(GenealogyTree tree, qint64 rid);
    // How many children of `parentRid` come before `child` in name order (a count over the children index).
    Result<qint64> childPosition(GenealogyTree tree, std::optional<qint64> parentRid, const DistributorCursor& child);
    // The path from the root down to the node, root first, the node itself last. Empty if unknown.
    Result<QList<UplineEntry>> upline(qint64 rid, GenealogyTree tree);
    // Size and maximum depth from the cached figures; levelCounts from a walk over the node's closure rows
    // (a million for the top of a million): call it off the UI thread. `cancel` is polled every few
    // thousand rows (the result is then ErrorCode::Cancelled); `progress` gets the rows counted so far.
    Result<DownlineStatistics> downlineStatistics(qint64 rid, GenealogyTree tree,
                                                  const std::atomic_bool* cancel = nullptr,
                                                  const std::function<void(qint64 counted, qint64 total)>& progress = {});
    Result<DownlineFigures> downlineFigures(qint64 rid, GenealogyTree tree);
    // The node's legs, biggest first (at most `limit`), from the cached figures.
    Result<QList<DownlineLeg>> legs(qint64 rid, GenealogyTree tree, int limit);
    // Distributors whose name starts with `text` (case and accents folded) in name order, or the one whose id
    // it is. At most `limit`.
    Result<QList<DistributorListRow>> search(const QString& text, int limit);
    // Whether `ancestorRid` is `descendantRid` or above it.
    Result<bool> isAncestor(qint64 ancestorRid, qint64 descendantRid, GenealogyTree tree);

    // The same reads on a given connection (mutators run inside the engine's transaction).
    static Result<std::optional<Distributor>> findOn(QSqlDatabase db, const QString& id);
    static Result<std::optional<Distributor>> findByRidOn(QSqlDatabase db, qint64 rid);
    // Every distributor whose id lies in [firstId, lastId], in id order, in one statement (a sync snapshot page).
    static Result<QList<Distributor>> findBetweenOn(QSqlDatabase db, const QString& firstId, const QString& lastId);
    static Result<bool> isAncestorOn(QSqlDatabase db, qint64 ancestorRid, qint64 descendantRid, GenealogyTree tree);
    static Result<DownlineFigures> downlineFiguresOn(QSqlDatabase db, qint64 rid, GenealogyTree tree);

    // Schema names per tree.
    static QString closureTable(GenealogyTree tree);
    static QString parentColumn(GenealogyTree tree);
    static QString downlineTable(GenealogyTree tree); // the cached figures

private:
    Database& m_db;
};

} // namespace outpost
