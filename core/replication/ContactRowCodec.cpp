#include "replication/ContactRowCodec.h"

#include "contacts/Contact.h"
#include "contacts/ContactSql.h"
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
        q.prepare(contactsql::insertStatement());
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
        q.prepare(u.sql);
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

} // namespace outpost
