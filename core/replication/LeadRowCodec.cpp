#include "replication/LeadRowCodec.h"

#include "leads/Lead.h"
#include "leads/ScoringRule.h"
#include "util/JsonNumber.h"

namespace outpost {

namespace {
void addMeta(QJsonObject* o, qint64 createdAt, qint64 updatedAt, const QString& updatedBy)
{
    o->insert(QStringLiteral("createdAt"), createdAt);
    o->insert(QStringLiteral("updatedAt"), updatedAt);
    o->insert(QStringLiteral("updatedBy"), updatedBy);
}

struct Meta
{
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

std::optional<Meta> readMeta(const QJsonObject& row)
{
    auto createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt")));
    auto updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt")));
    if (!createdAt || !updatedAt)
        return std::nullopt;
    return Meta{*createdAt, *updatedAt};
}
} // namespace

Result<std::optional<QJsonObject>> LeadRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    auto row = leadsql::load(db, id);
    if (!row)
        return Error(ErrorCode::Database, tr("Could not sync a lead: %1").arg(row.message()));
    if (!row->has_value())
        return std::optional<QJsonObject>();
    QJsonObject o = row->value().lead.toJson();
    addMeta(&o, row->value().createdAt, row->value().updatedAt, row->value().updatedBy);
    return std::optional<QJsonObject>(o);
}

Status LeadRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    auto lead = Lead::fromJson(id, row);
    const auto meta = readMeta(row);
    if (!lead || !meta)
        return Error(ErrorCode::InvalidArgument, tr("A lead from the server is incomplete."));
    if (Status s = leadsql::write(db, lead.value(), meta->createdAt, meta->updatedAt,
                                  row.value(QStringLiteral("updatedBy")).toString());
        !s)
        return Error(ErrorCode::Database, tr("Could not sync a lead: %1").arg(s.message()));
    return {};
}

Status LeadRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    if (Status s = leadsql::remove(db, id); !s)
        return Error(ErrorCode::Database, tr("Could not sync a lead: %1").arg(s.message()));
    return {};
}

Result<std::optional<QJsonObject>> ScoringRuleRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    auto rule = scoringrulesql::load(db, id);
    auto meta = scoringrulesql::loadMeta(db, id);
    if (!rule || !meta)
        return Error(ErrorCode::Database,
                     tr("Could not sync a scoring rule: %1").arg(rule ? meta.message() : rule.message()));
    if (!rule->has_value() || !meta->has_value())
        return std::optional<QJsonObject>();
    QJsonObject o = rule->value().toJson();
    addMeta(&o, meta->value().createdAt, meta->value().updatedAt, meta->value().updatedBy);
    return std::optional<QJsonObject>(o);
}

Status ScoringRuleRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    const ScoringRule rule = ScoringRule::fromJson(id, row);
    const auto meta = readMeta(row);
    if (rule.kind.isEmpty() || !meta)
        return Error(ErrorCode::InvalidArgument, tr("A scoring rule from the server is incomplete."));
    if (Status s = scoringrulesql::write(db, rule, meta->createdAt, meta->updatedAt,
                                         row.value(QStringLiteral("updatedBy")).toString());
        !s)
        return Error(ErrorCode::Database, tr("Could not sync a scoring rule: %1").arg(s.message()));
    return {};
}

Status ScoringRuleRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    if (Status s = scoringrulesql::remove(db, id); !s)
        return Error(ErrorCode::Database, tr("Could not sync a scoring rule: %1").arg(s.message()));
    return {};
}

} // namespace outpost
