#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace outpost {

// The profile's key/value table (device id, sequence counters, clocks).
namespace meta {
Result<QString> get(QSqlDatabase& db, const QString& key, const QString& fallback = {});
Status set(QSqlDatabase& db, const QString& key, const QString& value);
// Several keys in one statement.
Status set(QSqlDatabase& db, const QList<std::pair<QString, QString>>& values);
} // namespace meta

} // namespace outpost
