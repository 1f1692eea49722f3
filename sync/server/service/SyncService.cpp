#include "service/SyncService.h"

#include "audit/AuditLog.h"
#include "contacts/ContactMerge.h"
#include "replication/ConflictMutators.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "replication/RowCodec.h"
#include "service/Permissions.h"
#include "service/Visibility.h"
#include "storage/Database.h"
#include "storage/SqlDialect.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <optional>

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

// Change-log entries one pull request looks at before it answers, visible to the user or not.
constexpr int kPullScanBudget = 20000;

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
    // PostgreSQL: the highest committed position (an identity's last value may belong to a push in flight).
    if (!q.exec(isPostgres(conn) ? QStringLiteral("SELECT coalesce(max(seq), 0) FROM sync_changes")
                                 : QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'sync_changes'")))
        return Error(ErrorCode::Database, q.lastError().text());
    return q.next() ? q.value(0).toLongLong() : 0;
}

Status SyncService::logChange(QSqlDatabase& conn, const QString& entity, const QString& id, bool deleted,
                              const QString& author)
{
    auto fail = [](const QSqlQuery& q) {
        return Error(ErrorCode::Database, tr("Could not write the change log: %1").arg(q.lastError().text()));
    };
    QSqlQuery old(conn);
    old.setForwardOnly(true);
    old.prepare(QStringLiteral("SELECT audience, seen_by FROM sync_changes WHERE entity = ? AND entity_id = ?"));
    old.addBindValue(entity);
    old.addBindValue(id);
    if (!old.exec())
        return fail(old);
    const bool existed = old.next();
    const QVariant oldAudience = existed ? old.value(0) : QVariant();
    QString seenBy = existed ? old.value(1).toString() : QString();
    old.finish();
    if (existed)
        seenBy = Visibility::merge(seenBy, oldAudience.isNull() ? QStringList{QStringLiteral("*")}
                                                                : oldAudience.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts));

    // A deleted row keeps the audience it had, so everyone who had it receives the tombstone.
    QVariant audience = oldAudience;
    if (!deleted) {
        auto a = Visibility::audienceOf(conn, entity, id);
        if (!a)
            return a.error();
        audience = a->has_value() ? QVariant(Visibility::encode(**a)) : QVariant();
    }
    // The author saw this state. "Seen by" only matters to users outside the audience (a tombstone when they
    // lose sight), and a later change of audience adds this one to it: an author inside it needs no entry.
    if (!audience.isNull() && !Visibility::contains(audience.toString(), author))
        seenBy = Visibility::merge(seenBy, {author});

    if (existed) {
        QSqlQuery del(conn);
        del.prepare(QStringLiteral("DELETE FROM sync_changes WHERE entity = ? AND entity_id = ?"));
        del.addBindValue(entity);
        del.addBindValue(id);
        if (!del.exec())
            return fail(del);
    }
    QSqlQuery ins(conn);
    ins.prepare(QStringLiteral("INSERT INTO sync_changes(entity, entity_id, deleted, audience, seen_by) VALUES(?, ?, ?, ?, ?)"));
    ins.addBindValue(entity);
    ins.addBindValue(id);
    ins.addBindValue(deleted ? 1 : 0);
    ins.addBindValue(audience.isNull() ? QVariant(QMetaType::fromType<QString>()) : audience);
    ins.addBindValue(sql::text(seenBy)); // may be empty: never NULL
    if (!ins.exec())
        return fail(ins);
    return {};
}

Result<bool> SyncService::maySee(QSqlDatabase& conn, const Principal& who, const QString& entity, const QString& id)
{
    switch (Visibility::scope(who.role, entity)) {
    case Visibility::Scope::All:
        return true;
    case Visibility::Scope::None:
        return false;
    case Visibility::Scope::Audience:
        break;
    }
    // The audience as the change log has it, i.e. before this push changed anything.
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT audience, deleted FROM sync_changes WHERE entity = ? AND entity_id = ?"));
    q.addBindValue(entity);
    q.addBindValue(id);
    if (!q.exec())
        return Error(ErrorCode::Database, q.lastError().text());
    if (!q.next() || q.value(1).toInt() != 0)
        return true; // a new row (or one re-created after a delete)
    return q.value(0).isNull() || Visibility::contains(q.value(0).toString(), who.userId);
}

