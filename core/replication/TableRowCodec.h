#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>
#include <QList>

#include <vector>

namespace outpost {

// A codec for an entity stored as one plain row of one table: each listed column travels under its JSON
// name, and so do created_at, updated_at and updated_by (as createdAt, updatedAt, updatedBy). Writing updates
// the row in place (a local row id, if the table has one, stays) or inserts it. Used by pipelines, stages,
// deals, their stage history and tasks.
class TableRowCodec final : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(TableRowCodec)
public:
    enum class Type { Text, Integer, OptionalInteger };
    struct Column
    {
        QString json;
        QString sql;
        Type type = Type::Text;
    };

    TableRowCodec(QString entity, QString table, QList<Column> columns);

    QString entity() const override { return m_entity; }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;

    // The codecs of crm3's entities: pipeline, pipeline_stage, deal, deal_stage_change, task.
    static std::vector<std::unique_ptr<RowCodec>> pipelineAndTaskCodecs();

private:
    QString m_entity;
    QString m_table;
    QList<Column> m_columns; // including the bookkeeping ones
};

} // namespace outpost
