#include "storage/QueryInterrupt.h"

#include "storage/SqlCipherDriver.h"

#include <sqlite3.h>

namespace outpost {

QueryInterrupt::QueryInterrupt(const QSqlDatabase& db, const std::atomic_bool* cancel)
    : m_handle(cancel ? SqlCipherDriver::nativeHandle(db) : nullptr)
{
    if (!m_handle)
        return;
    sqlite3_progress_handler(
        m_handle, 4000, [](void* flag) { return static_cast<const std::atomic_bool*>(flag)->load() ? 1 : 0; },
        const_cast<std::atomic_bool*>(cancel));
}

QueryInterrupt::~QueryInterrupt()
{
    if (m_handle)
        sqlite3_progress_handler(m_handle, 0, nullptr, nullptr);
}

} // namespace outpost
