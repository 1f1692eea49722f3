#include "replication/ConflictMutators.h"

#include "mutations/MutationRegistry.h"
#include "util/Uuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

const QString kEntity = QStringLiteral("conflict");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

// sync_conflicts keeps values as JSON text (one value, not a document); empty = no value.
std::optional<QJsonValue> parseValue(const QString& text)
{
    if (text.isEmpty())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"));
    if (!doc.isArray() || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

class ResolveConflict final : public Mutator
{
public:
    QString name() const override { return QString::fromLatin1(ConflictMutators::kResolve); }
    int version() const override { return 1; }

    Status apply(MutationContext& ctx) const override
    {
        const QString id = ctx.args().value(QStringLiteral("id")).toString();
        if (!isUuid(id))
            return invalid(ConflictMutators::tr("The conflict id is missing or malformed."));
        const QString action = ctx.args().value(QStringLiteral("action")).toString();
        if (action != QLatin1String("restore") && action != QLatin1String("dismiss"))
            return invalid(ConflictMutators::tr("\"action\" must be \"restore\" or \"dismiss\"."));

        QSqlQuery q(ctx.db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT entity, entity_id, field, theirs, resolved FROM sync_conflicts WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return Error(ErrorCode::Database,
                         ConflictMutators::tr("Could not read the conflict: %1").arg(q.lastError().text()));
        if (!q.next())
            return Error(ErrorCode::NotFound, ConflictMutators::tr("This conflict no longer exists."));
        const QString entity = q.value(0).toString();
        const QString entityId = q.value(1).toString();
        const QString field = q.value(2).toString();
        const QString theirs = q.value(3).toString();
        const bool resolved = q.value(4).toLongLong() != 0;
        q.finish();
        if (resolved)
            return {}; // a replay, or someone else resolved it first: nothing more to do

        if (action == QLatin1String("restore")) {
            if (Status s = restore(ctx, entity, entityId, field, theirs); !s)
                return s;
        }

        QSqlQuery u(ctx.db());
        u.prepare(QStringLiteral("UPDATE sync_conflicts SET resolved = 1, updated_at = ?, updated_by = ? WHERE id = ?"));
        u.addBindValue(ctx.nowMs());
        u.addBindValue(ctx.mutation().actor);
        u.addBindValue(id);
        if (!u.exec())
            return Error(ErrorCode::Database,
                         ConflictMutators::tr("Could not mark the conflict resolved: %1").arg(u.lastError().text()));
        ctx.recordChange(kEntity, id, EntityChange::Kind::Updated, QJsonObject{{QStringLiteral("resolved"), 0}},
                         QJsonObject{{QStringLiteral("resolved"), 1}});
        return {};
    }

private:
    // Through the entity's own update mutator: the same validation, SQL, change records and audit.
    static Status restore(MutationContext& ctx, const QString& entity, const QString& entityId, const QString& field,
                          const QString& theirs)
    {
        const std::optional<QJsonValue> value = parseValue(theirs);
        if (!value || value->isNull() || value->isUndefined())
            return invalid(ConflictMutators::tr("There is no earlier value of \"%1\" to restore; keep the current one.")
                               .arg(field));
        const MutationRegistry& registry = MutationRegistry::standard();
        const QString updateName = entity + QStringLiteral(".update");
        const int version = registry.latestVersion(updateName);
        const Mutator* update = version > 0 ? registry.find(updateName, version) : nullptr;
        if (!update)
            return invalid(ConflictMutators::tr("Values of this kind of record (%1) cannot be restored automatically; "
                                                "keep the current value and change the record by hand.")
                               .arg(entity));
        Mutation inner = ctx.mutation();
        inner.name = updateName;
        inner.version = version;
        inner.args = QJsonObject{{QStringLiteral("id"), entityId},
                                 {QStringLiteral("set"), QJsonObject{{field, *value}}}};
        MutationContext innerCtx(ctx.db(), inner, ctx.nowMs());
        if (Status s = update->apply(innerCtx); !s)
            return s;
        for (const auto& r : innerCtx.recorded())
            ctx.recordChange(r.entity, r.id, r.kind, r.before, r.after);
        return {};
    }
};

} // namespace

void registerConflictMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<ResolveConflict>());
}

} // namespace outpost
