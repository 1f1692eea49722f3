#include "genealogy/GenealogyClosure.h"

#include "genealogy/GenealogyRepository.h"
#include "storage/RawStatement.h"
#include "storage/SqlCipherDriver.h"

#include <QList>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>
#include <vector>

namespace outpost {

namespace {

using Ancestors = GenealogyClosure::Ancestors;
constexpr int kReach = GenealogyClosure::kReach;

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, GenealogyClosure::tr("Could not update the genealogy: %1").arg(q.lastError().text()));
}

Error rawError(const RawStatement& s)
{
    return Error(ErrorCode::Database, GenealogyClosure::tr("Could not update the genealogy: %1").arg(s.error()));
}

Error readError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, GenealogyClosure::tr("Could not read the genealogy: %1").arg(q.lastError().text()));
}

// Adds `delta` to the size of `ancestors` and raises their heights to what a subtree of height `height`
// hanging `distance + 1` below each of them needs. Heights stop rising at the first ancestor already tall
// enough: everything above it is taller still.
Status growAncestors(QSqlDatabase& db, GenealogyTree tree, const Ancestors& ancestors, qint64 delta, int height)
{
    const QString table = GenealogyRepository::downlineTable(tree);
    QSqlQuery size(db), raise(db);
    size.prepare(QStringLiteral("UPDATE %1 SET size = size + ? WHERE rid = ?").arg(table));
    raise.prepare(QStringLiteral("UPDATE %1 SET height = ? WHERE rid = ? AND height < ?").arg(table));
    bool raising = true;
    for (const auto& [ancestor, distance] : ancestors) {
        size.addBindValue(delta);
        size.addBindValue(ancestor);
        if (!size.exec())
            return dbError(size);
        if (!raising)
            continue;
        const int wanted = height + distance + 1;
        raise.addBindValue(wanted);
        raise.addBindValue(ancestor);
        raise.addBindValue(wanted);
        if (!raise.exec())
            return dbError(raise);
        raising = raise.numRowsAffected() > 0;
    }
    return {};
}

// After a subtree left them: takes `delta` from the sizes of `ancestors` and recomputes their heights from
// their children's, nearest first, stopping at the first that does not change.
Status shrinkAncestors(QSqlDatabase& db, GenealogyTree tree, const Ancestors& ancestors, qint64 delta)
{
    const QString table = GenealogyRepository::downlineTable(tree);
    QSqlQuery size(db), tallest(db), set(db);
    size.prepare(QStringLiteral("UPDATE %1 SET size = size - ? WHERE rid = ?").arg(table));
    tallest.prepare(QStringLiteral("SELECT (SELECT height FROM %1 WHERE rid = ?), max(f.height) FROM distributors c "
                                   "JOIN %1 f ON f.rid = c.rid WHERE c.%2 = ?")
                        .arg(table, GenealogyRepository::parentColumn(tree)));
    set.prepare(QStringLiteral("UPDATE %1 SET height = ? WHERE rid = ?").arg(table));
    bool lowering = true;
    for (const auto& [ancestor, distance] : ancestors) {
        Q_UNUSED(distance);
        size.addBindValue(delta);
        size.addBindValue(ancestor);
        if (!size.exec())
            return dbError(size);
        if (!lowering)
            continue;
        tallest.addBindValue(ancestor);
        tallest.addBindValue(ancestor);
        if (!tallest.exec() || !tallest.next())
            return dbError(tallest);
        const int current = tallest.value(0).toInt();
        const int height = tallest.value(1).isNull() ? 0 : tallest.value(1).toInt() + 1;
        tallest.finish();
        if (height == current) {
            lowering = false;
            continue;
        }
        set.addBindValue(height);
        set.addBindValue(ancestor);
        if (!set.exec())
            return dbError(set);
    }
    return {};
}

