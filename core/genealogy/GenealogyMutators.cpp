#include "genealogy/GenealogyMutators.h"

#include "commissions/PeriodGuard.h"
#include "contacts/Contact.h"
#include "genealogy/Distributor.h"
#include "genealogy/GenealogyClosure.h"
#include "genealogy/GenealogyRepository.h"
#include "mutations/MutationRegistry.h"
#include "storage/SqlDialect.h"
#include "storage/SqlExec.h"
#include "util/JsonNumber.h"
#include "util/Uuid.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>


namespace outpost {

namespace {

const QString kEntity = QStringLiteral("distributor");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

Error dbError(const QString& what, const QSqlQuery& q)
{
    return Error(ErrorCode::Database, GenealogyValidation::tr("%1: %2").arg(what, q.lastError().text()));
}

QString saveFailed()
{
    return GenealogyValidation::tr("Could not save the distributor");
}

Result<QString> requireId(const QJsonObject& args)
{
    const QString id = args.value(QStringLiteral("id")).toString();
    if (!isUuid(id))
        return invalid(GenealogyValidation::tr("The distributor id is missing or malformed."));
    return id;
}

Result<Distributor> requireExisting(MutationContext& ctx, const QString& id)
{
    auto found = GenealogyRepository::findOn(ctx.db(), id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error(ErrorCode::NotFound, GenealogyValidation::tr("This distributor no longer exists; it may have "
                                                                  "been removed on another device."));
    return *found.value();
}

// Reads { field: value } into `out`, validating each value; `allowed` limits the field names.
Status readFields(const QJsonValue& value, const char* argName, const QStringList& allowed, QJsonObject* out)
{
    if (!value.isObject())
        return invalid(GenealogyValidation::tr("\"%1\" must be an object of distributor fields.")
                           .arg(QLatin1String(argName)));
    const QJsonObject obj = value.toObject();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (!allowed.contains(it.key()))
            return invalid(GenealogyValidation::tr("\"%1\" cannot be set here.").arg(it.key()));
        QJsonValue v = it.value();
        if (v.isString())
            v = v.toString().trimmed();
        const QString problem = GenealogyValidation::problemWith(it.key(), v);
        if (!problem.isEmpty())
            return invalid(problem);
        out->insert(it.key(), v);
    }
    return {};
}

Status requireContact(MutationContext& ctx, const QString& contactId, QString* displayName)
{
    if (contactId.isEmpty())
        return {};
    QSqlQuery q(ctx.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT first_name, last_name, company, email FROM contacts WHERE id = ?"));
    q.addBindValue(contactId);
    if (!q.exec())
        return dbError(GenealogyValidation::tr("Could not read the contact"), q);
    if (!q.next())
        return Error(ErrorCode::NotFound, GenealogyValidation::tr("The linked contact does not exist; it may have "
                                                                  "been deleted. Choose another contact."));
    if (displayName)
        *displayName = Contact::displayNameFor(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                               q.value(3).toString());
    return {};
}

// Resolves a parent argument: absent → `absent`, null → root (0), an id → its rid (it must exist).
Result<qint64> resolveParent(MutationContext& ctx, const QString& key, qint64 absent, const QString& treeLabel)
{
    const QJsonValue v = ctx.args().value(key);
    if (v.isUndefined())
        return absent;
    if (v.isNull())
        return qint64(0);
    const QString id = v.toString();
    if (!isUuid(id))
        return invalid(GenealogyValidation::tr("The %1 id is malformed.").arg(treeLabel));
    auto parent = GenealogyRepository::findOn(ctx.db(), id);
    if (!parent)
        return parent.error();
    if (!parent.value())
        return Error(ErrorCode::NotFound, GenealogyValidation::tr("The %1 does not exist; it may have been removed "
                                                                  "on another device.")
                                              .arg(treeLabel));
    return parent.value()->rid;
}

Result<qint64> insertDistributor(MutationContext& ctx, const Distributor& d)
{
    QSqlQuery q(ctx.db());
    q.prepare(sql::returningKey(ctx.db(),
                                QStringLiteral("INSERT INTO distributors(id, contact_id, display_name, sort_key, status, "
                                               "join_date, sponsor_rid, placement_rid, rank_achieved, paid_as_rank, "
                                               "kyc_status, created_at, updated_at, updated_by) "
                                               "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
                                QStringLiteral("rid")));
    q.addBindValue(d.id);
    q.addBindValue(textOrNull(d.contactId));
    q.addBindValue(sql::text(d.displayName));
    q.addBindValue(sql::text(Distributor::sortKeyFor(d.displayName)));
    q.addBindValue(sql::text(d.status));
    q.addBindValue(d.joinDate);
    q.addBindValue(ridOrNull(d.sponsorRid));
    q.addBindValue(ridOrNull(d.placementRid));
    q.addBindValue(sql::text(d.rankAchieved));
    q.addBindValue(sql::text(d.paidAsRank));
    q.addBindValue(sql::text(d.kycStatus));
    q.addBindValue(ctx.nowMs());
    q.addBindValue(ctx.nowMs());
    q.addBindValue(ctx.mutation().actor);
    if (!q.exec())
        return dbError(saveFailed(), q);
    return sql::insertedKey(q);
}

QString columnFor(const QString& field)
{
    if (field == QLatin1String("contactId"))
        return QStringLiteral("contact_id");
    if (field == QLatin1String("displayName"))
        return QStringLiteral("display_name");
    if (field == QLatin1String("joinDate"))
        return QStringLiteral("join_date");
    if (field == QLatin1String("rankAchieved"))
        return QStringLiteral("rank_achieved");
    if (field == QLatin1String("paidAsRank"))
        return QStringLiteral("paid_as_rank");
    if (field == QLatin1String("kycStatus"))
        return QStringLiteral("kyc_status");
    return QStringLiteral("status");
}

// Sets what differs from `current` and records it; nothing is written when nothing differs (replay).
Status applyUpdate(MutationContext& ctx, const Distributor& current, const QJsonObject& fields)
{
    QJsonObject before, after;
    QStringList sets;
    QVariantList values;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (current.field(it.key()) == it.value())
            continue;
        before.insert(it.key(), current.field(it.key()));
        after.insert(it.key(), it.value());
        sets << columnFor(it.key()) + QStringLiteral(" = ?");
        if (it.key() == QLatin1String("joinDate"))
            values << jsonWholeNumber(it.value()).value_or(0); // validated by problemWith()
        else if (it.key() == QLatin1String("contactId"))
            values << textOrNull(it.value().toString());
        else
            values << sql::text(it.value().toString());
        if (it.key() == QLatin1String("displayName")) {
            sets << QStringLiteral("sort_key = ?");
            values << sql::text(Distributor::sortKeyFor(it.value().toString()));
        }
    }
    if (after.isEmpty())
        return {};
    if (after.contains(QStringLiteral("contactId"))) {
        if (Status s = requireContact(ctx, after.value(QStringLiteral("contactId")).toString(), nullptr); !s)
            return s;
    }
    sets << QStringLiteral("updated_at = ?") << QStringLiteral("updated_by = ?");
    values << ctx.nowMs() << ctx.mutation().actor;
    QSqlQuery q(ctx.db());
    q.prepare(QStringLiteral("UPDATE distributors SET ") + sets.join(QStringLiteral(", "))
              + QStringLiteral(" WHERE rid = ?"));
    for (const QVariant& v : std::as_const(values))
        q.addBindValue(v);
    q.addBindValue(current.rid);
    if (!q.exec())
        return dbError(saveFailed(), q);
    ctx.recordChange(kEntity, current.id, EntityChange::Kind::Updated, before, after);
    return {};
}

const QStringList& updatableFields()
{
    static const QStringList names = {QStringLiteral("contactId"),    QStringLiteral("displayName"),
                                      QStringLiteral("status"),       QStringLiteral("rankAchieved"),
                                      QStringLiteral("paidAsRank"),   QStringLiteral("kycStatus")};
    return names;
}

class CreateDistributor final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("distributor.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        QJsonObject fields;
        if (Status s = readFields(ctx.args().value(QStringLiteral("fields")), "fields", Distributor::fieldNames(),
                                  &fields);
            !s)
            return s;
        auto existing = GenealogyRepository::findOn(ctx.db(), id.value());
        if (!existing)
            return existing.error();
        if (existing.value()) {
            // Replay of a create: set the fields again; parents change only through moves.
            fields.remove(QStringLiteral("joinDate"));
            return applyUpdate(ctx, *existing.value(), fields);
        }

        Distributor d;
        d.id = id.value();
        d.joinDate = ctx.nowMs();
        for (auto it = fields.begin(); it != fields.end(); ++it)
            d.setField(it.key(), it.value());
        QString contactName;
        if (Status s = requireContact(ctx, d.contactId, &contactName); !s)
            return s;
        if (d.displayName.isEmpty())
            d.displayName = contactName;
        if (d.displayName.isEmpty())
            return invalid(GenealogyValidation::tr("A distributor needs a name or a linked contact."));

        auto sponsor = resolveParent(ctx, QStringLiteral("sponsorId"), 0, GenealogyValidation::tr("sponsor"));
        if (!sponsor)
            return sponsor.error();
        auto placement = resolveParent(ctx, QStringLiteral("placementId"), sponsor.value(),
                                       GenealogyValidation::tr("placement parent"));
        if (!placement)
            return placement.error();
        d.sponsorRid = sponsor.value();
        d.placementRid = placement.value();

        auto rid = insertDistributor(ctx, d);
        if (!rid)
            return rid.error();
        if (Status s = GenealogyClosure::addNode(ctx.db(), GenealogyTree::Sponsor, rid.value(), d.sponsorRid); !s)
            return s;
        if (Status s = GenealogyClosure::addNode(ctx.db(), GenealogyTree::Placement, rid.value(), d.placementRid); !s)
            return s;
        QJsonObject after = d.fieldsToJson();
        after.insert(QStringLiteral("sponsorId"), ctx.args().value(QStringLiteral("sponsorId")).toString());
        after.insert(QStringLiteral("placementId"),
                     ctx.args().contains(QStringLiteral("placementId"))
                         ? ctx.args().value(QStringLiteral("placementId")).toString()
                         : after.value(QStringLiteral("sponsorId")).toString());
        ctx.recordChange(kEntity, d.id, EntityChange::Kind::Created, {}, after);
        return {};
    }
};

class UpdateDistributor final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("distributor.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        QJsonObject fields;
        if (Status s = readFields(ctx.args().value(QStringLiteral("set")), "set", updatableFields(), &fields); !s)
            return s;
        if (fields.isEmpty())
            return invalid(GenealogyValidation::tr("Nothing to change: \"set\" is empty."));
        if (fields.contains(QStringLiteral("displayName"))
            && fields.value(QStringLiteral("displayName")).toString().isEmpty())
            return invalid(GenealogyValidation::tr("A distributor's name cannot be empty."));
        auto current = requireExisting(ctx, id.value());
        if (!current)
            return current.error();
        return applyUpdate(ctx, current.value(), fields);
    }
};

class MoveDistributor final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("distributor.move"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        const QJsonObject& args = ctx.args();
        auto id = requireId(args);
        if (!id)
            return id.error();
        const auto tree = genealogyTreeFromName(args.value(QStringLiteral("tree")).toString());
        if (!tree)
            return invalid(GenealogyValidation::tr("\"tree\" must be \"sponsor\" or \"placement\"."));
        const std::optional<qint64> date = jsonWholeNumber(args.value(QStringLiteral("effectiveDate")));
        if (!date || *date <= 0)
            return invalid(GenealogyValidation::tr("The move needs an effective date (UTC milliseconds)."));
        const qint64 effectiveDate = *date;
        const QString reason = args.value(QStringLiteral("reason")).toString().trimmed();
        if (reason.isEmpty())
            return invalid(GenealogyValidation::tr("Give a reason for the move; it is kept in the history."));
        if (reason.size() > 2000)
            return invalid(GenealogyValidation::tr("The reason is too long (at most 2,000 characters)."));
        if (!args.contains(QStringLiteral("newParentId")))
            return invalid(GenealogyValidation::tr("\"newParentId\" is missing (null moves to the root)."));

        auto node = requireExisting(ctx, id.value());
        if (!node)
            return node.error();
        const bool sponsorTree = *tree == GenealogyTree::Sponsor;
        const QString parentKey = sponsorTree ? QStringLiteral("sponsorId") : QStringLiteral("placementId");
        auto newParent = resolveParent(ctx, QStringLiteral("newParentId"), 0,
                                       sponsorTree ? GenealogyValidation::tr("new sponsor")
                                                   : GenealogyValidation::tr("new placement parent"));
        if (!newParent)
            return newParent.error();
        const qint64 x = node->rid;
        const qint64 p = newParent.value();
        const qint64 oldParent = node->parentRid(*tree);
        if (p == oldParent)
            return {}; // already there: a replayed or repeated move has no second effect
        if (Status s = commissions::PeriodGuard::requireOpenAt(ctx.db(), effectiveDate,
                                                               commissions::PeriodGuard::Change::Move);
            !s)
            return s;

        if (p == x)
            return Error(ErrorCode::Rejected,
                         GenealogyValidation::tr("%1 cannot be moved under themselves.").arg(node->displayName));
        if (p != 0) {
            auto cycle = GenealogyRepository::isAncestorOn(ctx.db(), x, p, *tree);
            if (!cycle)
                return cycle.error();
            if (cycle.value())
                return Error(ErrorCode::Rejected,
                             sponsorTree
                                 ? GenealogyValidation::tr("%1 cannot be moved under someone in their own sponsor "
                                                           "downline: that would make a loop in the sponsor tree. "
                                                           "Move that person out first, or choose a sponsor outside "
                                                           "the downline.")
                                       .arg(node->displayName)
                                 : GenealogyValidation::tr("%1 cannot be placed under someone in their own placement "
                                                           "downline: that would make a loop in the placement tree. "
                                                           "Move that person out first, or choose a placement "
                                                           "parent outside the downline.")
                                       .arg(node->displayName));
        }

        // The parent link first: the closure update recomputes heights from the parents' children.
        QSqlQuery q(ctx.db());
        q.prepare(QStringLiteral("UPDATE distributors SET %1 = ?, updated_at = ?, updated_by = ? WHERE rid = ?")
                      .arg(GenealogyRepository::parentColumn(*tree)));
        q.addBindValue(ridOrNull(p));
        q.addBindValue(ctx.nowMs());
        q.addBindValue(ctx.mutation().actor);
        q.addBindValue(x);
        if (!q.exec())
            return dbError(saveFailed(), q);
        if (Status s = GenealogyClosure::moveSubtree(ctx.db(), *tree, x, oldParent, p); !s)
            return s;

        const QString oldParentId = sponsorTree ? node->sponsorId : node->placementId;
        const QString newParentId = args.value(QStringLiteral("newParentId")).toString();
        q.prepare(QStringLiteral("INSERT INTO distributor_moves(id, distributor_id, tree, old_parent_id, new_parent_id, "
                                 "effective_date, reason, mutation_id, created_at, updated_at, updated_by) "
                                 "VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
        q.addBindValue(ctx.mutation().id);
        q.addBindValue(node->id);
        q.addBindValue(genealogyTreeName(*tree));
        q.addBindValue(textOrNull(oldParentId));
        q.addBindValue(textOrNull(newParentId));
        q.addBindValue(effectiveDate);
        q.addBindValue(reason);
        q.addBindValue(ctx.mutation().id);
        q.addBindValue(ctx.nowMs());
        q.addBindValue(ctx.nowMs());
        q.addBindValue(ctx.mutation().actor);
        if (!q.exec())
            return dbError(GenealogyValidation::tr("Could not record the move"), q);

        const QJsonValue oldValue = oldParentId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(oldParentId);
        const QJsonValue newValue = newParentId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(newParentId);
        ctx.recordChange(kEntity, node->id, EntityChange::Kind::Updated, QJsonObject{{parentKey, oldValue}},
                         QJsonObject{{parentKey, newValue},
                                     {QStringLiteral("effectiveDate"), double(effectiveDate)},
                                     {QStringLiteral("reason"), reason}});
        return {};
    }
};

} // namespace

QString GenealogyValidation::problemWith(const QString& field, const QJsonValue& value)
{
    if (field == QLatin1String("joinDate")) {
        const std::optional<qint64> date = jsonWholeNumber(value);
        if (!date || *date <= 0)
            return tr("The join date must be a date (UTC milliseconds).");
        return {};
    }
    if (!value.isString())
        return tr("The field \"%1\" must be text.").arg(field);
    const QString v = value.toString();
    if (field == QLatin1String("contactId")) {
        if (!v.isEmpty() && !isUuid(v))
            return tr("The contact id is malformed.");
        return {};
    }
    if (field == QLatin1String("status")) {
        if (!Distributor::statuses().contains(v))
            return tr("\"%1\" is not a distributor status (active, inactive or terminated).").arg(v);
        return {};
    }
    if (field == QLatin1String("kycStatus")) {
        if (!Distributor::kycStatuses().contains(v))
            return tr("\"%1\" is not a KYC status (not_started, pending, approved, rejected or expired).").arg(v);
        return {};
    }
    if (field == QLatin1String("rankAchieved") || field == QLatin1String("paidAsRank")) {
        if (v.size() > 60)
            return tr("A rank name is at most 60 characters.");
        return {};
    }
    if (field == QLatin1String("displayName")) {
        if (v.size() > 200)
            return tr("The name is too long (at most 200 characters).");
        return {};
    }
    return tr("Distributors have no field \"%1\".").arg(field);
}

void registerGenealogyMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<CreateDistributor>());
    registry.add(std::make_unique<UpdateDistributor>());
    registry.add(std::make_unique<MoveDistributor>());
}

} // namespace outpost
