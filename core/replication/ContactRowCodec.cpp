#include "replication/ContactRowCodec.h"

#include "contacts/Contact.h"
#include "contacts/ContactBulkLoader.h"
#include "contacts/ContactSql.h"
#include "storage/SqlDialect.h"
#include "customfields/CustomField.h"
#include "util/JsonNumber.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, ContactRowCodec::tr("Could not sync a contact: %1").arg(q.lastError().text()));
}
} // namespace

Result<std::optional<QJsonObject>> ContactRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    auto stored = contactsql::loadRow(db, id);
    if (!stored)
        return Error(ErrorCode::Database, tr("Could not sync a contact: %1").arg(stored.message()));
    if (!stored->has_value())
        return std::optional<QJsonObject>();
    const contactsql::StoredRow& r = stored->value();
    QJsonObject row;
    for (const QString& f : Contact::fieldNames())
        row.insert(f, r.contact.field(f));
    auto custom = CustomFields::valuesOf(db, id);
    if (!custom)
        return Error(ErrorCode::Database, tr("Could not sync a contact: %1").arg(custom.message()));
    for (auto it = custom->begin(); it != custom->end(); ++it)
        row.insert(it.key(), it.value());
    row.insert(QStringLiteral("createdAt"), r.meta.createdAt);
    row.insert(QStringLiteral("updatedAt"), r.meta.updatedAt);
    row.insert(QStringLiteral("updatedBy"), r.meta.updatedBy);
    return std::optional<QJsonObject>(row);
}

Status ContactRowCodec::write(QSqlDatabase& db, const QString& id, const QJsonObject& row) const
{
    Contact c;
    c.id = id;
    for (const QString& f : Contact::fieldNames())
        c.setField(f, row.value(f).toString());
    contactsql::RowMeta meta;
    meta.createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt"))).value_or(0);
    meta.updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt"))).value_or(0);
    meta.updatedBy = row.value(QStringLiteral("updatedBy")).toString();

    auto stored = contactsql::loadRow(db, id);
    if (!stored)
        return Error(ErrorCode::Database, tr("Could not sync a contact: %1").arg(stored.message()));
    if (!stored->has_value()) {
        QSqlQuery q(db);
        q.prepare(sql::forDialect(db, contactsql::insertStatement()));
        contactsql::bindInsert(q, c, meta.createdAt, meta.updatedAt, meta.updatedBy);
        if (!q.exec())
            return dbError(q);
        return CustomFields::replaceFromRow(db, entity(), id, row);
    }
    // Only what differs: a device's own change coming back from the server usually differs only in
    // its server time stamp, and rewriting the whole row would churn every index of the table.
    const contactsql::RowUpdate u = contactsql::updateFor(stored->value().contact, c, meta, &stored->value().meta);
    if (!u.sql.isEmpty()) { // else already equal: leave the row and its index entries alone
        QSqlQuery q(db);
        q.prepare(sql::forDialect(db, u.sql));
        for (const QVariant& v : u.values)
            q.addBindValue(v);
        if (!q.exec())
            return dbError(q);
    }
    return CustomFields::replaceFromRow(db, entity(), id, row);
}

Status ContactRowCodec::remove(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM contacts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return {};
}

Status ContactRowCodec::bulkBegin(QSqlDatabase& db) const
{
    return ContactBulkLoader::dropIndexes(db);
}

Status ContactRowCodec::bulkInsert(QSqlDatabase& db, const SnapshotBlock& block) const
{
    // Where each field, and the row's metadata, sits in the block's rows (-1: not sent).
    const QStringList& fields = Contact::fieldNames();
    QList<qsizetype> fieldAt;
    for (const QString& f : fields)
        fieldAt.append(block.columns.indexOf(f));
    const qsizetype createdAt = block.columns.indexOf(QStringLiteral("createdAt"));
    const qsizetype updatedAt = block.columns.indexOf(QStringLiteral("updatedAt"));
    const qsizetype updatedBy = block.columns.indexOf(QStringLiteral("updatedBy"));
    auto value = [](const QJsonArray& row, qsizetype column) { return column < 0 ? QJsonValue() : row.at(column + 1); };

    QSqlQuery q(db);
    if (!q.prepare(contactsql::insertStatement()))
        return dbError(q);
    for (const QJsonArray& row : block.rows) {
        Contact c;
        c.id = row.at(0).toString();
        for (qsizetype i = 0; i < fields.size(); ++i)
            c.setField(fields.at(i), value(row, fieldAt.at(i)).toString());
        contactsql::bindInsert(q, c, jsonWholeNumber(value(row, createdAt)).value_or(0),
                               jsonWholeNumber(value(row, updatedAt)).value_or(0), value(row, updatedBy).toString());
        if (!q.exec())
            return dbError(q);
    }
    return {};
}

Status ContactRowCodec::bulkEnd(QSqlDatabase& db) const
{
    return ContactBulkLoader::restoreIndexes(db);
}

} // namespace outpost
