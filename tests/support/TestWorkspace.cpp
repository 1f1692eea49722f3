#include "TestWorkspace.h"

#include "storage/ClientSchema.h"

#include <gtest/gtest.h>

namespace outpost::test {

namespace {
std::unique_ptr<Database> openClientDb(const QString& path, const SecretBytes& key, Database::OpenMode mode)
{
    Database::Options o;
    o.path = path;
    o.key = key;
    o.mode = mode;
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

void TestDatabase::reopen()
{
    db.reset();
    db = openClientDb(path(), key, Database::OpenMode::OpenExisting);
}

} // namespace outpost::test
