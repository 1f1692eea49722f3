#pragma once

#include "mutations/Mutation.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace outpost {

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
        Recorded r;
        r.entity = entity;
        r.id = id;
        r.kind = kind;
        r.before = before;
        r.after = after;
        r.beforeText = beforeText;
        r.afterText = afterText;
        m_changes.append(std::move(r));
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
