#include "contacts/ContactSql.h"

#include <QSqlError>

namespace outpost::contactsql {

const QStringList& columnNames()
{
    static const QStringList names = {
        QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email"),
        QStringLiteral("phone"),      QStringLiteral("company"),   QStringLiteral("street"),
        QStringLiteral("postal_code"), QStringLiteral("city"),     QStringLiteral("country"),
        QStringLiteral("notes"),      QStringLiteral("owner_id"),  QStringLiteral("company_id"),
        QStringLiteral("other_emails"), QStringLiteral("other_phones"), QStringLiteral("other_addresses"),
        QStringLiteral("tags"),
    };
    Q_ASSERT(names.size() == Contact::fieldNames().size());
    return names;
}

QVariant columnValue(const QString& field, const QString& value)
{
    if (value.isEmpty() && field == QLatin1String("companyId"))
        return QVariant(QMetaType::fromType<QString>());
    return sql::text(value);
}

RowUpdate updateFor(const Contact& old, const Contact& next, const RowMeta& nextMeta, const RowMeta* oldMeta)
{
    QStringList sets;
    RowUpdate u;
    auto set = [&](const QString& column, const QVariant& value) {
        sets << column + QStringLiteral(" = ?");
        u.values << value;
    };
    const QStringList& fields = Contact::fieldNames();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (old.field(fields.at(i)) != next.field(fields.at(i)))
            set(columnNames().at(i), columnValue(fields.at(i), next.field(fields.at(i))));
    }
    const QString oldSort = Contact::sortKeyFor(old.firstName, old.lastName, old.company, old.email);
    const QString newSort = Contact::sortKeyFor(next.firstName, next.lastName, next.company, next.email);
    if (oldSort != newSort)
        set(QStringLiteral("sort_key"), sql::text(newSort));
    const QString newSearch = next.searchText();
    if (old.searchText() != newSearch)
        set(QStringLiteral("search_text"), sql::text(newSearch));
    if (old.phone != next.phone || old.otherPhones != next.otherPhones) {
        const QString newPhones = next.phoneSearch();
        if (old.phoneSearch() != newPhones)
            set(QStringLiteral("phone_search"), sql::text(newPhones));
    }
    if (oldMeta && oldMeta->createdAt != nextMeta.createdAt)
        set(QStringLiteral("created_at"), nextMeta.createdAt);
    if (!oldMeta || oldMeta->updatedAt != nextMeta.updatedAt)
        set(QStringLiteral("updated_at"), nextMeta.updatedAt);
    if (!oldMeta || oldMeta->updatedBy != nextMeta.updatedBy)
        set(QStringLiteral("updated_by"), sql::text(nextMeta.updatedBy));
    if (sets.isEmpty()) {
        u.values.clear();
        return u;
    }
    u.sql = QStringLiteral("UPDATE OR FAIL contacts SET ") + sets.join(QStringLiteral(", ")) + QStringLiteral(" WHERE id = ?");
    u.values << next.id;
    return u;
}

namespace {

const QString& storedColumns()
{
    // Written once: every contact a mutation changes or deletes is read through here first, and each one it
    // creates unless the caller prepared it (PreparedNewContacts).
    static const QString columns =
        columnNames().join(QStringLiteral(", ")) + QStringLiteral(", created_at, updated_at, updated_by");
    return columns;
}

// The row `q` is on, its storedColumns() from column `first`.
StoredRow storedRow(const QSqlQuery& q, const QString& id, int first)
{
    StoredRow row;
    row.contact.id = id;
    const QStringList& names = Contact::fieldNames();
    for (int i = 0; i < names.size(); ++i)
        row.contact.setField(names.at(i), q.value(first + i).toString());
    const int n = first + int(names.size());
    row.meta = {q.value(n).toLongLong(), q.value(n + 1).toLongLong(), q.value(n + 2).toString()};
    return row;
}

} // namespace

Result<std::optional<StoredRow>> loadRow(QSqlDatabase& db, const QString& id)
{
    static const QString sql = QStringLiteral("SELECT ") + storedColumns() + QStringLiteral(" FROM contacts WHERE id = ?");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    q.bindValue(0, id);
    if (!q.exec())
        return Error(ErrorCode::Database, q.lastError().text());
    if (!q.next())
        return std::optional<StoredRow>();
    return std::optional<StoredRow>(storedRow(q, id, 0));
}

Result<QHash<QString, StoredRow>> loadRows(QSqlDatabase& db, const QStringList& ids)
{
    QHash<QString, StoredRow> rows;
    rows.reserve(ids.size());
    QSqlQuery q(db);
    if (!execInLists(q, QStringLiteral("SELECT id, ") + storedColumns() + QStringLiteral(" FROM contacts WHERE id IN (%1)"),
                     ids, [&](const QSqlQuery& row) {
                         const QString id = row.value(0).toString();
                         rows.insert(id, storedRow(row, id, 1));
                         return true;
                     }))
        return Error(ErrorCode::Database, q.lastError().text());
    return rows;
}

} // namespace outpost::contactsql
