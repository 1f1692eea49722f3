#include "mutations/MutationEngine.h"

#include "audit/AuditLog.h"
#include "mutations/Mutator.h"
#include "mutations/Outbox.h"
#include "storage/Database.h"
#include "storage/Meta.h"
#include "storage/SqlCipherDriver.h"
#include "storage/Transaction.h"
#include "util/JsonText.h"
#include "util/Uuid.h"

#include <QJsonDocument>

#include <sqlite3.h>
#include <QLoggingCategory>

#include <algorithm>

namespace outpost {

Q_LOGGING_CATEGORY(lcMutations, "outpost.mutations", QtInfoMsg)

namespace {
const QString kDeviceId = QStringLiteral("device_id");
const QString kNextSeq = QString::fromLatin1(Outbox::kNextSeqKey);
const QString kHlc = QString::fromLatin1(Outbox::kLastHlcKey);

QString actionName(EntityChange::Kind kind)
{
    switch (kind) {
    case EntityChange::Kind::Created:
        return QStringLiteral("create");
    case EntityChange::Kind::Updated:
        return QStringLiteral("update");
    case EntityChange::Kind::Deleted:
        return QStringLiteral("delete");
    }
    return QStringLiteral("update");
}

// An audit entry's before/after: nothing for an empty object, else its compact text (the mutator's, if it gave
// one).
QByteArray compact(const QJsonObject& o, const QByteArray& given)
{
    if (o.isEmpty())
        return QByteArray();
    return given.isEmpty() ? QJsonDocument(o).toJson(QJsonDocument::Compact) : given;
}
} // namespace

MutationEngine::MutationEngine(Database& db, const MutationRegistry& registry, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_registry(registry)
    , m_clock(clock)
{
}

Status MutationEngine::initialize()
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    auto device = meta::get(conn, kDeviceId);
    if (!device)
        return device.error();
    m_deviceId = device.value();
    if (m_deviceId.isEmpty()) {
        m_deviceId = newUuidV7();
        if (Status s = meta::set(conn, kDeviceId, m_deviceId); !s)
            return s;
    }
    // The clock resumes after the newest timestamp this device has issued: the one saved when the outbox
    // last drained, or the newest still queued.
    auto last = meta::get(conn, kHlc);
    if (!last)
        return last.error();
    auto queued = Outbox::lastQueued(conn);
    if (!queued)
        return queued.error();
    if (Status s = tx.commit(); !s)
        return s;
    m_hlc = std::make_unique<HybridLogicalClock>(m_clock, m_deviceId);
    m_hlc->restore(last.value());
    if (queued->seq > 0)
        m_hlc->restore(queued->hlc);
    return {};
}

Result<Mutation> MutationEngine::submit(const QString& name, const QJsonObject& args)
{
    const int version = m_registry.latestVersion(name);
    if (version == 0)
        return Error(ErrorCode::InvalidArgument, tr("Unknown change \"%1\".").arg(name));
    return submit(name, version, args);
}

Result<Mutation> MutationEngine::submit(const QString& name, int version, const QJsonObject& args)
{
    if (!m_hlc)
        return Error(ErrorCode::Unknown, tr("The change log is not ready (the profile is not fully open)."));
    const Mutator* mutator = m_registry.find(name, version);
    if (!mutator)
        return Error(ErrorCode::InvalidArgument, tr("Unknown change \"%1@%2\".").arg(name).arg(version));

    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();

    // The sequence floor saved when the outbox last drained. Read inside the write transaction, so two
    // processes on one profile cannot share a number; nothing is written to `meta` per mutation (each
    // page written costs SQLCipher ~20 µs).
    auto floorText = meta::get(conn, kNextSeq, QStringLiteral("1"));
    if (!floorText)
        return floorText.error();

    EntityChanges changes;
    auto m = applyInTransaction(conn, *mutator, name, version, args, floorText.value().toLongLong(), &changes);
    if (!m)
        return m.error();
    if (Status s = tx.commit(); !s)
        return s.error();

    qCDebug(lcMutations) << "applied" << m->qualifiedName() << "seq" << m->seq;
    if (!changes.isEmpty())
        emit changed(changes);
    return m;
}

QString MutationEngine::nextHlc()
{
    QMutexLocker lock(&m_hlcLock);
    return m_hlc->now();
}

Result<Mutation> MutationEngine::applyInTransaction(QSqlDatabase& conn, const Mutator& mutator, const QString& name,
                                                    int version, const QJsonObject& args, qint64 seqFloor,
                                                    EntityChanges* changes, BatchTails* tails,
                                                    const QByteArray& argsJson, const PreparedArguments* prepared)
{
    // The next sequence number follows the newest queued mutation, or the floor.
    qint64 lastSeq = tails ? tails->lastSeq : -1;
    if (lastSeq < 0) {
        auto queued = Outbox::lastQueued(conn);
        if (!queued)
            return queued.error();
        lastSeq = queued->seq;
    }

    Mutation m;
    m.id = newUuidV7();
    m.name = name;
    m.version = version;
    m.args = args;
    m.deviceId = m_deviceId;
    m.seq = std::max(lastSeq + 1, seqFloor);
    m.hlc = nextHlc();
    m.actor = m_actor;
    m.createdAt = m_clock.nowMs();

    MutationContext ctx(conn, m, m.createdAt);
    ctx.setPrepared(prepared);
    if (Status s = mutator.apply(ctx); !s)
        return s.error();

    // `touched` is also written out here, from the audit entries' text of each `before`: an undo's deletions
    // carry every field of hundreds of contacts, and serialising them twice was 6 % of its time.
    QByteArray touchedJson("[");
    for (const auto& r : ctx.recorded()) {
        AuditEntry e;
        e.at = m.createdAt;
        e.actor = m.actor;
        e.deviceId = m.deviceId;
        e.mutationId = m.id;
        e.mutation = m.qualifiedName();
        e.entity = r.entity;
        e.entityId = r.id;
        e.action = actionName(r.kind);
        const QByteArray beforeText = compact(r.before, r.beforeText);
        e.before = beforeText;
        e.after = compact(r.after, r.afterText);
        if (Status s = AuditLog::append(conn, e, tails ? &tails->audit : nullptr); !s)
            return s.error();
        changes->append({r.entity, r.id, r.kind});
        m.touched.append(QJsonObject{{QStringLiteral("entity"), r.entity},
                                     {QStringLiteral("id"), r.id},
                                     {QStringLiteral("before"), r.before}});
        // {"before":…,"entity":…,"id":…}: QJsonDocument's order (keys sorted).
        if (touchedJson.size() > 1)
            touchedJson += ',';
        touchedJson += "{\"before\":";
        touchedJson += beforeText.isEmpty() ? QByteArray("{}") : beforeText;
        touchedJson += ",\"entity\":";
        appendJsonString(touchedJson, r.entity);
        touchedJson += ",\"id\":";
        appendJsonString(touchedJson, r.id);
        touchedJson += '}';
    }
    touchedJson += ']';
    if (Status s = Outbox::append(conn, m, argsJson, touchedJson); !s)
        return s.error();
    if (tails)
        tails->lastSeq = m.seq;
    return m;
}

Result<std::unique_ptr<MutationBatch>> MutationEngine::beginBatch()
{
    if (!m_hlc)
        return Error(ErrorCode::Unknown, tr("The change log is not ready (the profile is not fully open)."));
    QSqlDatabase conn = m_db.connection();
    if (!conn.isOpen())
        return m_db.lastConnectionError();
    std::unique_ptr<MutationBatch> batch(new MutationBatch(*this, conn));
    batch->m_tx = std::make_unique<Transaction>(conn);
    if (!batch->m_tx->isActive())
        return batch->m_tx->error();
    auto floorText = meta::get(conn, kNextSeq, QStringLiteral("1"));
    if (!floorText)
        return floorText.error();
    batch->m_seqFloor = floorText.value().toLongLong();
    return batch;
}

Result<MutationEngine::BatchResult> MutationEngine::submitBatch(const QList<BatchItem>& items, BatchMode mode)
{
    auto batch = beginBatch();
    if (!batch)
        return batch.error();
    BatchResult result;
    for (int i = 0; i < items.size(); ++i) {
        auto m = batch.value()->submit(items.at(i).name, items.at(i).args);
        if (m) {
            result.applied.append(std::move(m.value()));
            continue;
        }
        if (mode == BatchMode::AllOrNothing)
            return m.error(); // the batch rolls back as it goes away
        result.failed.append({int(i), m.error()});
    }
    if (Status s = batch.value()->commit(); !s)
        return s.error();
    return result;
}

// --- MutationBatch -------------------------------------------------------------------------------------

MutationBatch::MutationBatch(MutationEngine& engine, QSqlDatabase conn)
    : m_engine(engine)
    , m_conn(std::move(conn))
{
}

MutationBatch::~MutationBatch()
{
    m_tx.reset(); // rolls back if still active
}

bool MutationBatch::isActive() const
{
    return m_tx && m_tx->isActive();
}

Result<Mutation> MutationBatch::submit(const QString& name, const QJsonObject& args)
{
    const int version = m_engine.m_registry.latestVersion(name);
    if (version == 0)
        return Error(ErrorCode::InvalidArgument, MutationEngine::tr("Unknown change \"%1\".").arg(name));
    return submit(name, version, args);
}

Result<Mutation> MutationBatch::submit(const QString& name, int version, const QJsonObject& args)
{
    return submit(name, version, args, QByteArray());
}

Result<Mutation> MutationBatch::submit(const QString& name, const QJsonObject& args, const QByteArray& argsJson,
                                       const PreparedArguments* prepared)
{
    const int version = m_engine.m_registry.latestVersion(name);
    if (version == 0)
        return Error(ErrorCode::InvalidArgument, MutationEngine::tr("Unknown change \"%1\".").arg(name));
    return submit(name, version, args, argsJson, prepared);
}

Result<Mutation> MutationBatch::submit(const QString& name, int version, const QJsonObject& args,
                                       const QByteArray& argsJson, const PreparedArguments* prepared)
{
    if (!isActive())
        return Error(ErrorCode::Unknown, tr("The batch of changes was already committed or rolled back."));
    const Mutator* mutator = m_engine.m_registry.find(name, version);
    if (!mutator) {
        ++m_failed;
        return Error(ErrorCode::InvalidArgument, MutationEngine::tr("Unknown change \"%1@%2\".").arg(name).arg(version));
    }
    // No savepoint per mutation. Under a savepoint SQLite copies every page a mutation first touches into
    // a statement journal, and SQLCipher encrypts each copy: about as many page encryptions again as the
    // commit. Mutators check their arguments before they write, so a refused mutation has changed
    // nothing and the batch goes on; one that fails after writing something (a database error half-way)
    // cannot be taken back alone, so the whole batch is rolled back and refuses further work.
    sqlite3* handle = SqlCipherDriver::nativeHandle(m_conn);
    const int changedBefore = handle ? sqlite3_total_changes(handle) : 0;
    EntityChanges changes;
    auto m = m_engine.applyInTransaction(m_conn, *mutator, name, version, args, m_seqFloor, &changes, &m_tails, argsJson,
                                         prepared);
    if (!m) {
        ++m_failed;
        if (!handle || sqlite3_total_changes(handle) != changedBefore) {
            rollback();
            return Error(m.code(), tr("The whole batch of changes was rolled back: a change failed after writing part "
                                      "of itself (%1).")
                                       .arg(m.message()));
        }
        return m.error();
    }
    ++m_applied;
    for (const EntityChange& c : std::as_const(changes)) {
        m_entities.insert(c.entity);
        if (m_changes.size() < kMaxListedChanges)
            m_changes.append(c);
        else
            m_overflow = true;
    }
    return m;
}

Status MutationBatch::commit()
{
    if (!isActive())
        return Error(ErrorCode::Unknown, tr("The batch of changes was already committed or rolled back."));
    if (Status s = m_tx->commit(); !s)
        return s;
    qCDebug(lcMutations) << "applied a batch of" << m_applied << "mutations";
    EntityChanges changes;
    if (m_overflow) {
        for (const QString& entity : std::as_const(m_entities))
            changes.append({entity, QString(), EntityChange::Kind::Updated});
    } else {
        changes = std::move(m_changes);
    }
    m_changes.clear();
    if (!changes.isEmpty())
        emit m_engine.changed(changes);
    return {};
}

void MutationBatch::rollback()
{
    if (m_tx)
        m_tx->rollback();
    m_changes.clear();
}

} // namespace outpost
