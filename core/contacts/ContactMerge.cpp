#include "contacts/ContactMerge.h"

#include "contacts/Contact.h"
#include "contacts/ContactSql.h"
#include "customfields/CustomField.h"
#include "mutations/MutationRegistry.h"
#include "storage/SqlDialect.h"
#include "util/JsonNumber.h"
#include "util/Uuid.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

const QString kShareEntity = QStringLiteral("contact_share");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database,
                 ContactMergeValidation::tr("Could not merge the contacts: %1").arg(q.lastError().text()));
}

// Runs another mutator (pinned to the version this format was written against) inside this mutation, and
// records its changes as this mutation's: the same validation, SQL, audit and sync as a direct edit.
Status delegate(MutationContext& ctx, const QString& name, const QJsonObject& args)
{
    const Mutator* mutator = MutationRegistry::standard().find(name, 1);
    if (!mutator)
        return Error(ErrorCode::Unknown,
                     ContactMergeValidation::tr("The change \"%1\" is not available.").arg(name));
    Mutation inner = ctx.mutation();
    inner.name = name;
    inner.version = 1;
    inner.args = args;
    MutationContext innerCtx(ctx.db(), inner, ctx.nowMs());
    if (Status s = mutator->apply(innerCtx); !s)
        return s;
    for (const auto& r : innerCtx.recorded())
        ctx.recordChange(r.entity, r.id, r.kind, r.before, r.after, r.beforeText, r.afterText);
    return {};
}

Result<QString> requireId(const QJsonObject& args, const char* name)
{
    const QString id = args.value(QLatin1String(name)).toString();
    if (!isUuid(id))
        return invalid(
            ContactMergeValidation::tr("\"%1\" is missing or is not a contact id.").arg(QLatin1String(name)));
    return id;
}

bool isCustomMember(const QString& key)
{
    return key.startsWith(CustomField::kPrefix);
}

// { field: text, "custom.<key>": value } with contact field names only; values are checked by the contact
// mutators (custom values by contact.update: null clears one).
Result<QJsonObject> requireFields(const QJsonValue& value, const QString& what, bool allowMissing)
{
    if (value.isUndefined() && allowMissing)
        return QJsonObject();
    if (!value.isObject())
        return invalid(ContactMergeValidation::tr("\"%1\" must be an object of contact fields.").arg(what));
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (isCustomMember(it.key()))
            continue;
        if (!Contact::fieldNames().contains(it.key()))
            return invalid(ContactMergeValidation::tr("Contacts have no field \"%1\".").arg(it.key()));
        if (!it.value().isString())
            return invalid(ContactMergeValidation::tr("The field \"%1\" must be text.").arg(it.key()));
    }
    return o;
}

Result<std::optional<Contact>> loadContact(QSqlDatabase& db, const QString& id)
{
    auto row = contactsql::loadRow(db, id);
    if (!row)
        return Error(ErrorCode::Database, ContactMergeValidation::tr("Could not merge the contacts: %1").arg(row.message()));
    if (!row->has_value())
        return std::optional<Contact>();
    return std::optional<Contact>(std::move(row->value().contact));
}

Result<QStringList> ids(QSqlDatabase& db, const QString& sql, const QString& arg)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(arg);
    if (!q.exec())
        return dbError(q);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QJsonObject shareJson(const QString& contactId, const QString& userId)
{
    return {{QStringLiteral("contactId"), contactId}, {QStringLiteral("userId"), userId}};
}

// Points the share at another contact (the share keeps its id, so it syncs as an update).
Status moveShare(MutationContext& ctx, const QString& shareId, const QString& userId, const QString& from,
                 const QString& to)
{
    QSqlQuery q(ctx.db());
    q.prepare(QStringLiteral(
        "UPDATE contact_shares SET contact_id = ?, updated_at = ?, updated_by = ? WHERE id = ?"));
    q.addBindValue(to);
    q.addBindValue(ctx.nowMs());
    q.addBindValue(ctx.mutation().actor);
    q.addBindValue(shareId);
    if (!q.exec())
        return dbError(q);
    ctx.recordChange(kShareEntity, shareId, EntityChange::Kind::Updated, shareJson(from, userId),
                     shareJson(to, userId));
    return {};
}

class MergeContacts final : public Mutator
{
public:
    QString name() const override { return QString::fromLatin1(ContactMergeValidation::kMerge); }
    int version() const override { return 1; }

