#pragma once

#include "companies/Company.h"
#include "util/Result.h"

#include <QSqlDatabase>

#include <optional>

namespace outpost::companysql {

// The one way a company row is read, inserted and updated (mutators and sync), like contactsql.
struct Meta
{
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;
};
struct StoredRow
{
    Company company;
    Meta meta;
};

// A failed query's error carries the database's message only; the caller says what it was doing.
Result<std::optional<StoredRow>> loadRow(QSqlDatabase& db, const QString& id);
Status insert(QSqlDatabase& db, const Company& c, const Meta& meta);
// Sets only the columns that differ (and the derived ones when their sources do). Without oldMeta (an
// edit), updated_at/updated_by are always set; with it (a synced row), each only when it differs.
Status update(QSqlDatabase& db, const Company& old, const Company& next, const Meta& meta,
              const Meta* oldMeta = nullptr);

} // namespace outpost::companysql
