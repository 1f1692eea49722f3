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

Status set(QSqlDatabase& db, const QString& key, const QString& value)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return Error(ErrorCode::Database, QCoreApplication::translate("Meta", "Could not save profile settings: %1")
                                              .arg(q.lastError().text()));
    return {};
}

} // namespace outpost::meta
