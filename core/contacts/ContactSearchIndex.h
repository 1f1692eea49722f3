#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace outpost {

// The full-text index of contacts (FTS4, external content = contacts) as the latest migration defines it:
// its columns and the triggers that keep it current. The migrations, the bulk loader and the deferred index of
// big batches (imports, undo, merges, sync pages) take the definitions from here, so they cannot drift apart.
//
// Columns: the folded `search_text` (names, e-mails, company, tags), `phone_search` (digit forms) and, from
// migration 19, the contact's `notes` as written (the unicode61 tokenizer folds case and accents; letters such
// as ø or ß are not folded as search_text folds them).
namespace contactsearch {

// "search_text, phone_search, notes": the indexed columns, in the table's order.
QString columns();
// The four triggers (contacts_fts_bu/bd/au/ai): re-index a row when a searchable column changes, drop it on
// delete, index a new row. Run as a script.
QString triggersScript();
// Only the insert trigger (contacts_fts_ai), for the bulk loader that drops and restores it alone.
QString insertTriggerScript();
// The SQL condition "a searchable column of the row changed" (old/new), for the update triggers.
QString changedCondition();

// Migration 19: recreates contacts_fts with the notes column and its triggers, then indexes every contact.
// A database without the index (a server's team database: server step 1003 dropped it; PostgreSQL) is left
// alone. The rebuild reads every contact: at 1,000,000 contacts it takes a while (see the notes).
Status addNotesToIndex(QSqlDatabase& db);

} // namespace contactsearch
} // namespace outpost
