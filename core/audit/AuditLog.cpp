#include "audit/AuditLog.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {
void addField(QCryptographicHash& h, const QByteArray& bytes)
{
    // Length-prefixed so field boundaries cannot be shifted between fields.
    h.addData(QByteArray::number(bytes.size()));
    h.addData(QByteArrayView(":"));
    h.addData(bytes);
}
} // namespace

QByteArray AuditEntry::computeHash() const
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    addField(h, QByteArray("outpost-audit-v1"));
    addField(h, QByteArray::number(seq));
    addField(h, QByteArray::number(at));
    addField(h, actor.toUtf8());
    addField(h, deviceId.toUtf8());
    addField(h, mutationId.toUtf8());
    addField(h, mutation.toUtf8());
    addField(h, entity.toUtf8());
    addField(h, entityId.toUtf8());
    addField(h, action.toUtf8());
    addField(h, before);
    addField(h, after);
    addField(h, prevHash);
    return h.result().toHex();
}

QByteArray AuditLog::genesisHash()
{
    return QByteArray(64, '0');
}

Status AuditLog::append(QSqlDatabase& db, AuditEntry& entry)
{
    QSqlQuery last(db);
    last.setForwardOnly(true);
    if (!last.exec(QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")))
        return Error(ErrorCode::Database, tr("Could not read the audit log: %1").arg(last.lastError().text()));
    if (last.next()) {
        entry.seq = last.value(0).toLongLong() + 1;
        entry.prevHash = last.value(1).toString().toLatin1();
    } else {
        entry.seq = 1;
        entry.prevHash = genesisHash();
    }
    last.finish();
    entry.hash = entry.computeHash();

    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO audit_log(seq, at, actor, device_id, mutation_id, mutation, entity, entity_id, action, "
        "before, after, prev_hash, hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(entry.seq);
    q.addBindValue(entry.at);
    q.addBindValue(entry.actor);
    q.addBindValue(entry.deviceId);
    q.addBindValue(entry.mutationId);
    q.addBindValue(entry.mutation);
    q.addBindValue(entry.entity);
    q.addBindValue(entry.entityId);
    q.addBindValue(entry.action);
    q.addBindValue(entry.before.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(entry.before)));
    q.addBindValue(entry.after.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(entry.after)));
    q.addBindValue(QString::fromLatin1(entry.prevHash));
    q.addBindValue(QString::fromLatin1(entry.hash));
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not write the audit log: %1").arg(q.lastError().text()));
    return {};
}

Result<qint64> AuditLog::count(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM audit_log")) || !q.next())
        return Error(ErrorCode::Database, tr("Could not read the audit log: %1").arg(q.lastError().text()));
    return q.value(0).toLongLong();
}

Result<AuditLog::Report> AuditLog::verify(QSqlDatabase& db, const std::function<bool(qint64)>& progress)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT seq, at, actor, device_id, mutation_id, mutation, entity, entity_id, action, "
                               "before, after, prev_hash, hash FROM audit_log ORDER BY seq")))
        return Error(ErrorCode::Database, tr("Could not read the audit log: %1").arg(q.lastError().text()));

    Report report;
    QByteArray expectedPrev = genesisHash();
    qint64 expectedSeq = 1;
    while (q.next()) {
        AuditEntry e;
        e.seq = q.value(0).toLongLong();
        e.at = q.value(1).toLongLong();
        e.actor = q.value(2).toString();
        e.deviceId = q.value(3).toString();
        e.mutationId = q.value(4).toString();
        e.mutation = q.value(5).toString();
        e.entity = q.value(6).toString();
        e.entityId = q.value(7).toString();
        e.action = q.value(8).toString();
        e.before = q.value(9).toString().toUtf8();
        e.after = q.value(10).toString().toUtf8();
        e.prevHash = q.value(11).toString().toLatin1();
        e.hash = q.value(12).toString().toLatin1();

        auto fail = [&](qint64 seq, const QString& why) {
            report.intact = false;
            report.firstBadSeq = seq;
            report.problem = why;
        };
        if (e.seq != expectedSeq) {
            fail(expectedSeq, e.seq > expectedSeq
                                  ? tr("Audit entry %1 is missing: the log jumps from entry %2 to entry %3.")
                                        .arg(expectedSeq)
                                        .arg(expectedSeq - 1)
                                        .arg(e.seq)
                                  : tr("Audit entry %1 appears out of order.").arg(e.seq));
            break;
        }
        if (e.prevHash != expectedPrev) {
            fail(e.seq, tr("Audit entry %1 does not follow the entry before it: an entry was removed, inserted or "
                           "reordered at this point.")
                            .arg(e.seq));
            break;
        }
        if (e.computeHash() != e.hash) {
            fail(e.seq, tr("Audit entry %1 (%2 of %3 %4) was modified after it was written.")
                            .arg(e.seq)
                            .arg(e.action, e.entity, e.entityId));
            break;
        }
        expectedPrev = e.hash;
        ++expectedSeq;
        ++report.checked;
        if (progress && (report.checked % 10000) == 0 && !progress(report.checked))
            return Error(ErrorCode::Cancelled, tr("The audit check was cancelled."));
    }
    if (q.lastError().isValid())
        return Error(ErrorCode::Database, tr("Could not read the audit log: %1").arg(q.lastError().text()));
    return report;
}

} // namespace outpost
