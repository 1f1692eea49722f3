#pragma once

#include "genealogy/Distributor.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace outpost {

// Keeps a tree's ancestry closure table and its cached downline figures (size and height per node,
// migration 17) in step with the parent links. Used by the genealogy mutators and meant for anything else
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
    // A new node `rid` under `parentRid` (0 = a root): its closure rows and figures, and its ancestors'
    // sizes and heights.
    static Status addNode(QSqlDatabase db, GenealogyTree tree, qint64 rid, qint64 parentRid);

    // Re-links the subtree of `rid` from `oldParentRid` to `newParentRid` (0 = the root level). Call it after
    // the parent column is updated and after checking that the new parent is not in the subtree.
    static Status moveSubtree(QSqlDatabase db, GenealogyTree tree, qint64 rid, qint64 oldParentRid,
                              qint64 newParentRid);

    // Recomputes every node's figures from the closure table (one pass over it in key order).
    static Status rebuildFigures(QSqlDatabase db, GenealogyTree tree);
};

} // namespace outpost
