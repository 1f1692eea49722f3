#pragma once

#include "TempDir.h"

#include "storage/Database.h"
#include "util/Clock.h"

#include <QStringList>

#include <memory>

namespace outpost::test {

// An encrypted profile database with the full client schema in a temporary folder.
struct TestDatabase
{
    TempDir dir;
    SecretBytes key = SecretBytes::random(32);
    std::unique_ptr<Database> db;

    TestDatabase();
    QString path() const { return dir.filePath(QStringLiteral("outpost.db")); }
    // Reopens the same file (e.g. to prove what was persisted), with `busyTimeoutMs` (Database::Options).
    void reopen(int busyTimeoutMs = Database::Options().busyTimeoutMs);
};

// Replaces the database at `path` by a new one at the client schema before step `version` (that step and the
// later ones pending), holding one contact "Grace Hopper" whose notes are `notes`: a profile the next unlock
// must migrate. Reports failures through gtest and returns false.
bool recreateDatabaseBefore(const QString& path, const SecretBytes& key, int version, const QString& notes);

// The indexes and triggers of `db` ("index contacts_sort", "trigger contacts_fts_ai", ...), sorted: to compare a
// profile's schema objects with a new profile's.
QStringList schemaObjects(Database& db);
// Whether SQLite's plan for `select` on `db` names `index` (EXPLAIN QUERY PLAN).
bool planUses(Database& db, const QString& select, const QString& index);

} // namespace outpost::test