// The closure part of a move through raw statements (SQLite/SQLCipher), descendant by descendant.
Status relinkRaw(sqlite3* h, GenealogyTree tree, qint64 rid, qint64 oldParentRid, const Ancestors& newAncestors)
{
    const QByteArray table = GenealogyRepository::closureTable(tree).toLatin1();
    // The subtree within reach of `rid`: nobody deeper has a closure row to anyone above `rid`.
    std::vector<std::pair<qint64, qint64>> subtree; // (descendant, depth below rid), in descendant order
    {
        RawStatement read(h, QByteArray("SELECT descendant, depth FROM " + table + " WHERE ancestor = ?").constData());
        if (!read.ok())
            return rawError(read);
        read.bind({rid});
        bool failed = false;
        while (read.next(&failed))
            subtree.emplace_back(read.column(0), read.column(1));
        if (failed)
            return rawError(read);
    }
    if (oldParentRid != 0) {
        // Each descendant's rows above the subtree's top are those deeper than its depth below it.
        RawStatement unlink(h, QByteArray("DELETE FROM " + table + " WHERE descendant = ? AND depth > ?").constData());
        if (!unlink.ok())
            return rawError(unlink);
        for (const auto& [descendant, depth] : subtree)
            if (depth < kReach && !unlink.exec({descendant, depth}))
                return rawError(unlink);
    }
    if (!newAncestors.isEmpty()) {
        RawStatement link(h, QByteArray("INSERT INTO " + table + "(ancestor, descendant, depth) VALUES(?, ?, ?)").constData());
        if (!link.ok())
            return rawError(link);
        for (const auto& [descendant, depth] : subtree)
            for (const auto& [ancestor, distance] : newAncestors) {
                if (distance + depth + 1 > kReach)
                    break; // nearest first: the rest are farther still
                if (!link.exec({ancestor, descendant, distance + depth + 1}))
                    return rawError(link);
            }
    }
    return {};
}

// The same through Qt Sql, set-based (PostgreSQL on the server).
Status relinkPortable(QSqlDatabase& db, GenealogyTree tree, qint64 rid, qint64 oldParentRid, qint64 newParentRid)
{
    const QString table = GenealogyRepository::closureTable(tree);
    QSqlQuery q(db);
    if (oldParentRid != 0) {
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE (ancestor, descendant) IN (SELECT a.ancestor, d.descendant "
                                 "FROM %1 a CROSS JOIN %1 d WHERE a.descendant = ? AND a.depth > 0 AND "
                                 "d.ancestor = ? AND a.depth + d.depth <= %2)")
                      .arg(table)
                      .arg(kReach));
        q.addBindValue(rid);
        q.addBindValue(rid);
        if (!q.exec())
            return dbError(q);
    }
    if (newParentRid != 0) {
        q.prepare(QStringLiteral("INSERT INTO %1(ancestor, descendant, depth) SELECT a.ancestor, d.descendant, "
                                 "a.depth + d.depth + 1 FROM %1 d CROSS JOIN %1 a WHERE d.ancestor = ? AND "
                                 "a.descendant = ? AND a.depth + d.depth < %2")
                      .arg(table)
                      .arg(kReach));
        q.addBindValue(rid);
        q.addBindValue(newParentRid);
        if (!q.exec())
            return dbError(q);
    }
    return {};
}

} // namespace

Status GenealogyClosure::walkUp(QSqlQuery& q, qint64 rid, const std::function<bool(const QSqlQuery&, int)>& visit)
{
    qint64 from = rid;
    int base = 0;
    for (;;) {
        q.bindValue(0, from);
        if (!q.exec())
            return readError(q);
        qint64 farthest = 0;
        int farthestDepth = -1;
        while (q.next()) {
            farthestDepth = q.value(1).toInt();
            farthest = q.value(0).toLongLong();
            if (farthestDepth == 0 && base > 0)
                continue; // the node jumped to: visited as the last row of the previous read
            if (!visit(q, base + farthestDepth)) {
                q.finish();
                return {};
            }
        }
        if (farthestDepth < kReach)
            return {}; // reached a root
        from = farthest;
        base += kReach;
    }
}

Result<Ancestors> GenealogyClosure::ancestors(QSqlDatabase db, GenealogyTree tree, qint64 rid)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ancestor, depth FROM %1 WHERE descendant = ? ORDER BY depth")
                  .arg(GenealogyRepository::closureTable(tree)));
    Ancestors out;
    if (Status s = walkUp(q, rid,
                          [&out](const QSqlQuery& row, int distance) {
                              out.append({row.value(0).toLongLong(), distance});
                              return true;
                          });
        !s)
        return s.error();
    return out;
}

Result<bool> GenealogyClosure::isAncestor(QSqlDatabase db, GenealogyTree tree, qint64 ancestorRid, qint64 descendantRid)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ancestor, depth FROM %1 WHERE descendant = ? ORDER BY depth")
                  .arg(GenealogyRepository::closureTable(tree)));
    bool found = false;
    if (Status s = walkUp(q, descendantRid,
                          [&](const QSqlQuery& row, int) {
                              found = row.value(0).toLongLong() == ancestorRid;
                              return !found;
                          });
        !s)
        return s.error();
    return found;
}

