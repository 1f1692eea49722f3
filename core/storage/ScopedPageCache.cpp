#include "storage/ScopedPageCache.h"

#include "storage/SqlCipherDriver.h"

#include <sqlite3.h>

namespace outpost {

namespace {

qint64 pragmaCacheSize(sqlite3* handle)
{
    qint64 size = 0;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "PRAGMA cache_size", -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        size = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return size;
}

// In KiB: a negative cache_size is KiB, a positive one pages.
qint64 kibOf(sqlite3* handle, qint64 cacheSize)
{
    if (cacheSize < 0)
        return -cacheSize;
    int pageSize = 0;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "PRAGMA page_size", -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        pageSize = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return cacheSize * pageSize / 1024;
}

void setCacheSize(sqlite3* handle, qint64 cacheSize, bool release)
{
    const QByteArray sql = "PRAGMA cache_size = " + QByteArray::number(cacheSize);
    sqlite3_exec(handle, sql.constData(), nullptr, nullptr, nullptr);
    if (release)
        sqlite3_db_release_memory(handle); // the pages the smaller cache no longer holds
}

} // namespace

ScopedPageCache::ScopedPageCache(const QSqlDatabase& db, int kib) : m_handle(SqlCipherDriver::nativeHandle(db))
{
    if (!m_handle)
        return;
    m_previous = pragmaCacheSize(m_handle);
    if (m_previous == 0) {
        m_handle = nullptr; // unknown: leave the cache alone
        return;
    }
    setCacheSize(m_handle, -qint64(kib), kib < kibOf(m_handle, m_previous));
}

ScopedPageCache::~ScopedPageCache()
{
    if (!m_handle)
        return;
    const qint64 now = pragmaCacheSize(m_handle);
    setCacheSize(m_handle, m_previous, kibOf(m_handle, m_previous) < kibOf(m_handle, now));
}

} // namespace outpost
