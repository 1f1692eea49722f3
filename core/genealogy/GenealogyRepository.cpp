#include "genealogy/GenealogyRepository.h"

#include "genealogy/GenealogyClosure.h"
#include "storage/Database.h"
#include "storage/RawStatement.h"
#include "util/Uuid.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace outpost {

namespace {

const QString kDistributorColumns = QStringLiteral(
    "d.rid, d.id, d.contact_id, d.display_name, d.status, d.join_date, d.sponsor_rid, d.placement_rid, "
    "d.rank_achieved, d.paid_as_rank, d.kyc_status, d.created_at, d.updated_at, d.updated_by, "
    "(SELECT s.id FROM distributors s WHERE s.rid = d.sponsor_rid), "
    "(SELECT p.id FROM distributors p WHERE p.rid = d.placement_rid)");

Distributor readDistributor(const QSqlQuery& q)
{
    Distributor d;
    d.rid = q.value(0).toLongLong();
    d.id = q.value(1).toString();
    d.contactId = q.value(2).toString();
    d.displayName = q.value(3).toString();
    d.status = q.value(4).toString();
    d.joinDate = q.value(5).toLongLong();
    d.sponsorRid = q.value(6).toLongLong();
    d.placementRid = q.value(7).toLongLong();
    d.rankAchieved = q.value(8).toString();
    d.paidAsRank = q.value(9).toString();
    d.kycStatus = q.value(10).toString();
    d.createdAt = q.value(11).toLongLong();
    d.updatedAt = q.value(12).toLongLong();
    d.updatedBy = q.value(13).toString();
    d.sponsorId = q.value(14).toString();
    d.placementId = q.value(15).toString();
    return d;
}

Result<std::optional<Distributor>> findWhere(QSqlDatabase db, const QString& where, const QVariant& key)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kDistributorColumns + QStringLiteral(" FROM distributors d WHERE ") + where);
    q.addBindValue(key);
    if (!q.exec())
        return Error(ErrorCode::Database,
                     GenealogyRepository::tr("Could not read the distributor: %1").arg(q.lastError().text()));
    if (!q.next())
        return std::optional<Distributor>();
    return std::optional<Distributor>(readDistributor(q));
}

// A list row from the columns rid, id, display_name, sort_key, status, join_date, rank_achieved,
// paid_as_rank, kyc_status, downline size.
DistributorListRow readListRow(const QSqlQuery& q)
{
    DistributorListRow r;
    r.rid = q.value(0).toLongLong();
    r.id = q.value(1).toString();
    r.displayName = q.value(2).toString();
    r.sortKey = q.value(3).toString();
    r.status = q.value(4).toString();
    r.joinDate = q.value(5).toLongLong();
    r.rankAchieved = q.value(6).toString();
    r.paidAsRank = q.value(7).toString();
    r.kycStatus = q.value(8).toString();
    r.downlineSize = q.value(9).toLongLong();
    r.hasChildren = r.downlineSize > 0;
    return r;
}

// The columns readListRow() reads, with the downline size in `tree`.
QString listRowSelect(GenealogyTree tree)
{
    return QStringLiteral("SELECT d.rid, d.id, d.display_name, d.sort_key, d.status, d.join_date, d.rank_achieved, "
                          "d.paid_as_rank, d.kyc_status, coalesce(f.size, 0) FROM distributors d "
                          "LEFT JOIN %1 f ON f.rid = d.rid ")
        .arg(GenealogyRepository::downlineTable(tree));
}

// The parent condition of a children query: "= ?" for a node, "IS NULL" for the roots.
QString parentCondition(GenealogyTree tree, std::optional<qint64> parentRid, QVariantList* binds)
{
    const QString column = QStringLiteral("d.") + GenealogyRepository::parentColumn(tree);
    if (!parentRid)
        return column + QStringLiteral(" IS NULL");
    *binds << *parentRid;
    return column + QStringLiteral(" = ?");
}

} // namespace

QString GenealogyRepository::closureTable(GenealogyTree tree)
{
    return tree == GenealogyTree::Sponsor ? QStringLiteral("sponsor_closure") : QStringLiteral("placement_closure");
}

QString GenealogyRepository::downlineTable(GenealogyTree tree)
{
    return tree == GenealogyTree::Sponsor ? QStringLiteral("sponsor_downline") : QStringLiteral("placement_downline");
}

QString GenealogyRepository::parentColumn(GenealogyTree tree)
{
    return tree == GenealogyTree::Sponsor ? QStringLiteral("sponsor_rid") : QStringLiteral("placement_rid");
}

Result<std::optional<Distributor>> GenealogyRepository::findOn(QSqlDatabase db, const QString& id)
{
    return findWhere(std::move(db), QStringLiteral("d.id = ?"), id);
}

Result<std::optional<Distributor>> GenealogyRepository::findByRidOn(QSqlDatabase db, qint64 rid)
{
    return findWhere(std::move(db), QStringLiteral("d.rid = ?"), rid);
}

