#pragma once

#include "storage/Migration.h"

namespace outpost {

// The numbered migrations of a profile database (outpost.db). Append, never edit a released step.
const MigrationList& clientMigrations();

} // namespace outpost
