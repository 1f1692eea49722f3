#include "service/SyncService.h"

#include "audit/AuditLog.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "replication/RowCodec.h"
#include "service/Permissions.h"
#include "storage/Database.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost::server {

Q_LOGGING_CATEGORY(lcSyncService, "outpost.server.sync", QtInfoMsg)

namespace {

QString codeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return QStringLiteral("invalid");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Rejected:
    case ErrorCode::Conflict:
    case ErrorCode::AlreadyExists:
        return QStringLiteral("rule");
    default:
        return QStringLiteral("error");
    }
}

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

QString jsonText(const QJsonValue& v)
{
    if (v.isUndefined())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
}

} // namespace

SyncService::SyncService(Database& db, const MutationRegistry& mutators, const RowCodecRegistry& codecs, const Clock& clock)
    : m_db(db), m_mutators(mutators), m_codecs(codecs), m_clock(clock)
{
}

Result<qint64> SyncService::head()
{
    QSqlDatabase conn = m_db.connection();
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'sync_changes'")))
        return Error(ErrorCode::Database, q.lastError().text());
    return q.next() ? q.value(0).toLongLong() : 0;
}

Status SyncService::logChange(QSqlDatabase& conn, const QString& entity, const QString& id, bool deleted)
{
    QSqlQuery del(conn);
    del.prepare(QStringLiteral("DELETE FROM sync_changes WHERE entity = ? AND entity_id = ?"));
    del.addBindValue(entity);
    del.addBindValue(id);
    QSqlQuery ins(conn);
    ins.prepare(QStringLiteral("INSERT INTO sync_changes(entity, entity_id, deleted) VALUES(?, ?, ?)"));
    ins.addBindValue(entity);
    ins.addBindValue(id);
    ins.addBindValue(deleted ? 1 : 0);
    if (!del.exec() || !ins.exec())
        return Error(ErrorCode::Database, tr("Could not write the change log: %1")
                                              .arg(del.lastError().isValid() ? del.lastError().text() : ins.lastError().text()));
    return {};
}

Result<QList<RowState>> SyncService::statesOf(QSqlDatabase& conn, const QJsonArray& touched)
{
    QList<RowState> out;
    for (const QJsonValue& v : touched) {
        const QJsonObject t = v.toObject();
        RowState s;
        s.entity = t.value(QStringLiteral("entity")).toString();
        s.id = t.value(QStringLiteral("id")).toString();
        const RowCodec* codec = m_codecs.find(s.entity);
        if (!codec)
            continue;
        auto row = codec->read(conn, s.id);
        if (!row)
            return row.error();
        s.deleted = !row->has_value();
        if (row->has_value())
            s.row = **row;
        out.append(s);
    }
    return out;
}

