#include "storage/QueryInterrupt.h"

#include "storage/SqlCipherDriver.h"

#include <sqlite3.h>

namespace outpost {

QueryInterrupt::QueryInterrupt(const QSqlDatabase& db, const std::atomic_bool* cancel)
    : m_db(db)
    , m_handle(cancel ? SqlCipherDriver::nativeHandle(db) : nullptr)
{
    if (!m_handle)
        return;
    sqlite3_progress_handler(
        m_handle, 4000, [](void* flag) { return static_cast<const std::atomic_bool*>(flag)->load() ? 1 : 0; },
        const_cast<std::atomic_bool*>(cancel));
}

QueryInterrupt::~QueryInterrupt()
{
    // Only on the handle it was set on, if that is still open: a connection closed meanwhile (the thread's
    // connection re-opened after a key rotation) took its handler with it.
    if (m_handle && SqlCipherDriver::nativeHandle(m_db) == m_handle)
        sqlite3_progress_handler(m_handle, 0, nullptr, nullptr);
}

} // namespace outpost
