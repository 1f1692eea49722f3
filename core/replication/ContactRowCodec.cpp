#include "replication/ContactRowCodec.h"

#include "contacts/Contact.h"
#include "contacts/ContactSql.h"
#include "util/JsonNumber.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {
const QString kColumns = QStringLiteral("first_name, last_name, email, phone, company, street, postal_code, city, "
                                        "country, notes, owner_id, created_at, updated_at, updated_by");

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, ContactRowCodec::tr("Could not sync a contact: %1").arg(q.lastError().text()));
}
} // namespace

Result<std::optional<QJsonObject>> ContactRowCodec::read(QSqlDatabase& db, const QString& id) const
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM contacts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<QJsonObject>();
    QJsonObject row;
    const QStringList& names = Contact::fieldNames();
    for (int i = 0; i < names.size(); ++i)
        row.insert(names.at(i), q.value(i).toString());
    const int n = int(names.size());
    row.insert(QStringLiteral("createdAt"), q.value(n).toLongLong());
    row.insert(QStringLiteral("updatedAt"), q.value(n + 1).toLongLong());
    row.insert(QStringLiteral("updatedBy"), q.value(n + 2).toString());
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

    QSqlQuery current(db);
    current.setForwardOnly(true);
    current.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM contacts WHERE id = ?"));
    current.addBindValue(id);
    if (!current.exec())
        return dbError(current);
    if (!current.next()) {
        current.finish();
        QSqlQuery q(db);
        q.prepare(contactsql::insertStatement());
        contactsql::bindInsert(q, c, meta.createdAt, meta.updatedAt, meta.updatedBy);
        if (!q.exec())
            return dbError(q);
        return {};
    }
    Contact old;
    old.id = id;
    const QStringList& names = Contact::fieldNames();
    for (int i = 0; i < names.size(); ++i)
        old.setField(names.at(i), current.value(i).toString());
    const int n = int(names.size());
    const contactsql::RowMeta oldMeta{current.value(n).toLongLong(), current.value(n + 1).toLongLong(),
                                      current.value(n + 2).toString()};
    current.finish();

    // Only what differs: a device's own change coming back from the server usually differs only in
    // its server time stamp, and rewriting the whole row would churn every index of the table.
    const contactsql::RowUpdate u = contactsql::updateFor(old, c, meta, &oldMeta);
    if (u.sql.isEmpty())
        return {}; // already equal: leave the row and its index entries alone
    QSqlQuery q(db);
    q.prepare(u.sql);
    for (const QVariant& v : u.values)
        q.addBindValue(v);
    if (!q.exec())
        return dbError(q);
    return {};
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