Result<wire::MutationResult> SyncService::applyOne(QSqlDatabase& conn, const Principal& who, const Mutation& in, bool* changed)
{
    wire::MutationResult result;
    result.seq = in.seq;

    auto reject = [&](const QString& code, const QString& message) -> Result<wire::MutationResult> {
        result.status = wire::MutationResult::Status::Rejected;
        result.code = code;
        result.message = message;
        auto states = statesOf(conn, in.touched);
        if (!states)
            return states.error();
        result.restore = states.value();
        return result;
    };

    const Mutator* mutator = m_mutators.find(in.name, in.version);
    if (!mutator)
        return reject(QStringLiteral("unknown_mutation"),
                      tr("This server does not know the change \"%1@%2\"; update the server.").arg(in.name).arg(in.version));
    if (!Permissions::mayApply(who.role, in.name))
        return reject(QStringLiteral("forbidden"),
                      tr("Your role (%1) may not make this change (%2).").arg(who.role, in.name));

    Mutation m = in;
    m.actor = who.userId;
    const qint64 now = m_clock.nowMs();

    // What the rows look like before the change: compared with what the device saw (its base) to find
    // values this mutation overwrites without having seen them.
    QHash<QString, QJsonObject> serverBefore;
    QHash<QString, QString> lastWriter;
    QHash<QString, QJsonObject> deviceBase;
    for (const QJsonValue& v : in.touched) {
        const QJsonObject t = v.toObject();
        const QString entity = t.value(QStringLiteral("entity")).toString();
        const QString id = t.value(QStringLiteral("id")).toString();
        const QString key = entity + QLatin1Char('/') + id;
        deviceBase.insert(key, t.value(QStringLiteral("before")).toObject());
        if (const RowCodec* codec = m_codecs.find(entity)) {
            auto row = codec->read(conn, id);
            if (!row)
                return row.error();
            if (row->has_value()) {
                serverBefore.insert(key, **row);
                lastWriter.insert(key, (**row).value(QStringLiteral("updatedBy")).toString());
            }
        }
    }

    const RowCodec* conflictCodec = m_codecs.find(QStringLiteral("conflict"));
    Q_ASSERT(conflictCodec);

    Transaction sp(conn); // a savepoint inside the push transaction
    if (!sp.isActive())
        return sp.error();
    MutationContext ctx(conn, m, now);
    if (Status s = mutator->apply(ctx); !s) {
        sp.rollback();
        return reject(codeFor(s.code()), s.message());
    }

    for (const auto& r : ctx.recorded()) {
        const QString key = r.entity + QLatin1Char('/') + r.id;
        // Conflicts: a field this mutation changed whose server value differs from the device's base.
        if (r.kind != EntityChange::Kind::Created && deviceBase.contains(key) && serverBefore.contains(key)) {
            const QJsonObject base = deviceBase.value(key);
            const QJsonObject theirs = serverBefore.value(key);
            for (auto it = r.before.begin(); it != r.before.end(); ++it) {
                if (!base.contains(it.key()) || base.value(it.key()) == it.value())
                    continue;
                wire::ConflictInfo c;
                c.id = newUuidV7();
                c.entity = r.entity;
                c.entityId = r.id;
                c.field = it.key();
                c.mine = r.after.value(it.key()); // undefined for a delete
                c.theirs = theirs.value(it.key());
                c.base = base.value(it.key());
                const QJsonObject row{{QStringLiteral("entity"), c.entity},
                                      {QStringLiteral("entityId"), c.entityId},
                                      {QStringLiteral("field"), c.field},
                                      {QStringLiteral("mine"), jsonText(c.mine)},
                                      {QStringLiteral("theirs"), jsonText(c.theirs)},
                                      {QStringLiteral("base"), jsonText(c.base)},
                                      {QStringLiteral("winner"), who.userId},
                                      {QStringLiteral("loser"), lastWriter.value(key)},
                                      {QStringLiteral("mutationId"), m.id},
                                      {QStringLiteral("at"), now},
                                      {QStringLiteral("resolved"), 0},
                                      {QStringLiteral("updatedAt"), now},
                                      {QStringLiteral("updatedBy"), who.userId}};
                if (Status s = conflictCodec->write(conn, c.id, row); !s)
                    return s.error();
                if (Status s = logChange(conn, QStringLiteral("conflict"), c.id, false); !s)
                    return s.error();
                result.conflicts.append(c);
            }
        }

        AuditEntry e;
        e.at = now;
        e.actor = who.userId;
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
        if (Status s = logChange(conn, r.entity, r.id, r.kind == EntityChange::Kind::Deleted); !s)
            return s.error();
        *changed = true;
    }
    if (!result.conflicts.isEmpty())
        result.status = wire::MutationResult::Status::AppliedWithConflict;
    if (Status s = sp.commit(); !s)
        return s.error();
    return result;
}

