#pragma once

#include "mutations/Mutation.h"
#include "replication/RowCodec.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>

#include <atomic>
#include <functional>

namespace outpost {

class Database;
class MutationRegistry;

// The client's side of sync on its local database. Each call is ONE transaction, so a page or a push
// result is applied entirely or not at all:
//  - rows from the server replace the local ones;
//  - mutations the server has settled leave the outbox;
//  - the still-pending ones are replayed on top, so the user keeps seeing their own unsent edits.
class Replica
{
    Q_DECLARE_TR_FUNCTIONS(Replica)
public:
    Replica(Database& db, const MutationRegistry& mutators, const RowCodecRegistry& codecs);

    // A pull page of at least this many rows defers the contacts' search index to the end of the page.
    static constexpr qsizetype kDeferSearchIndexRows = 100;

    struct Rejection
    {
        qint64 seq = 0;
        QString code;
        QString message;
        QList<RowState> restore; // the server's state of the rows the mutation touched here
    };

    // After a push: drops every mutation up to `settledSeq` from the outbox, records the rejected ones
    // (Sync problems panel) and returns their rows to the server's state, then replays what is pending.
    Result<EntityChanges> applyPushResults(qint64 settledSeq, const QList<Rejection>& rejections, qint64 nowMs);

    // Applies one pull page and stores `cursor` as where the next pull starts.
    Result<EntityChanges> applyPullPage(const QList<RowState>& rows, qint64 lastAppliedSeq, qint64 cursor);

    Result<qint64> cursor() const;
    Result<qint64> pendingCount() const;

    // Bootstrap of a new device (it has never pulled: cursor() is 0) from the server's snapshot, page by
    // page, each page in one transaction with the position of the next, so an interrupted or cancelled
    // bootstrap continues where it stopped. Tables that were empty when it began are bulk-loaded: their
    // secondary indexes go at the first page and are rebuilt by finishBootstrap().
    struct Bootstrap
    {
        bool running = false;  // a bootstrap has begun and not finished
        qint64 at = 0;         // the snapshot's log position (0 until the first page names it)
        QString entity;        // the next page starts after (entity, after)
        QString after;
        qint64 total = 0;      // the server's log entries in the snapshot, and how many are done
        qint64 done = 0;
        QStringList bulk;      // entities being bulk-loaded
        bool indexed = false;  // stopped: what bulk loading dropped is back until the next page (stopBootstrap)
    };
    Result<Bootstrap> bootstrap() const;
    // Applies one snapshot page and stores `next` (at, entity, after, total, done) as where to continue.
    Result<EntityChanges> applySnapshotPage(const QList<SnapshotBlock>& blocks, const Bootstrap& next);
    // What applySnapshotPage() can compute without the database (RowCodec::prepareBulk), done ahead on
    // any thread: the sync client does it as a page arrives, while the previous one is being written.
    void prepareSnapshotPage(QList<SnapshotBlock>& blocks) const;
    // Rebuilds what bulk loading dropped, one step per transaction (`betweenSteps` is called after each
    // while no transaction is open: a local edit may go in), then in one transaction makes `at` the pull
    // cursor and replays pending local changes.
    Result<EntityChanges> finishBootstrap(const std::function<void()>& betweenSteps = {});
    // A bootstrap that stops before its end (stopped by the user, failed, or the app quit or crashed) gives
    // the profile back every index and trigger bulk loading dropped, one step per transaction as
    // finishBootstrap() does, so lists, counts, imports and search work as usual until it resumes; the next
    // page drops them again if that pays (dropsIndexesOnResume). Nothing to do when no bootstrap is under
    // way or it is stopped already. A crash during it leaves each step done or not (DDL is transactional):
    // run again, e.g. when the profile opens (Workspace::migrate), it completes. Returns the bulk-loaded
    // entities as changed (their rows were not announced page by page).
    Result<EntityChanges> stopBootstrap(const std::function<void()>& betweenSteps = {});
    // Whether a stopped bootstrap that resumes drops its bulk-loaded tables' indexes again: unless less than
    // a sixteenth of what is there is still to come (one sorted build of everything at the end costs less
    // than the rest's index insertions row by row; see the figures in the implementation).
    static bool dropsIndexesOnResume(const Bootstrap& stopped);

    // Ends this replica's long work for good, from any thread (the app quits or locks, or the team's data is
    // about to be wiped): a snapshot page or a restore step being written is interrupted and rolls back (it
    // is simply not done), no further step starts, and every later page, stop or finish fails at once. What a
    // stop left undone is completed by the profile's next open (Workspace::migrate).
    void abort();
    // Tests: called inside each restore step's transaction, after its work and before its commit (to hold a
    // step open, or to act in the middle of one).
    void setRestoreStepHook(std::function<void(const QString& entity, int step)> hook)
    {
        m_stepHook = std::move(hook);
    }

    static const QString kCursorKey;    // in meta
    static const QString kBootstrapKey; // in meta, while a bootstrap runs

private:
    Status applyRows(QSqlDatabase& conn, const QList<RowState>& rows, EntityChanges* changes) const;
    Status replayPending(QSqlDatabase& conn, EntityChanges* changes) const;
    // Every bulkEnd step of the `bulk` entities, each in its own transaction.
    Status restoreBulkIndexes(QSqlDatabase& conn, const QStringList& bulk, const std::function<void()>& betweenSteps) const;

    Status abortedError() const;

    Database& m_db;
    const MutationRegistry& m_mutators;
    const RowCodecRegistry& m_codecs;
    std::atomic_bool m_aborted{false};
    std::function<void(const QString&, int)> m_stepHook;
};

} // namespace outpost
