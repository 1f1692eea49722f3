#include "replication/Replica.h"

#include "contacts/ContactBulkLoader.h"
#include "importexport/DeferredContactIndex.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "mutations/Outbox.h"
#include "replication/ReplicaReset.h"
#include "storage/Database.h"
#include "storage/Meta.h"
#include "storage/QueryInterrupt.h"
#include "storage/Transaction.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>

namespace outpost {

Q_LOGGING_CATEGORY(lcReplica, "outpost.sync.replica", QtInfoMsg)

const QString Replica::kCursorKey = QStringLiteral("sync_cursor");
const QString Replica::kBootstrapKey = QStringLiteral("sync_bootstrap");

namespace {

QString encodeBootstrap(const Replica::Bootstrap& b)
{
    const QJsonObject o{{QStringLiteral("at"), b.at},
                        {QStringLiteral("entity"), b.entity},
                        {QStringLiteral("after"), b.after},
                        {QStringLiteral("total"), b.total},
                        {QStringLiteral("done"), b.done},
                        {QStringLiteral("bulk"), QJsonArray::fromStringList(b.bulk)},
                        {QStringLiteral("indexed"), b.indexed}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<Replica::Bootstrap> readBootstrap(QSqlDatabase& conn)
{
    auto v = meta::get(conn, Replica::kBootstrapKey);
    if (!v)
        return v.error();
    Replica::Bootstrap b;
    if (v->isEmpty())
        return b;
    const QJsonObject o = QJsonDocument::fromJson(v->toUtf8()).object();
    b.running = true;
    b.at = o.value(QStringLiteral("at")).toInteger();
    b.entity = o.value(QStringLiteral("entity")).toString();
    b.after = o.value(QStringLiteral("after")).toString();
    b.total = o.value(QStringLiteral("total")).toInteger();
    b.done = o.value(QStringLiteral("done")).toInteger();
    for (const QJsonValue& e : o.value(QStringLiteral("bulk")).toArray())
        b.bulk.append(e.toString());
    b.indexed = o.value(QStringLiteral("indexed")).toBool();
    return b;
}

} // namespace

Replica::Replica(Database& db, const MutationRegistry& mutators, const RowCodecRegistry& codecs)
    : m_db(db), m_mutators(mutators), m_codecs(codecs)
{
}

Status Replica::applyRows(QSqlDatabase& conn, const QList<RowState>& rows, EntityChanges* changes) const
{
    for (const RowState& r : rows) {
        const RowCodec* codec = m_codecs.find(r.entity);
        if (!codec) {
            // A newer server may sync entities this build does not know yet; they are skipped, not fatal.
            qCInfo(lcReplica) << "skipping unknown entity" << r.entity;
            continue;
        }
        if (r.deleted) {
            if (Status s = codec->remove(conn, r.id); !s)
                return s;
            changes->append({r.entity, r.id, EntityChange::Kind::Deleted});
        } else {
            if (Status s = codec->write(conn, r.id, r.row); !s)
                return s;
            changes->append({r.entity, r.id, EntityChange::Kind::Updated});
        }
    }
    return {};
}

Status Replica::replayPending(QSqlDatabase& conn, EntityChanges* changes) const
{
    qint64 after = 0;
    for (;;) {
        auto pending = Outbox::pending(conn, 500, after);
        if (!pending)
            return pending.error();
        if (pending->isEmpty())
            return {};
        for (const Mutation& m : pending.value()) {
            after = m.seq;
            const Mutator* mutator = m_mutators.find(m.name, m.version);
            if (!mutator)
                continue;
            // Each replay in its own savepoint: one that no longer applies (its contact was deleted on
            // the server) changes nothing here and is left for the server to reject with a reason.
            Transaction sp(conn);
            if (!sp.isActive())
                return sp.error();
            MutationContext ctx(conn, m, m.createdAt);
            if (Status s = mutator->apply(ctx); !s) {
                qCInfo(lcReplica) << "pending change" << m.seq << m.qualifiedName() << "no longer applies:" << s.message();
                sp.rollback();
                continue;
            }
            if (Status s = sp.commit(); !s)
                return s;
            for (const auto& r : ctx.recorded())
                changes->append({r.entity, r.id, r.kind});
        }
    }
}

Result<EntityChanges> Replica::applyPushResults(qint64 settledSeq, const QList<Rejection>& rejections, qint64 nowMs)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    EntityChanges changes;
    for (const Rejection& r : rejections) {
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_rejections(seq, mutation_id, name, version, args, code, message, at) "
                                 "SELECT seq, mutation_id, name, version, args, ?, ?, ? FROM outbox WHERE seq = ?"));
        q.addBindValue(r.code);
        q.addBindValue(r.message);
        q.addBindValue(nowMs);
        q.addBindValue(r.seq);
        if (!q.exec())
            return Error(ErrorCode::Database, tr("Could not record a refused change: %1").arg(q.lastError().text()));
        if (Status s = applyRows(conn, r.restore, &changes); !s)
            return s.error();
    }
    if (settledSeq > 0) {
        if (Status s = Outbox::acknowledge(conn, settledSeq); !s)
            return s.error();
    }
    if (!rejections.isEmpty()) {
        // The restored rows lost the effect of later pending edits to them: put those back on top.
        if (Status s = replayPending(conn, &changes); !s)
            return s.error();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return changes;
}

Result<EntityChanges> Replica::applyPullPage(const QList<RowState>& rows, qint64 lastAppliedSeq, qint64 cursor)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    EntityChanges changes;
    // A big page (a catch-up, a bootstrap) indexes its contacts for search once at the end: row by row,
    // each contact INSERT would carry the full-text trigger, which keeps a statement journal whose pages
    // SQLCipher encrypts, and FTS4 work per row.
    std::optional<DeferredContactIndex> deferred;
    if (rows.size() >= kDeferSearchIndexRows) {
        deferred.emplace(conn);
        if (Status s = deferred->start(); !s)
            return s.error();
    }
    if (Status s = applyRows(conn, rows, &changes); !s)
        return s.error();
    if (deferred) {
        if (Status s = deferred->finish(); !s)
            return s.error();
    }
    if (lastAppliedSeq > 0) {
        if (Status s = Outbox::acknowledge(conn, lastAppliedSeq); !s)
            return s.error();
    }
    if (!rows.isEmpty()) {
        if (Status s = replayPending(conn, &changes); !s)
            return s.error();
    }
    if (Status s = meta::set(conn, kCursorKey, QString::number(cursor)); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return changes;
}

Result<Replica::Bootstrap> Replica::bootstrap() const
{
    QSqlDatabase conn = m_db.connection();
    return readBootstrap(conn);
}

Result<EntityChanges> Replica::applySnapshotPage(const QList<SnapshotBlock>& blocks, const Bootstrap& next)
{
    if (m_aborted)
        return abortedError().error();
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    const QueryInterrupt interrupt(conn, &m_aborted);
    auto current = readBootstrap(conn);
    if (!current)
        return current.error();
    Bootstrap state = next;
    state.bulk = current->bulk;
    if (!current->running) {
        // The first page: every table still empty is bulk-loaded (nothing here can collide with its rows).
        for (const auto& [entity, table] : ReplicaReset::syncedTables()) {
            const RowCodec* codec = m_codecs.find(entity);
            QSqlQuery q(conn);
            if (!codec || !q.exec(QStringLiteral("SELECT EXISTS(SELECT 1 FROM %1)").arg(table)) || !q.next())
                return Error(ErrorCode::Database, tr("Could not prepare the first sync: %1").arg(q.lastError().text()));
            if (q.value(0).toInt() != 0)
                continue;
            q.finish();
            if (Status s = codec->bulkBegin(conn); !s)
                return s.error();
            state.bulk.append(entity);
        }
    } else {
        // What is there decides, not the `indexed` flag: a stop (here, or by another process on the same
        // profile: the app and outpost-cli) may have brought the indexes back, wholly or in part, since the
        // last page. Both calls find their work done when nothing came back.
        const bool drop = dropsIndexesOnResume(current.value());
        if (current->indexed)
            qCDebug(lcReplica) << "bootstrap resumes at" << current->done << "of" << current->total
                               << (drop ? "dropping its indexes again" : "keeping its indexes");
        for (const QString& entity : std::as_const(state.bulk)) {
            const RowCodec* codec = m_codecs.find(entity);
            if (!codec)
                continue;
            if (Status s = drop ? codec->bulkBegin(conn) : codec->bulkResume(conn); !s)
                return s.error();
        }
    }
    state.indexed = false;
    // While the contacts' full-text insert trigger is dropped for the bootstrap, the contacts created here
    // since the last page are indexed first, at every page whatever entities it carries (a cheap probe above
    // the mark; nothing to do without one), so the rows above the mark are then the page's own.
    if (Status s = ContactBulkLoader::indexAddedRows(conn, ContactBulkLoader::AddedRows::AddedElsewhere); !s)
        return s.error();
    // Bulk-loaded contacts are indexed for search by their codec at the end of each page. Contacts written one
    // by one (into a table that was not empty) are indexed once at the end of the page too (see
    // applyPullPage), so the index is whole after every page and local edits between pages keep it so.
    qsizetype written = 0;
    for (const SnapshotBlock& b : blocks) {
        if (b.entity == QLatin1String("contact") && !state.bulk.contains(b.entity))
            written += b.rows.size();
    }
    std::optional<DeferredContactIndex> deferred;
    if (written >= kDeferSearchIndexRows) {
        deferred.emplace(conn);
        if (Status s = deferred->start(); !s)
            return s.error();
    }
    EntityChanges changes;
    for (const SnapshotBlock& b : blocks) {
        const RowCodec* codec = m_codecs.find(b.entity);
        if (!codec) {
            qCInfo(lcReplica) << "skipping unknown entity" << b.entity;
            continue;
        }
        if (state.bulk.contains(b.entity)) {
            if (Status s = codec->bulkInsert(conn, b); !s)
                return s.error();
            continue; // announced once, by finishBootstrap()
        }
        for (qsizetype i = 0; i < b.rows.size(); ++i) {
            const QString id = b.rows.at(i).at(0).toString();
            if (Status s = codec->write(conn, id, b.rowObject(i)); !s)
                return s.error();
            changes.append({b.entity, id, EntityChange::Kind::Updated});
        }
    }
    if (deferred) {
        if (Status s = deferred->finish(); !s)
            return s.error();
    }
    if (Status s = meta::set(conn, kBootstrapKey, encodeBootstrap(state)); !s)
        return s.error();
    if (m_aborted)
        return abortedError().error(); // rolled back
    if (Status s = tx.commit(); !s)
        return s.error();
    return changes;
}

void Replica::prepareSnapshotPage(QList<SnapshotBlock>& blocks) const
{
    for (SnapshotBlock& b : blocks) {
        if (const RowCodec* codec = m_codecs.find(b.entity))
            codec->prepareBulk(b);
    }
}

Result<EntityChanges> Replica::finishBootstrap(const std::function<void()>& betweenSteps)
{
    if (m_aborted)
        return abortedError().error();
    QSqlDatabase conn = m_db.connection();
    auto state = readBootstrap(conn);
    if (!state)
        return state.error();
    // A crash between steps leaves the bootstrap running; the next sync (or the profile's next open, see
    // stopBootstrap) finishes them.
    if (Status s = restoreBulkIndexes(conn, state->bulk, betweenSteps); !s)
        return s.error();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    EntityChanges changes;
    for (const QString& entity : std::as_const(state->bulk))
        changes.append({entity, QString(), EntityChange::Kind::Created}); // many rows: no single id
    if (Status s = replayPending(conn, &changes); !s)
        return s.error();
    if (Status s = meta::set(conn, {{kCursorKey, QString::number(state->at)}, {kBootstrapKey, QString()}}); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return changes;
}

Status Replica::restoreBulkIndexes(QSqlDatabase& conn, const QStringList& bulk, const std::function<void()>& betweenSteps) const
{
    // What bulk loading dropped comes back one step (one index) per transaction: a local edit made
    // meanwhile waits for one step, not for the whole rebuild. Each step finds its work done or does it.
    // A step over a million rows holds the write lock for seconds: it is announced, so a user's edit
    // meanwhile waits for it instead of failing after the busy timeout. abort() interrupts it (rolled back:
    // not done).
    for (const QString& entity : bulk) {
        const RowCodec* codec = m_codecs.find(entity);
        for (int step = 0; codec; ++step) {
            if (m_aborted)
                return abortedError();
            QElapsedTimer took;
            took.start();
            const Database::LongWrite announced = m_db.announceLongWrite();
            Transaction tx(conn);
            if (!tx.isActive())
                return tx.error();
            Result<bool> more = false;
            {
                const QueryInterrupt interrupt(conn, &m_aborted);
                more = codec->bulkEnd(conn, step);
            }
            if (more && m_stepHook)
                m_stepHook(entity, step);
            if (m_aborted) { // rolled back, even if the statement ended before it noticed
                qCInfo(lcReplica) << "bootstrap indexes:" << entity << "step" << step << "stopped after"
                                  << took.elapsed() << "ms";
                return abortedError();
            }
            if (!more)
                return more.error();
            if (Status s = tx.commit(); !s)
                return s;
            qCDebug(lcReplica) << "bootstrap indexes:" << entity << "step" << step << "took" << took.elapsed() << "ms";
            if (betweenSteps)
                betweenSteps();
            if (!more.value())
                break;
        }
    }
    return {};
}

Result<EntityChanges> Replica::stopBootstrap(const std::function<void()>& betweenSteps)
{
    QSqlDatabase conn = m_db.connection();
    auto state = readBootstrap(conn);
    if (!state)
        return state.error();
    if (!state->running || state->indexed)
        return EntityChanges();
    if (m_aborted)
        return abortedError().error();
    QElapsedTimer took;
    took.start();
    if (Status s = restoreBulkIndexes(conn, state->bulk, betweenSteps); !s)
        return s.error();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    auto current = readBootstrap(conn);
    if (!current)
        return current.error();
    // `indexed` is written only if no page went in since the steps began: another process on the same profile
    // (the app and outpost-cli) may have resumed the bootstrap meanwhile, and its first page may have dropped
    // again what the steps rebuilt. The flag must never claim indexes that are not there; the other way round
    // costs nothing (the next page drops what is there anyway, the next stop finds its steps done).
    if (encodeBootstrap(current.value()) != encodeBootstrap(state.value())) {
        qCInfo(lcReplica) << "first sync moved on while its indexes were restored (another process?); not "
                             "marked as stopped";
        return EntityChanges();
    }
    current->indexed = true;
    if (Status s = meta::set(conn, kBootstrapKey, encodeBootstrap(current.value())); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    qCInfo(lcReplica) << "first sync stopped at" << current->done << "of" << current->total << "; indexes back in"
                      << took.elapsed() << "ms";
    // The bulk-loaded rows were not announced page by page (finishBootstrap does it at the end): the lists
    // show what has arrived now.
    EntityChanges changes;
    for (const QString& entity : std::as_const(current->bulk))
        changes.append({entity, QString(), EntityChange::Kind::Created});
    return changes;
}

void Replica::abort()
{
    m_aborted = true; // a running statement sees it through its QueryInterrupt
}

Status Replica::abortedError() const
{
    return Error(ErrorCode::Cancelled, tr("The first sync's work was interrupted because the profile is "
                                          "closing; it continues when the profile is next unlocked."));
}

bool Replica::dropsIndexesOnResume(const Bootstrap& stopped)
{
    // Measured (sync_bench BM_BootstrapStop, Debug build, load 1.8-3.2): a page loaded with the indexes kept
    // costs ~175 µs more per row than without them when a million contacts are there (~50 µs at 200,000); the
    // rebuild costs ~11 µs per row of the whole table. Keeping them pays only when less than about a
    // fifteenth of what is there is still to come at a million (a third at 200,000). Where it matters most,
    // at the scale target, a sixteenth: a wrong "drop" costs at most one rebuild, a wrong "keep" much more.
    return (stopped.total - stopped.done) * 16 > stopped.done;
}

Result<qint64> Replica::cursor() const
{
    QSqlDatabase conn = m_db.connection();
    auto v = meta::get(conn, kCursorKey, QStringLiteral("0"));
    if (!v)
        return v.error();
    return v->toLongLong();
}

Result<qint64> Replica::pendingCount() const
{
    QSqlDatabase conn = m_db.connection();
    return Outbox::count(conn);
}

} // namespace outpost
