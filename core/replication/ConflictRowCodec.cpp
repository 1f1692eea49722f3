#include "replication/ConflictRowCodec.h"

#include "storage/SqlExec.h"
#include "util/JsonNumber.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace outpost {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, ConflictRowCodec::tr("Could not sync a conflict record: %1").arg(q.lastError().text()));
}

bool isInteger(const QString& column)
{
    return column == QLatin1String("at") || column == QLatin1String("resolved") || column == QLatin1String("updated_at");
}
} // namespace

const QList<std::pair<QString, QString>>& ConflictRowCodec::columns()
{
    static const QList<std::pair<QString, QString>> list = {
        {QStringLiteral("entity"), QStringLiteral("entity")},
        {QStringLiteral("entityId"), QStringLiteral("entity_id")},
        {QStringLiteral("field"), QStringLiteral("field")},
        {QStringLiteral("mine"), QStringLiteral("mine")},
        {QStringLiteral("theirs"), QStringLiteral("theirs")},
        {QStringLiteral("base"), QStringLiteral("base")},
        {QStringLiteral("winner"), QStringLiteral("winner")},
        {QStringLiteral("loser"), QStringLiteral("loser")},
        {QStringLiteral("mutationId"), QStringLiteral("mutation_id")},
        {QStringLiteral("at"), QStringLiteral("at")},
        {QStringLiteral("resolved"), QStringLiteral("resolved")},
        {QStringLiteral("updatedAt"), QStringLiteral("updated_at")},
        {QStringLiteral("updatedBy"), QStringLiteral("updated_by")},
    };
    return list;
}

Result<std::optional<QJsonObject>> ConflictRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    QStringList cols;
    for (const auto& c : columns())
        cols << c.second;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + cols.join(QStringLiteral(", ")) + QStringLiteral(" FROM sync_conflicts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<QJsonObject>();
    QJsonObject row;
    for (int i = 0; i < columns().size(); ++i) {
        const auto& c = columns().at(i);
        if (isInteger(c.second))
            row.insert(c.first, q.value(i).toLongLong());
        else
            row.insert(c.first, q.value(i).isNull() ? QJsonValue() : QJsonValue(q.value(i).toString()));
    }
    return std::optional<QJsonObject>(row);
}

Status ConflictRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    if (Status s = remove(db, id); !s)
        return s;
    QStringList cols{QStringLiteral("id")};
    for (const auto& c : columns())
        cols << c.second;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO sync_conflicts(") + cols.join(QStringLiteral(", ")) + QStringLiteral(") VALUES(")
              + placeholders(cols.size()) + QLatin1Char(')'));
    q.addBindValue(id);
    for (const auto& c : columns()) {
        const QJsonValue v = row.value(c.first);
        if (isInteger(c.second))
            q.addBindValue(jsonWholeNumber(v).value_or(0));
        else
            q.addBindValue(v.isNull() || v.isUndefined() ? QVariant() : QVariant(v.toString()));
    }
    if (!q.exec())
        return dbError(q);
    return {};
}

Status ConflictRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM sync_conflicts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return {};
}

} // namespace outpost
