#pragma once

#include "genealogy/Distributor.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QSqlDatabase>

#include <functional>

class QSqlQuery;

namespace outpost {

// Keeps a tree's ancestry closure table and its cached downline figures (size and height per node,
// migration 17) in step with the parent links.
//
// The closure is BOUNDED (migration 20): it holds (ancestor, descendant, depth) only for depth <= kReach.
// Anything farther is reached by jumps: a node's row at depth kReach names the ancestor from which to read
// the next kReach levels (walkUp), and the nodes kReach below a node start the next kReach levels down.
// A move then writes at most kReach rows per moved descendant (fewer for every descendant already deep in
// the moved subtree) instead of one per ancestor: a full closure costs O(subtree x depth) rows per move,
// 20 M rows for 100,000 people moved 200 levels down. Used by the genealogy mutators and meant for anything else
// that changes parent links (the sync codec): whoever writes a parent column calls these in the same
// transaction, or the figures go stale.
//
// On a SQLite/SQLCipher connection the closure rows of a move are written through raw prepared statements,
// descendant by descendant: each descendant's index entries (descendant, depth) are written together and the
// primary-key entries (ancestor, descendant) go to one advancing position per ancestor, so a subtree of
// 100,000 under 200 ancestors touches each page about once instead of once per ancestor. Other drivers
// (PostgreSQL on the server) run the same change as two set-based statements.
class GenealogyClosure
{
    Q_DECLARE_TR_FUNCTIONS(GenealogyClosure)
public:
    // The farthest distance the closure table holds.
    static constexpr int kReach = 16;

    using Ancestors = QList<QPair<qint64, int>>; // (ancestor, distance), nearest first

    // Walks up from `rid` through the closure, kReach levels a read. `q` is prepared with one bind value
    // (the descendant) and returns the ancestor in column 0 and the depth in column 1, ordered by depth
    // (extra columns are the caller's). `visit(q, distance)` is called for every row, nearest first,
    // `rid` itself (distance 0) included; it returns false to stop the walk.
    static Status walkUp(QSqlQuery& q, qint64 rid, const std::function<bool(const QSqlQuery&, int distance)>& visit);

    // `rid` and everything above it, nearest first (distance 0 = `rid` itself); empty for an unknown rid.
    static Result<Ancestors> ancestors(QSqlDatabase db, GenealogyTree tree, qint64 rid);

    // Whether `ancestorRid` is `descendantRid` or above it.
    static Result<bool> isAncestor(QSqlDatabase db, GenealogyTree tree, qint64 ancestorRid, qint64 descendantRid);

    // A new node `rid` under `parentRid` (0 = a root): its closure rows and figures, and its ancestors'
    // sizes and heights.
    static Status addNode(QSqlDatabase db, GenealogyTree tree, qint64 rid, qint64 parentRid);

    // Re-links the subtree of `rid` from `oldParentRid` to `newParentRid` (0 = the root level). Call it after
    // the parent column is updated and after checking that the new parent is not in the subtree.
    static Status moveSubtree(QSqlDatabase db, GenealogyTree tree, qint64 rid, qint64 oldParentRid,
                              qint64 newParentRid);

    // Recomputes every node's figures from the parent links (for writers that bypass these functions).
    static Status rebuildFigures(QSqlDatabase db, GenealogyTree tree);
};

} // namespace outpost
