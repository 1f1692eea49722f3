#include "replication/ActivityRowCodec.h"

#include "activities/Activity.h"
#include "util/JsonNumber.h"

namespace outpost {

namespace {
Error syncError(const Error& e)
{
    return Error(ErrorCode::Database, ActivityRowCodec::tr("Could not sync an activity: %1").arg(e.message));
}
} // namespace

Result<std::optional<QJsonObject>> ActivityRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    auto row = activitysql::load(db, id);
    if (!row)
        return syncError(row.error());
    if (!row->has_value())
        return std::optional<QJsonObject>();
    const StoredActivity& s = row->value();
    QJsonObject o = s.activity.fieldsToJson();
    o.insert(QStringLiteral("createdAt"), s.createdAt);
    o.insert(QStringLiteral("updatedAt"), s.updatedAt);
    o.insert(QStringLiteral("updatedBy"), s.updatedBy);
    return std::optional<QJsonObject>(o);
}

Status ActivityRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    Activity a;
    a.id = id;
    a.kind = row.value(QStringLiteral("kind")).toString();
    a.subjectType = row.value(QStringLiteral("subjectType")).toString();
    a.subjectId = row.value(QStringLiteral("subjectId")).toString();
    a.title = row.value(QStringLiteral("title")).toString();
    a.body = row.value(QStringLiteral("body")).toString();
    auto occurredAt = jsonWholeNumber(row.value(QStringLiteral("occurredAt")));
    auto createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt")));
    auto updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt")));
    if (a.kind.isEmpty() || a.subjectType.isEmpty() || a.subjectId.isEmpty() || !occurredAt || !createdAt
        || !updatedAt)
        return Error(ErrorCode::InvalidArgument, tr("An activity from the server is incomplete."));
    a.occurredAt = *occurredAt;
    a.deletedAt = jsonWholeNumber(row.value(QStringLiteral("deletedAt"))).value_or(0);
    if (Status s = activitysql::write(db, a, *createdAt, *updatedAt, row.value(QStringLiteral("updatedBy")).toString());
        !s)
        return syncError(s.error());
    return {};
}

Status ActivityRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    if (Status s = activitysql::remove(db, id); !s)
        return syncError(s.error());
    return {};
}

} // namespace outpost
