#pragma once

#include "storage/RequestedThread.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <atomic>

namespace outpost {

class Database;

// Tidies the contacts' full-text index in the background, a little at a time.
//
// FTS4 writes the entries of each transaction (or of each megabyte of them) as a new segment on level 0. When
// a level holds 16 segments, the write that adds the next one first merges those 16 into one segment of the
// level above, inside its own transaction. The levels grow sixteen-fold: at 1,000,000 contacts a level-1
// segment holds tens of thousands of contacts' entries, so the import or sync page that happens to fill level
// 1 rewrites a few hundred megabytes of index, every page encrypted again (2.3 s of a 100,000-row import onto
// 1,000,000 contacts, measured on the demo profile, whose level 1 held 15 segments).
//
// FTS4's incremental merge ('merge=X,Y') does that work in steps of about X blocks written, each step its own
// short transaction. Run here after changes to contacts, on a thread with its own connection, it merges every
// level that holds kMinSegments or more, so the merges left inside the user's own writes are the small ones
// of level 0. Between two steps the write lock stays free for at least kPauseMs (longer after a longer step):
// a writer that met a step gets the lock at its busy handler's next try, i.e. waits one step and at most 100
// ms more. The thread starts at the first request, ends after a quiet minute, and stops between two steps
// when this object goes.
class ContactSearchTidier
{
    Q_DECLARE_TR_FUNCTIONS(ContactSearchTidier)
public:
    // About what one step writes, in index blocks (a few tens of milliseconds of work).
    static constexpr int kBlocksPerStep = 256;
    // A level is merged once it holds this many segments (FTS4 merges it inside a write at 16).
    static constexpr int kMinSegments = 8;
    // The least time the write lock stays free between two steps: more than SQLite's busy handler sleeps
    // between two tries (100 ms).
    static constexpr int kPauseMs = 120;

    explicit ContactSearchTidier(Database& db);
    ~ContactSearchTidier();
    ContactSearchTidier(const ContactSearchTidier&) = delete;
    ContactSearchTidier& operator=(const ContactSearchTidier&) = delete;

    // Contacts changed (any number): the thread looks at the index and tidies what needs it.
    void request();
    // Runs that merged something and ended with the index tidy (for tests).
    int completedRuns() const { return m_completed.load(std::memory_order_acquire); }

    // Whether some level of the index holds kMinSegments or more (false without a full-text index: a server's
    // database).
    static Result<bool> needsTidying(QSqlDatabase& db);
    // One step of incremental merge on this connection (autocommit: its own transaction); returns whether it
    // found work to do.
    static Result<bool> step(QSqlDatabase& db);
    // Steps until the index is tidy, on this connection (a benchmark's profile as the app leaves it after a
    // quiet moment; the tests).
    static Status tidy(QSqlDatabase& db);

private:
    void run(); // on the thread: steps until tidy

    Database& m_db;
    std::atomic<int> m_completed{0};
    RequestedThread m_thread;
};

} // namespace outpost
