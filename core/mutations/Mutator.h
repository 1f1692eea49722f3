#pragma once

#include "mutations/Mutation.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace outpost {

// Work the caller already did on a mutation's arguments, off the writing thread (an import's reader thread
// reads, checks and writes out each row while the importing thread writes the rows before): a mutator that
// knows the type may use it instead of doing that work again inside the write transaction. It never leaves
// the process — the outbox holds the arguments, and a replay or the server applies them without it — so a
// mutator must write exactly the same with it as without (its tests compare both).
class PreparedArguments
{
public:
    virtual ~PreparedArguments() = default;
};

// Everything a mutator may touch while it applies one mutation inside the caller's transaction.
// The same mutators run on the client (optimistic, SQLCipher) and on the server (authoritative).
class MutationContext
{
public:
    MutationContext(QSqlDatabase db, const Mutation& mutation, qint64 nowMs)
        : m_db(std::move(db)), m_mutation(mutation), m_nowMs(nowMs)
    {
    }

    QSqlDatabase& db() { return m_db; }
    const Mutation& mutation() const { return m_mutation; }
    const QJsonObject& args() const { return m_mutation.args; }
    qint64 nowMs() const { return m_nowMs; }
    // The caller's prepared work on args(), if it gave some of this type (see PreparedArguments).
    template<class T>
    const T* prepared() const
    {
        return dynamic_cast<const T*>(m_prepared);
    }
    void setPrepared(const PreparedArguments* prepared) { m_prepared = prepared; }

    // Records that a row changed; `before`/`after` hold the changed fields (empty for create/delete).
    // The engine turns each record into an audit entry and a change notification.
    void recordChange(const QString& entity, const QString& id, EntityChange::Kind kind, const QJsonObject& before,
                      const QJsonObject& after)
    {
        recordChange(entity, id, kind, before, after, QByteArray(), QByteArray());
    }
    // The same, with the compact JSON text of `before` / `after` when the mutator has it already (written with
    // jsonTextObject): the engine stores it instead of serialising them again. Empty: not given.
    void recordChange(const QString& entity, const QString& id, EntityChange::Kind kind, const QJsonObject& before,
                      const QJsonObject& after, const QByteArray& beforeText, const QByteArray& afterText)
    {
        m_changes.append({entity, id, kind, before, after, beforeText, afterText});
    }

    struct Recorded
    {
        QString entity;
        QString id;
        EntityChange::Kind kind = EntityChange::Kind::Updated;
        QJsonObject before;
        QJsonObject after;
        QByteArray beforeText; // `before`'s compact text, if the mutator gave it
        QByteArray afterText;
    };
    const QList<Recorded>& recorded() const { return m_changes; }

private:
    QSqlDatabase m_db;
    const Mutation& m_mutation;
    qint64 m_nowMs;
    const PreparedArguments* m_prepared = nullptr;
    QList<Recorded> m_changes;
};

// A named, versioned change. apply() validates the arguments, writes rows and records what changed.
// It must be safe to replay on a state that already contains its effect.
class Mutator
{
public:
    virtual ~Mutator() = default;
    virtual QString name() const = 0;
    virtual int version() const = 0;
    virtual Status apply(MutationContext& ctx) const = 0;
};

} // namespace outpost
