#include "replication/DistributorRowCodec.h"

#include "genealogy/Distributor.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "genealogy/GenealogyClosure.h"
#include "genealogy/GenealogyRepository.h"
#include "util/JsonNumber.h"
#include "storage/SqlExec.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSet>

#include <array>

namespace outpost {

namespace {

constexpr GenealogyTree kTrees[] = {GenealogyTree::Sponsor, GenealogyTree::Placement};

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, DistributorRowCodec::tr("Could not sync a distributor: %1").arg(q.lastError().text()));
}

QString parentKey(GenealogyTree tree)
{
    return tree == GenealogyTree::Sponsor ? QStringLiteral("sponsorId") : QStringLiteral("placementId");
}

Status exec(QSqlQuery& q)
{
    return q.exec() ? Status() : Status(dbError(q));
}

Result<qint64> parentOf(QSqlDatabase& db, GenealogyTree tree, qint64 rid)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM distributors WHERE rid = ?").arg(GenealogyRepository::parentColumn(tree)));
    q.addBindValue(rid);
    if (!q.exec() || !q.next())
        return dbError(q);
    return q.value(0).toLongLong();
}

// Moves x's subtree from its parent to `newParent` (0 = root) in one tree, as the distributor.move mutator
// does (GenealogyClosure), without its checks and history — this copies settled server state.
Status relink(QSqlDatabase& db, GenealogyTree tree, qint64 x, qint64 newParent)
{
    auto oldParent = parentOf(db, tree, x);
    if (!oldParent)
        return oldParent.error();
    if (oldParent.value() == newParent)
        return {};
    if (newParent != 0) {
        auto below = GenealogyRepository::isAncestorOn(db, x, newParent, tree);
        if (!below)
            return below.error();
        if (below.value()) {
            // Here the new parent is still below x (the server moved it out since): a root for now.
            if (Status s = relink(db, tree, newParent, 0); !s)
                return s;
        }
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE distributors SET %1 = ? WHERE rid = ?").arg(GenealogyRepository::parentColumn(tree)));
    q.addBindValue(ridOrNull(newParent));
    q.addBindValue(x);
    if (Status s = exec(q); !s)
        return s;
    // The closure rows and the cached downline figures, as the distributor.move mutator keeps them.
    return GenealogyClosure::moveSubtree(db, tree, x, oldParent.value(), newParent);
}

// Whether an insert also links the row into the closure tables (row by row), or leaves that to
// GenealogyBulkLoader::rebuildClosures() at the end of a bootstrap.
enum class Closure { Now, Later };

Result<qint64> insertRow(QSqlDatabase& db, const QString& id, const Distributor& d, qint64 sponsorRid, qint64 placementRid,
                         Closure closure = Closure::Now)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO distributors(id, contact_id, display_name, sort_key, status, join_date, sponsor_rid, "
        "placement_rid, rank_achieved, paid_as_rank, kyc_status, created_at, updated_at, updated_by) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(id);
    q.addBindValue(textOrNull(d.contactId));
    q.addBindValue(d.displayName);
    q.addBindValue(Distributor::sortKeyFor(d.displayName));
    q.addBindValue(d.status);
    q.addBindValue(d.joinDate);
    q.addBindValue(ridOrNull(sponsorRid));
    q.addBindValue(ridOrNull(placementRid));
    q.addBindValue(d.rankAchieved);
    q.addBindValue(d.paidAsRank);
    q.addBindValue(d.kycStatus);
    q.addBindValue(d.createdAt);
    q.addBindValue(d.updatedAt);
    q.addBindValue(d.updatedBy);
    if (!q.exec())
        return dbError(q);
    const qint64 rid = q.lastInsertId().toLongLong();
    if (closure == Closure::Later)
        return rid;
    if (Status s = GenealogyClosure::addNode(db, GenealogyTree::Sponsor, rid, sponsorRid); !s)
        return s.error();
    if (Status s = GenealogyClosure::addNode(db, GenealogyTree::Placement, rid, placementRid); !s)
        return s.error();
    return rid;
}

// The local row id of a distributor, 0 when it is not here.
Result<qint64> ridOf(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT rid FROM distributors WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

// The local row id of a parent named on the wire (0 for null), written as a placeholder when it is not
// here yet.
Result<qint64> parentRid(QSqlDatabase& db, const QJsonValue& parentId, Closure closure)
{
    const QString id = parentId.toString();
    if (id.isEmpty())
        return qint64(0);
    auto rid = ridOf(db, id);
    if (!rid || rid.value() != 0)
        return rid;
    return insertRow(db, id, Distributor(), 0, 0, closure);
}

Result<bool> contactExists(QSqlDatabase& db, const QString& contactId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT 1 FROM contacts WHERE id = ?"));
    q.addBindValue(contactId);
    if (!q.exec())
        return dbError(q);
    return q.next();
}

// A row from the wire as a distributor with its parents' local row ids (placeholders written as needed).
Result<std::pair<Distributor, std::array<qint64, 2>>> incoming(QSqlDatabase& db, const QJsonObject& row, Closure closure)
{
    Distributor next;
    for (const QString& f : Distributor::fieldNames()) {
        if (row.contains(f))
            next.setField(f, row.value(f));
    }
    next.createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt"))).value_or(0);
    next.updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt"))).value_or(0);
    next.updatedBy = row.value(QStringLiteral("updatedBy")).toString();
    if (!next.contactId.isEmpty()) {
        // The contact comes first in both a snapshot and the change log; should it not be here, the link
        // waits rather than the row failing its foreign key.
        auto exists = contactExists(db, next.contactId);
        if (!exists)
            return exists.error();
        if (!exists.value())
            next.contactId.clear();
    }
    std::array<qint64, 2> parents = {0, 0};
    for (GenealogyTree tree : kTrees) {
        auto rid = parentRid(db, row.value(parentKey(tree)), closure);
        if (!rid)
            return rid.error();
        parents[tree == GenealogyTree::Sponsor ? 0 : 1] = rid.value();
    }
    return std::pair{next, parents};
}

// Sets a row's fields (and with `parents`, its parent links only: the closures are left to the caller).
Status updateRow(QSqlDatabase& db, qint64 rid, const Distributor& next, const std::array<qint64, 2>* parents)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE distributors SET contact_id = ?, display_name = ?, sort_key = ?, status = ?, "
                             "join_date = ?, rank_achieved = ?, paid_as_rank = ?, kyc_status = ?, created_at = ?, "
                             "updated_at = ?, updated_by = ?%1 WHERE rid = ?")
                  .arg(parents ? QStringLiteral(", sponsor_rid = ?, placement_rid = ?") : QString()));
    q.addBindValue(textOrNull(next.contactId));
    q.addBindValue(next.displayName);
    q.addBindValue(Distributor::sortKeyFor(next.displayName));
    q.addBindValue(next.status);
    q.addBindValue(next.joinDate);
    q.addBindValue(next.rankAchieved);
    q.addBindValue(next.paidAsRank);
    q.addBindValue(next.kycStatus);
    q.addBindValue(next.createdAt);
    q.addBindValue(next.updatedAt);
    q.addBindValue(next.updatedBy);
    if (parents) {
        q.addBindValue(ridOrNull((*parents)[0]));
        q.addBindValue(ridOrNull((*parents)[1]));
    }
    q.addBindValue(rid);
    return exec(q);
}

