#include "storage/ForeignKeysOff.h"

#include "storage/RawStatement.h"
#include "storage/SqlCipherDriver.h"

#include <QLoggingCategory>

#include <sqlite3.h>

namespace outpost {

Q_LOGGING_CATEGORY(lcForeignKeys, "outpost.storage.foreign-keys", QtWarningMsg)

namespace {

bool foreignKeysOn(sqlite3* handle)
{
    RawStatement q(handle, "PRAGMA foreign_keys");
    return q.ok() && q.step() == SQLITE_ROW && q.column(0) != 0;
}

} // namespace

ForeignKeysOff::ForeignKeysOff(const QSqlDatabase& db)
    : m_db(db)
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
    // The connection may have been replaced meanwhile (a re-key reopens a thread's connection): then the new
    // one has its foreign keys on from its opening, and the old handle is gone.
    if (!m_handle || SqlCipherDriver::nativeHandle(m_db) != m_handle)
        return;
    sqlite3_exec(m_handle, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    if (!foreignKeysOn(m_handle)) // still inside a transaction (a commit and a rollback both failed)
        qCWarning(lcForeignKeys) << "foreign keys could not be turned on again on this connection";
}

} // namespace outpost
