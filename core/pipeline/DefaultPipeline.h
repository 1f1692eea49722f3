#pragma once

#include "util/Result.h"

#include <QSqlDatabase>

namespace outpost {

// Writes the default pipeline ("Sales": Qualification 10 %, Needs analysis 25 %, Proposal 50 %, Negotiation
// 75 %, Won, Lost) under the fixed ids of defaultpipeline:: — run by migration 12 on every profile and team
// database, and again after a sign-out wipes the team's data. The rows are not mutations: every database has
// them from the start, and a change to them syncs like any other (the ids are the same everywhere). The names
// are data shared by the team, so they are not translated.
Status insertDefaultPipeline(QSqlDatabase& db);

} // namespace outpost
