#include "companies/CompanySql.h"
#include "storage/SqlDialect.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

namespace outpost::companysql {

namespace {
Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, q.lastError().text());
}
} // namespace

Result<std::optional<StoredRow>> loadRow(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + Company::columnNames().join(QStringLiteral(", "))
              + QStringLiteral(", created_at, updated_at, updated_by FROM companies WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<StoredRow>();
    StoredRow row;
    row.company.id = id;
    const QStringList& names = Company::fieldNames();
    for (int i = 0; i < names.size(); ++i)
        row.company.setField(names.at(i), q.value(i).toString());
    const int n = int(names.size());
    row.meta = {q.value(n).toLongLong(), q.value(n + 1).toLongLong(), q.value(n + 2).toString()};
    row.company.createdAt = row.meta.createdAt;
    row.company.updatedAt = row.meta.updatedAt;
    row.company.updatedBy = row.meta.updatedBy;
    return std::optional<StoredRow>(std::move(row));
}

Status insert(QSqlDatabase& db, const Company& c, const Meta& meta)
{
    QSqlQuery q(db);
    const QStringList& columns = Company::columnNames();
    q.prepare(QStringLiteral("INSERT INTO companies(id, ") + columns.join(QStringLiteral(", "))
              + QStringLiteral(", sort_key, search_text, created_at, updated_at, updated_by) VALUES(?")
              + QStringLiteral(",?").repeated(columns.size() + 5) + QStringLiteral(")"));
    q.addBindValue(c.id);
    for (const QString& f : Company::fieldNames())
        q.addBindValue(sql::text(c.field(f)));
    q.addBindValue(sql::text(c.sortKey()));
    q.addBindValue(sql::text(c.searchText()));
    q.addBindValue(meta.createdAt);
    q.addBindValue(meta.updatedAt);
    q.addBindValue(meta.updatedBy);
    if (!q.exec())
        return dbError(q);
    return {};
}

Status update(QSqlDatabase& db, const Company& old, const Company& next, const Meta& meta, const Meta* oldMeta)
{
    QStringList sets;
    QVariantList values;
    auto set = [&](const QString& column, const QVariant& value) {
        sets << column + QStringLiteral(" = ?");
        values << value;
    };
    const QStringList& fields = Company::fieldNames();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (old.field(fields.at(i)) != next.field(fields.at(i)))
            set(Company::columnNames().at(i), sql::text(next.field(fields.at(i))));
    }
    if (old.sortKey() != next.sortKey())
        set(QStringLiteral("sort_key"), sql::text(next.sortKey()));
    if (old.searchText() != next.searchText())
        set(QStringLiteral("search_text"), sql::text(next.searchText()));
    if (oldMeta && oldMeta->createdAt != meta.createdAt)
        set(QStringLiteral("created_at"), meta.createdAt);
    if (!oldMeta || oldMeta->updatedAt != meta.updatedAt)
        set(QStringLiteral("updated_at"), meta.updatedAt);
    if (!oldMeta || oldMeta->updatedBy != meta.updatedBy)
        set(QStringLiteral("updated_by"), meta.updatedBy);
    if (sets.isEmpty())
        return {};
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE companies SET ") + sets.join(QStringLiteral(", ")) + QStringLiteral(" WHERE id = ?"));
    for (const QVariant& v : values)
        q.addBindValue(v);
    q.addBindValue(next.id);
    if (!q.exec())
        return dbError(q);
    return {};
}

} // namespace outpost::companysql
