#include "genealogy/GenealogyClosure.h"

#include "genealogy/GenealogyRepository.h"
#include "storage/RawStatement.h"
#include "storage/SqlCipherDriver.h"

#include <QList>
#include <QPair>
#include <QSqlError>
#include <QSqlQuery>

#include <utility>
#include <vector>

namespace outpost {

namespace {

using Ancestors = QList<QPair<qint64, int>>; // (ancestor, distance), nearest first

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, GenealogyClosure::tr("Could not update the genealogy: %1").arg(q.lastError().text()));
}

Error rawError(const RawStatement& s)
{
    return Error(ErrorCode::Database, GenealogyClosure::tr("Could not update the genealogy: %1").arg(s.error()));
}

// `rid` and everything above it, nearest first (distance 0 = `rid` itself).
Result<Ancestors> ancestorsOf(QSqlDatabase& db, GenealogyTree tree, qint64 rid)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ancestor, depth FROM %1 WHERE descendant = ? ORDER BY depth")
                  .arg(GenealogyRepository::closureTable(tree)));
    q.addBindValue(rid);
    if (!q.exec())
        return dbError(q);
    Ancestors out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toInt()});
    return out;
}

// The cached figures of one node: (size, height).
Result<QPair<qint64, int>> figuresOf(QSqlDatabase& db, GenealogyTree tree, qint64 rid)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT size, height FROM %1 WHERE rid = ?").arg(GenealogyRepository::downlineTable(tree)));
    q.addBindValue(rid);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return QPair<qint64, int>(0, 0);
    return QPair<qint64, int>(q.value(0).toLongLong(), q.value(1).toInt());
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
            if (!unlink.exec({descendant, depth}))
                return rawError(unlink);
    }
    if (!newAncestors.isEmpty()) {
        RawStatement link(h, QByteArray("INSERT INTO " + table + "(ancestor, descendant, depth) VALUES(?, ?, ?)").constData());
        if (!link.ok())
            return rawError(link);
        for (const auto& [descendant, depth] : subtree)
            for (const auto& [ancestor, distance] : newAncestors)
                if (!link.exec({ancestor, descendant, distance + depth + 1}))
                    return rawError(link);
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
                                 "d.ancestor = ?)")
                      .arg(table));
        q.addBindValue(rid);
        q.addBindValue(rid);
        if (!q.exec())
            return dbError(q);
    }
    if (newParentRid != 0) {
        q.prepare(QStringLiteral("INSERT INTO %1(ancestor, descendant, depth) SELECT a.ancestor, d.descendant, "
                                 "a.depth + d.depth + 1 FROM %1 d CROSS JOIN %1 a WHERE d.ancestor = ? AND "
                                 "a.descendant = ?")
                      .arg(table));
        q.addBindValue(rid);
        q.addBindValue(newParentRid);
        if (!q.exec())
            return dbError(q);
    }
    return {};
}

} // namespace

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
                             "WHERE descendant = ?")
                  .arg(table));
    q.addBindValue(rid);
    q.addBindValue(parentRid);
    if (!q.exec())
        return dbError(q);
    auto above = ancestorsOf(db, tree, parentRid);
    if (!above)
        return above.error();
    return growAncestors(db, tree, above.value(), 1, 0);
}

Status GenealogyClosure::moveSubtree(QSqlDatabase db, GenealogyTree tree, qint64 rid, qint64 oldParentRid,
                                     qint64 newParentRid)
{
    if (oldParentRid == newParentRid)
        return {};
    auto figures = figuresOf(db, tree, rid);
    if (!figures)
        return figures.error();
    Ancestors oldAncestors, newAncestors;
    if (oldParentRid != 0) {
        auto a = ancestorsOf(db, tree, oldParentRid);
        if (!a)
            return a.error();
        oldAncestors = std::move(a.value());
    }
    if (newParentRid != 0) {
        auto a = ancestorsOf(db, tree, newParentRid);
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

    const qint64 moved = figures->first + 1;
    if (Status s = shrinkAncestors(db, tree, oldAncestors, moved); !s)
        return s;
    return growAncestors(db, tree, newAncestors, moved, figures->second);
}

Status GenealogyClosure::rebuildFigures(QSqlDatabase db, GenealogyTree tree)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("DELETE FROM %1").arg(GenealogyRepository::downlineTable(tree))))
        return dbError(q);
    if (!q.exec(QStringLiteral("INSERT INTO %1(rid, size, height) SELECT ancestor, count(*) - 1, max(depth) FROM %2 "
                               "GROUP BY ancestor")
                    .arg(GenealogyRepository::downlineTable(tree), GenealogyRepository::closureTable(tree))))
        return dbError(q);
    return {};
}

} // namespace outpost