Result<QString> SyncService::recordRule(QSqlDatabase& conn, const Principal& who, const Mutation& m)
{
    auto firstOf = [&conn](const QString& sql, const QString& arg) -> Result<QVariant> {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        q.prepare(sql);
        q.addBindValue(arg);
        if (!q.exec())
            return Error(ErrorCode::Database, q.lastError().text());
        return q.next() ? q.value(0) : QVariant();
    };
    const QJsonObject& args = m.args;
    const QString name = m.name;

    // Restoring a value through a conflict edits the record: the record's own permission applies too.
    if (name == QLatin1String(ConflictMutators::kResolve) && args.value(QStringLiteral("action")).toString() == QLatin1String("restore")) {
        auto entity = firstOf(QStringLiteral("SELECT entity FROM sync_conflicts WHERE id = ?"), args.value(QStringLiteral("id")).toString());
        if (!entity)
            return entity.error();
        const QString update = entity->toString() + QStringLiteral(".update");
        if (!entity->isNull() && !Permissions::mayApply(who.role, update))
            return tr("Your role (%1) may not change this record (%2), so it cannot restore its value.").arg(who.role, update);
    }

    // A merge touches both contacts even when it writes nothing to the one it keeps: both must be visible.
    if (name == QLatin1String(ContactMergeValidation::kMerge)) {
        for (const char* key : {"keepId", "removeId"}) {
            auto may = maySee(conn, who, QStringLiteral("contact"), args.value(QLatin1String(key)).toString());
            if (!may)
                return may.error();
            if (!may.value())
                return tr("You cannot merge this contact: it is not yours and it is not shared with you.");
        }
    }

    // Sharing decides who sees a record: only its owner, or an owner or administrator of the team.
    if ((name == QLatin1String("contact.share") || name == QLatin1String("contact.unshare"))
        && !Permissions::mayAdminister(who.role)) {
        QString contactId = args.value(QStringLiteral("contactId")).toString();
        if (name == QLatin1String("contact.unshare")) {
            auto c = firstOf(QStringLiteral("SELECT contact_id FROM contact_shares WHERE id = ?"), args.value(QStringLiteral("id")).toString());
            if (!c)
                return c.error();
            contactId = c->toString();
        }
        auto owner = firstOf(QStringLiteral("SELECT owner_id FROM contacts WHERE id = ?"), contactId);
        if (!owner)
            return owner.error();
        // A missing contact or share is the mutator's to report; an unowned contact has no owner to share it.
        if (owner->isValid() && owner->toString() != who.userId)
            return tr("Only the contact's owner (or an owner or administrator of the team) may share it or end a share.");
    }
    return QString();
}

Result<QList<RowState>> SyncService::statesOf(QSqlDatabase& conn, const Principal& who, const QJsonArray& touched)
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
        auto visible = maySee(conn, who, s.entity, s.id);
        if (!visible)
            return visible.error();
        if (!visible.value()) {
            s.deleted = true; // outside the user's view: the device drops its copy, and learns nothing
            out.append(s);
            continue;
        }
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

