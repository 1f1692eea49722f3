#pragma once

#include "mutations/Mutation.h"
#include "replication/RowCodec.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>

namespace outpost {

class Database;
class MutationRegistry;

// The client's side of sync on its local database. Each call is ONE transaction, so a page or a push
// result is applied entirely or not at all:
//  - rows from the server replace the local ones;
//  - mutations the server has settled leave the outbox;
//  - the still-pending ones are replayed on top, so the user keeps seeing their own unsent edits.
class Replica
{
    Q_DECLARE_TR_FUNCTIONS(Replica)
public:
    Replica(Database& db, const MutationRegistry& mutators, const RowCodecRegistry& codecs);

    // A pull page of at least this many rows defers the contacts' search index to the end of the page.
    static constexpr qsizetype kDeferSearchIndexRows = 100;

    struct Rejection
    {
        qint64 seq = 0;
        QString code;
        QString message;
        QList<RowState> restore; // the server's state of the rows the mutation touched here
    };

    // After a push: drops every mutation up to `settledSeq` from the outbox, records the rejected ones
    // (Sync problems panel) and returns their rows to the server's state, then replays what is pending.
    Result<EntityChanges> applyPushResults(qint64 settledSeq, const QList<Rejection>& rejections, qint64 nowMs);

    // Applies one pull page and stores `cursor` as where the next pull starts.
    Result<EntityChanges> applyPullPage(const QList<RowState>& rows, qint64 lastAppliedSeq, qint64 cursor);

    Result<qint64> cursor() const;
    Result<qint64> pendingCount() const;

    static const QString kCursorKey; // in meta

private:
    Status applyRows(QSqlDatabase& conn, const QList<RowState>& rows, EntityChanges* changes) const;
    Status replayPending(QSqlDatabase& conn, EntityChanges* changes) const;

    Database& m_db;
    const MutationRegistry& m_mutators;
    const RowCodecRegistry& m_codecs;
};

} // namespace outpost
