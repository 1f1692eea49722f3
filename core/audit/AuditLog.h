#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace outpost {

// One line of the audit log. Entries are hash-chained: each carries the hash of the one before it, and
// its own hash covers every field, so a changed, removed, inserted or reordered entry is detectable.
struct AuditEntry
{
    qint64 seq = 0;          // 1, 2, 3 … without gaps
    qint64 at = 0;           // UTC ms
    QString actor;
    QString deviceId;
    QString mutationId;
    QString mutation;        // name@version
    QString entity;
    QString entityId;
    QString action;          // create / update / delete / other verbs
    QByteArray before;       // compact JSON or empty
    QByteArray after;
    QByteArray prevHash;     // hex SHA-256 of the previous entry, or 64 zeros for the first
    QByteArray hash;         // hex SHA-256 of this entry

    QByteArray computeHash() const;
};

class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)
public:
    static QByteArray genesisHash();

    // Appends inside the caller's transaction; fills seq, prevHash and hash.
    static Status append(QSqlDatabase& db, AuditEntry& entry);
    static Result<qint64> count(QSqlDatabase& db);

    struct Report
    {
        bool intact = true;
        qint64 checked = 0;
        qint64 firstBadSeq = -1;   // the first entry that fails, or the missing seq
        QString problem;           // user-readable
    };
    // Walks the whole chain in order. `progress(checked)` may return false to cancel.
    static Result<Report> verify(QSqlDatabase& db, const std::function<bool(qint64)>& progress = {});
};

} // namespace outpost
