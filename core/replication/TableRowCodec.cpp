#include "replication/TableRowCodec.h"

#include "storage/SqlExec.h"
#include "util/JsonNumber.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace outpost {

TableRowCodec::TableRowCodec(QString entity, QString table, QList<Column> columns, Fields fields)
    : m_entity(std::move(entity)), m_table(std::move(table)), m_columns(std::move(columns)), m_fields(fields)
{
    m_columns += {{QStringLiteral("createdAt"), QStringLiteral("created_at"), Type::Integer},
                  {QStringLiteral("updatedAt"), QStringLiteral("updated_at"), Type::Integer},
                  {QStringLiteral("updatedBy"), QStringLiteral("updated_by"), Type::Text}};
}

Error TableRowCodec::dbError(const QSqlQuery& q) const
{
    return Error(ErrorCode::Database, tr("Could not sync a record (%1): %2").arg(m_entity, q.lastError().text()));
}

Result<std::optional<QJsonObject>> TableRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    QStringList names;
    for (const Column& c : m_columns)
        names << c.sql;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(names.join(QStringLiteral(", ")), m_table), {id}))
        return dbError(q);
    if (!q.next())
        return std::optional<QJsonObject>();
    QJsonObject row;
    for (int i = 0; i < m_columns.size(); ++i) {
        const QVariant v = q.value(i);
        QJsonValue json;
        switch (m_columns[i].type) {
        case Type::Text:
            json = v.toString();
            break;
        case Type::Integer:
            json = double(v.toLongLong());
            break;
        case Type::OptionalInteger:
            json = v.isNull() ? QJsonValue() : QJsonValue(double(v.toLongLong()));
            break;
        case Type::Bool:
            json = v.toLongLong() != 0;
            break;
        case Type::Json:
            json = QJsonDocument::fromJson(v.toByteArray()).object();
            break;
        }
        row.insert(m_columns[i].json, json);
    }
    q.finish();
    if (Status s = readExtra(db, id, &row); !s)
        return s.error();
    return std::optional<QJsonObject>(row);
}

Result<QVariant> TableRowCodec::toSql(const Column& c, const QJsonValue& v) const
{
    const bool lenient = m_fields == Fields::Lenient;
    switch (c.type) {
    case Type::Text:
        if (v.isString() || lenient)
            return QVariant(v.toString());
        break;
    case Type::Integer:
        if (const auto n = jsonWholeNumber(v))
            return QVariant(*n);
        if (lenient)
            return QVariant(qint64(0));
        break;
    case Type::OptionalInteger: {
        const auto n = jsonWholeNumber(v);
        if (n || v.isNull() || v.isUndefined() || lenient)
            return nullableTime(n);
        break;
    }
    case Type::Bool:
        if (v.isBool() || lenient)
            return QVariant(v.toBool() ? 1 : 0);
        break;
    case Type::Json:
        if (v.isObject() || lenient)
            return QVariant(QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)));
        break;
    }
    return Error(ErrorCode::InvalidArgument, tr("A %1 from the server is incomplete (\"%2\").").arg(m_entity, c.json));
}

Status TableRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& given) const
{
    QJsonObject row = given;
    if (Status s = resolveReferences(db, &row); !s)
        return s;
    QVariantList values;
    QStringList names;
    for (const Column& c : m_columns) {
        auto value = toSql(c, row.value(c.json));
        if (!value)
            return value.error();
        values << value.value();
        names << c.sql;
    }
    QStringList sets;
    for (const QString& n : names)
        sets << n + QStringLiteral(" = ?");
    QSqlQuery q(db);
    if (!execBound(q, QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(m_table, sets.join(QStringLiteral(", "))),
                   values + QVariantList{id}))
        return dbError(q);
    if (q.numRowsAffected() <= 0
        && !execBound(q,
                      QStringLiteral("INSERT INTO %1(id, %2) VALUES(%3)")
                          .arg(m_table, names.join(QStringLiteral(", ")), placeholders(names.size() + 1)),
                      QVariantList{id} + values))
        return dbError(q);
    return writeExtra(db, id, row);
}

Status TableRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    if (Status s = removeExtra(db, id); !s)
        return s;
    QSqlQuery q(db);
    if (!execBound(q, QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(m_table), {id}))
        return dbError(q);
    return {};
}

Result<qint64> TableRowCodec::ridOf(QSqlDatabase& db, const QString& table, const QString& id, const QString& what) const
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT rid FROM %1 WHERE id = ?").arg(table), {id}))
        return dbError(q);
    if (!q.next())
        return Error(ErrorCode::NotFound, tr("A synced %1 refers to a %2 this device does not have yet.").arg(m_entity, what));
    return q.value(0).toLongLong();
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
