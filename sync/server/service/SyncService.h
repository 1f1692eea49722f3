#pragma once

#include "audit/AuditLog.h"
#include "protocol/Wire.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QMutex>

#include <atomic>
#include <functional>
#include <memory>

namespace outpost {
class Database;
class MutationRegistry;
class RowCodecRegistry;
} // namespace outpost

namespace outpost::server {

// Who is asking: resolved from the access token by the HTTP layer.
struct Principal
{
    QString userId;
    QString userName;
    QString role;
    QString teamId;
    QString deviceId;
};

// One team's authoritative data and its sync log. Push applies mutations with the same mutators the
// clients run; pull pages the change log. Thread-safe: each thread uses its own connection, and the
// database serialises writers.
class SyncService
{
    Q_DECLARE_TR_FUNCTIONS(outpost::server::SyncService)
public:
    SyncService(Database& db, const MutationRegistry& mutators, const RowCodecRegistry& codecs, const Clock& clock);

    // Applies a push in order, in one transaction, and returns a result per mutation. A retried (device, seq)
    // gets its stored result; a number below the device's pruned mark (see pruneApplied) is answered as
    // applied and has no effect.
    Result<wire::PushResponse> push(const Principal& who, const wire::PushRequest& request);

    // The changes after `after`, at most `limit`, all read from one snapshot.
    Result<wire::PullPage> pull(const Principal& who, qint64 after, int limit);

    // A page of a new device's bootstrap snapshot: the rows `who` may see (the same rules as pull), in
    // (entity, id) order after (entity, after), as of log position `at` (0 = start one at the current
    // head). Reads at most `limit` rows and walks at most the pull's scan budget of log entries.
    Result<wire::SnapshotPage> snapshot(const Principal& who, qint64 at, const QString& entity, const QString& after,
                                        int limit);

    Result<qint64> head();

    // Pushes that had to run again because a mutation was refused after it wrote (since this object was made).
    qint64 pushesRunAgain() const { return m_pushesRunAgain.load(std::memory_order_relaxed); }

    // Called (on the pushing thread) after a push committed new changes, with the new head.
    void setOnCommitted(std::function<void(qint64)> callback) { m_onCommitted = std::move(callback); }

private:
    // How a push applies a mutation. Direct: no savepoint (each costs a statement journal and two
    // statements, on PostgreSQL two round trips); everything that can refuse a mutation is checked before it
    // writes, and a refusal found only after it wrote (a mutator failing half-way or a failed statement, a
    // write rule on rows it did not declare; any mutator refusal where the driver cannot tell whether it
    // wrote) rolls the attempt back, and the push runs again with a savepoint for that mutation and those
    // after it (Savepoint), where each can be undone alone.
    enum class ApplyMode { Direct, Savepoint };
    // One attempt at a push: Direct before index `savepointFrom`, Savepoint from there. Sets *refusedAt
    // (and returns nothing useful) when a Direct mutation must be redone with a savepoint.
    Result<wire::PushResponse> pushOnce(const Principal& who, const wire::PushRequest& request, qsizetype savepointFrom,
                                        qsizetype* refusedAt);
    Result<wire::MutationResult> applyOne(QSqlDatabase& conn, const Principal& who, const Mutation& m, ApplyMode mode,
                                          AuditLog::Tail* auditTail, bool* changed, bool* again);
    // Settled results the device can no longer ask for: every number below the first of this push (the
    // device sends its outbox in order and drops what it got results for, so it never sends them again).
    // Deletes them and raises the device's mark; returns the mark in force for this push.
    Result<qint64> pruneApplied(QSqlDatabase& conn, const QString& deviceId, qint64 firstSeq);
    // Moves the row's change-log entry to the head with its current audience; everyone who could see the
    // previous state, and `author` when outside the new audience, stay in its "seen by" set.
    Status logChange(QSqlDatabase& conn, const QString& entity, const QString& id, bool deleted, const QString& author);
    // Whether `who` may see (and so change) the row as it was before this push.
    Result<bool> maySee(QSqlDatabase& conn, const Principal& who, const QString& entity, const QString& id);
    // Rules on the records a mutation names, beyond its area, checked before it runs: a refusal message, or
    // empty when the mutation may go on.
    Result<QString> recordRule(QSqlDatabase& conn, const Principal& who, const Mutation& m);
    Result<QList<RowState>> statesOf(QSqlDatabase& conn, const Principal& who, const QJsonArray& touched);

    Database& m_db;
    const MutationRegistry& m_mutators;
    const RowCodecRegistry& m_codecs;
    const Clock& m_clock;
    std::function<void(qint64)> m_onCommitted;
    std::atomic<qint64> m_pushesRunAgain{0};
};

} // namespace outpost::server
