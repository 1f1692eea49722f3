#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace outpost {
class Database;
}

namespace outpost::server {

// Where outpost-server keeps its data. By default embedded SQLite under the data folder: accounts.db and
// teams/<team id>.db. With a PostgreSQL URL, one database holds everything: the schema "outpost_accounts"
// and one schema "team_<team id>" per team, each connection's search_path set to its schema, so the same
// services and mutators run unchanged on both (see docs/notes: why a schema per team).
struct ServerStorage
{
    Q_DECLARE_TR_FUNCTIONS(outpost::server::ServerStorage)
public:
    QString dataDir;
    QString databaseUrl; // postgresql://…; empty = SQLite files under dataDir
    QString secretKeyFile; // the key that seals two-factor secrets; empty = <dataDir>/secret.key (SQLite only)
    int teamCacheKiB = 16 * 1024; // SQLite: the page cache of each connection to a team database

    bool isPostgres() const { return !databaseUrl.isEmpty(); }
    // Checks the settings and prepares the data folder.
    Status prepare() const;
    // The accounts database; `readOnly` opens without migrating (a SQLite file must then exist).
    Result<std::unique_ptr<Database>> openAccounts(bool readOnly = false) const;
    // A team's database, made on first use.
    Result<std::unique_ptr<Database>> openTeam(const QString& teamId) const;

    // Where the secret key file is: secretKeyFile, or secret.key in the data folder. PostgreSQL has no data
    // folder here, so a server on it must be told (every instance the same file).
    Result<QString> secretKeyPath() const;

    static QString teamSchema(const QString& teamId);
};

} // namespace outpost::server
