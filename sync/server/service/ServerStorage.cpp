#include "service/ServerStorage.h"

#include "service/TeamSchema.h"
#include "storage/Database.h"

#include <QDir>

namespace outpost::server {

Status ServerStorage::prepare() const
{
    if (isPostgres())
        return {};
    if (dataDir.isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     tr("No data folder: pass --data DIR (or --database postgresql://… to store in PostgreSQL)."));
    if (!QDir().mkpath(QDir(dataDir).filePath(QStringLiteral("teams"))))
        return Error(ErrorCode::Io, tr("Cannot create the data folder %1.").arg(dataDir));
    return {};
}

Result<QString> ServerStorage::secretKeyPath() const
{
    if (!secretKeyFile.isEmpty())
        return secretKeyFile;
    if (isPostgres())
        return Error(ErrorCode::InvalidArgument,
                     tr("A server on PostgreSQL needs its secret key file: pass --secret-key FILE (config key "
                        "\"secretKey\"), the same file for every instance. `outpost-server init` creates it if missing."));
    return QDir(dataDir).filePath(QStringLiteral("secret.key"));
}

QString ServerStorage::teamSchema(const QString& teamId)
{
    // Team ids are UUIDs: 32 hex digits make a schema name well inside PostgreSQL's 63 bytes.
    QString id = teamId.toLower();
    id.remove(QLatin1Char('-'));
    return QStringLiteral("team_") + id;
}

Result<std::unique_ptr<Database>> ServerStorage::openAccounts(bool readOnly) const
{
    if (Status s = prepare(); !s)
        return s.error();
    Database::Options o;
    o.durability = Database::Durability::Full; // an acknowledged write is on disk
    o.readOnly = readOnly;
    if (isPostgres()) {
        auto migrations = postgresControlMigrations();
        if (!migrations)
            return migrations.error();
        o.migrations = migrations.value();
        o.postgresUrl = databaseUrl;
        o.postgresSchema = QStringLiteral("outpost_accounts");
    } else {
        o.path = QDir(dataDir).filePath(QStringLiteral("accounts.db"));
        o.mode = readOnly ? Database::OpenMode::OpenExisting : Database::OpenMode::OpenOrCreate;
        o.migrations = controlMigrations();
        o.cacheSizeKiB = 16 * 1024;
    }
    return Database::open(std::move(o));
}

Result<std::unique_ptr<Database>> ServerStorage::openTeam(const QString& teamId) const
{
    Database::Options o;
    o.durability = Database::Durability::Full; // an acknowledged push is on disk
    if (isPostgres()) {
        auto migrations = postgresTeamMigrations();
        if (!migrations)
            return migrations.error();
        o.migrations = migrations.value();
        o.postgresUrl = databaseUrl;
        o.postgresSchema = teamSchema(teamId);
    } else {
        o.path = QDir(dataDir).filePath(QStringLiteral("teams/%1.db").arg(teamId));
        o.mode = Database::OpenMode::OpenOrCreate;
        o.migrations = teamMigrations();
        o.cacheSizeKiB = teamCacheKiB;
    }
    return Database::open(std::move(o));
}

} // namespace outpost::server
