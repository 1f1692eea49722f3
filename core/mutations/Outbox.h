#pragma once

#include "mutations/Mutation.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace outpost {

// Local mutations not yet acknowledged by the server, in the order they were made.
class Outbox
{
    Q_DECLARE_TR_FUNCTIONS(Outbox)
public:
    // `meta` keys: the sequence number after the last one acknowledged, and the newest clock reading of
    // an acknowledged mutation. Written when mutations leave the outbox, not per mutation.
    static constexpr const char* kNextSeqKey = "next_seq";
    static constexpr const char* kLastHlcKey = "hlc_last";

    // `argsJson` / `touchedJson`: the compact JSON text of m.args / m.touched when the caller already has it
    // (it must be that text: it is stored as is); empty: serialised here.
    static Status append(QSqlDatabase& db, const Mutation& m, const QByteArray& argsJson = {},
                         const QByteArray& touchedJson = {});
    struct Last
    {
        qint64 seq = 0; // 0 = the outbox is empty
        QString hlc;
    };
    static Result<Last> lastQueued(QSqlDatabase& db);
    // The oldest `limit` mutations after `afterSeq`, but no more than about `maxBytes` of arguments and
    // touched rows (at least one; *bytes gets what they count): a push stays below the server's request
    // size limit (16 MiB by default, announced at sign-in) when mutations carry many rows each (an
    // import's contact.createMany chunks).
    static Result<QList<Mutation>> pending(QSqlDatabase& db, int limit, qint64 afterSeq = 0,
                                           qint64 maxBytes = kMaxPendingBytes, qint64* bytes = nullptr);
    static constexpr qint64 kMaxPendingBytes = 4 * 1024 * 1024;
    // Counted per mutation on top of its arguments and touched rows: its id, numbers and keys on the wire.
    static constexpr qint64 kWireBytesPerMutation = 256;
    static Result<qint64> count(QSqlDatabase& db);
    // Drops every mutation up to and including `seq` (the server has applied them) and keeps their
    // sequence and clock floor in `meta`. Call inside a transaction.
    static Status acknowledge(QSqlDatabase& db, qint64 seq);
};

} // namespace outpost
