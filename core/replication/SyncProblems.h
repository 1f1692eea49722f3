#pragma once

#include "mutations/Mutation.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>

namespace outpost {

class Database;
class MutationEngine;

// A field someone overwrote without having seen its latest value (table sync_conflicts).
struct SyncConflict
{
    QString id;
    QString entity;      // "contact"
    QString entityId;
    QString recordName;  // the record's display name now ("Anna Berg"), or empty if it no longer exists
    QString field;       // the mutator's field name ("email")
    QJsonValue current;  // the value that won (the record holds it unless edited since)
    QJsonValue replaced; // the value it replaced: what "restore" writes back
    QString winner;      // user id whose change won
    QString loser;       // user id whose value was replaced
    qint64 at = 0;       // UTC ms
};

// A local change the server refused (table sync_rejections).
struct SyncRejection
{
    qint64 seq = 0;
    QString mutationId;
    QString name;        // "contact.update"
    int version = 1;
    QJsonObject args;
    QString code;        // the server's machine-readable code ("invalid", "forbidden", "rule", …)
    QString message;     // the server's reason, for the user
    qint64 at = 0;
    QString entity;      // from the name ("contact"); entityId from args.id when present
    QString entityId;
    QString recordName;
};

// What the Sync problems panel lists and does. Resolving a conflict is a mutation (conflict.resolve),
// so it syncs to the other user involved; rejections are local bookkeeping.
class SyncProblems
{
    Q_DECLARE_TR_FUNCTIONS(SyncProblems)
public:
    // Open problems are few by nature; a panel shows at most this many of each kind (newest first).
    static constexpr int kListLimit = 1000;

    SyncProblems(Database& db, MutationEngine& engine);

    Result<QList<SyncConflict>> openConflicts(int limit = kListLimit) const;
    Result<QList<SyncRejection>> rejections(int limit = kListLimit) const;
    // Open conflicts plus rejections (for the status bar).
    Result<qint64> count() const;

    enum class Resolution { Restore, Dismiss };
    // Submits conflict.resolve.
    Result<Mutation> resolveConflict(const QString& conflictId, Resolution resolution);

    // Forgets a refused change (its local effect was already undone when the server refused it).
    Status discardRejection(qint64 seq);
    // Submits `name` with `args` (the refused change, edited) and forgets the rejection, in one
    // transaction: if the new change fails here, the rejection stays listed.
    Result<Mutation> retryRejection(qint64 seq, const QString& name, const QJsonObject& args);

    // A short name of a record for lists ("Anna Berg"); empty when it does not exist here.
    static QString recordName(QSqlDatabase& db, const QString& entity, const QString& id);
    // The entity a mutation name is about: "contact.update" -> "contact".
    static QString entityOf(const QString& mutationName);

private:
    Database& m_db;
    MutationEngine& m_engine;
};

} // namespace outpost
