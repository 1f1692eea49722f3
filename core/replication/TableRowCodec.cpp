#include "replication/TableRowCodec.h"

#include "storage/SqlExec.h"
#include "util/JsonNumber.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace outpost {

namespace {
Error dbError(const QString& entity, const QSqlQuery& q)
{
    return Error(ErrorCode::Database, TableRowCodec::tr("Could not sync a record (%1): %2").arg(entity, q.lastError().text()));
}
} // namespace

TableRowCodec::TableRowCodec(QString entity, QString table, QList<Column> columns)
    : m_entity(std::move(entity)), m_table(std::move(table)), m_columns(std::move(columns))
{
    m_columns += {{QStringLiteral("createdAt"), QStringLiteral("created_at"), Type::Integer},
                  {QStringLiteral("updatedAt"), QStringLiteral("updated_at"), Type::Integer},
                  {QStringLiteral("updatedBy"), QStringLiteral("updated_by"), Type::Text}};
}

Result<std::optional<QJsonObject>> TableRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    QStringList names;
    for (const Column& c : m_columns)
        names << c.sql;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(names.join(QStringLiteral(", ")), m_table), {id}))
        return dbError(m_entity, q);
    if (!q.next())
        return std::optional<QJsonObject>();
    QJsonObject row;
    for (int i = 0; i < m_columns.size(); ++i) {
        const QVariant v = q.value(i);
        switch (m_columns[i].type) {
        case Type::Text:
            row.insert(m_columns[i].json, v.toString());
            break;
        case Type::Integer:
            row.insert(m_columns[i].json, double(v.toLongLong()));
            break;
        case Type::OptionalInteger:
            row.insert(m_columns[i].json, v.isNull() ? QJsonValue() : QJsonValue(double(v.toLongLong())));
            break;
        }
    }
    return std::optional<QJsonObject>(row);
}

Status TableRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    QVariantList values;
    QStringList names;
    for (const Column& c : m_columns) {
        const QJsonValue v = row.value(c.json);
        switch (c.type) {
        case Type::Text:
            if (!v.isString())
                return Error(ErrorCode::InvalidArgument, tr("A %1 from the server is incomplete (\"%2\").").arg(m_entity, c.json));
            values << v.toString();
            break;
        case Type::Integer: {
            const auto n = jsonWholeNumber(v);
            if (!n)
                return Error(ErrorCode::InvalidArgument, tr("A %1 from the server is incomplete (\"%2\").").arg(m_entity, c.json));
            values << *n;
            break;
        }
        case Type::OptionalInteger: {
            const auto n = jsonWholeNumber(v);
            if (!n && !v.isNull() && !v.isUndefined())
                return Error(ErrorCode::InvalidArgument, tr("A %1 from the server is incomplete (\"%2\").").arg(m_entity, c.json));
            values << nullableTime(n);
            break;
        }
        }
        names << c.sql;
    }
    QStringList sets;
    for (const QString& n : names)
        sets << n + QStringLiteral(" = ?");
    QSqlQuery q(db);
    if (!execBound(q, QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(m_table, sets.join(QStringLiteral(", "))),
                   values + QVariantList{id}))
        return dbError(m_entity, q);
    if (q.numRowsAffected() > 0)
        return {};
    if (!execBound(q,
                   QStringLiteral("INSERT INTO %1(id, %2) VALUES(?%3)")
                       .arg(m_table, names.join(QStringLiteral(", ")), QStringLiteral(",?").repeated(names.size())),
                   QVariantList{id} + values))
        return dbError(m_entity, q);
    return {};
}

Status TableRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    if (!execBound(q, QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(m_table), {id}))
        return dbError(m_entity, q);
    return {};
}

std::vector<std::unique_ptr<RowCodec>> TableRowCodec::pipelineAndTaskCodecs()
{
    using T = Type;
    std::vector<std::unique_ptr<RowCodec>> out;
    out.push_back(std::make_unique<TableRowCodec>(
        QStringLiteral("pipeline"), QStringLiteral("pipelines"),
        QList<Column>{{QStringLiteral("name"), QStringLiteral("name"), T::Text},
                      {QStringLiteral("position"), QStringLiteral("position"), T::Integer}}));
    out.push_back(std::make_unique<TableRowCodec>(
        QStringLiteral("pipeline_stage"), QStringLiteral("pipeline_stages"),
        QList<Column>{{QStringLiteral("pipelineId"), QStringLiteral("pipeline_id"), T::Text},
                      {QStringLiteral("name"), QStringLiteral("name"), T::Text},
                      {QStringLiteral("position"), QStringLiteral("position"), T::Integer},
                      {QStringLiteral("probability"), QStringLiteral("probability"), T::Integer},
                      {QStringLiteral("kind"), QStringLiteral("kind"), T::Text}}));
    out.push_back(std::make_unique<TableRowCodec>(
        QStringLiteral("deal"), QStringLiteral("deals"),
        QList<Column>{{QStringLiteral("title"), QStringLiteral("title"), T::Text},
                      {QStringLiteral("pipelineId"), QStringLiteral("pipeline_id"), T::Text},
                      {QStringLiteral("stageId"), QStringLiteral("stage_id"), T::Text},
                      {QStringLiteral("amountMinor"), QStringLiteral("amount_minor"), T::Integer},
                      {QStringLiteral("currency"), QStringLiteral("currency"), T::Text},
                      {QStringLiteral("expectedCloseAt"), QStringLiteral("expected_close_at"), T::OptionalInteger},
                      {QStringLiteral("ownerId"), QStringLiteral("owner_id"), T::Text},
                      {QStringLiteral("contactId"), QStringLiteral("contact_id"), T::Text},
                      {QStringLiteral("companyId"), QStringLiteral("company_id"), T::Text},
                      {QStringLiteral("closeReason"), QStringLiteral("close_reason"), T::Text},
                      {QStringLiteral("closedAt"), QStringLiteral("closed_at"), T::OptionalInteger}}));
    out.push_back(std::make_unique<TableRowCodec>(
        QStringLiteral("deal_stage_change"), QStringLiteral("deal_stage_changes"),
        QList<Column>{{QStringLiteral("dealId"), QStringLiteral("deal_id"), T::Text},
                      {QStringLiteral("fromStageId"), QStringLiteral("from_stage_id"), T::Text},
                      {QStringLiteral("toStageId"), QStringLiteral("to_stage_id"), T::Text},
                      {QStringLiteral("at"), QStringLiteral("at"), T::Integer},
                      {QStringLiteral("by"), QStringLiteral("by_user"), T::Text}}));
    out.push_back(std::make_unique<TableRowCodec>(
        QStringLiteral("task"), QStringLiteral("tasks"),
        QList<Column>{{QStringLiteral("title"), QStringLiteral("title"), T::Text},
                      {QStringLiteral("notes"), QStringLiteral("notes"), T::Text},
                      {QStringLiteral("dueAt"), QStringLiteral("due_at"), T::OptionalInteger},
                      {QStringLiteral("reminderAt"), QStringLiteral("reminder_at"), T::OptionalInteger},
                      {QStringLiteral("assigneeId"), QStringLiteral("assignee_id"), T::Text},
                      {QStringLiteral("createdBy"), QStringLiteral("created_by"), T::Text},
                      {QStringLiteral("contactId"), QStringLiteral("contact_id"), T::Text},
                      {QStringLiteral("dealId"), QStringLiteral("deal_id"), T::Text},
                      {QStringLiteral("doneAt"), QStringLiteral("done_at"), T::OptionalInteger}}));
    return out;
}

} // namespace outpost
