#include "genealogy/GenealogyBulkLoader.h"

#include "genealogy/GenealogyClosure.h"
#include "storage/Database.h"
#include "storage/RawStatement.h"
#include "storage/SqlCipherDriver.h"
#include "storage/Transaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>
#include <vector>

namespace outpost {

namespace {

// What a large load drops and recreates; must match migrations 2 and 17 (ClientSchema.cpp). Idempotent,
// for a load spread over several transactions that may be resumed (a sync bootstrap).
const char* const kDropForBulk = R"SQL(
DROP INDEX IF EXISTS distributors_sponsor_children;
DROP INDEX IF EXISTS distributors_placement_children;
DROP INDEX IF EXISTS sponsor_closure_up;
DROP INDEX IF EXISTS placement_closure_up;
DROP INDEX IF EXISTS distributors_name;
DROP TRIGGER IF EXISTS distributors_count_ai;
)SQL";

const char* const kRestoreAfterBulk = R"SQL(
CREATE INDEX IF NOT EXISTS distributors_sponsor_children ON distributors(sponsor_rid, sort_key, rid);
CREATE INDEX IF NOT EXISTS distributors_placement_children ON distributors(placement_rid, sort_key, rid);
CREATE INDEX IF NOT EXISTS sponsor_closure_up ON sponsor_closure(descendant, depth);
CREATE INDEX IF NOT EXISTS placement_closure_up ON placement_closure(descendant, depth);
CREATE INDEX IF NOT EXISTS distributors_name ON distributors(sort_key, rid);
CREATE TRIGGER IF NOT EXISTS distributors_count_ai AFTER INSERT ON distributors BEGIN
    UPDATE entity_counts SET n = n + 1 WHERE entity = 'distributors';
END;
UPDATE entity_counts SET n = (SELECT count(*) FROM distributors) WHERE entity = 'distributors';
)SQL";

Status runScript(QSqlDatabase& conn, const char* script, const char* what)
{
    sqlite3* handle = SqlCipherDriver::nativeHandle(conn);
    if (!handle)
        return Error(ErrorCode::Database, GenealogyBulkLoader::tr("The database connection is not open."));
    if (Status s = execScript(handle, QString::fromUtf8(script)); !s)
        return Error(ErrorCode::Database, GenealogyBulkLoader::tr(what).arg(s.message()));
    return {};
}