Result<wire::PushResponse> SyncService::push(const Principal& who, const wire::PushRequest& request)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();

    wire::PushResponse response;
    bool changed = false;
    QSqlQuery seen(conn);
    seen.prepare(QStringLiteral("SELECT result FROM sync_applied WHERE device_id = ? AND seq = ?"));
    QSqlQuery record(conn);
    record.prepare(QStringLiteral("INSERT INTO sync_applied(device_id, seq, mutation_id, user_id, status, result, at) "
                                  "VALUES(?,?,?,?,?,?,?)"));
    for (const Mutation& m : request.mutations) {
        seen.addBindValue(request.deviceId);
        seen.addBindValue(m.seq);
        if (!seen.exec())
            return Error(ErrorCode::Database, seen.lastError().text());
        if (seen.next()) {
            auto stored = wire::Codec::mutationResultFromJson(
                QJsonDocument::fromJson(seen.value(0).toString().toUtf8()).object(), QStringLiteral("sync_applied"));
            if (!stored)
                return Error(ErrorCode::Corrupt, tr("A stored push result is unreadable: %1").arg(stored.message()));
            response.results.append(stored.value());
            seen.finish();
            continue;
        }
        seen.finish();
        auto result = applyOne(conn, who, m, &changed);
        if (!result)
            return result.error();
        const QJsonObject json = wire::Codec::toJson(result.value());
        record.addBindValue(request.deviceId);
        record.addBindValue(m.seq);
        record.addBindValue(m.id);
        record.addBindValue(who.userId);
        record.addBindValue(wire::Codec::statusName(result->status));
        record.addBindValue(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
        record.addBindValue(m_clock.nowMs());
        if (!record.exec())
            return Error(ErrorCode::Database, tr("Could not record an applied change: %1").arg(record.lastError().text()));
        response.results.append(result.value());
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    auto h = head();
    if (!h)
        return h.error();
    response.serverSeq = h.value();
    if (changed && m_onCommitted)
        m_onCommitted(response.serverSeq);
    return response;
}

Result<wire::PullPage> SyncService::pull(const Principal& who, qint64 after, int limit)
{
    limit = std::clamp(limit, 1, wire::kMaxPullPage);
    QSqlDatabase conn = m_db.connection();
    // One read snapshot for the page, the head and the device's settled position.
    Transaction tx(conn, Transaction::Kind::Deferred);
    if (!tx.isActive())
        return tx.error();
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, entity, entity_id, deleted FROM sync_changes WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(after);
    q.addBindValue(limit + 1);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the change log: %1").arg(q.lastError().text()));
    wire::PullPage page;
    page.cursor = after;
    while (q.next()) {
        if (page.changes.size() == limit) {
            page.more = true;
            break;
        }
        wire::Change c;
        c.seq = q.value(0).toLongLong();
        c.state.entity = q.value(1).toString();
        c.state.id = q.value(2).toString();
        c.state.deleted = q.value(3).toInt() != 0;
        page.cursor = c.seq;
        page.changes.append(std::move(c));
    }
    q.finish();
    for (wire::Change& c : page.changes) {
        if (c.state.deleted)
            continue;
        const RowCodec* codec = m_codecs.find(c.state.entity);
        if (!codec)
            return Error(ErrorCode::Unknown, tr("The change log names an unknown entity \"%1\".").arg(c.state.entity));
        auto row = codec->read(conn, c.state.id);
        if (!row)
            return row.error();
        if (!row->has_value()) {
            c.state.deleted = true; // cannot happen inside one snapshot; stay safe
            continue;
        }
        c.state.row = **row;
    }
    // The device's settled position is only reported on the last page: then every effect of those
    // mutations is in what the device has received, and it can stop replaying them.
    if (!page.more) {
        QSqlQuery a(conn);
        a.setForwardOnly(true);
        a.prepare(QStringLiteral("SELECT max(seq) FROM sync_applied WHERE device_id = ?"));
        a.addBindValue(who.deviceId);
        if (!a.exec() || !a.next())
            return Error(ErrorCode::Database, a.lastError().text());
        page.lastAppliedSeq = a.value(0).toLongLong();
    }
    tx.rollback();
    return page;
}

} // namespace outpost::server