Result<QList<Distributor>> GenealogyRepository::findBetweenOn(QSqlDatabase db, const QString& firstId, const QString& lastId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kDistributorColumns
              + QStringLiteral(" FROM distributors d WHERE d.id >= ? AND d.id <= ? ORDER BY d.id"));
    q.addBindValue(firstId);
    q.addBindValue(lastId);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the distributor: %1").arg(q.lastError().text()));
    QList<Distributor> found;
    while (q.next())
        found.append(readDistributor(q));
    return found;
}

Result<bool> GenealogyRepository::isAncestorOn(QSqlDatabase db, qint64 ancestorRid, qint64 descendantRid,
                                               GenealogyTree tree)
{
    return GenealogyClosure::isAncestor(std::move(db), tree, ancestorRid, descendantRid);
}

Result<std::optional<Distributor>> GenealogyRepository::find(const QString& id)
{
    return findOn(m_db.connection(), id);
}

Result<std::optional<Distributor>> GenealogyRepository::findByRid(qint64 rid)
{
    return findByRidOn(m_db.connection(), rid);
}

Result<bool> GenealogyRepository::isAncestor(qint64 ancestorRid, qint64 descendantRid, GenealogyTree tree)
{
    return isAncestorOn(m_db.connection(), ancestorRid, descendantRid, tree);
}

Result<qint64> GenealogyRepository::count()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'distributors'")) || !q.next())
        return Error(ErrorCode::Database, tr("Could not count distributors: %1").arg(q.lastError().text()));
    return q.value(0).toLongLong();
}

Result<QList<DistributorListRow>> GenealogyRepository::children(GenealogyTree tree, std::optional<qint64> parentRid,
                                                                const std::optional<DistributorCursor>& after,
                                                                int limit)
{
    QVariantList binds;
    QString sql = listRowSelect(tree) + QStringLiteral("WHERE ") + parentCondition(tree, parentRid, &binds);
    if (after) {
        sql += QStringLiteral(" AND d.sort_key >= ? AND (d.sort_key > ? OR d.rid > ?)");
        binds << after->sortKey << after->sortKey << after->rid;
    }
    sql += QStringLiteral(" ORDER BY d.sort_key, d.rid LIMIT ?");
    binds << limit;

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return Error(ErrorCode::Database, tr("Could not read the genealogy: %1").arg(q.lastError().text()));
    for (const QVariant& b : std::as_const(binds))
        q.addBindValue(b);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the genealogy: %1").arg(q.lastError().text()));
    QList<DistributorListRow> rows;
    rows.reserve(limit);
    while (q.next())
        rows.append(readListRow(q));
    return rows;
}

Result<qint64> GenealogyRepository::childCount(GenealogyTree tree, std::optional<qint64> parentRid)
{
    QVariantList binds;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT count(*) FROM distributors d WHERE ") + parentCondition(tree, parentRid, &binds));
    for (const QVariant& b : std::as_const(binds))
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return Error(ErrorCode::Database, tr("Could not count children: %1").arg(q.lastError().text()));
    return q.value(0).toLongLong();
}

Result<std::optional<DistributorListRow>> GenealogyRepository::listRow(GenealogyTree tree, qint64 rid)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(listRowSelect(tree) + QStringLiteral("WHERE d.rid = ?"));
    q.addBindValue(rid);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the genealogy: %1").arg(q.lastError().text()));
    if (!q.next())
        return std::optional<DistributorListRow>();
    return std::optional<DistributorListRow>(readListRow(q));
}

Result<qint64> GenealogyRepository::childPosition(GenealogyTree tree, std::optional<qint64> parentRid,
                                                 const DistributorCursor& child)
{
    QVariantList binds;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT count(*) FROM distributors d WHERE ") + parentCondition(tree, parentRid, &binds)
              + QStringLiteral(" AND d.sort_key <= ? AND (d.sort_key < ? OR d.rid < ?)"));
    for (const QVariant& b : std::as_const(binds))
        q.addBindValue(b);
    q.addBindValue(child.sortKey);
    q.addBindValue(child.sortKey);
    q.addBindValue(child.rid);
    if (!q.exec() || !q.next())
        return Error(ErrorCode::Database, tr("Could not read the genealogy: %1").arg(q.lastError().text()));
    return q.value(0).toLongLong();
}

Result<QList<UplineEntry>> GenealogyRepository::upline(qint64 rid, GenealogyTree tree)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.ancestor, c.depth, d.id, d.display_name, d.sort_key FROM ") + closureTable(tree)
              + QStringLiteral(" c CROSS JOIN distributors d ON d.rid = c.ancestor WHERE c.descendant = ? "
                               "ORDER BY c.depth"));
    QList<UplineEntry> out;
    const Status walked = GenealogyClosure::walkUp(q, rid, [&out](const QSqlQuery& row, int distance) {
        out.append({row.value(0).toLongLong(), row.value(2).toString(), row.value(3).toString(), distance,
                    row.value(4).toString()});
        return true;
    });
    if (!walked)
        return walked.error();
    std::reverse(out.begin(), out.end()); // the root first
    return out;
}

