#pragma once

#include "contacts/Contact.h"
#include "storage/SqlDialect.h"
#include "storage/SqlExec.h"
#include "util/Result.h"

#include <QHash>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace outpost::contactsql {

// The one way a contact row is inserted, with its derived search and order columns, shared by the
// create mutator, the bulk loader and sync. OR FAIL for the reason given at updateFor() below: without
// the full-text trigger (bulk loads, big sync pages) the insert then keeps no statement journal.
inline QString insertStatement()
{
    return QStringLiteral(
        "INSERT OR FAIL INTO contacts(id, first_name, last_name, email, phone, company, street, postal_code, city, "
        "country, notes, owner_id, company_id, other_emails, other_phones, other_addresses, tags, sort_key, "
        "search_text, phone_search, created_at, updated_at, updated_by) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
}

// The value a field is stored as: the company link is NULL when there is none.
QVariant columnValue(const QString& field, const QString& value);

// The values of insertStatement() that come from the contact itself, in order (all but the last three):
// computing them (the derived columns above all) needs no database, so a bulk load or an import's reader may
// do it on another thread than the one that writes.
inline QVariantList contactValues(const Contact& c)
{
    QVariantList values;
    values.reserve(23);
    values.append(c.id);
    for (const QString& f : Contact::fieldNames())
        values.append(columnValue(f, c.field(f)));
    values.append(sql::text(Contact::sortKeyFor(c.firstName, c.lastName, c.company, c.email)));
    values.append(sql::text(c.searchText()));
    values.append(sql::text(c.phoneSearch()));
    return values;
}

// The values insertStatement() binds, in order.
inline QVariantList insertValues(const Contact& c, qint64 createdAt, qint64 updatedAt, const QString& updatedBy)
{
    QVariantList values = contactValues(c);
    values.append(createdAt);
    values.append(updatedAt);
    values.append(sql::text(updatedBy));
    return values;
}

// Binds contactValues() and the bookkeeping columns.
inline void bindInsert(QSqlQuery& q, const QVariantList& contactValues, qint64 createdAt, qint64 updatedAt,
                       const QString& updatedBy)
{
    PositionalBinder b(q);
    for (const QVariant& v : contactValues)
        b << v;
    b << QVariant(createdAt) << QVariant(updatedAt) << sql::text(updatedBy);
}

inline void bindInsert(QSqlQuery& q, const Contact& c, qint64 createdAt, qint64 updatedAt, const QString& updatedBy)
{
    bindInsert(q, contactValues(c), createdAt, updatedAt, updatedBy);
}

// The column of each contact field, in Contact::fieldNames() order.
const QStringList& columnNames();

// The one way a contact row is updated: only the columns whose value changes, and the derived order and
// search columns only when their sources change. SQLite rewrites the entries of every index whose
// columns appear in SET, and the search-index triggers are part of the statement only when it sets the
// searchable columns, so a statement that sets unchanged names churns the name and search indexes.
// OR FAIL instead of the default ABORT: a one-row UPDATE has nothing of its own to undo when a constraint
// fails, and every caller rolls back its transaction or savepoint on failure; an ABORT statement inside a
// transaction keeps a statement journal, and SQLCipher encrypts each page copied into it.
struct RowUpdate
{
    QString sql;          // empty: nothing changes
    QVariantList values;  // the bound values, the contact id last
};
struct RowMeta
{
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;
};
// Without oldMeta (an edit), updated_at and updated_by are always set and created_at is left alone; with
// it (a row synced from the server), each is set only when it differs.
RowUpdate updateFor(const Contact& old, const Contact& next, const RowMeta& nextMeta, const RowMeta* oldMeta = nullptr);

// The one way a contact row is read back by id (mutators, merges, sync): its fields and metadata, or
// nothing when there is no such row. A failed query's error carries the database's message only; the
// caller says what it was doing.
struct StoredRow
{
    Contact contact;
    RowMeta meta;
};
Result<std::optional<StoredRow>> loadRow(QSqlDatabase& db, const QString& id);
// The rows of those of `ids` that exist, by id: a few hundred per statement (a many-contacts mutation).
Result<QHash<QString, StoredRow>> loadRows(QSqlDatabase& db, const QStringList& ids);

} // namespace outpost::contactsql