Status GenealogyClosure::addNode(QSqlDatabase db, GenealogyTree tree, qint64 rid, qint64 parentRid)
{
    const QString table = GenealogyRepository::closureTable(tree);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO %1(ancestor, descendant, depth) VALUES(?, ?, 0)").arg(table));
    q.addBindValue(rid);
    q.addBindValue(rid);
    if (!q.exec())
        return dbError(q);
    q.prepare(QStringLiteral("INSERT INTO %1(rid, size, height) VALUES(?, 0, 0)").arg(GenealogyRepository::downlineTable(tree)));
    q.addBindValue(rid);
    if (!q.exec())
        return dbError(q);
    if (parentRid == 0)
        return {};
    q.prepare(QStringLiteral("INSERT INTO %1(ancestor, descendant, depth) SELECT ancestor, ?, depth + 1 FROM %1 "
                             "WHERE descendant = ? AND depth < %2")
                  .arg(table)
                  .arg(kReach));
    q.addBindValue(rid);
    q.addBindValue(parentRid);
    if (!q.exec())
        return dbError(q);
    auto above = GenealogyClosure::ancestors(db, tree, parentRid);
    if (!above)
        return above.error();
    return growAncestors(db, tree, above.value(), 1, 0);
}

Status GenealogyClosure::moveSubtree(QSqlDatabase db, GenealogyTree tree, qint64 rid, qint64 oldParentRid,
                                     qint64 newParentRid)
{
    if (oldParentRid == newParentRid)
        return {};
    auto figures = GenealogyRepository::downlineFiguresOn(db, rid, tree);
    if (!figures)
        return figures.error();
    Ancestors oldAncestors, newAncestors;
    if (oldParentRid != 0) {
        auto a = GenealogyClosure::ancestors(db, tree, oldParentRid);
        if (!a)
            return a.error();
        oldAncestors = std::move(a.value());
    }
    if (newParentRid != 0) {
        auto a = GenealogyClosure::ancestors(db, tree, newParentRid);
        if (!a)
            return a.error();
        newAncestors = std::move(a.value());
    }

    if (sqlite3* h = SqlCipherDriver::nativeHandle(db)) {
        if (Status s = relinkRaw(h, tree, rid, oldParentRid, newAncestors); !s)
            return s;
    } else if (Status s = relinkPortable(db, tree, rid, oldParentRid, newParentRid); !s) {
        return s;
    }

    const qint64 moved = figures->size + 1;
    if (Status s = shrinkAncestors(db, tree, oldAncestors, moved); !s)
        return s;
    return growAncestors(db, tree, newAncestors, moved, figures->height);
}

Status GenealogyClosure::rebuildFigures(QSqlDatabase db, GenealogyTree tree)
{
    // Every node with its parent's position; then parents after their children (reverse breadth-first).
    std::vector<qint64> rids;
    std::vector<qint64> parentRids;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT rid, coalesce(%1, 0) FROM distributors ORDER BY rid")
                        .arg(GenealogyRepository::parentColumn(tree))))
            return readError(q);
        while (q.next()) {
            rids.push_back(q.value(0).toLongLong());
            parentRids.push_back(q.value(1).toLongLong());
        }
    }
    const size_t n = rids.size();
    auto positionOf = [&rids](qint64 rid) {
        const auto it = std::lower_bound(rids.begin(), rids.end(), rid);
        return it != rids.end() && *it == rid ? std::ptrdiff_t(it - rids.begin()) : std::ptrdiff_t(-1);
    };
    std::vector<std::ptrdiff_t> parent(n);
    std::vector<std::vector<size_t>> children(n);
    std::vector<size_t> order; // breadth-first from the roots
    order.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        parent[i] = parentRids[i] == 0 ? -1 : positionOf(parentRids[i]);
        if (parent[i] < 0)
            order.push_back(i);
        else
            children[size_t(parent[i])].push_back(i);
    }
    for (size_t k = 0; k < order.size(); ++k)
        for (size_t c : children[order[k]])
            order.push_back(c);
    std::vector<qint64> size(n, 0);
    std::vector<int> height(n, 0);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (parent[*it] < 0)
            continue;
        const auto p = size_t(parent[*it]);
        size[p] += size[*it] + 1;
        height[p] = std::max(height[p], height[*it] + 1);
    }

    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("DELETE FROM %1").arg(GenealogyRepository::downlineTable(tree))))
        return dbError(q);
    q.prepare(QStringLiteral("INSERT INTO %1(rid, size, height) VALUES(?, ?, ?)").arg(GenealogyRepository::downlineTable(tree)));
    for (size_t i : order) {
        q.addBindValue(rids[i]);
        q.addBindValue(size[i]);
        q.addBindValue(height[i]);
        if (!q.exec())
            return dbError(q);
    }
    return {};
}

} // namespace outpost
