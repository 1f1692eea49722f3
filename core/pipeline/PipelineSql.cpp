#include "pipeline/PipelineSql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost::pipelinesql {

Error Messages::database(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, tr("Could not read or save pipeline data: %1").arg(q.lastError().text()));
}

namespace {

PipelineStage readStage(const QSqlQuery& q)
{
    PipelineStage s;
    s.id = q.value(0).toString();
    s.pipelineId = q.value(1).toString();
    s.name = q.value(2).toString();
    s.position = q.value(3).toInt();
    s.probability = q.value(4).toInt();
    s.kind = PipelineStage::kindFromName(q.value(5).toString()).value_or(PipelineStage::Kind::Open);
    return s;
}

const char* const kStageColumns = "id, pipeline_id, name, position, probability, kind";

std::optional<qint64> optionalInt(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

} // namespace

QString dealColumns(const QString& prefix)
{
    static const QStringList columns = {
        QStringLiteral("id"),         QStringLiteral("title"),        QStringLiteral("pipeline_id"),
        QStringLiteral("stage_id"),   QStringLiteral("amount_minor"), QStringLiteral("currency"),
        QStringLiteral("expected_close_at"), QStringLiteral("owner_id"), QStringLiteral("contact_id"),
        QStringLiteral("company_id"), QStringLiteral("close_reason"), QStringLiteral("closed_at"),
        QStringLiteral("created_at"), QStringLiteral("updated_at"),   QStringLiteral("updated_by")};
    QStringList out;
    for (const QString& c : columns)
        out << prefix + c;
    return out.join(QStringLiteral(", "));
}

Deal readDeal(const QSqlQuery& q, int first)
{
    Deal d;
    d.id = q.value(first + 0).toString();
    d.title = q.value(first + 1).toString();
    d.pipelineId = q.value(first + 2).toString();
    d.stageId = q.value(first + 3).toString();
    d.amountMinor = q.value(first + 4).toLongLong();
    d.currency = q.value(first + 5).toString();
    d.expectedCloseAt = optionalInt(q.value(first + 6));
    d.ownerId = q.value(first + 7).toString();
    d.contactId = q.value(first + 8).toString();
    d.companyId = q.value(first + 9).toString();
    d.closeReason = q.value(first + 10).toString();
    d.closedAt = optionalInt(q.value(first + 11));
    d.createdAt = q.value(first + 12).toLongLong();
    d.updatedAt = q.value(first + 13).toLongLong();
    d.updatedBy = q.value(first + 14).toString();
    return d;
}

Result<std::optional<Pipeline>> loadPipeline(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, name, position FROM pipelines WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Messages::database(q);
    if (!q.next())
        return std::optional<Pipeline>();
    return std::optional<Pipeline>(Pipeline{q.value(0).toString(), q.value(1).toString(), q.value(2).toInt()});
}

Result<std::optional<PipelineStage>> loadStage(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM pipeline_stages WHERE id = ?").arg(QLatin1String(kStageColumns)));
    q.addBindValue(id);
    if (!q.exec())
        return Messages::database(q);
    if (!q.next())
        return std::optional<PipelineStage>();
    return std::optional<PipelineStage>(readStage(q));
}

Result<QList<PipelineStage>> stagesOf(QSqlDatabase& db, const QString& pipelineId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM pipeline_stages WHERE pipeline_id = ? ORDER BY position, id")
                  .arg(QLatin1String(kStageColumns)));
    q.addBindValue(pipelineId);
    if (!q.exec())
        return Messages::database(q);
    QList<PipelineStage> out;
    while (q.next())
        out.append(readStage(q));
    return out;
}

Result<std::optional<Deal>> loadDeal(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM deals WHERE id = ?").arg(dealColumns()));
    q.addBindValue(id);
    if (!q.exec())
        return Messages::database(q);
    if (!q.next())
        return std::optional<Deal>();
    return std::optional<Deal>(readDeal(q));
}

Result<qint64> dealCountInStage(QSqlDatabase& db, const QString& stageId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT count(*) FROM deals WHERE stage_id = ?"));
    q.addBindValue(stageId);
    if (!q.exec() || !q.next())
        return Messages::database(q);
    return q.value(0).toLongLong();
}

} // namespace outpost::pipelinesql
