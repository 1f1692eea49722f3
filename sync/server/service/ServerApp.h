#pragma once

#include "util/Clock.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <memory>

namespace outpost::server {

// outpost-server's settings: a JSON config file, then command-line overrides.
struct ServerConfig
{
    QString dataDir;                 // accounts.db and teams/<team id>.db
    QString databaseUrl;             // postgresql://user:password@host:port/db: PostgreSQL instead of dataDir
    QString secretKeyFile;           // seals two-factor secrets at rest; default <dataDir>/secret.key
    QString bindAddress = QStringLiteral("127.0.0.1");
    quint16 port = 8443;
    QString certificateFile;
    QString privateKeyFile;
    int workerThreads = 4;
    // SQLite: what the page caches of one team database's connections (one per worker thread, and the main
    // thread's) may hold together. A cache only grows as pages are read, so a small team never reaches it;
    // a big one (a million contacts) would otherwise keep 64 MiB per worker.
    int cacheMiB = 48;
    // One connection's share of cacheMiB (in KiB).
    int teamCacheKiB() const { return std::max(256, int(qint64(cacheMiB) * 1024 / (workerThreads + 1))); }
    qint64 maxBodyBytes = 16 * 1024 * 1024;
    int readTimeoutMs = 15000;
    bool accessLog = true;

    static Result<ServerConfig> fromJson(const QJsonObject& o, const QString& origin);
    static Result<ServerConfig> load(const QString& path);
};

// The running server: accounts, one sync service per team, the HTTP routes and the live event hub.
class ServerApp
{
    Q_DECLARE_TR_FUNCTIONS(outpost::server::ServerApp)
public:
    explicit ServerApp(ServerConfig config, const Clock& clock = Clock::system());
    ~ServerApp();

    Status start();
    quint16 port() const;
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace outpost::server
