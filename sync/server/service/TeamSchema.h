#pragma once

#include "storage/Migration.h"
#include "util/Result.h"

namespace outpost::server {

// A team's data database on the server: the client's tables (so the same mutators run on both sides)
// plus the server's sync tables. Numbered on its own: when the client schema gains a migration, append
// it here too (a test checks that every client migration is included, in order).
const MigrationList& teamMigrations();

// The server's accounts database: teams, users, devices and tokens.
const MigrationList& controlMigrations();

// The same steps for a server on PostgreSQL (PostgresSchema.cpp): every step of the lists above with its
// PostgreSQL counterpart. An error names the steps that have none (and a test fails for each).
Result<MigrationList> postgresTeamMigrations();
Result<MigrationList> postgresControlMigrations();

} // namespace outpost::server
