#pragma once

#include <QSqlDatabase>

#include <atomic>

struct sqlite3;

namespace outpost {

// While alive, a statement running on `db` stops soon after `*cancel` is set: SQLite checks the flag every
// few thousand VM steps and the step then fails with SQLITE_INTERRUPT. Does nothing when `cancel` is null or
// `db` is not an SQLCipher/SQLite connection. For reads on a worker that a newer request makes stale (a
// segment's count or first page while its rules are edited).
class QueryInterrupt
{
public:
    QueryInterrupt(const QSqlDatabase& db, const std::atomic_bool* cancel);
    ~QueryInterrupt();
    QueryInterrupt(const QueryInterrupt&) = delete;
    QueryInterrupt& operator=(const QueryInterrupt&) = delete;

private:
    QSqlDatabase m_db; // kept so the driver outlives this; a key rotation may close the connection meanwhile
    sqlite3* m_handle = nullptr;
};

} // namespace outpost
