#include "TestPostgres.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace outpost::test {

const char* backendName(StorageBackend backend)
{
    return backend == StorageBackend::Postgres ? "postgres" : "sqlite";
}

TestPostgresDatabase::TestPostgresDatabase()
{
    m_adminUrl = qEnvironmentVariable("OUTPOST_TEST_PG_URL");
    if (m_adminUrl.isEmpty()) {
        m_error = QStringLiteral("OUTPOST_TEST_PG_URL is not set: run the tests through scripts/with-postgres.sh "
                                 "(scripts/test.sh does), which starts a throw-away PostgreSQL cluster.");
        return;
    }
    m_name = QStringLiteral("outpost_test_%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    if (!runOnCluster(QStringLiteral("CREATE DATABASE %1").arg(m_name)))
        return;
    QUrl url(m_adminUrl);
    url.setPath(QLatin1Char('/') + m_name);
    m_url = url.toString();
}

TestPostgresDatabase::~TestPostgresDatabase()
{
    if (!m_url.isEmpty())
        runOnCluster(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
}

bool TestPostgresDatabase::runOnCluster(const QString& statement, QVariant* firstValue)
{
    const QUrl url(m_adminUrl);
    const QString connection = QStringLiteral("outpost-test-admin-") + m_name;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        db.setDatabaseName(url.path().mid(1));
        if (!db.open()) {
            m_error = QStringLiteral("Cannot reach the test PostgreSQL cluster (OUTPOST_TEST_PG_URL): %1").arg(db.lastError().text());
        } else {
            QSqlQuery q(db);
            ok = q.exec(statement);
            if (ok && firstValue)
                *firstValue = q.next() ? q.value(0) : QVariant();
            if (!ok)
                m_error = QStringLiteral("%1 failed: %2").arg(statement, q.lastError().text());
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace outpost::test