// A distributor as it travels (read() and snapshot pages).
QJsonObject wireRow(const Distributor& d)
{
    QJsonObject row = d.fieldsToJson();
    row.insert(QStringLiteral("sponsorId"), d.sponsorId.isEmpty() ? QJsonValue() : QJsonValue(d.sponsorId));
    row.insert(QStringLiteral("placementId"), d.placementId.isEmpty() ? QJsonValue() : QJsonValue(d.placementId));
    row.insert(QStringLiteral("createdAt"), d.createdAt);
    row.insert(QStringLiteral("updatedAt"), d.updatedAt);
    row.insert(QStringLiteral("updatedBy"), d.updatedBy);
    return row;
}

} // namespace

Result<std::optional<QJsonObject>> DistributorRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    auto found = GenealogyRepository::findOn(db, id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(wireRow(found->value()));
}

Status DistributorRowCodec::readSnapshot(QSqlDatabase& db, const QStringList& ids, QList<SnapshotBlock>* blocks) const
{
    if (ids.isEmpty())
        return {};
    // As contacts' (ContactRowCodec::readSnapshot): the ids come in the order of distributors.id, so one range
    // read holds them all; rows in the range the page does not name are skipped.
    const QSet<QString> wanted(ids.cbegin(), ids.cend());
    auto found = GenealogyRepository::findBetweenOn(db, ids.first(), ids.last());
    if (!found)
        return found.error();
    for (const Distributor& d : std::as_const(found.value())) {
        if (wanted.contains(d.id))
            appendSnapshotRow(*blocks, entity(), d.id, wireRow(d));
    }
    return {};
}

