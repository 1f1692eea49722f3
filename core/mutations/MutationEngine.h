#pragma once

#include "audit/AuditLog.h"
#include "mutations/Hlc.h"
#include "mutations/Mutation.h"
#include "mutations/MutationRegistry.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>

#include <memory>

namespace outpost {

class Database;
class MutationEngine;
class Mutator;
class Transaction;

// What a batch carries from one mutation to the next instead of reading it again per mutation: it holds the
// write lock, so nobody else appends to the outbox or the audit log meanwhile.
struct BatchTails
{
    qint64 lastSeq = -1; // the newest outbox sequence number; -1: read it
    AuditLog::Tail audit;
};

// Many mutations in ONE transaction (an import, an undo, a bulk edit). A mutation refused before it wrote
// anything is reported to the caller, who decides to go on (skip it) or to give up (rollback(), or let the
// batch go away); one that failed half-way rolls the whole batch back (see submit()). Every applied mutation gets exactly what
// submit() gives it: its own sequence number, clock reading, audit entries and outbox entry with
// `touched`. Nothing is visible to other connections until commit(), and a crash or a cancel before it
// leaves no trace. One `changed` signal is emitted at commit for the whole batch.
//
// The batch holds the database's write lock from beginBatch() to commit/rollback, so other writers
// wait (up to the busy timeout): keep batches to work the user is waiting for. Use it on one thread
// (the one that began it); that thread's connection is used. Do not call MutationEngine::submit() on
// the same thread while a batch is open.
class MutationBatch
{
    Q_DECLARE_TR_FUNCTIONS(MutationBatch)
public:
    ~MutationBatch(); // rolls back unless committed
    MutationBatch(const MutationBatch&) = delete;
    MutationBatch& operator=(const MutationBatch&) = delete;

    bool isActive() const;
    // Applies one mutation (the latest version of `name`). A mutation refused before it wrote anything (bad
    // arguments, a rule) leaves nothing and the batch stays usable; one that failed after writing part of
    // itself rolls the whole batch back (isActive() turns false) and says so.
    Result<Mutation> submit(const QString& name, const QJsonObject& args);
    Result<Mutation> submit(const QString& name, int version, const QJsonObject& args);
    // As submit(name, args), with `argsJson` the compact JSON text of `args` the caller already has (an import
    // writes both from the same rows): the outbox stores it as is instead of serialising `args` again. And with
    // `prepared`, if given, the work the caller did on `args` already, which the mutator may use instead of
    // doing it again (see PreparedArguments).
    Result<Mutation> submit(const QString& name, const QJsonObject& args, const QByteArray& argsJson,
                            const PreparedArguments* prepared = nullptr);

    // The connection the batch writes on: the caller's own bookkeeping rows written here commit or roll
    // back together with the mutations.
    QSqlDatabase connection() const { return m_conn; }
    qint64 appliedCount() const { return m_applied; }
    qint64 failedCount() const { return m_failed; }

    // Commits the batch and emits MutationEngine::changed once.
    Status commit();
    void rollback();

    // A batch with more changed rows than this reports them per entity (one EntityChange with an empty
    // id per entity: "many rows of this entity changed, read again") instead of row by row.
    static constexpr int kMaxListedChanges = 10000;

private:
    friend class MutationEngine;
    MutationBatch(MutationEngine& engine, QSqlDatabase conn);
    Result<Mutation> submit(const QString& name, int version, const QJsonObject& args, const QByteArray& argsJson,
                            const PreparedArguments* prepared = nullptr);

    MutationEngine& m_engine;
    QSqlDatabase m_conn;
    std::unique_ptr<Transaction> m_tx;
    qint64 m_seqFloor = 1; // the outbox's sequence floor, read once at the start
    qint64 m_applied = 0;
    qint64 m_failed = 0;
    BatchTails m_tails;
    EntityChanges m_changes;
    QSet<QString> m_entities;
    bool m_overflow = false;
};

// Applies user changes on the client: in ONE transaction it validates and writes the rows (the mutator),
// appends an audit entry per changed row, and queues the mutation in the outbox. Nothing of a failed
// mutation remains.
class MutationEngine : public QObject
{
    Q_OBJECT
public:
    MutationEngine(Database& db, const MutationRegistry& registry, const Clock& clock, QObject* parent = nullptr);

    // Loads (or on first use creates) this device's id and clock state.
    Status initialize();

    QString deviceId() const { return m_deviceId; }
    QString actor() const { return m_actor; }
    void setActor(const QString& actor) { m_actor = actor; }

    // Applies the latest version of the named mutation.
    Result<Mutation> submit(const QString& name, const QJsonObject& args);
    Result<Mutation> submit(const QString& name, int version, const QJsonObject& args);

    // Starts a batch on the calling thread's connection (see MutationBatch). Fails if the profile is not
    // open or the write lock cannot be taken.
    Result<std::unique_ptr<MutationBatch>> beginBatch();

    // Applies a list of mutations in one transaction. AllOrNothing: the first failure rolls everything
    // back and is returned as the error. SkipFailed: failures are reported per item and the rest commits.
    enum class BatchMode { AllOrNothing, SkipFailed };
    struct BatchItem
    {
        QString name;
        QJsonObject args;
    };
    struct BatchFailure
    {
        int index = 0; // into the submitted list
        Error error;
    };
    struct BatchResult
    {
        QList<Mutation> applied;
        QList<BatchFailure> failed;
    };
    Result<BatchResult> submitBatch(const QList<BatchItem>& items, BatchMode mode);

signals:
    void changed(const outpost::EntityChanges& changes);

private:
    friend class MutationBatch;
    // Applies one mutation inside the caller's open transaction: mutator, audit entries, outbox entry.
    // A batch passes its `tails` (see BatchTails); a single mutation reads them.
    Result<Mutation> applyInTransaction(QSqlDatabase& conn, const Mutator& mutator, const QString& name, int version,
                                        const QJsonObject& args, qint64 seqFloor, EntityChanges* changes,
                                        BatchTails* tails = nullptr, const QByteArray& argsJson = {},
                                        const PreparedArguments* prepared = nullptr);
    QString nextHlc();

    Database& m_db;
    const MutationRegistry& m_registry;
    const Clock& m_clock;
    QString m_deviceId;
    QString m_actor = QStringLiteral("local");
    std::unique_ptr<HybridLogicalClock> m_hlc;
    QMutex m_hlcLock; // a batch may run on a worker thread while the UI thread submits
};

} // namespace outpost
