#pragma once

#include <QMutex>
#include <QWaitCondition>

struct sqlite3;

namespace outpost {

// How the connections of one SQLite database wait for its write lock.
//
// SQLite has one writer at a time; a connection that finds the lock taken calls its busy handler, and our
// connections used to give up after the busy timeout (5 s: "database is locked"). Some writes hold the lock
// longer than that and cannot be split: a CREATE INDEX over a million contacts while a stopped first sync
// gives the profile its indexes back (Replica), one step per transaction. Such a write announces itself here
// for its duration (Database::announceLongWrite); a writer of the same Database that finds the lock taken
// meanwhile waits until it ends (the step's commit) instead of failing, then gets its turn before the next
// step begins (the hand-over below), and only then counts the ordinary busy timeout again. Without an
// announcement the handler is SQLite's own busy timeout: a short wait, then "database is locked".
//
// The announcement is this process's own: another process's long write is not seen (busy timeout as before).
class LongWriteGate
{
public:
    explicit LongWriteGate(int busyTimeoutMs);
    LongWriteGate(const LongWriteGate&) = delete;
    LongWriteGate& operator=(const LongWriteGate&) = delete;

    // A writer parked behind a long write gives up after this long all the same (no step lasts that long).
    static constexpr int kLongWriteLimitMs = 10 * 60 * 1000;
    // How long a long write that follows another waits for the writers the previous one parked to take their
    // turn.
    static constexpr int kHandOverMs = 1000;

    // Installs the busy handler on one connection of the database (instead of sqlite3_busy_timeout).
    void attach(sqlite3* connection);

    // The long write's start (before it takes the write lock) and end (after its commit or rollback), on its
    // own thread. A start first lets the writers the previous long write parked take the lock.
    void begin();
    void end();

    // Waits (up to `timeoutMs`) until at least `n` writers are parked behind a long write: for tests that
    // hold one open until a write is waiting for it.
    bool waitForParked(int n, int timeoutMs) const;

private:
    static int busyHandler(void* gate, int count);
    int onBusy(int count);

    const int m_busyTimeoutMs;
    mutable QMutex m_lock;
    mutable QWaitCondition m_changed;
    Qt::HANDLE m_longWriter = nullptr; // the thread of the long write under way, if any
    int m_parked = 0;                  // writers waiting for it to end
    int m_handOver = 0;                // writers it parked that have not retried the lock yet
};

} // namespace outpost