Result<wire::MutationResult> SyncService::applyOne(QSqlDatabase& conn, const Principal& who, const Mutation& in,
                                                   ApplyMode mode, AuditLog::Tail* auditTail, bool* changed, bool* again)
{
    wire::MutationResult result;
    result.seq = in.seq;

    auto reject = [&](const QString& code, const QString& message) -> Result<wire::MutationResult> {
        result.status = wire::MutationResult::Status::Rejected;
        result.code = code;
        result.message = message;
        auto states = statesOf(conn, who, in.touched);
        if (!states)
            return states.error();
        result.restore = states.value();
        return result;
    };
    // A refusal found after the mutation wrote: its savepoint undoes it, or (Direct) the push runs again.
    std::optional<Transaction> sp;
    auto refuseWritten = [&](const QString& code, const QString& message) -> Result<wire::MutationResult> {
        if (!sp) {
            *again = true;
            return result;
        }
        sp->rollback();
        return reject(code, message);
    };

    // A change the device cannot deliver (larger than this server accepts in one request) is withdrawn: the
    // device sends it without its arguments and hears it refused, with the rows to return to this state.
    if (in.name == QLatin1String(wire::kWithdrawnMutation))
        return reject(QStringLiteral("too_large"),
                      tr("This change (%1) is larger than the server accepts in one request, so it can never be "
                         "delivered.").arg(in.args.value(QStringLiteral("name")).toString()));

    const Mutator* mutator = m_mutators.find(in.name, in.version);
    if (!mutator)
        return reject(QStringLiteral("unknown_mutation"),
                      tr("This server does not know the change \"%1@%2\"; update the server.").arg(in.name).arg(in.version));
    if (!Permissions::mayApply(who.role, in.name))
        return reject(QStringLiteral("forbidden"),
                      tr("Your role (%1) may not make this change (%2).").arg(who.role, in.name));

    auto refusal = recordRule(conn, who, in);
    if (!refusal)
        return refusal.error();
    if (!refusal->isEmpty())
        return reject(QStringLiteral("forbidden"), refusal.value());

    // Visibility is also a write rule: a user may only change rows they can see (a sales rep cannot edit,
    // delete or share another rep's private contact by guessing its id). The rows the device says it changed
    // are checked before anything is written; rows the mutator writes beyond them are checked after it.
    QSet<QString> checked;
    for (const QJsonValue& v : in.touched) {
        const QJsonObject t = v.toObject();
        const QString entity = t.value(QStringLiteral("entity")).toString();
        const QString id = t.value(QStringLiteral("id")).toString();
        if (!m_codecs.find(entity))
            continue; // not synced: the device's own bookkeeping
        auto may = maySee(conn, who, entity, id);
        if (!may)
            return may.error();
        if (!may.value())
            return reject(QStringLiteral("forbidden"),
                          tr("You cannot change this record: it is not yours and it is not shared with you."));
        checked.insert(entity + QLatin1Char('/') + id);
    }

    Mutation m = in;
    m.actor = who.userId;
    const qint64 now = m_clock.nowMs();

    // What the rows look like before the change: compared with what the device saw (its base) to find
    // values this mutation overwrites without having seen them. A row the device had no values of (one it
    // created) cannot conflict, so it is not read.
    QHash<QString, QJsonObject> serverBefore;
    QHash<QString, QString> lastWriter;
    QHash<QString, QJsonObject> deviceBase;
    for (const QJsonValue& v : in.touched) {
        const QJsonObject t = v.toObject();
        const QString entity = t.value(QStringLiteral("entity")).toString();
        const QString id = t.value(QStringLiteral("id")).toString();
        const QString key = entity + QLatin1Char('/') + id;
        const QJsonObject base = t.value(QStringLiteral("before")).toObject();
        if (base.isEmpty())
            continue;
        deviceBase.insert(key, base);
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

    if (mode == ApplyMode::Savepoint) {
        sp.emplace(conn); // inside the push transaction
        if (!sp->isActive())
            return sp->error();
    }
    const std::optional<qint64> markBefore = sql::writeMark(conn);
    MutationContext ctx(conn, m, now);
    if (Status s = mutator->apply(ctx); !s) {
        // Mutators check before they write, so a refusal has usually written nothing: then it is simply
        // refused. When it has written, or a statement failed (on PostgreSQL that ends the whole transaction;
        // the write mark counts it), or the driver cannot tell (Qt's QPSQL), it is undone.
        if (sp || !markBefore || sql::writeMark(conn) != markBefore)
            return refuseWritten(codeFor(s.code()), s.message());
        return reject(codeFor(s.code()), s.message());
    }

    QList<Visibility::RowRef> dependents; // rows whose audience this change alters (a share's contact)
    for (const auto& r : ctx.recorded()) {
        auto deps = Visibility::dependents(conn, r.entity, r.id, r.before, r.after);
        if (!deps)
            return deps.error();
        dependents += deps.value();
        QList<Visibility::RowRef> rows{{r.entity, r.id}};
        rows += deps.value();
        for (const auto& row : rows) {
            if (checked.contains(row.entity + QLatin1Char('/') + row.id))
                continue;
            auto may = maySee(conn, who, row.entity, row.id);
            if (!may)
                return may.error();
            if (!may.value())
                return refuseWritten(QStringLiteral("forbidden"),
                                     tr("You cannot change this record: it is not yours and it is not shared with you."));
        }
    }

    // Sharing decides who sees a contact, so only its owner (or a team owner or administrator) may change its
    // shares: checked on what the mutation wrote, whichever mutation it was (a merge moves the removed
    // contact's shares onto the kept one; an unmerge moves them back). A share of a contact that no longer
    // exists (deleted with it) is not checked.
    if (!Permissions::mayAdminister(who.role)) {
        QSet<QString> sharedContacts;
        for (const auto& r : ctx.recorded()) {
            if (r.entity != QLatin1String("contact_share"))
                continue;
            for (const QJsonObject* row : {&r.before, &r.after}) {
                if (const QString contactId = row->value(QStringLiteral("contactId")).toString(); !contactId.isEmpty())
                    sharedContacts.insert(contactId);
            }
        }
        QSqlQuery owner(conn);
        if (!sharedContacts.isEmpty())
            owner.prepare(QStringLiteral("SELECT owner_id FROM contacts WHERE id = ?"));
        for (const QString& contactId : std::as_const(sharedContacts)) {
            owner.addBindValue(contactId);
            if (!owner.exec())
                return Error(ErrorCode::Database, owner.lastError().text());
            if (owner.next() && !owner.value(0).isNull() && owner.value(0).toString() != who.userId)
                return refuseWritten(QStringLiteral("forbidden"),
                                     tr("This change would alter who sees a contact you do not own; only its owner (or an "
                                        "owner or administrator of the team) may share it or end a share."));
        }
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
                if (Status s = logChange(conn, QStringLiteral("conflict"), c.id, false, who.userId); !s)
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
        if (Status s = AuditLog::append(conn, e, auditTail); !s)
            return s.error();
        if (Status s = logChange(conn, r.entity, r.id, r.kind == EntityChange::Kind::Deleted, who.userId); !s)
            return s.error();
        *changed = true;
    }
    // Rows whose audience this change altered go to the head again, so the users who gained sight of
    // them receive them and those who lost it receive a tombstone.
    for (const auto& d : dependents) {
        const RowCodec* codec = m_codecs.find(d.entity);
        if (!codec)
            continue;
        auto row = codec->read(conn, d.id);
        if (!row)
            return row.error();
        if (!row->has_value())
            continue;
        if (Status s = logChange(conn, d.entity, d.id, false, who.userId); !s)
            return s.error();
    }
    if (!result.conflicts.isEmpty())
        result.status = wire::MutationResult::Status::AppliedWithConflict;
    if (sp) {
        if (Status s = sp->commit(); !s)
            return s.error();
    }
    return result;
}

Result<qint64> SyncService::pruneApplied(QSqlDatabase& conn, const QString& deviceId, qint64 firstSeq)
{
    auto fail = [](const QSqlQuery& q) {
        return Error(ErrorCode::Database, tr("Could not prune the settled changes: %1").arg(q.lastError().text()));
    };
    QSqlQuery mark(conn);
    mark.setForwardOnly(true);
    mark.prepare(QStringLiteral("SELECT applied_below FROM sync_devices WHERE device_id = ?"));
    mark.addBindValue(deviceId);
    if (!mark.exec())
        return fail(mark);
    const bool known = mark.next();
    const qint64 below = known ? mark.value(0).toLongLong() : 0;
    mark.finish();
    if (firstSeq <= below)
        return below; // this push again, or a late copy of an older one: nothing more is settled
    QSqlQuery del(conn);
    del.prepare(QStringLiteral("DELETE FROM sync_applied WHERE device_id = ? AND seq < ?"));
    del.addBindValue(deviceId);
    del.addBindValue(firstSeq);
    if (!del.exec())
        return fail(del);
    QSqlQuery set(conn);
    set.prepare(known ? QStringLiteral("UPDATE sync_devices SET applied_below = ? WHERE device_id = ?")
                      : QStringLiteral("INSERT INTO sync_devices(applied_below, device_id) VALUES(?, ?)"));
    set.addBindValue(firstSeq);
    set.addBindValue(deviceId);
    if (!set.exec())
        return fail(set);
    return firstSeq;
}

Result<wire::PushResponse> SyncService::push(const Principal& who, const wire::PushRequest& request)
{
    // Direct first. A refusal found only after a mutation wrote rolls the attempt back; the next attempt runs
    // the mutations before it Direct again and gives it and those after it a savepoint each. (An earlier one
    // can need that only if another push changed the data between the attempts; each attempt moves the
    // first savepoint down, so this ends.)
    qsizetype savepointFrom = request.mutations.size();
    for (;;) {
        qsizetype refusedAt = -1;
        auto response = pushOnce(who, request, savepointFrom, &refusedAt);
        if (!response || refusedAt < 0)
            return response;
        m_pushesRunAgain.fetch_add(1, std::memory_order_relaxed);
        qCDebug(lcSyncService) << "a refusal came after change" << refusedAt << "wrote: the push of device"
                               << request.deviceId << "runs again with a savepoint per change from there";
        savepointFrom = std::min(savepointFrom, refusedAt);
    }
}

Result<wire::PushResponse> SyncService::pushOnce(const Principal& who, const wire::PushRequest& request,
                                                 qsizetype savepointFrom, qsizetype* refusedAt)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();

    wire::PushResponse response;
    bool changed = false;
    // Results already stored for this push's sequence numbers (a retry): one read for the whole push.
    QHash<qint64, QString> stored;
    qint64 prunedBelow = 0;
    if (!request.mutations.isEmpty()) {
        QSqlQuery seen(conn);
        seen.setForwardOnly(true);
        const auto [lowest, highest] = std::minmax_element(request.mutations.begin(), request.mutations.end(),
                                                           [](const Mutation& a, const Mutation& b) { return a.seq < b.seq; });
        auto pruned = pruneApplied(conn, request.deviceId, lowest->seq);
        if (!pruned)
            return pruned.error();
        prunedBelow = pruned.value();
        // One range read when the push's numbers are dense (they are: a device numbers its changes 1, 2, 3…);
        // one read per number when they are spread out, so a push of two far-apart numbers cannot make the
        // server read the device's whole history.
        const bool dense = highest->seq - lowest->seq < 2 * qint64(request.mutations.size()) + 64;
        seen.prepare(dense ? QStringLiteral("SELECT seq, result FROM sync_applied WHERE device_id = ? AND seq >= ? AND seq <= ?")
                           : QStringLiteral("SELECT seq, result FROM sync_applied WHERE device_id = ? AND seq = ?"));
        for (qsizetype i = 0; i < (dense ? 1 : request.mutations.size()); ++i) {
            seen.addBindValue(request.deviceId);
            seen.addBindValue(dense ? lowest->seq : request.mutations.at(i).seq);
            if (dense)
                seen.addBindValue(highest->seq);
            if (!seen.exec())
                return Error(ErrorCode::Database, seen.lastError().text());
            while (seen.next())
                stored.insert(seen.value(0).toLongLong(), seen.value(1).toString());
        }
    }
    QSqlQuery record(conn);
    record.prepare(QStringLiteral("INSERT INTO sync_applied(device_id, seq, mutation_id, user_id, status, result, at) "
                                  "VALUES(?,?,?,?,?,?,?)"));
    AuditLog::Tail auditTail; // carried from one mutation to the next: the push holds the write lock
    for (qsizetype i = 0; i < request.mutations.size(); ++i) {
        const Mutation& m = request.mutations.at(i);
        const auto it = stored.constFind(m.seq);
        if (m.seq < prunedBelow || (it != stored.constEnd() && it->isEmpty())) {
            // Pruned (the device has its result; only a late copy of an old request carries it), or a plain
            // "applied" stored without its JSON: applied, with no second effect.
            wire::MutationResult applied;
            applied.seq = m.seq;
            response.results.append(applied);
            continue;
        }
        if (it != stored.constEnd()) {
            auto result = wire::Codec::mutationResultFromJson(QJsonDocument::fromJson(it->toUtf8()).object(),
                                                              QStringLiteral("sync_applied"));
            if (!result)
                return Error(ErrorCode::Corrupt, tr("A stored push result is unreadable: %1").arg(result.message()));
            response.results.append(result.value());
            continue;
        }
        // The savepoint mutations are the push's tail, so the carried audit tail is never stale for a Direct one.
        const ApplyMode mode = i < savepointFrom ? ApplyMode::Direct : ApplyMode::Savepoint;
        bool again = false;
        auto result = applyOne(conn, who, m, mode, mode == ApplyMode::Direct ? &auditTail : nullptr, &changed, &again);
        if (!result)
            return result.error();
        if (again) {
            *refusedAt = i;
            return response; // rolled back; the caller runs the push again with a savepoint from here
        }
        record.addBindValue(request.deviceId);
        record.addBindValue(m.seq);
        record.addBindValue(m.id);
        record.addBindValue(who.userId);
        record.addBindValue(wire::Codec::statusName(result->status));
        // A plain "applied" is all in its status; others keep what the device needs to hear again.
        const bool plain = result->status == wire::MutationResult::Status::Applied;
        const QString text =
            plain ? QString() : QString::fromUtf8(QJsonDocument(wire::Codec::toJson(result.value())).toJson(QJsonDocument::Compact));
        record.addBindValue(sql::text(text));
        record.addBindValue(m_clock.nowMs());
        if (!record.exec())
            return Error(ErrorCode::Database, tr("Could not record an applied change: %1").arg(record.lastError().text()));
        stored.insert(m.seq, text); // the same number again later in this push gets this result, as a retry would
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
    // Rows outside the user's view are skipped (the cursor still moves past them); a page scans at most
    // kScanBudget entries, so a user who sees little of a big team still gets answers quickly.
    const int scanBudget = std::max(limit, kPullScanBudget);
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, entity, entity_id, deleted, audience, seen_by FROM sync_changes "
                             "WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(after);
    q.addBindValue(scanBudget + 1);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the change log: %1").arg(q.lastError().text()));
    wire::PullPage page;
    page.cursor = after;
    int scanned = 0;
    while (q.next()) {
        if (page.changes.size() == limit || scanned == scanBudget) {
            page.more = true;
            break;
        }
        ++scanned;
        const qint64 seq = q.value(0).toLongLong();
        page.cursor = seq;
        const QString entity = q.value(1).toString();
        bool deleted = q.value(3).toInt() != 0;
        switch (Visibility::scope(who.role, entity)) {
        case Visibility::Scope::None:
            continue;
        case Visibility::Scope::All:
            break;
        case Visibility::Scope::Audience: {
            const bool inAudience = q.value(4).isNull() || Visibility::contains(q.value(4).toString(), who.userId);
            const bool sawBefore = Visibility::contains(q.value(5).toString(), who.userId);
            if (!inAudience && !sawBefore)
                continue;
            if (!inAudience)
                deleted = true; // it left this user's view: a tombstone, never its content
            break;
        }
        }
        wire::Change c;
        c.seq = seq;
        c.state.entity = entity;
        c.state.id = q.value(2).toString();
        c.state.deleted = deleted;
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

Result<wire::SnapshotPage> SyncService::snapshot(const Principal& who, qint64 at, const QString& entity,
                                                 const QString& after, int limit)
{
    limit = std::clamp(limit, 1, wire::kMaxSnapshotPage);
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn, Transaction::Kind::Deferred); // one read snapshot per page
    if (!tx.isActive())
        return tx.error();
    auto dbError = [](const QSqlQuery& q) {
        return Error(ErrorCode::Database, tr("Could not read the snapshot: %1").arg(q.lastError().text()));
    };
    // Entities in a fixed order; those outside the user's scope are not even walked.
    QStringList entities;
    for (const QString& e : m_codecs.entities()) {
        if (Visibility::scope(who.role, e) != Visibility::Scope::None)
            entities.append(e);
    }

    wire::SnapshotPage page;
    page.at = at;
    if (at == 0) {
        auto h = head();
        if (!h)
            return h.error();
        page.at = h.value();
        QSqlQuery count(conn);
        count.setForwardOnly(true);
        count.prepare(QStringLiteral("SELECT entity, count(*) FROM sync_changes WHERE deleted = 0 AND seq <= ? GROUP BY entity"));
        count.addBindValue(page.at);
        if (!count.exec())
            return dbError(count);
        while (count.next()) {
            if (entities.contains(count.value(0).toString()))
                page.total += count.value(1).toLongLong();
        }
    }

    // Which rows: the change log has one entry per row, with its audience. A row changed after `at` has
    // moved past it and is left to the pull that follows; one deleted is a tombstone a new device skips.
    const int scanBudget = std::max(limit, kPullScanBudget);
    QList<std::pair<QString, QString>> wanted; // (entity, id), by entity and id
    page.nextEntity = entity;
    page.nextAfter = after;
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT entity_id, audience FROM sync_changes "
                             "WHERE entity = ? AND entity_id > ? AND seq <= ? AND deleted = 0 ORDER BY entity_id LIMIT ?"));
    for (const QString& e : entities) {
        if (!entity.isEmpty() && e < entity)
            continue;
        const bool audienceOnly = Visibility::scope(who.role, e) == Visibility::Scope::Audience;
        q.addBindValue(e);
        q.addBindValue(e == entity ? after : QString(QLatin1String("")));
        q.addBindValue(page.at);
        q.addBindValue(scanBudget - page.scanned + 1);
        if (!q.exec())
            return dbError(q);
        while (q.next()) {
            if (wanted.size() == limit || page.scanned == scanBudget) {
                page.more = true;
                break;
            }
            ++page.scanned;
            page.nextEntity = e;
            page.nextAfter = q.value(0).toString();
            if (audienceOnly && !q.value(1).isNull() && !Visibility::contains(q.value(1).toString(), who.userId))
                continue;
            wanted.append({e, page.nextAfter});
        }
        q.finish();
        if (page.more)
            break;
    }

    // The rows, compact: one block per run of rows of one entity with the same columns, read a run of
    // one entity at a time (a codec reads a run in a few statements).
    for (qsizetype from = 0; from < wanted.size();) {
        const QString& e = wanted.at(from).first;
        QStringList ids;
        qsizetype to = from;
        for (; to < wanted.size() && wanted.at(to).first == e; ++to)
            ids.append(wanted.at(to).second);
        if (Status s = m_codecs.find(e)->readSnapshot(conn, ids, &page.blocks); !s)
            return s.error();
        from = to;
    }
    tx.rollback();
    return page;
}

} // namespace outpost::server
