#include "activities/ActivityMutators.h"
#include "mutations/ArgReader.h"

#include "activities/Activity.h"
#include "mutations/MutationRegistry.h"
#include "util/JsonNumber.h"
#include "util/Uuid.h"

namespace outpost {

namespace {

const QString kEntity = QStringLiteral("activity");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

Error saveError(const Error& e)
{
    return Error(ErrorCode::Database, ActivityValidation::tr("Could not save the activity: %1").arg(e.message));
}

Result<QString> requireId(const QJsonObject& args)
{
    const QString id = args.value(QStringLiteral("id")).toString();
    if (!isUuid(id))
        return invalid(ActivityValidation::tr("The activity id is missing or malformed."));
    return id;
}

// Sets the fields present in `o` on `a`; each must have the right type.
Status readFields(const QJsonObject& o, bool withSubject, Activity* a)
{
    auto text = [&](const char* key, QString* out) -> Status {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return {};
        if (!v.isString())
            return invalid(ActivityValidation::tr("\"%1\" must be text.").arg(QLatin1String(key)));
        *out = v.toString();
        return {};
    };
    for (auto it = o.begin(); it != o.end(); ++it) {
        static const QStringList known = {QStringLiteral("id"),        QStringLiteral("kind"),
                                          QStringLiteral("subjectType"), QStringLiteral("subjectId"),
                                          QStringLiteral("occurredAt"), QStringLiteral("title"),
                                          QStringLiteral("body")};
        if (!known.contains(it.key()))
            return invalid(ActivityValidation::tr("Activities have no field \"%1\".").arg(it.key()));
        if (!withSubject && (it.key() == QLatin1String("subjectType") || it.key() == QLatin1String("subjectId")))
            return invalid(ActivityValidation::tr("An activity's subject cannot be changed; delete it and log it "
                                                  "again."));
    }
    if (Status s = text("kind", &a->kind); !s)
        return s;
    if (withSubject) {
        if (Status s = text("subjectType", &a->subjectType); !s)
            return s;
        if (Status s = text("subjectId", &a->subjectId); !s)
            return s;
    }
    if (Status s = text("title", &a->title); !s)
        return s;
    if (Status s = text("body", &a->body); !s)
        return s;
    a->title = a->title.trimmed();
    const QJsonValue at = o.value(QStringLiteral("occurredAt"));
    if (!at.isUndefined()) {
        auto ms = jsonWholeNumber(at);
        if (!ms)
            return invalid(ActivityValidation::tr("\"occurredAt\" must be a time in UTC milliseconds."));
        a->occurredAt = *ms;
    }
    return {};
}

// Records the fields that differ between `before` and `after` (the audit's before/after).
void diff(const Activity& before, const Activity& after, QJsonObject* b, QJsonObject* a)
{
    changedFields(before.fieldsToJson(), after.fieldsToJson(), b, a);
}

Status save(MutationContext& ctx, const Activity& next, const std::optional<StoredActivity>& existing)
{
    if (const QString problem = ActivityValidation::problemWith(next); !problem.isEmpty())
        return invalid(problem);
    QJsonObject before, after;
    if (existing) {
        diff(existing->activity, next, &before, &after);
        if (after.isEmpty())
            return {}; // a replay of what is already there
    } else {
        after = next.fieldsToJson();
    }
    const qint64 createdAt = existing ? existing->createdAt : ctx.nowMs();
    if (Status s = activitysql::write(ctx.db(), next, createdAt, ctx.nowMs(), ctx.mutation().actor); !s)
        return saveError(s.error());
    ctx.recordChange(kEntity, next.id, existing ? EntityChange::Kind::Updated : EntityChange::Kind::Created, before,
                     after);
    return {};
}

Result<std::optional<StoredActivity>> loadActivity(MutationContext& ctx, const QString& id)
{
    auto row = activitysql::load(ctx.db(), id);
    if (!row)
        return saveError(row.error());
    return row;
}

class LogActivity final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("activity.log"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        Activity a;
        a.id = id.value();
        if (Status s = readFields(ctx.args(), true, &a); !s)
            return s;
        auto existing = loadActivity(ctx, a.id);
        if (!existing)
            return existing.error();
        if (existing.value() && (existing.value()->activity.subjectType != a.subjectType
                                 || existing.value()->activity.subjectId != a.subjectId))
            return Error(ErrorCode::AlreadyExists,
                         ActivityValidation::tr("Another activity already has this id."));
        if (existing.value() && existing.value()->activity.deletedAt > 0)
            return {}; // a replay of a log whose activity was deleted since: it stays deleted
        return save(ctx, a, existing.value());
    }
};

class UpdateActivity final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("activity.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        const QJsonValue set = ctx.args().value(QStringLiteral("set"));
        if (!set.isObject() || set.toObject().isEmpty())
            return invalid(ActivityValidation::tr("Nothing to change: \"set\" must name the fields to change."));
        auto existing = loadActivity(ctx, id.value());
        if (!existing)
            return existing.error();
        if (!existing.value() || existing.value()->activity.deletedAt > 0)
            return Error(ErrorCode::NotFound, ActivityValidation::tr("This activity no longer exists; it may have "
                                                                     "been deleted on another device."));
        Activity next = existing.value()->activity;
        if (Status s = readFields(set.toObject(), false, &next); !s)
            return s;
        return save(ctx, next, existing.value());
    }
};

class DeleteActivity final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("activity.delete"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        auto existing = loadActivity(ctx, id.value());
        if (!existing)
            return existing.error();
        if (!existing.value() || existing.value()->activity.deletedAt > 0)
            return {}; // already gone
        Activity next = existing.value()->activity;
        next.title.clear();
        next.body.clear();
        next.deletedAt = ctx.nowMs();
        return save(ctx, next, existing.value());
    }
};

} // namespace

void registerActivityMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<LogActivity>());
    registry.add(std::make_unique<UpdateActivity>());
    registry.add(std::make_unique<DeleteActivity>());
}

} // namespace outpost
