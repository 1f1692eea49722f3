#pragma once

#include <QString>
#include <QVariant>

namespace outpost::test {

// The storage a server-side test runs on: each such test is instantiated for both.
enum class StorageBackend { Sqlite, Postgres };
const char* backendName(StorageBackend backend); // "sqlite" / "postgres", for test names

// A fresh PostgreSQL database for one test (or fixture), dropped again afterwards, on the cluster named by
// OUTPOST_TEST_PG_URL (scripts/with-postgres.sh starts a throw-away one; CI always runs the tests inside it).
// Without that variable, or when the cluster cannot be reached, isReady() is false and error() says why: a
// PostgreSQL test must then fail, never skip.
class TestPostgresDatabase
{
public:
    TestPostgresDatabase();
    ~TestPostgresDatabase();
    TestPostgresDatabase(const TestPostgresDatabase&) = delete;
    TestPostgresDatabase& operator=(const TestPostgresDatabase&) = delete;

    bool isReady() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString url() const { return m_url; } // postgresql://…/<this test's database>
    QString name() const { return m_name; }

    // Runs `statement` as the cluster's administrator (connected to its maintenance database); `firstValue`
    // receives the first column of the first row, if any.
    bool runOnCluster(const QString& statement, QVariant* firstValue = nullptr);

private:
    QString m_adminUrl;
    QString m_url;
    QString m_name;
    QString m_error;
};

} // namespace outpost::test
