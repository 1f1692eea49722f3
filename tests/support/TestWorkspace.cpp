#include "TestWorkspace.h"

#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "storage/ClientSchema.h"
#include "util/Clock.h"
#include "util/Uuid.h"

#include <QFile>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

namespace outpost::test {

namespace {
std::unique_ptr<Database> openClientDb(const QString& path, const SecretBytes& key, Database::OpenMode mode,
                                       int busyTimeoutMs = Database::Options().busyTimeoutMs)
{
    Database::Options o;
    o.path = path;
    o.key = key;
    o.mode = mode;
    o.busyTimeoutMs = busyTimeoutMs;
    o.migrations = clientMigrations();
    auto r = Database::open(std::move(o));
    if (!r.ok()) {
        ADD_FAILURE() << "opening the test database failed: " << r.message().toStdString();
        return nullptr;
    }
    return std::move(r.value());
}
} // namespace

TestDatabase::TestDatabase()
{
    db = openClientDb(path(), key, Database::OpenMode::CreateNew);
}

bool recreateDatabaseBefore(const QString& path, const SecretBytes& key, int version, const QString& notes)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    Database::Options o;
    o.path = path;
    o.key = key;
    o.mode = Database::OpenMode::CreateNew;
    for (const Migration& m : clientMigrations())
        if (m.version < version)
            o.migrations.push_back(m);
    auto db = Database::open(std::move(o));
    if (!db) {
        ADD_FAILURE() << "creating the older database failed: " << db.message().toStdString();
        return false;
    }
    ManualClock clock;
    MutationEngine engine(*db.value(), MutationRegistry::standard(), clock);
    if (Status s = engine.initialize(); !s) {
        ADD_FAILURE() << s.message().toStdString();
        return false;
    }
    auto m = engine.submit(QStringLiteral("contact.create"),
                           QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                       {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Grace")},
                                                                               {QStringLiteral("lastName"), QStringLiteral("Hopper")},
                                                                               {QStringLiteral("notes"), notes}}}});
    if (!m.ok())
        ADD_FAILURE() << m.message().toStdString();
    return m.ok();
}

QStringList schemaObjects(Database& db)
{
    QStringList out;
    QSqlQuery q(db.connection());
    EXPECT_TRUE(q.exec(QStringLiteral("SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('index', 'trigger') "
                                      "ORDER BY type, name")))
        << q.lastError().text().toStdString();
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

bool planUses(Database& db, const QString& select, const QString& index)
{
    QSqlQuery q(db.connection());
    EXPECT_TRUE(q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + select)) << q.lastError().text().toStdString();
    while (q.next()) {
        if (q.value(3).toString().contains(QStringLiteral(" ") + index))
            return true;
    }
    return false;
}

void TestDatabase::reopen(int busyTimeoutMs)
{
    db.reset();
    db = openClientDb(path(), key, Database::OpenMode::OpenExisting, busyTimeoutMs);
}

} // namespace outpost::test
