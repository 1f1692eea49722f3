#pragma once

#include "storage/RequestedThread.h"

#include <atomic>
#include <mutex>

struct sqlite3;

namespace outpost {

class Database;

// Moves a database's WAL checkpoints off the connections that commit.
//
// SQLite's automatic checkpoint runs inside the COMMIT that takes the write-ahead log past 1,000 pages: that
// connection then copies every page of the log into the database file and syncs it. After a big transaction
// (an import, an undo, a sync page) that is a second or more inside the user's operation, and on the UI
// thread for a UI commit. Here each connection's WAL hook (sqlite3_wal_hook, which replaces the automatic
// checkpoint) only wakes a thread of our own, which checkpoints (PASSIVE: it never blocks readers or writers) on
// its own connection. If the log grows far past the threshold while the thread is still at work on an earlier
// request (it cannot keep up), the committing connection checkpoints itself as SQLite would, so the log stays
// bounded. The thread starts at the first request and stops with the Database (its destructor waits for a
// checkpoint under way); it also ends after a minute without requests (a server holds a database per team),
// and starts again at the next.
class WalCheckpointer
{
public:
    // The automatic checkpoint's threshold (SQLite's default, in pages).
    static constexpr int kThresholdPages = 1000;
    // Past this while the thread is still busy with an earlier request, the committing connection checkpoints
    // itself (one big transaction's log, however big, goes to the thread when it is free).
    static constexpr int kInlinePages = 16 * kThresholdPages;

    explicit WalCheckpointer(Database& db);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Installs the hook on a connection of this database (every connection, the primary included). Until
    // enable() the hook checkpoints inline at the threshold, as SQLite's automatic checkpoint does.
    void attach(sqlite3* connection);
    // From now on checkpoints are requested from the thread (after the schema is ready: the thread opens a
    // connection of its own through Database::connection()).
    void enable() { m_enabled.store(true, std::memory_order_release); }
    // Stops the thread (waiting for a checkpoint under way); later requests checkpoint inline.
    void stop();
    // While held, the thread starts no checkpoint, and one under way has ended: for a caller that needs the
    // log to itself (a TRUNCATE checkpoint, which SQLite refuses while another connection checkpoints;
    // a re-key). Take it before anything that waits for the thread's connection (Database::rekey).
    std::unique_lock<std::mutex> pause() { return std::unique_lock<std::mutex>(m_running); }

    // Checkpoints the thread has completed, every page of the log copied (for tests).
    int completed() const { return m_completed.load(std::memory_order_acquire); }

private:
    static int walHook(void* self, sqlite3* connection, const char* schema, int pages);
    void checkpoint(); // on the thread

    Database& m_db;
    std::atomic<bool> m_enabled{false};
    std::atomic<int> m_completed{0};
    std::atomic<bool> m_busy{false}; // a checkpoint requested and not finished
    std::mutex m_running; // held by the thread while it checkpoints; see pause()
    RequestedThread m_thread;
};

} // namespace outpost
