#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>

namespace outpost {

// Leads on the wire: Lead::toJson() plus createdAt, updatedAt, updatedBy. Their scores do not travel: each
// device computes them (LeadScores).
class LeadRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(LeadRowCodec)
public:
    QString entity() const override { return QStringLiteral("lead"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
};

// Scoring rules on the wire: ScoringRule::toJson() plus createdAt, updatedAt, updatedBy.
class ScoringRuleRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(ScoringRuleRowCodec)
public:
    QString entity() const override { return QStringLiteral("scoring_rule"); }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;
};

} // namespace outpost
