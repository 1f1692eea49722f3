#pragma once

#include "replication/RowCodec.h"

#include <QCoreApplication>
#include <QList>

#include <vector>

class QSqlQuery;

namespace outpost {

// A codec for an entity stored as one row of one table keyed by `id`: each listed column travels under its
// JSON name, and so do created_at, updated_at and updated_by (as createdAt, updatedAt, updatedBy). Writing
// updates the row in place (a local row id, if the table has one, stays) or inserts it. Used as it is by
// pipelines, stages, deals, their stage history and tasks; commerce's codecs (CommerceRowCodecs) add hooks
// for what is not one column: references by local row id, an order's lines.
class TableRowCodec : public RowCodec
{
    Q_DECLARE_TR_FUNCTIONS(TableRowCodec)
public:
    enum class Type { Text, Integer, OptionalInteger, Bool, Json };
    struct Column
    {
        QString json;
        QString sql;
        Type type = Type::Text;
    };
    // Strict: a row with a field missing or of the wrong type is refused. Lenient: such a field is written as
    // its type's empty value ("", 0, NULL, false, {}).
    enum class Fields { Strict, Lenient };

    TableRowCodec(QString entity, QString table, QList<Column> columns, Fields fields = Fields::Strict);

    QString entity() const override { return m_entity; }
    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override;
    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override;
    Status remove(QSqlDatabase& db, const QString& id) const override;

    // The codecs of crm3's entities: pipeline, pipeline_stage, deal, deal_stage_change, task.
    static std::vector<std::unique_ptr<RowCodec>> pipelineAndTaskCodecs();

protected:
    // Turns wire references (ids) into local columns before the write, e.g. distributorId → distributorRid.
    virtual Status resolveReferences(QSqlDatabase&, QJsonObject*) const { return {}; }
    // What the row's columns do not hold: added to a row read, written after the row, removed before it.
    virtual Status readExtra(QSqlDatabase&, const QString&, QJsonObject*) const { return {}; }
    virtual Status writeExtra(QSqlDatabase&, const QString&, const QJsonObject&) const { return {}; }
    virtual Status removeExtra(QSqlDatabase&, const QString&) const { return {}; }

    // The local row id of the row of `table` with UUID `id`; `what` names it in the error.
    Result<qint64> ridOf(QSqlDatabase& db, const QString& table, const QString& id, const QString& what) const;
    Error dbError(const QSqlQuery& q) const;

private:
    Result<QVariant> toSql(const Column& column, const QJsonValue& value) const;

    QString m_entity;
    QString m_table;
    QList<Column> m_columns; // including the bookkeeping ones
    Fields m_fields;
};

} // namespace outpost
