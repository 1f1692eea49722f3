#include "replication/SegmentRowCodec.h"

#include "segments/SegmentMutators.h"
#include "util/JsonNumber.h"

namespace outpost {

Result<std::optional<QJsonObject>> SegmentRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    auto s = Segments::find(db, id);
    if (!s)
        return s.error();
    if (!s->has_value())
        return std::optional<QJsonObject>();
    const Segment& seg = s->value();
    return std::optional<QJsonObject>(QJsonObject{{QStringLiteral("name"), seg.name},
                                                  {QStringLiteral("definition"), seg.definition},
                                                  {QStringLiteral("createdAt"), double(seg.createdAt)},
                                                  {QStringLiteral("updatedAt"), double(seg.updatedAt)},
                                                  {QStringLiteral("updatedBy"), seg.updatedBy}});
}

Status SegmentRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    Segment s;
    s.id = id;
    s.name = row.value(QStringLiteral("name")).toString();
    s.definition = row.value(QStringLiteral("definition")).toObject();
    s.updatedBy = row.value(QStringLiteral("updatedBy")).toString();
    auto createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt")));
    auto updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt")));
    if (s.name.isEmpty() || !row.value(QStringLiteral("definition")).isObject() || !createdAt || !updatedAt)
        return Error(ErrorCode::InvalidArgument, tr("A segment from the server is incomplete."));
    s.createdAt = *createdAt;
    s.updatedAt = *updatedAt;
    return Segments::write(db, s);
}

Status SegmentRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    return Segments::remove(db, id);
}

} // namespace outpost
