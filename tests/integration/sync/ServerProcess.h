#pragma once

#include "TempDir.h"
#include "TestPostgres.h"

#include <QDir>
#include <QProcess>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <memory>

namespace outpost::test {

// A real outpost-server in a temporary data folder (SQLite) or on a fresh PostgreSQL database of the test
// cluster, with a fresh self-signed certificate, listening on a free loopback port.
class ServerProcess
{
public:
    explicit ServerProcess(StorageBackend backend = StorageBackend::Sqlite);
    ~ServerProcess();

    // False when the storage could not be prepared (PostgreSQL: no test cluster); setupError() says why.
    bool isReady() const { return !m_postgres || m_postgres->isReady(); }
    QString setupError() const { return m_postgres ? m_postgres->error() : QString(); }
    // The PostgreSQL database this server stores in (null on SQLite).
    TestPostgresDatabase* postgres() const { return m_postgres.get(); }
    StorageBackend backend() const { return m_postgres ? StorageBackend::Postgres : StorageBackend::Sqlite; }
    // The storage options every command gets: --data DIR or --database URL.
    QStringList storageArgs() const;
    // Serve from `other`'s storage (another instance on the same PostgreSQL database).
    void shareStorageWith(const ServerProcess& other) { m_sharedStorage = other.storageArgs(); }

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    // Runs an admin command against this server's storage (storageArgs() are added), `input` on stdin.
    Run admin(QStringList args, const QString& input = {});

    // serve on `port` (0 = any free one) with `extraArgs` (e.g. --max-body-bytes N); returns once the server
    // says where it listens
    bool start(quint16 port = 0, const QStringList& extraArgs = {});
    void kill();           // SIGKILL: no graceful anything
    bool terminate();      // SIGTERM and wait for a clean exit (0)
    QUrl url() const;
    quint16 port() const { return m_port; }
    qint64 pid() const; // of the serving process, 0 when none
    QList<QSslCertificate> certificates() const;
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    // The key that seals two-factor secrets (SQLite: the server's default place in its data folder).
    QString secretKeyFile() const
    {
        return m_postgres ? m_dir.filePath(QStringLiteral("secret.key")) : QDir(dataDir()).filePath(QStringLiteral("secret.key"));
    }
    QString log() const { return m_log; }

private:
    TempDir m_dir;
    std::unique_ptr<TestPostgresDatabase> m_postgres;
    QStringList m_sharedStorage;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_log;
};

} // namespace outpost::test
