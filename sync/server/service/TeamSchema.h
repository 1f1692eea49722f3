#pragma once

#include "storage/Migration.h"

namespace outpost::server {

// A team's data database on the server: the client's tables (so the same mutators run on both sides)
// plus the server's sync tables. Numbered on its own: when the client schema gains a migration, append
// it here too (a test checks that every client migration is included, in order).
const MigrationList& teamMigrations();

// The server's accounts database: teams, users, devices and tokens.
const MigrationList& controlMigrations();

} // namespace outpost::server
