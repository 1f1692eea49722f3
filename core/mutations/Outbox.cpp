#include "mutations/Outbox.h"

#include "storage/Meta.h"
#include "storage/SqlExec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace outpost {

Status Outbox::append(QSqlDatabase& db, const Mutation& m, const QByteArray& argsJson, const QByteArray& touchedJson)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO outbox(seq, mutation_id, device_id, name, version, args, hlc, actor, created_at, "
                             "touched) VALUES(?,?,?,?,?,?,?,?,?,?)"));
    const QByteArray args = argsJson.isEmpty() ? QJsonDocument(m.args).toJson(QJsonDocument::Compact) : argsJson;
    QVariant touched;
    if (!m.touched.isEmpty())
        touched = QString::fromUtf8(touchedJson.isEmpty() ? QJsonDocument(m.touched).toJson(QJsonDocument::Compact)
                                                         : touchedJson);
    PositionalBinder(q) << m.seq << m.id << m.deviceId << m.name << m.version << QString::fromUtf8(args) << m.hlc
                        << m.actor << m.createdAt << touched;
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not queue the change for sync: %1").arg(q.lastError().text()));
    return {};
}

Result<Outbox::Last> Outbox::lastQueued(QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT seq, hlc FROM outbox ORDER BY seq DESC LIMIT 1")))
        return Error(ErrorCode::Database, tr("Could not read the outbox: %1").arg(q.lastError().text()));
    Last last;
    if (q.next()) {
        last.seq = q.value(0).toLongLong();
        last.hlc = q.value(1).toString();
    }
    return last;
}

Result<QList<Mutation>> Outbox::pending(QSqlDatabase& db, int limit, qint64 afterSeq, qint64 maxBytes, qint64* bytesOut)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, mutation_id, device_id, name, version, args, hlc, actor, created_at, touched FROM outbox "
                             "WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(afterSeq);
    q.addBindValue(limit);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the outbox: %1").arg(q.lastError().text()));
    QList<Mutation> out;
    qint64 bytes = 0;
    while (q.next()) {
        const QString args = q.value(5).toString();
        const QString touched = q.value(9).toString();
        // UTF-16 units: about the bytes of mostly ASCII JSON.
        const qint64 size = args.size() + touched.size() + kWireBytesPerMutation;
        if (!out.isEmpty() && bytes + size > maxBytes)
            break;
        bytes += size;
        Mutation m;
        m.seq = q.value(0).toLongLong();
        m.id = q.value(1).toString();
        m.deviceId = q.value(2).toString();
        m.name = q.value(3).toString();
        m.version = q.value(4).toInt();
        m.args = QJsonDocument::fromJson(args.toUtf8()).object();
        m.hlc = q.value(6).toString();
        m.actor = q.value(7).toString();
        m.createdAt = q.value(8).toLongLong();
        m.touched = QJsonDocument::fromJson(touched.toUtf8()).array();
        out.append(std::move(m));
    }
    if (bytesOut)
        *bytesOut = bytes;
    return out;
}

Result<qint64> Outbox::count(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM outbox")) || !q.next())
        return Error(ErrorCode::Database, tr("Could not read the outbox: %1").arg(q.lastError().text()));
    return q.value(0).toLongLong();
}

Status Outbox::acknowledge(QSqlDatabase& db, qint64 seq)
{
    QSqlQuery last(db);
    last.setForwardOnly(true);
    last.prepare(QStringLiteral("SELECT seq, hlc FROM outbox WHERE seq <= ? ORDER BY seq DESC LIMIT 1"));
    last.addBindValue(seq);
    if (!last.exec())
        return Error(ErrorCode::Database, tr("Could not read the outbox: %1").arg(last.lastError().text()));
    if (last.next()) {
        const qint64 lastSeq = last.value(0).toLongLong();
        const QString hlc = last.value(1).toString();
        last.finish();
        auto floor = meta::get(db, QString::fromLatin1(kNextSeqKey), QStringLiteral("1"));
        if (!floor)
            return floor.error();
        auto lastHlc = meta::get(db, QString::fromLatin1(kLastHlcKey));
        if (!lastHlc)
            return lastHlc.error();
        // HLC text sorts in time order (fixed-width fields).
        if (Status s = meta::set(db, {{QString::fromLatin1(kNextSeqKey),
                                       QString::number(std::max(lastSeq + 1, floor->toLongLong()))},
                                      {QString::fromLatin1(kLastHlcKey), std::max(hlc, lastHlc.value())}});
            !s)
            return s;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE seq <= ?"));
    q.addBindValue(seq);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not update the outbox: %1").arg(q.lastError().text()));
    return {};
}

} // namespace outpost