Status DistributorRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    auto in = incoming(db, row, Closure::Now);
    if (!in)
        return in.error();
    const auto& [next, parents] = in.value();

    auto found = GenealogyRepository::findOn(db, id);
    if (!found)
        return found.error();
    if (!found->has_value()) {
        auto rid = insertRow(db, id, next, parents[0], parents[1]);
        return rid ? Status() : Status(rid.error());
    }

    const Distributor& current = found->value();
    for (GenealogyTree tree : kTrees) {
        if (Status s = relink(db, tree, current.rid, parents[tree == GenealogyTree::Sponsor ? 0 : 1]); !s)
            return s;
    }
    if (current.fieldsToJson() == next.fieldsToJson() && current.createdAt == next.createdAt
        && current.updatedAt == next.updatedAt && current.updatedBy == next.updatedBy)
        return {}; // a device's own change coming back: leave the row and its indexes alone
    return updateRow(db, current.rid, next, nullptr);
}

Status DistributorRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    auto found = GenealogyRepository::findOn(db, id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return {};
    const qint64 rid = found->value().rid;
    QSqlQuery q(db);
    for (GenealogyTree tree : kTrees) {
        // Its children become roots.
        q.prepare(QStringLiteral("SELECT rid FROM distributors WHERE %1 = ?").arg(GenealogyRepository::parentColumn(tree)));
        q.addBindValue(rid);
        if (!q.exec())
            return dbError(q);
        QList<qint64> children;
        while (q.next())
            children.append(q.value(0).toLongLong());
        for (qint64 child : children) {
            if (Status s = relink(db, tree, child, 0); !s)
                return s;
        }
        // Now a leaf: off its ancestors (their figures shrink), then its own closure row and figures go.
        if (Status s = relink(db, tree, rid, 0); !s)
            return s;
        for (const QString& table : {GenealogyRepository::closureTable(tree), GenealogyRepository::downlineTable(tree)}) {
            q.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = ?")
                          .arg(table, table == GenealogyRepository::closureTable(tree) ? QStringLiteral("descendant")
                                                                                      : QStringLiteral("rid")));
            q.addBindValue(rid);
            if (Status s = exec(q); !s)
                return s;
        }
    }
    q.prepare(QStringLiteral("DELETE FROM distributors WHERE rid = ?"));
    q.addBindValue(rid);
    return exec(q);
}

Status DistributorRowCodec::bulkBegin(QSqlDatabase& db) const
{
    return GenealogyBulkLoader::dropIndexes(db);
}

Status DistributorRowCodec::bulkInsert(QSqlDatabase& db, const SnapshotBlock& block) const
{
    // Rows with their parent links only (a parent not here yet as a placeholder its own row fills in);
    // the closures are computed from the links at the end.
    for (qsizetype i = 0; i < block.rows.size(); ++i) {
        const QString id = block.rows.at(i).at(0).toString();
        auto in = incoming(db, block.rowObject(i), Closure::Later);
        if (!in)
            return in.error();
        const auto& [next, parents] = in.value();
        auto placeholder = ridOf(db, id);
        if (!placeholder)
            return placeholder.error();
        if (placeholder.value() != 0) {
            if (Status s = updateRow(db, placeholder.value(), next, &parents); !s)
                return s;
        } else if (auto rid = insertRow(db, id, next, parents[0], parents[1], Closure::Later); !rid) {
            return rid.error();
        }
    }
    return {};
}

Result<bool> DistributorRowCodec::bulkEnd(QSqlDatabase& db, int step) const
{
    if (step == 0) {
        auto rows = GenealogyBulkLoader::rebuildClosures(db);
        if (!rows)
            return rows.error();
        return true;
    }
    if (Status s = GenealogyBulkLoader::restoreIndexes(db); !s)
        return s.error();
    return false;
}

} // namespace outpost
