#include "genealogy/GenealogyBulkLoader.h"

#include "genealogy/GenealogyClosure.h"
#include "storage/Database.h"
#include "storage/RawStatement.h"
#include "storage/Transaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>
#include <vector>

namespace outpost {

namespace {

// What a large load drops and recreates; must match migrations 2 and 17 (ClientSchema.cpp).
const char* const kDropForBulk = R"SQL(
DROP INDEX distributors_sponsor_children;
DROP INDEX distributors_placement_children;
DROP INDEX sponsor_closure_up;
DROP INDEX placement_closure_up;
DROP INDEX distributors_name;
DROP TRIGGER distributors_count_ai;
)SQL";

const char* const kRestoreAfterBulk = R"SQL(
CREATE INDEX distributors_sponsor_children ON distributors(sponsor_rid, sort_key, rid);
CREATE INDEX distributors_placement_children ON distributors(placement_rid, sort_key, rid);
CREATE INDEX sponsor_closure_up ON sponsor_closure(descendant, depth);
CREATE INDEX placement_closure_up ON placement_closure(descendant, depth);
CREATE INDEX distributors_name ON distributors(sort_key, rid);
CREATE TRIGGER distributors_count_ai AFTER INSERT ON distributors BEGIN
    UPDATE entity_counts SET n = n + 1 WHERE entity = 'distributors';
END;
UPDATE entity_counts SET n = (SELECT count(*) FROM distributors) WHERE entity = 'distributors';
)SQL";

// Writes the closure of one tree: for each node in batch order, its subtree down to
// GenealogyClosure::kReach levels (found through child lists) sorted by position, so the rows arrive in
// (ancestor, descendant) order; and each node's downline figures (size, height), summed from the children
// (parents come before their children in the batch, so a backward pass sees every child first).
Status writeClosure(sqlite3* db, const char* table, const char* figuresTable, const std::vector<int>& parent,
                    qint64 base, qint64* rows)
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
    std::vector<qint64> size(static_cast<size_t>(n), 0);
    std::vector<int> height(static_cast<size_t>(n), 0);
    for (int i = n - 1; i >= 0; --i) {
        if (const int p = parent[size_t(i)]; p >= 0) {
            size[size_t(p)] += size[size_t(i)] + 1;
            height[size_t(p)] = std::max(height[size_t(p)], height[size_t(i)] + 1);
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
            if (!insert.exec({base + a, base + d, depth}))
                return Error(ErrorCode::Database,
                             GenealogyBulkLoader::tr("Could not write the genealogy: %1").arg(insert.error()));
        }
        if (!figures.exec({base + a, size[size_t(a)], height[size_t(a)]}))
            return Error(ErrorCode::Database,
                         GenealogyBulkLoader::tr("Could not write the genealogy: %1").arg(figures.error()));
        *rows += qint64(subtree.size());
    }
    return {};
}

} // namespace

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
        if (Status s = m_db.execScript(QString::fromUtf8(kDropForBulk)); !s)
            return Error(ErrorCode::Database, tr("Could not prepare the bulk load: %1").arg(s.message()));
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
    if (Status s = writeClosure(handle, "sponsor_closure", "sponsor_downline", sponsor, base, &m_closureRows); !s)
        return s.error();
    if (Status s = writeClosure(handle, "placement_closure", "placement_downline", placement, base, &m_closureRows); !s)
        return s.error();

    if (rebuild) {
        if (Status s = m_db.execScript(QString::fromUtf8(kRestoreAfterBulk)); !s)
            return Error(ErrorCode::Database, tr("Could not rebuild the genealogy indexes: %1").arg(s.message()));
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return qint64(n);
}

} // namespace outpost
