#pragma once

#include <QSqlQuery>
#include "storage/SqlDialect.h"
#include <QString>
#include <QVariantList>

#include <optional>

namespace outpost {

// Prepares `sql` on `q`, binds `values` in order and executes it.
inline bool execBound(QSqlQuery& q, const QString& sql, const QVariantList& values)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant& v : values) {
        // A null QString is NULL on PostgreSQL (our SQLite driver binds ''): text columns here are NOT NULL.
        // An explicit QVariant(QMetaType::fromType<QString>()) (isNull()) still binds NULL.
        if (v.metaType() == QMetaType::fromType<QString>() && !v.isNull())
            q.addBindValue(sql::text(v.toString()));
        else
            q.addBindValue(v);
    }
    return q.exec();
}

// A NULL of the SQL integer type for an unset optional time.
inline QVariant nullableTime(const std::optional<qint64>& t)
{
    return t ? QVariant(*t) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace outpost
