#pragma once

#include "contacts/Contact.h"

#include <QSqlQuery>

namespace outpost::contactsql {

// The one way a contact row is inserted, with its derived search and order columns, shared by the
// create mutator and the bulk loader.
inline QString insertStatement()
{
    return QStringLiteral(
        "INSERT INTO contacts(id, first_name, last_name, email, phone, company, street, postal_code, city, "
        "country, notes, owner_id, sort_key, search_text, phone_search, created_at, updated_at, updated_by) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
}

inline void bindInsert(QSqlQuery& q, const Contact& c, qint64 createdAt, qint64 updatedAt, const QString& updatedBy)
{
    q.addBindValue(c.id);
    for (const QString& f : Contact::fieldNames())
        q.addBindValue(c.field(f));
    q.addBindValue(Contact::sortKeyFor(c.firstName, c.lastName, c.company, c.email));
    q.addBindValue(c.searchText());
    q.addBindValue(Contact::phoneSearchFor(c.phone));
    q.addBindValue(createdAt);
    q.addBindValue(updatedAt);
    q.addBindValue(updatedBy);
}

} // namespace outpost::contactsql
