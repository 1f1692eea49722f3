#include "genealogy/GenealogyRepository.h"

#include "storage/Database.h"

#include <QSqlError>
#include <QSqlQuery>

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

Result<bool> GenealogyRepository::isAncestorOn(QSqlDatabase db, qint64 ancestorRid, qint64 descendantRid,
                                               GenealogyTree tree)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT 1 FROM ") + closureTable(tree)
              + QStringLiteral(" WHERE ancestor = ? AND descendant = ?"));
    q.addBindValue(ancestorRid);
    q.addBindValue(descendantRid);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the genealogy: %1").arg(q.lastError().text()));
    return q.next();
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
    QString sql = QStringLiteral("SELECT d.rid, d.id, d.display_name, d.sort_key, d.status, d.join_date, "
                                 "d.rank_achieved, d.paid_as_rank, d.kyc_status, "
                                 "EXISTS(SELECT 1 FROM distributors k WHERE k.%1 = d.rid) "
                                 "FROM distributors d WHERE ")
                      .arg(parentColumn(tree))
                  + parentCondition(tree, parentRid, &binds);
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
    while (q.next()) {
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
        r.hasChildren = q.value(9).toBool();
        rows.append(std::move(r));
    }
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

Result<QList<UplineEntry>> GenealogyRepository::upline(qint64 rid, GenealogyTree tree)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.ancestor, c.depth, d.id, d.display_name FROM ") + closureTable(tree)
              + QStringLiteral(" c CROSS JOIN distributors d ON d.rid = c.ancestor WHERE c.descendant = ? "
                               "ORDER BY c.depth DESC"));
    q.addBindValue(rid);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the upline: %1").arg(q.lastError().text()));
    QList<UplineEntry> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(2).toString(), q.value(3).toString(), q.value(1).toInt()});
    return out;
}

Result<DownlineStatistics> GenealogyRepository::downlineStatistics(qint64 rid, GenealogyTree tree)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT depth, count(*) FROM ") + closureTable(tree)
              + QStringLiteral(" WHERE ancestor = ? GROUP BY depth ORDER BY depth"));
    q.addBindValue(rid);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the downline: %1").arg(q.lastError().text()));
    DownlineStatistics stats;
    while (q.next()) {
        const int depth = q.value(0).toInt();
        const qint64 n = q.value(1).toLongLong();
        while (stats.levelCounts.size() < depth)
            stats.levelCounts.append(0); // cannot happen in a consistent closure, kept for safety
        stats.levelCounts.append(n);
        stats.maxDepth = depth;
        if (depth > 0)
            stats.size += n;
    }
    return stats;
}

} // namespace outpost
