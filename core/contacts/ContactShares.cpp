#include "contacts/ContactShares.h"

#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "storage/SqlDialect.h"
#include "util/Uuid.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

const QString kEntity = QStringLiteral("contact_share");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database,
                 ContactShareValidation::tr("Could not save the share: %1").arg(q.lastError().text()));
}

Result<QString> requireText(const QJsonObject& args, const char* name)
{
    const QJsonValue v = args.value(QLatin1String(name));
    if (!v.isString() || v.toString().trimmed().isEmpty())
        return invalid(ContactShareValidation::tr("\"%1\" is required.").arg(QLatin1String(name)));
    return v.toString().trimmed();
}

struct Share
{
    QString contactId;
    QString userId;
};

Result<std::optional<Share>> loadShare(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT contact_id, user_id FROM contact_shares WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<Share>();
    return std::optional<Share>(Share{q.value(0).toString(), q.value(1).toString()});
}

QJsonObject toJson(const Share& s)
{
    return {{QStringLiteral("contactId"), s.contactId}, {QStringLiteral("userId"), s.userId}};
}

class ShareContact final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("contact.share"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireText(ctx.args(), "id");
        if (!id)
            return id.error();
        if (!isUuid(id.value()))
            return invalid(ContactShareValidation::tr("\"id\" must be a UUID."));
        auto contactId = requireText(ctx.args(), "contactId");
        if (!contactId)
            return contactId.error();
        auto userId = requireText(ctx.args(), "userId");
        if (!userId)
            return userId.error();
        auto existing = loadShare(ctx.db(), id.value());
        if (!existing)
            return existing.error();
        if (existing.value()) {
            if (existing.value()->contactId == contactId.value() && existing.value()->userId == userId.value())
                return {}; // replayed: already shared
            return invalid(ContactShareValidation::tr("This share id is already used for another share."));
        }
        QSqlQuery c(ctx.db());
        c.setForwardOnly(true);
        c.prepare(QStringLiteral("SELECT 1 FROM contacts WHERE id = ?"));
        c.addBindValue(contactId.value());
        if (!c.exec())
            return dbError(c);
        if (!c.next())
            return Error(ErrorCode::NotFound, ContactShareValidation::tr("This contact no longer exists; it may have "
                                                                         "been deleted on another device."));
        c.finish();
        QSqlQuery q(ctx.db());
        // A second share of the same contact with the same user is not an error: nothing changes.
        q.prepare(sql::forDialect(ctx.db(), QStringLiteral("INSERT OR IGNORE INTO contact_shares(id, contact_id, user_id, "
                                                           "created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?)")));
        q.addBindValue(id.value());
        q.addBindValue(contactId.value());
        q.addBindValue(userId.value());
        q.addBindValue(ctx.nowMs());
        q.addBindValue(ctx.nowMs());
        q.addBindValue(ctx.mutation().actor);
        if (!q.exec())
            return dbError(q);
        if (q.numRowsAffected() > 0)
            ctx.recordChange(kEntity, id.value(), EntityChange::Kind::Created, {},
                             toJson(Share{contactId.value(), userId.value()}));
        return {};
    }
};

class UnshareContact final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("contact.unshare"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireText(ctx.args(), "id");
        if (!id)
            return id.error();
        auto existing = loadShare(ctx.db(), id.value());
        if (!existing)
            return existing.error();
        if (!existing.value())
            return {};
        QSqlQuery q(ctx.db());
        q.prepare(QStringLiteral("DELETE FROM contact_shares WHERE id = ?"));
        q.addBindValue(id.value());
        if (!q.exec())
            return dbError(q);
        ctx.recordChange(kEntity, id.value(), EntityChange::Kind::Deleted, toJson(*existing.value()), {});
        return {};
    }
};

} // namespace

void registerContactShareMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<ShareContact>());
    registry.add(std::make_unique<UnshareContact>());
}

} // namespace outpost