    Status apply(MutationContext& ctx) const override
    {
        auto keepId = requireId(ctx.args(), "keepId");
        if (!keepId)
            return keepId.error();
        auto removeId = requireId(ctx.args(), "removeId");
        if (!removeId)
            return removeId.error();
        if (keepId.value() == removeId.value())
            return invalid(ContactMergeValidation::tr("A contact cannot be merged with itself."));
        auto set = requireFields(ctx.args().value(QStringLiteral("set")), QStringLiteral("set"), true);
        if (!set)
            return set.error();

        auto keep = loadContact(ctx.db(), keepId.value());
        if (!keep)
            return keep.error();
        if (!keep.value())
            return Error(ErrorCode::NotFound,
                         ContactMergeValidation::tr("The contact to keep no longer exists; it may "
                                                    "have been deleted on another device."));
        auto remove = loadContact(ctx.db(), removeId.value());
        if (!remove)
            return remove.error();

        // 1. The picked values on the kept contact (custom values as they come: contact.update compares them).
        QJsonObject changed;
        for (auto it = set->begin(); it != set->end(); ++it) {
            if (isCustomMember(it.key()) || keep.value()->field(it.key()) != it.value().toString().trimmed())
                changed.insert(it.key(), it.value());
        }
        if (!changed.isEmpty()) {
            if (Status s = delegate(
                    ctx, QStringLiteral("contact.update"),
                    QJsonObject{{QStringLiteral("id"), keepId.value()}, {QStringLiteral("set"), changed}});
                !s)
                return s;
        }

        // 2. Shares follow the person; one the kept contact already has with that user goes.
        QSqlQuery shares(ctx.db());
        shares.setForwardOnly(true);
        shares.prepare(QStringLiteral("SELECT s.id, s.user_id, EXISTS(SELECT 1 FROM contact_shares k WHERE "
                                      "k.contact_id = ? AND k.user_id = s.user_id) FROM contact_shares s "
                                      "WHERE s.contact_id = ? ORDER BY s.id"));
        shares.addBindValue(keepId.value());
        shares.addBindValue(removeId.value());
        if (!shares.exec())
            return dbError(shares);
        struct ShareRow
        {
            QString id, userId;
            bool duplicate;
        };
        QList<ShareRow> rows;
        while (shares.next())
            rows.append({shares.value(0).toString(), shares.value(1).toString(), shares.value(2).toBool()});
        shares.finish();
        for (const ShareRow& r : std::as_const(rows)) {
            Status s = r.duplicate ? delegate(ctx, QStringLiteral("contact.unshare"),
                                              QJsonObject{{QStringLiteral("id"), r.id}})
                                   : moveShare(ctx, r.id, r.userId, removeId.value(), keepId.value());
            if (!s)
                return s;
        }

        // 3. Distributors linked to the removed contact are linked to the kept one.
        auto distributors =
            ids(ctx.db(), QStringLiteral("SELECT id FROM distributors WHERE contact_id = ? ORDER BY id"),
                removeId.value());
        if (!distributors)
            return distributors.error();
        for (const QString& d : distributors.value()) {
            if (Status s =
                    delegate(ctx, QStringLiteral("distributor.update"),
                             QJsonObject{{QStringLiteral("id"), d},
                                         {QStringLiteral("set"),
                                          QJsonObject{{QStringLiteral("contactId"), keepId.value()}}}});
                !s)
                return s;
        }

        // 4. The duplicate goes (its full state is in the audit entry contact.delete records).
        if (remove.value())
            return delegate(ctx, QStringLiteral("contact.delete"),
                            QJsonObject{{QStringLiteral("id"), removeId.value()}});
        return {};
    }
};

class UnmergeContacts final : public Mutator
{
public:
    QString name() const override { return QString::fromLatin1(ContactMergeValidation::kUnmerge); }
    int version() const override { return 1; }

