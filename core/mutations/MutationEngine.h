#pragma once

#include "mutations/Hlc.h"
#include "mutations/Mutation.h"
#include "mutations/MutationRegistry.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QObject>

namespace outpost {

class Database;

// Applies user changes on the client: in ONE transaction it validates and writes the rows (the mutator),
// appends an audit entry per changed row, and queues the mutation in the outbox. Nothing of a failed
// mutation remains.
class MutationEngine : public QObject
{
    Q_OBJECT
public:
    MutationEngine(Database& db, const MutationRegistry& registry, const Clock& clock, QObject* parent = nullptr);

    // Loads (or on first use creates) this device's id and clock state.
    Status initialize();

    QString deviceId() const { return m_deviceId; }
    QString actor() const { return m_actor; }
    void setActor(const QString& actor) { m_actor = actor; }

    // Applies the latest version of the named mutation.
    Result<Mutation> submit(const QString& name, const QJsonObject& args);
    Result<Mutation> submit(const QString& name, int version, const QJsonObject& args);

signals:
    void changed(const outpost::EntityChanges& changes);

private:
    Database& m_db;
    const MutationRegistry& m_registry;
    const Clock& m_clock;
    QString m_deviceId;
    QString m_actor = QStringLiteral("local");
    std::unique_ptr<HybridLogicalClock> m_hlc;
};

} // namespace outpost
