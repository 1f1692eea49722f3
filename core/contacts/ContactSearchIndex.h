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
// Only the delete trigger (contacts_fts_bd), for a wipe that empties the index at once instead of row by row.
QString deleteTriggerScript();
// The SQL condition "a searchable column of the row changed" (old/new), for the update triggers.
QString changedCondition();

// Indexes the contacts `rowSelect` yields — a SELECT of (rid, search_text, phone_search, notes), with `bind` as
// its one parameter, or none when `bind` is negative — with one single-row INSERT per contact while the SELECT
// steps, and returns how many. Used instead of INSERT INTO contacts_fts ... SELECT inside a transaction: a
// multi-row INSERT opens a statement journal, which copies (and SQLCipher encrypts) every index page the
// statement first touches, so an import's catch-up spent a sixth of its time there; a single-row INSERT into
// the virtual table opens none, and FTS4 keeps gathering its pending terms across the rows as before. The
// caller's transaction must be rolled back if this fails: there is no statement to roll back on its own, and
// SQLite rolls the whole transaction back itself on SQLITE_FULL or SQLITE_NOMEM.
// A connection that is not SQLCipher's (none has the index) gets an error.
Result<qint64> indexRows(QSqlDatabase& db, const QString& rowSelect, qint64 bind = -1);
// The same for every contact whose rid is above `rid` (the rows a bulk load or an import added).
Result<qint64> indexRowsAbove(QSqlDatabase& db, qint64 rid);

// Migration 19: recreates contacts_fts with the notes column and its triggers, then indexes every contact.
// A database without the index (a server's team database: server step 1003 dropped it; PostgreSQL) is left
// alone. The rebuild reads every contact: at 1,000,000 contacts it takes a while (see the notes).
Status addNotesToIndex(QSqlDatabase& db);

} // namespace contactsearch
} // namespace outpost
