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
//
// The hash covers the before/after payloads through their SHA-256 digests (chain form v2, migration 14), so a
// payload can be redacted when a person is erased while the entry stays verifiable: redaction keeps the
// original payload's digest beside the redacted text, and names the erasure (its mutation id) that did it.
// The erasure's own audit entry, later in the chain, lists every entry it redacted; verify() refuses a
// redacted entry that no later erasure accounts for, so "redacting" cannot hide an edit.
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
    // Set once a payload is redacted: the digest of the original payload, and the erasure's mutation id.
    QByteArray beforeDigest;
    QByteArray afterDigest;
    QString redactedBy;

    QByteArray computeHash() const;
    // Hex SHA-256 of a payload as the chain sees it (empty for an empty payload).
    static QByteArray payloadDigest(const QByteArray& payload);
    // The original hash form (v1: raw payloads), kept to check chains written before migration 14.
    QByteArray computeHashV1() const;
};

class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)
public:
    static QByteArray genesisHash();

    // The chain's newest entry as a caller that appends many entries in one transaction carries it (a batch
    // of mutations holds the write lock, so nobody else appends meanwhile): saves reading it per entry.
    struct Tail
    {
        bool known = false; // false: read it from the table at the next append
        qint64 seq = 0;
        QByteArray hash;
    };
    // Appends inside the caller's transaction; fills seq, prevHash and hash (and `tail`, when given).
    static Status append(QSqlDatabase& db, AuditEntry& entry, Tail* tail = nullptr);
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

    // Replaces an entry's payloads with redacted ones (inside the caller's transaction), keeping the digests
    // of the originals so the chain still verifies. `erasureMutationId` names the erasure that accounts for
    // it: that erasure's audit entry must list `seq` under "auditRedacted" in its `after`.
    static Status redact(QSqlDatabase& db, qint64 seq, const QByteArray& before, const QByteArray& after,
                         const QString& erasureMutationId);
    // The key of the erasure entry's `after` that lists the redacted sequence numbers.
    static constexpr const char* kRedactedListKey = "auditRedacted";

    // Migration 14: re-seals a chain written in form v1 in form v2 (same entries, same order), after checking
    // it in form v1. A chain found broken is re-sealed from the break on and the break is kept in `meta`, so
    // verify() still reports it.
    static Status upgradeChainToV2(QSqlDatabase& db);
};

} // namespace outpost
