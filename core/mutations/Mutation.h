#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace outpost {

// One named user change, as it is applied locally, queued in the outbox and sent to the server.
struct Mutation
{
    QString id;          // UUIDv7
    QString name;        // e.g. "contact.update"
    int version = 1;     // of the mutator's argument format
    QJsonObject args;
    QString deviceId;
    qint64 seq = 0;      // per-device sequence number, rises by one per mutation
    QString hlc;         // hybrid logical clock timestamp
    QString actor;       // user id, or "local" before the profile is signed in to a server
    qint64 createdAt = 0;
    // The rows this device changed when it applied the mutation, with the values it saw before:
    // [{"entity": "contact", "id": "…", "before": {field: value}}]. Sync sends them as the base the
    // server checks for conflicts; after a rejection they name the rows to return to the server's state.
    QJsonArray touched;

    QString qualifiedName() const { return name + QLatin1Char('@') + QString::number(version); }
};

// What a mutation did to one row; views and the sync engine listen for these.
struct EntityChange
{
    enum class Kind { Created, Updated, Deleted };
    QString entity;   // table-level name, e.g. "contact"
    QString id;
    Kind kind = Kind::Updated;
};

using EntityChanges = QList<EntityChange>;

} // namespace outpost
