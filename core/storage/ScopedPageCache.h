#pragma once

#include <QSqlDatabase>
#include <QtGlobal>

struct sqlite3;

namespace outpost {

// While alive, the connection's page cache holds `kib` KiB of decrypted pages; the size it had comes back
// at the end of the scope. For one long piece of work on a connection whose usual size does not suit it:
// a bigger cache for a batch whose dirty pages would otherwise spill mid-transaction (each spilled page is
// encrypted, written, and read and decrypted again), a smaller one for work that holds big arrays of its
// own. Pages the smaller size no longer holds are released at once. Does nothing on a connection that is
// not SQLCipher/SQLite, or whose size cannot be read.
class ScopedPageCache
{
public:
    ScopedPageCache(const QSqlDatabase& db, int kib);
    ~ScopedPageCache();
    ScopedPageCache(const ScopedPageCache&) = delete;
    ScopedPageCache& operator=(const ScopedPageCache&) = delete;

private:
    sqlite3* m_handle = nullptr;
    qint64 m_previous = 0; // PRAGMA cache_size as it was (pages, or -KiB)
};

} // namespace outpost