// Writes the closure of one tree: for each node in batch order, its subtree down to
// GenealogyClosure::kReach levels (found through child lists) sorted by position, so the rows arrive in
// (ancestor, descendant) order; and each node's downline figures (size, height), summed from the children
// (in an order where every parent comes before its children, walked backwards). Node i's row id is rid[i].
// A node no root reaches is on a loop: refused.
Status writeClosure(sqlite3* db, const char* table, const char* figuresTable, const std::vector<int>& parent,
                    const std::vector<qint64>& rid, qint64* rows)
{
    const int n = int(parent.size());
    std::vector<int> firstChild(static_cast<size_t>(n) + 1, 0);
    for (int p : parent)
        if (p >= 0)
            ++firstChild[size_t(p) + 1];
    for (int i = 0; i < n; ++i)
        firstChild[size_t(i) + 1] += firstChild[size_t(i)];
    std::vector<int> children(static_cast<size_t>(firstChild[size_t(n)]));
    std::vector<int> fill(firstChild.begin(), firstChild.end() - 1);
    for (int i = 0; i < n; ++i)
        if (parent[size_t(i)] >= 0)
            children[size_t(fill[size_t(parent[size_t(i)])]++)] = i;
    // Parents before children: breadth-first from the roots. Whatever no root reaches hangs on a loop.
    std::vector<int> order;
    order.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        if (parent[size_t(i)] < 0)
            order.push_back(i);
    for (size_t k = 0; k < order.size(); ++k)
        for (int c = firstChild[size_t(order[k])]; c < firstChild[size_t(order[k]) + 1]; ++c)
            order.push_back(children[size_t(c)]);
    if (order.size() < size_t(n)) {
        std::vector<bool> reached(size_t(n), false);
        for (int i : order)
            reached[size_t(i)] = true;
        const auto onLoop = std::find(reached.begin(), reached.end(), false) - reached.begin();
        return Error(ErrorCode::InvalidArgument,
                     GenealogyBulkLoader::tr("The genealogy has a loop through distributor %1.").arg(rid[size_t(onLoop)]));
    }
    std::vector<qint64> size(static_cast<size_t>(n), 0);
    std::vector<int> height(static_cast<size_t>(n), 0);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (const int p = parent[size_t(*it)]; p >= 0) {
            size[size_t(p)] += size[size_t(*it)] + 1;
            height[size_t(p)] = std::max(height[size_t(p)], height[size_t(*it)] + 1);
        }
    }

    const QByteArray sql = QByteArray("INSERT INTO ") + table + "(ancestor, descendant, depth) VALUES(?, ?, ?)";
    RawStatement insert(db, sql.constData());
    const QByteArray figuresSql = QByteArray("INSERT INTO ") + figuresTable + "(rid, size, height) VALUES(?, ?, ?)";
    RawStatement figures(db, figuresSql.constData());
    if (!insert.ok() || !figures.ok())
        return Error(ErrorCode::Database, GenealogyBulkLoader::tr("Could not prepare the bulk load: %1")
                                              .arg(insert.ok() ? figures.error() : insert.error()));
    std::vector<std::pair<int, int>> subtree; // (position, depth)
    for (int a = 0; a < n; ++a) {
        subtree.clear();
        subtree.emplace_back(a, 0);
        for (size_t k = 0; k < subtree.size(); ++k) { // breadth-first: the vector is the queue
            const auto [node, depth] = subtree[k];
            if (depth == GenealogyClosure::kReach)
                break; // breadth-first: everything after this one is as deep
            for (int c = firstChild[size_t(node)]; c < firstChild[size_t(node) + 1]; ++c)
                subtree.emplace_back(children[size_t(c)], depth + 1);
        }
        std::sort(subtree.begin(), subtree.end());
        for (const auto& [d, depth] : subtree) {
            if (!insert.exec({rid[size_t(a)], rid[size_t(d)], depth}))
                return Error(ErrorCode::Database,
                             GenealogyBulkLoader::tr("Could not write the genealogy: %1").arg(insert.error()));
        }
        if (!figures.exec({rid[size_t(a)], size[size_t(a)], height[size_t(a)]}))
            return Error(ErrorCode::Database,
                         GenealogyBulkLoader::tr("Could not write the genealogy: %1").arg(figures.error()));
        *rows += qint64(subtree.size());
    }
    return {};
}

} // namespace

Status GenealogyBulkLoader::dropIndexes(QSqlDatabase& conn)
{
    return runScript(conn, kDropForBulk, QT_TR_NOOP("Could not prepare the bulk load: %1"));
}

Status GenealogyBulkLoader::restoreIndexes(QSqlDatabase& conn)
{
    return runScript(conn, kRestoreAfterBulk, QT_TR_NOOP("Could not rebuild the genealogy indexes: %1"));
}

Result<qint64> GenealogyBulkLoader::rebuildClosures(QSqlDatabase& conn)
{
    // Every node with its parents' positions; rows by rid, so a parent's position is found by search.
    std::vector<qint64> rids;
    std::vector<qint64> sponsorRid;
    std::vector<qint64> placementRid;
    {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT rid, coalesce(sponsor_rid, 0), coalesce(placement_rid, 0) FROM distributors ORDER BY rid")))
            return Error(ErrorCode::Database, tr("Could not read the genealogy: %1").arg(q.lastError().text()));
        while (q.next()) {
            rids.push_back(q.value(0).toLongLong());
            sponsorRid.push_back(q.value(1).toLongLong());
            placementRid.push_back(q.value(2).toLongLong());
        }
    }
    auto positions = [&](const std::vector<qint64>& parentRid) {
        std::vector<int> parent(parentRid.size(), -1);
        for (size_t i = 0; i < parentRid.size(); ++i) {
            const auto it = std::lower_bound(rids.begin(), rids.end(), parentRid[i]);
            if (parentRid[i] != 0 && it != rids.end() && *it == parentRid[i])
                parent[i] = int(it - rids.begin());
        }
        return parent;
    };
    if (Status s = runScript(conn, "DELETE FROM sponsor_closure; DELETE FROM placement_closure; "
                                   "DELETE FROM sponsor_downline; DELETE FROM placement_downline;",
                             QT_TR_NOOP("Could not write the genealogy: %1"));
        !s)
        return s.error();
    sqlite3* handle = SqlCipherDriver::nativeHandle(conn);
    qint64 rows = 0;
    if (Status s = writeClosure(handle, "sponsor_closure", "sponsor_downline", positions(sponsorRid), rids, &rows); !s)
        return s.error();
    if (Status s = writeClosure(handle, "placement_closure", "placement_downline", positions(placementRid), rids, &rows); !s)
        return s.error();
    return rows;
}

