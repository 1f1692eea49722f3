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
    const qint64 createdAt = jsonWholeNumber(row.value(QStringLiteral("createdAt"))).value_or(0);
    const qint64 updatedAt = jsonWholeNumber(row.value(QStringLiteral("updatedAt"))).value_or(0);
    const QString updatedBy = row.value(QStringLiteral("updatedBy")).toString();

    auto existing = read(db, id);
    if (!existing)
        return existing.error();
    if (!existing.value()) {
        QSqlQuery q(db);
        q.prepare(contactsql::insertStatement());
        contactsql::bindInsert(q, c, createdAt, updatedAt, updatedBy);
        if (!q.exec())
            return dbError(q);
        return {};
    }
    if (*existing.value() == row)
        return {}; // already equal: leave the row and its index entries alone
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE contacts SET first_name = ?, last_name = ?, email = ?, phone = ?, company = ?, "
                             "street = ?, postal_code = ?, city = ?, country = ?, notes = ?, owner_id = ?, "
                             "sort_key = ?, search_text = ?, phone_search = ?, created_at = ?, updated_at = ?, "
                             "updated_by = ? WHERE id = ?"));
    for (const QString& f : Contact::fieldNames())
        q.addBindValue(c.field(f));
    q.addBindValue(Contact::sortKeyFor(c.firstName, c.lastName, c.company, c.email));
    q.addBindValue(c.searchText());
    q.addBindValue(Contact::phoneSearchFor(c.phone));
    q.addBindValue(createdAt);
    q.addBindValue(updatedAt);
    q.addBindValue(updatedBy);
    q.addBindValue(id);
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