    Status apply(MutationContext& ctx) const override
    {
        const QJsonObject& args = ctx.args();
        auto keepId = requireId(args, "keepId");
        if (!keepId)
            return keepId.error();
        auto removeId = requireId(args, "removeId");
        if (!removeId)
            return removeId.error();
        if (keepId.value() == removeId.value())
            return invalid(ContactMergeValidation::tr("A contact cannot be merged with itself."));
        auto keep = requireFields(args.value(QStringLiteral("keep")), QStringLiteral("keep"), false);
        if (!keep)
            return keep.error();
        const QJsonObject removed = args.value(QStringLiteral("removed")).toObject();
        auto removedFields =
            requireFields(removed.value(QStringLiteral("fields")), QStringLiteral("removed.fields"), false);
        if (!removedFields)
            return removedFields.error();
        const std::optional<qint64> createdAt = jsonWholeNumber(removed.value(QStringLiteral("createdAt")));
        if (!createdAt || *createdAt < 0)
            return invalid(
                ContactMergeValidation::tr("\"removed.createdAt\" must be a time in milliseconds."));
        const QJsonValue sharesValue = args.value(QStringLiteral("shares"));
        const QJsonValue distributorsValue = args.value(QStringLiteral("distributorIds"));
        if (!sharesValue.isArray() || !distributorsValue.isArray())
            return invalid(ContactMergeValidation::tr("\"shares\" and \"distributorIds\" must be lists."));
        for (const QJsonValue& v : sharesValue.toArray()) {
            const QJsonObject s = v.toObject();
            if (!isUuid(s.value(QStringLiteral("id")).toString()) ||
                s.value(QStringLiteral("userId")).toString().isEmpty() ||
                !s.value(QStringLiteral("moved")).isBool() ||
                !jsonWholeNumber(s.value(QStringLiteral("createdAt"))))
                return invalid(
                    ContactMergeValidation::tr("Each share needs an id, a userId, createdAt and moved."));
        }
        for (const QJsonValue& v : distributorsValue.toArray()) {
            if (!isUuid(v.toString()))
                return invalid(ContactMergeValidation::tr("\"distributorIds\" must hold distributor ids."));
        }

        auto current = loadContact(ctx.db(), keepId.value());
        if (!current)
            return current.error();
        if (!current.value())
            return Error(ErrorCode::NotFound,
                         ContactMergeValidation::tr("The merged contact no longer exists; the "
                                                    "merge cannot be taken back."));

        // 1. The removed contact comes back with its id, fields and creation time, then its custom values (set
        // on the existing record: a create with custom values would insist on every required field, which
        // the contact may never have had).
        QJsonObject plainFields, customValues;
        for (auto it = removedFields->begin(); it != removedFields->end(); ++it)
            (isCustomMember(it.key()) ? customValues : plainFields).insert(it.key(), it.value());
        if (Status s = delegate(ctx, QStringLiteral("contact.create"),
                                QJsonObject{{QStringLiteral("id"), removeId.value()},
                                            {QStringLiteral("fields"), plainFields}});
            !s)
            return s;
        if (!customValues.isEmpty()) {
            if (Status s = delegate(ctx, QStringLiteral("contact.update"),
                                    QJsonObject{{QStringLiteral("id"), removeId.value()},
                                                {QStringLiteral("set"), customValues}});
                !s)
                return s;
        }
        QSqlQuery created(ctx.db());
        created.prepare(
            QStringLiteral("UPDATE contacts SET created_at = ? WHERE id = ? AND created_at <> ?"));
        created.addBindValue(*createdAt);
        created.addBindValue(removeId.value());
        created.addBindValue(*createdAt);
        if (!created.exec())
            return dbError(created);

        // 2. The kept contact as it was.
        QJsonObject set;
        for (auto it = keep->begin(); it != keep->end(); ++it) {
            if (isCustomMember(it.key()) || current.value()->field(it.key()) != it.value().toString().trimmed())
                set.insert(it.key(), it.value());
        }
        if (!set.isEmpty()) {
            if (Status s = delegate(
                    ctx, QStringLiteral("contact.update"),
                    QJsonObject{{QStringLiteral("id"), keepId.value()}, {QStringLiteral("set"), set}});
                !s)
                return s;
        }

        // 3. Shares: moved ones go back; removed ones come back with their ids.
        for (const QJsonValue& v : sharesValue.toArray()) {
            const QJsonObject share = v.toObject();
            const QString id = share.value(QStringLiteral("id")).toString();
            const QString userId = share.value(QStringLiteral("userId")).toString();
            QSqlQuery q(ctx.db());
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT contact_id FROM contact_shares WHERE id = ?"));
            q.addBindValue(id);
            if (!q.exec())
                return dbError(q);
            if (q.next()) {
                const QString contactId = q.value(0).toString();
                q.finish();
                if (contactId == keepId.value() && share.value(QStringLiteral("moved")).toBool()) {
                    if (Status s = moveShare(ctx, id, userId, keepId.value(), removeId.value()); !s)
                        return s;
                }
                continue; // already back, or moved elsewhere since: left alone
            }
            q.finish();
            QSqlQuery insert(ctx.db());
            insert.prepare(sql::forDialect(
                ctx.db(), QStringLiteral("INSERT OR IGNORE INTO contact_shares(id, contact_id, user_id, created_at, "
                                         "updated_at, updated_by) VALUES(?,?,?,?,?,?)")));
            insert.addBindValue(id);
            insert.addBindValue(removeId.value());
            insert.addBindValue(userId);
            insert.addBindValue(
                jsonWholeNumber(share.value(QStringLiteral("createdAt"))).value_or(ctx.nowMs()));
            insert.addBindValue(ctx.nowMs());
            insert.addBindValue(ctx.mutation().actor);
            if (!insert.exec())
                return dbError(insert);
            if (insert.numRowsAffected() > 0)
                ctx.recordChange(kShareEntity, id, EntityChange::Kind::Created, {},
                                 shareJson(removeId.value(), userId));
        }

        // 4. Distributors that were moved, and still point at the kept contact, point back.
        for (const QJsonValue& v : distributorsValue.toArray()) {
            auto linked = ids(
                ctx.db(), QStringLiteral("SELECT coalesce(contact_id, '') FROM distributors WHERE id = ?"),
                v.toString());
            if (!linked)
                return linked.error();
            if (linked->value(0) != keepId.value())
                continue;
            if (Status s =
                    delegate(ctx, QStringLiteral("distributor.update"),
                             QJsonObject{{QStringLiteral("id"), v.toString()},
                                         {QStringLiteral("set"),
                                          QJsonObject{{QStringLiteral("contactId"), removeId.value()}}}});
                !s)
                return s;
        }
        return {};
    }
};

} // namespace

void registerContactMergeMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<MergeContacts>());
    registry.add(std::make_unique<UnmergeContacts>());
}

} // namespace outpost