Result<DownlineFigures> GenealogyRepository::downlineFigures(qint64 rid, GenealogyTree tree)
{
    return downlineFiguresOn(m_db.connection(), rid, tree);
}

Result<DownlineFigures> GenealogyRepository::downlineFiguresOn(QSqlDatabase db, qint64 rid, GenealogyTree tree)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT size, height FROM %1 WHERE rid = ?").arg(downlineTable(tree)));
    q.addBindValue(rid);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the downline: %1").arg(q.lastError().text()));
    DownlineFigures f;
    if (q.next()) {
        f.size = q.value(0).toLongLong();
        f.height = q.value(1).toInt();
    }
    return f;
}

Result<QList<DownlineLeg>> GenealogyRepository::legs(qint64 rid, GenealogyTree tree, int limit)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT d.rid, d.id, d.display_name, f.size, f.height FROM distributors d "
                             "JOIN %1 f ON f.rid = d.rid WHERE d.%2 = ? ORDER BY f.size DESC, d.sort_key LIMIT ?")
                  .arg(downlineTable(tree), parentColumn(tree)));
    q.addBindValue(rid);
    q.addBindValue(limit);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the downline: %1").arg(q.lastError().text()));
    QList<DownlineLeg> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toLongLong() + 1, q.value(4).toInt()});
    return out;
}

Result<QList<DistributorListRow>> GenealogyRepository::search(const QString& text, int limit)
{
    const QString needle = text.trimmed();
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    const QString columns = QStringLiteral("SELECT d.rid, d.id, d.display_name, d.sort_key, d.status, d.join_date, "
                                           "d.rank_achieved, d.paid_as_rank, d.kyc_status, 0 FROM distributors d ");
    if (isUuid(needle)) {
        q.prepare(columns + QStringLiteral("WHERE d.id = ?"));
        q.addBindValue(needle.toLower());
    } else {
        const QString key = Distributor::sortKeyFor(needle);
        if (key.isEmpty())
            return QList<DistributorListRow>();
        q.prepare(columns + QStringLiteral("WHERE d.sort_key >= ? AND d.sort_key < ? ORDER BY d.sort_key, d.rid LIMIT ?"));
        q.addBindValue(key);
        q.addBindValue(QString(key + QChar(0xFFFF)));
        q.addBindValue(limit);
    }
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not search the genealogy: %1").arg(q.lastError().text()));
    QList<DistributorListRow> rows;
    while (q.next())
        rows.append(readListRow(q));
    return rows;
}

Result<DownlineStatistics> GenealogyRepository::downlineStatistics(
    qint64 rid, GenealogyTree tree, const std::atomic_bool* cancel,
    const std::function<void(qint64 counted, qint64 total)>& progress)
{
    auto figures = downlineFigures(rid, tree);
    if (!figures)
        return figures.error();
    DownlineStatistics stats;
    stats.size = figures->size;
    stats.maxDepth = figures->height;
    stats.levelCounts.fill(0, figures->height + 1);

    // The node's closure rows reach GenealogyClosure::kReach levels down; the nodes that far down start the
    // next read (each descendant is read once, from its nearest such "frontier" node). Counted in memory,
    // polling `cancel`.
    const QByteArray sql = "SELECT descendant, depth FROM " + closureTable(tree).toLatin1() + " WHERE ancestor = ?";
    RawStatement walk(m_db.nativeHandle(), sql.constData());
    if (!walk.ok())
        return Error(ErrorCode::Database, tr("Could not read the downline: %1").arg(walk.error()));
    std::vector<std::pair<qint64, int>> frontier{{rid, 0}}; // (node, its depth below rid)
    qint64 counted = 0;
    bool failed = false;
    while (!frontier.empty() && !failed) {
        const auto [from, base] = frontier.back();
        frontier.pop_back();
        walk.bind({from});
        while (walk.next(&failed)) {
            const int depth = int(walk.column(1));
            if (depth == 0 && base > 0)
                continue; // counted by the read that found it
            if (depth == GenealogyClosure::kReach)
                frontier.emplace_back(walk.column(0), base + depth);
            if (base + depth >= stats.levelCounts.size())
                stats.levelCounts.resize(base + depth + 1); // cannot happen with current figures, kept for safety
            ++stats.levelCounts[base + depth];
            if (++counted % 4096 == 0) {
                if (cancel && cancel->load())
                    return Error(ErrorCode::Cancelled, tr("Counting the downline was cancelled."));
                if (progress)
                    progress(counted, stats.size + 1);
            }
        }
    }
    if (failed)
        return Error(ErrorCode::Database, tr("Could not read the downline: %1").arg(walk.error()));
    if (counted == 0)
        stats.levelCounts.clear(); // unknown node
    return stats;
}

} // namespace outpost
