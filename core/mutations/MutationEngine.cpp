#include "mutations/MutationEngine.h"

#include "audit/AuditLog.h"
#include "mutations/Outbox.h"
#include "storage/Database.h"
#include "storage/Meta.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include <QJsonDocument>
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

QByteArray compact(const QJsonObject& o)
{
    return o.isEmpty() ? QByteArray() : QJsonDocument(o).toJson(QJsonDocument::Compact);
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

    // The next sequence number follows the newest queued mutation, or the floor saved when the outbox
    // last drained. Read inside the write transaction, so two processes on one profile cannot share a
    // number; nothing is written to `meta` per mutation (each page written costs SQLCipher ~20 µs).
    auto queued = Outbox::lastQueued(conn);
    if (!queued)
        return queued.error();
    auto floorText = meta::get(conn, kNextSeq, QStringLiteral("1"));
    if (!floorText)
        return floorText.error();

    Mutation m;
    m.id = newUuidV7();
    m.name = name;
    m.version = version;
    m.args = args;
    m.deviceId = m_deviceId;
    m.seq = std::max(queued->seq + 1, floorText.value().toLongLong());
    m.hlc = m_hlc->now();
    m.actor = m_actor;
    m.createdAt = m_clock.nowMs();

    MutationContext ctx(conn, m, m.createdAt);
    if (Status s = mutator->apply(ctx); !s)
        return s.error();

    EntityChanges changes;
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
        e.before = compact(r.before);
        e.after = compact(r.after);
        if (Status s = AuditLog::append(conn, e); !s)
            return s.error();
        changes.append({r.entity, r.id, r.kind});
        m.touched.append(QJsonObject{{QStringLiteral("entity"), r.entity},
                                     {QStringLiteral("id"), r.id},
                                     {QStringLiteral("before"), r.before}});
    }
    if (Status s = Outbox::append(conn, m); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();

    qCDebug(lcMutations) << "applied" << m.qualifiedName() << "seq" << m.seq;
    if (!changes.isEmpty())
        emit changed(changes);
    return m;
}

} // namespace outpost
