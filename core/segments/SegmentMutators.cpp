#include "segments/SegmentMutators.h"
#include "storage/SqlDialect.h"

#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "segments/SegmentFilter.h"
#include "util/Uuid.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

const QString kEntity = QStringLiteral("segment");

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, Segments::tr("Could not save the segment: %1").arg(q.lastError().text()));
}

Segment segmentFrom(const QSqlQuery& q)
{
    Segment s;
    s.id = q.value(0).toString();
    s.name = q.value(1).toString();
    s.definition = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    s.createdAt = q.value(3).toLongLong();
    s.updatedAt = q.value(4).toLongLong();
    s.updatedBy = q.value(5).toString();
    return s;
}

const QString kColumns = QStringLiteral("id, name, definition, created_at, updated_at, updated_by");

class SaveSegment final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("segment.save"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        Segment s;
        s.id = ctx.args().value(QStringLiteral("id")).toString();
        s.name = ctx.args().value(QStringLiteral("name")).toString().trimmed();
        if (!isUuid(s.id))
            return Error(ErrorCode::InvalidArgument, Segments::tr("The segment id is missing or malformed."));
        if (s.name.isEmpty() || s.name.size() > 200)
            return Error(ErrorCode::InvalidArgument, Segments::tr("A segment needs a name (at most 200 characters)."));
        const QJsonValue definition = ctx.args().value(QStringLiteral("definition"));
        if (!definition.isObject())
            return Error(ErrorCode::InvalidArgument, Segments::tr("The segment's filter is missing."));
        s.definition = definition.toObject();
        auto fields = SegmentFields::forDatabase(ctx.db());
        if (!fields)
            return fields.error();
        if (auto compiled = SegmentFilter::compile(s.definition, ctx.nowMs(), fields.value()); !compiled)
            return Error(ErrorCode::InvalidArgument, Segments::tr("The segment's filter is not valid: %1").arg(compiled.message()));
        auto old = Segments::find(ctx.db(), s.id);
        if (!old)
            return old.error();
        const QJsonObject after{{QStringLiteral("name"), s.name}, {QStringLiteral("definition"), s.definition}};
        QJsonObject before;
        if (old->has_value()) {
            const Segment& o = old->value();
            if (o.name == s.name && o.definition == s.definition)
                return {}; // a replay
            before = QJsonObject{{QStringLiteral("name"), o.name}, {QStringLiteral("definition"), o.definition}};
            s.createdAt = o.createdAt;
        } else {
            s.createdAt = ctx.nowMs();
        }
        s.updatedAt = ctx.nowMs();
        s.updatedBy = ctx.mutation().actor;
        if (Status st = Segments::write(ctx.db(), s); !st)
            return st;
        ctx.recordChange(kEntity, s.id, old->has_value() ? EntityChange::Kind::Updated : EntityChange::Kind::Created,
                         before, after);
        return {};
    }
};

class DeleteSegment final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("segment.delete"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        const QString id = ctx.args().value(QStringLiteral("id")).toString();
        if (!isUuid(id))
            return Error(ErrorCode::InvalidArgument, Segments::tr("The segment id is missing or malformed."));
        auto old = Segments::find(ctx.db(), id);
        if (!old)
            return old.error();
        if (!old->has_value())
            return {};
        if (Status s = Segments::remove(ctx.db(), id); !s)
            return s;
        ctx.recordChange(kEntity, id, EntityChange::Kind::Deleted,
                         QJsonObject{{QStringLiteral("name"), old->value().name},
                                     {QStringLiteral("definition"), old->value().definition}},
                         {});
        return {};
    }
};

} // namespace

void registerSegmentMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<SaveSegment>());
    registry.add(std::make_unique<DeleteSegment>());
}

Result<QList<Segment>> Segments::list(QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM segments ORDER BY name COLLATE NOCASE, id").arg(kColumns)))
        return Error(ErrorCode::Database, tr("Could not read the segments: %1").arg(q.lastError().text()));
    QList<Segment> out;
    while (q.next())
        out.append(segmentFrom(q));
    return out;
}

Result<std::optional<Segment>> Segments::find(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM segments WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the segments: %1").arg(q.lastError().text()));
    if (!q.next())
        return std::optional<Segment>();
    return std::optional<Segment>(segmentFrom(q));
}

Status Segments::write(QSqlDatabase& db, const Segment& s)
{
    // Delete, then insert: INSERT OR REPLACE is SQLite's (the same two statements run on PostgreSQL).
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM segments WHERE id = ?"));
    q.addBindValue(s.id);
    if (!q.exec())
        return dbError(q);
    q.prepare(QStringLiteral("INSERT INTO segments(%1) VALUES(?,?,?,?,?,?)").arg(kColumns));
    q.addBindValue(s.id);
    q.addBindValue(sql::text(s.name));
    q.addBindValue(QString::fromUtf8(QJsonDocument(s.definition).toJson(QJsonDocument::Compact)));
    q.addBindValue(s.createdAt);
    q.addBindValue(s.updatedAt);
    q.addBindValue(s.updatedBy);
    if (!q.exec())
        return dbError(q);
    return {};
}

Status Segments::remove(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM segments WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return {};
}

} // namespace outpost
