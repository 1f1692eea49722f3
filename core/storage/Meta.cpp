#include "storage/Meta.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost::meta {

Result<QString> get(QSqlDatabase& db, const QString& key, const QString& fallback)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return Error(ErrorCode::Database, QCoreApplication::translate("Meta", "Could not read profile settings: %1")
                                              .arg(q.lastError().text()));
    return q.next() ? q.value(0).toString() : fallback;
}

Status set(QSqlDatabase& db, const QList<std::pair<QString, QString>>& values)
{
    if (values.isEmpty())
        return {};
    QStringList rows;
    for (qsizetype i = 0; i < values.size(); ++i)
        rows << QStringLiteral("(?, ?)");
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ") + rows.join(QLatin1Char(',')));
    for (const auto& [key, value] : values) {
        q.addBindValue(key);
        q.addBindValue(value);
    }
    if (!q.exec())
        return Error(ErrorCode::Database, QCoreApplication::translate("Meta", "Could not save profile settings: %1")
                                              .arg(q.lastError().text()));
    return {};
}

Status set(QSqlDatabase& db, const QString& key, const QString& value)
{
    return set(db, {{key, value}});
}

} // namespace outpost::meta
