#include "companies/CompanyRepository.h"

#include "companies/CompanySql.h"
#include "storage/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

// "(' ' || search_text) LIKE '% word%'" per folded word: a word of the company starting with it.
QString wordFilter(const QString& search, QVariantList* binds)
{
    QString sql;
    for (const QString& w : ContactQuery::parse(search).words) {
        sql += QStringLiteral(" AND (' ' || search_text) LIKE ?");
        *binds << QString(QLatin1String("% ") + w + QLatin1Char('%'));
    }
    return sql;
}

QString keyset(const std::optional<ContactCursor>& after, QVariantList* binds, const QString& prefix = {})
{
    if (!after)
        return {};
    *binds << after->sortKey << after->sortKey << after->rid;
    return QStringLiteral(" AND %1sort_key >= ? AND (%1sort_key > ? OR %1rid > ?)").arg(prefix);
}

Result<QSqlQuery> run(QSqlDatabase db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return Error(ErrorCode::Database, CompanyRepository::tr("Could not read the companies: %1").arg(q.lastError().text()));
    return q;
}

} // namespace

Result<std::optional<Company>> CompanyRepository::find(const QString& id)
{
    QSqlDatabase conn = m_db.connection();
    auto row = companysql::loadRow(conn, id);
    if (!row)
        return Error(ErrorCode::Database, tr("Could not read the company: %1").arg(row.message()));
    if (!row->has_value())
        return std::optional<Company>();
    return std::optional<Company>(std::move(row->value().company));
}

Result<QList<CompanyListRow>> CompanyRepository::page(const QString& search, const std::optional<ContactCursor>& after,
                                                      int limit)
{
    QVariantList binds;
    QString where = wordFilter(search, &binds);
    where += keyset(after, &binds);
    binds << limit;
    auto q = run(m_db.connection(),
                 QStringLiteral("SELECT rid, id, sort_key, name, domain, city, country, industry FROM companies "
                                "INDEXED BY companies_sort WHERE 1")
                     + where + QStringLiteral(" ORDER BY sort_key, rid LIMIT ?"),
                 binds);
    if (!q)
        return q.error();
    QList<CompanyListRow> rows;
    while (q->next()) {
        rows.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(), q->value(3).toString(),
                     q->value(4).toString(), q->value(5).toString(), q->value(6).toString(), q->value(7).toString()});
    }
    return rows;
}

Result<qint64> CompanyRepository::count(const QString& search)
{
    QVariantList binds;
    const QString where = wordFilter(search, &binds);
    auto q = run(m_db.connection(),
                 where.isEmpty() ? QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'companies'")
                                 : QStringLiteral("SELECT count(*) FROM companies WHERE 1") + where,
                 binds);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<QList<ContactListRow>> CompanyRepository::contactsOf(const QString& companyId,
                                                            const std::optional<ContactCursor>& after, int limit)
{
    QVariantList binds{companyId};
    const QString where = keyset(after, &binds);
    binds << limit;
    auto q = run(m_db.connection(),
                 QStringLiteral("SELECT rid, id, sort_key, first_name, last_name, company, email, phone, city, country "
                                "FROM contacts INDEXED BY contacts_company WHERE company_id = ?")
                     + where + QStringLiteral(" ORDER BY sort_key, rid LIMIT ?"),
                 binds);
    if (!q)
        return q.error();
    QList<ContactListRow> rows;
    while (q->next()) {
        ContactListRow r;
        r.rid = q->value(0).toLongLong();
        r.id = q->value(1).toString();
        r.sortKey = q->value(2).toString();
        r.firstName = q->value(3).toString();
        r.lastName = q->value(4).toString();
        r.company = q->value(5).toString();
        r.email = q->value(6).toString();
        r.phone = q->value(7).toString();
        r.city = q->value(8).toString();
        r.country = q->value(9).toString();
        rows.append(r);
    }
    return rows;
}

Result<qint64> CompanyRepository::contactCount(const QString& companyId)
{
    auto q = run(m_db.connection(), QStringLiteral("SELECT count(*) FROM contacts WHERE company_id = ?"), {companyId});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

} // namespace outpost
