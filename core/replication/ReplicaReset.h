#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QStringList>

namespace outpost {

class Database;

// Removes the team's data from a profile when the user signs out and chooses to wipe it: the rows of
// every synced table, the conflicts and refused changes, the outbox (unsent changes are lost — ask
// first, with unsyncedCount()), the local audit trail of those rows and the sync cursor, in ONE
// transaction. The device id and its sequence floor stay, so a later sign-in never reuses a sequence
// number the server has already settled.
class ReplicaReset
{
    Q_DECLARE_TR_FUNCTIONS(ReplicaReset)
public:
    static Result<qint64> unsyncedCount(Database& db);
    static Status wipe(Database& db);

    // The table of each synced entity (RowCodecRegistry::standard()), in deletion order.
    static const QList<std::pair<QString, QString>>& syncedTables();
};

} // namespace outpost
