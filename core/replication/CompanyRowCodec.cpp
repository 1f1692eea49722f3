#include "replication/CompanyRowCodec.h"

#include "companies/CompanySql.h"
#include "customfields/CustomField.h"
#include "util/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

Error companyError(const QString& detail)
{
    return Error(ErrorCode::Database, CompanyRowCodec::tr("Could not sync a company: %1").arg(detail));
}

Error fieldError(const QString& detail)
{
    return Error(ErrorCode::Database, CustomFieldRowCodec::tr("Could not sync a custom field: %1").arg(detail));
}

Status exec(QSqlQuery& q, Error (*fail)(const QString&))
{
    if (!q.exec())
        return fail(q.lastError().text());
    return {};
}

} // namespace

Result<std::optional<QJsonObject>> CompanyRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    auto stored = companysql::loadRow(db, id);
    if (!stored)
        return companyError(stored.message());
    if (!stored->has_value())
        return std::optional<QJsonObject>();
    auto custom = CustomFields::valuesOf(db, id);
    if (!custom)
        return companyError(custom.message());
    QJsonObject row = stored->value().company.fieldsToJson();
    for (auto it = custom->begin(); it != custom->end(); ++it)
        row.insert(it.key(), it.value());
    row.insert(QStringLiteral("createdAt"), stored->value().meta.createdAt);
    row.insert(QStringLiteral("updatedAt"), stored->value().meta.updatedAt);
    row.insert(QStringLiteral("updatedBy"), stored->value().meta.updatedBy);
    return std::optional<QJsonObject>(row);
}

Status CompanyRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    Company c;
    c.id = id;
    for (const QString& f : Company::fieldNames())
        c.setField(f, row.value(f).toString());
    companysql::Meta meta;
    meta.createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt"))).value_or(0);
    meta.updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt"))).value_or(0);
    meta.updatedBy = row.value(QStringLiteral("updatedBy")).toString();
    auto stored = companysql::loadRow(db, id);
    if (!stored)
        return companyError(stored.message());
    Status s = stored->has_value()
                   ? companysql::update(db, stored->value().company, c, meta, &stored->value().meta)
                   : companysql::insert(db, c, meta);
    if (!s)
        return companyError(s.message());
    return CustomFields::replaceFromRow(db, entity(), id, row);
}

Status CompanyRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM companies WHERE id = ?"));
    q.addBindValue(id);
    return exec(q, companyError);
}

Result<std::optional<QJsonObject>> CustomFieldRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT entity, key, label, type, options, required, rules, position, retired, "
                             "created_at, updated_at, updated_by FROM custom_fields WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fieldError(q.lastError().text());
    if (!q.next())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(QJsonObject{
        {QStringLiteral("entity"), q.value(0).toString()},
        {QStringLiteral("key"), q.value(1).toString()},
        {QStringLiteral("label"), q.value(2).toString()},
        {QStringLiteral("type"), q.value(3).toString()},
        {QStringLiteral("options"), QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array()},
        {QStringLiteral("required"), q.value(5).toInt() != 0},
        {QStringLiteral("rules"), QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object()},
        {QStringLiteral("position"), q.value(7).toInt()},
        {QStringLiteral("retired"), q.value(8).toInt() != 0},
        {QStringLiteral("createdAt"), q.value(9).toLongLong()},
        {QStringLiteral("updatedAt"), q.value(10).toLongLong()},
        {QStringLiteral("updatedBy"), q.value(11).toString()},
    });
}

Status CustomFieldRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    auto createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt")));
    auto updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt")));
    const QString entity = row.value(QStringLiteral("entity")).toString();
    const QString key = row.value(QStringLiteral("key")).toString();
    if (entity.isEmpty() || key.isEmpty() || !createdAt || !updatedAt
        || !CustomField::typeFrom(row.value(QStringLiteral("type")).toString()))
        return Error(ErrorCode::InvalidArgument, tr("A custom field from the server is incomplete."));
    QSqlQuery del(db);
    del.prepare(QStringLiteral("DELETE FROM custom_fields WHERE id = ?"));
    del.addBindValue(id);
    if (Status s = exec(del, fieldError); !s)
        return s;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO custom_fields(id, entity, key, label, type, options, required, rules, "
                             "position, retired, created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(id);
    q.addBindValue(entity);
    q.addBindValue(key);
    q.addBindValue(row.value(QStringLiteral("label")).toString());
    q.addBindValue(row.value(QStringLiteral("type")).toString());
    q.addBindValue(QString::fromUtf8(QJsonDocument(row.value(QStringLiteral("options")).toArray()).toJson(QJsonDocument::Compact)));
    q.addBindValue(row.value(QStringLiteral("required")).toBool() ? 1 : 0);
    q.addBindValue(QString::fromUtf8(QJsonDocument(row.value(QStringLiteral("rules")).toObject()).toJson(QJsonDocument::Compact)));
    q.addBindValue(row.value(QStringLiteral("position")).toInt());
    q.addBindValue(row.value(QStringLiteral("retired")).toBool() ? 1 : 0);
    q.addBindValue(*createdAt);
    q.addBindValue(*updatedAt);
    q.addBindValue(row.value(QStringLiteral("updatedBy")).toString());
    return exec(q, fieldError);
}

Status CustomFieldRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM custom_fields WHERE id = ?"));
    q.addBindValue(id);
    return exec(q, fieldError);
}

} // namespace outpost
