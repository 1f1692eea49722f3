#include "storage/ForeignKeysOff.h"

#include "storage/SqlCipherDriver.h"

#include <sqlite3.h>

namespace outpost {

namespace {

bool foreignKeysOn(sqlite3* handle)
{
    bool on = false;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "PRAGMA foreign_keys", -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        on = sqlite3_column_int(stmt, 0) != 0;
    sqlite3_finalize(stmt);
    return on;
}

} // namespace

ForeignKeysOff::ForeignKeysOff(const QSqlDatabase& db)
{
    sqlite3* handle = SqlCipherDriver::nativeHandle(db);
    if (!handle || !sqlite3_get_autocommit(handle) || !foreignKeysOn(handle))
        return; // not ours, inside a transaction (the pragma would be ignored), or off already
    sqlite3_exec(handle, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr);
    if (!foreignKeysOn(handle))
        m_handle = handle;
}

ForeignKeysOff::~ForeignKeysOff()
{
    if (m_handle)
        sqlite3_exec(m_handle, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
}

} // namespace outpost
