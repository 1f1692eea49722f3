#include "duplicates/DuplicateContacts.h"

#include "contacts/ContactSql.h"
#include "storage/SqlExec.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace outpost {

namespace {

const QString kColumns = QStringLiteral("rid, id, ") + contactsql::columnNames().join(QStringLiteral(", "))
                         + QStringLiteral(", created_at, updated_at, updated_by");

Contact read(const QSqlQuery& q)
{
    Contact c;
    c.id = q.value(1).toString();
    const QStringList& names = Contact::fieldNames();
    for (int i = 0; i < names.size(); ++i)
        c.setField(names.at(i), q.value(2 + i).toString());
    const int meta = 2 + int(names.size());
    c.createdAt = q.value(meta).toLongLong();
    c.updatedAt = q.value(meta + 1).toLongLong();
    c.updatedBy = q.value(meta + 2).toString();
    return c;
}

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database,
                 DuplicateContacts::tr("Could not read the contacts: %1").arg(q.lastError().text()));
}

} // namespace

Result<QHash<qint64, Contact>> DuplicateContacts::byRid(QSqlDatabase conn, const QList<qint64>& rids)
{
    QHash<qint64, Contact> out;
    constexpr qsizetype kChunk = 200; // well under SQLite's 999 parameters
    for (qsizetype from = 0; from < rids.size(); from += kChunk) {
        const QList<qint64> chunk = rids.mid(from, kChunk);
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM contacts WHERE rid IN (") +
                  placeholders(chunk.size()) + QLatin1Char(')'));
        for (qint64 rid : chunk)
            q.addBindValue(rid);
        if (!q.exec())
            return dbError(q);
        while (q.next())
            out.insert(q.value(0).toLongLong(), read(q));
    }
    return out;
}

Result<std::optional<Contact>> DuplicateContacts::byId(QSqlDatabase conn, const QString& id)
{
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM contacts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    if (!q.next())
        return std::optional<Contact>();
    return std::optional<Contact>(read(q));
}

Result<qint64> DuplicateContacts::ridOf(QSqlDatabase conn, const QString& id)
{
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT rid FROM contacts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q);
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

} // namespace outpost