Result<qint64> GenealogyBulkLoader::load(const QList<NewDistributor>& batch, qint64 nowMs)
{
    m_closureRows = 0;
    const int n = int(batch.size());
    std::vector<int> sponsor(static_cast<size_t>(n)), placement(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        const NewDistributor& d = batch.at(i);
        if (d.sponsorIndex >= i || d.placementIndex >= i || d.sponsorIndex < -1 || d.placementIndex < -1)
            return Error(ErrorCode::InvalidArgument,
                         tr("Distributor %1 of the load comes before its parent; parents must be listed first.").arg(i));
        sponsor[size_t(i)] = d.sponsorIndex;
        placement[size_t(i)] = d.placementIndex;
    }

    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT coalesce(max(rid), 0), count(*) FROM distributors")) || !q.next())
        return Error(ErrorCode::Database, tr("Could not read the genealogy: %1").arg(q.lastError().text()));
    const qint64 base = q.value(0).toLongLong() + 1;
    const qint64 existing = q.value(1).toLongLong();
    q.finish();
    const bool rebuild = n >= 10000 && n > existing;
    if (rebuild) {
        if (Status s = dropIndexes(conn); !s)
            return s.error();
    }

    if (!q.prepare(QStringLiteral(
            "INSERT INTO distributors(rid, id, contact_id, display_name, sort_key, status, join_date, sponsor_rid, "
            "placement_rid, rank_achieved, paid_as_rank, kyc_status, created_at, updated_at, updated_by) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
        return Error(ErrorCode::Database, tr("Could not prepare the bulk load: %1").arg(q.lastError().text()));
    const QVariant nullRid(QMetaType::fromType<qint64>());
    const QVariant nullText(QMetaType::fromType<QString>());
    for (int i = 0; i < n; ++i) {
        const Distributor& d = batch.at(i).fields;
        q.addBindValue(base + i);
        q.addBindValue(d.id);
        q.addBindValue(d.contactId.isEmpty() ? nullText : QVariant(d.contactId));
        q.addBindValue(d.displayName);
        q.addBindValue(Distributor::sortKeyFor(d.displayName));
        q.addBindValue(d.status);
        q.addBindValue(d.joinDate);
        q.addBindValue(sponsor[size_t(i)] < 0 ? nullRid : QVariant(base + sponsor[size_t(i)]));
        q.addBindValue(placement[size_t(i)] < 0 ? nullRid : QVariant(base + placement[size_t(i)]));
        q.addBindValue(d.rankAchieved);
        q.addBindValue(d.paidAsRank);
        q.addBindValue(d.kycStatus);
        q.addBindValue(nowMs);
        q.addBindValue(nowMs);
        q.addBindValue(m_updatedBy);
        if (!q.exec())
            return Error(ErrorCode::Database,
                         tr("Could not insert distributor %1: %2").arg(d.id, q.lastError().text()));
    }
    q.finish();

    sqlite3* handle = m_db.nativeHandle();
    std::vector<qint64> rids(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        rids[size_t(i)] = base + i;
    if (Status s = writeClosure(handle, "sponsor_closure", "sponsor_downline", sponsor, rids, &m_closureRows); !s)
        return s.error();
    if (Status s = writeClosure(handle, "placement_closure", "placement_downline", placement, rids, &m_closureRows); !s)
        return s.error();

    if (rebuild) {
        if (Status s = restoreIndexes(conn); !s)
            return s.error();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return qint64(n);
}

} // namespace outpost
