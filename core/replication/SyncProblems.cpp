#include "replication/SyncProblems.h"

#include "mutations/MutationEngine.h"
#include "replication/ConflictMutators.h"
#include "storage/Database.h"
#include "storage/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace outpost {

namespace {

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, SyncProblems::tr("Could not read the sync problems: %1").arg(q.lastError().text()));
}

QJsonValue parseValue(const QVariant& v)
{
    if (v.isNull())
        return QJsonValue(QJsonValue::Undefined);
    const QByteArray text = v.toString().toUtf8();
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]");
    return doc.isArray() && doc.array().size() == 1 ? doc.array().at(0) : QJsonValue(QString::fromUtf8(text));
}

} // namespace

SyncProblems::SyncProblems(Database& db, MutationEngine& engine) : m_db(db), m_engine(engine) {}

QString SyncProblems::entityOf(const QString& mutationName)
{
    const qsizetype dot = mutationName.indexOf(QLatin1Char('.'));
    return dot < 0 ? mutationName : mutationName.left(dot);
}

QString SyncProblems::recordName(QSqlDatabase& db, const QString& entity, const QString& id)
{
    if (id.isEmpty())
        return {};
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (entity == QLatin1String("contact")) {
        q.prepare(QStringLiteral("SELECT first_name, last_name, company, email FROM contacts WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec() || !q.next())
            return {};
        const QString name = QString(q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString()).trimmed();
        if (!name.isEmpty())
            return name;
        return !q.value(2).toString().isEmpty() ? q.value(2).toString() : q.value(3).toString();
    }
    if (entity == QLatin1String("distributor")) {
        q.prepare(QStringLiteral("SELECT display_name FROM distributors WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0).toString();
    }
    return {};
}

Result<QList<SyncConflict>> SyncProblems::openConflicts(int limit) const
{
    QSqlDatabase conn = m_db.connection();
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, entity, entity_id, field, mine, theirs, winner, loser, at FROM sync_conflicts "
                             "WHERE resolved = 0 ORDER BY at DESC, id LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q);
    QList<SyncConflict> out;
    while (q.next()) {
        SyncConflict c;
        c.id = q.value(0).toString();
        c.entity = q.value(1).toString();
        c.entityId = q.value(2).toString();
        c.field = q.value(3).toString();
        c.current = parseValue(q.value(4));
        c.replaced = parseValue(q.value(5));
        c.winner = q.value(6).toString();
        c.loser = q.value(7).toString();
        c.at = q.value(8).toLongLong();
        out.append(c);
    }
    q.finish();
    for (SyncConflict& c : out)
        c.recordName = recordName(conn, c.entity, c.entityId);
    return out;
}

Result<QList<SyncRejection>> SyncProblems::rejections(int limit) const
{
    QSqlDatabase conn = m_db.connection();
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, mutation_id, name, version, args, code, message, at FROM sync_rejections "
                             "ORDER BY at DESC, seq DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q);
    QList<SyncRejection> out;
    while (q.next()) {
        SyncRejection r;
        r.seq = q.value(0).toLongLong();
        r.mutationId = q.value(1).toString();
        r.name = q.value(2).toString();
        r.version = q.value(3).toInt();
        r.args = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        r.code = q.value(5).toString();
        r.message = q.value(6).toString();
        r.at = q.value(7).toLongLong();
        r.entity = entityOf(r.name);
        r.entityId = r.args.value(QStringLiteral("id")).toString();
        out.append(r);
    }
    q.finish();
    for (SyncRejection& r : out)
        r.recordName = recordName(conn, r.entity, r.entityId);
    return out;
}

Result<qint64> SyncProblems::count() const
{
    QSqlDatabase conn = m_db.connection();
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM sync_conflicts WHERE resolved = 0) + "
                               "(SELECT count(*) FROM sync_rejections)"))
        || !q.next())
        return dbError(q);
    return q.value(0).toLongLong();
}

Result<Mutation> SyncProblems::resolveConflict(const QString& conflictId, Resolution resolution)
{
    return m_engine.submit(QString::fromLatin1(ConflictMutators::kResolve),
                           QJsonObject{{QStringLiteral("id"), conflictId},
                                       {QStringLiteral("action"), resolution == Resolution::Restore
                                                                      ? QStringLiteral("restore")
                                                                      : QStringLiteral("dismiss")}});
}

Status SyncProblems::discardRejection(qint64 seq)
{
    QSqlDatabase conn = m_db.connection();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("DELETE FROM sync_rejections WHERE seq = ?"));
    q.addBindValue(seq);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not discard the refused change: %1").arg(q.lastError().text()));
    return {};
}

Result<Mutation> SyncProblems::retryRejection(qint64 seq, const QString& name, const QJsonObject& args)
{
    QSqlDatabase conn = m_db.connection();
    Transaction tx(conn); // the engine's own transaction nests in this one as a savepoint
    if (!tx.isActive())
        return tx.error();
    auto m = m_engine.submit(name, args);
    if (!m)
        return m.error();
    if (Status s = discardRejection(seq); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return m;
}

} // namespace outpost
