#pragma once

#include <QSqlDatabase>

struct sqlite3;

namespace outpost {

// While alive, SQLite does not enforce the connection's foreign keys; they are on again at the end of the
// scope.
//
// Why: with foreign keys on, every statement that writes a parent table some foreign key refers to with an
// action (contacts: `distributors.contact_id … ON DELETE SET NULL`) may abort half-way, so SQLite keeps a
// statement journal for it — and SQLCipher encrypts every page it copies there. A DELETE of 500 contacts from
// a big table copies thousands of index pages: a fifth of an import's undo at 1,000,000 contacts. (A trigger
// that writes a NOT NULL column has the same effect: see ContactBulkLoader::dropDeleteCount.)
//
// Only for work whose writes do themselves what the schema's foreign keys would do (the mutators it runs must
// then do it whatever the setting, so the server, which keeps them on, writes the same). SQLite ignores the
// setting inside a transaction: create the guard before the transaction begins, end it after the transaction
// ended. Does nothing on a connection that is not SQLCipher/SQLite, or that is inside a transaction already.
class ForeignKeysOff
{
public:
    explicit ForeignKeysOff(const QSqlDatabase& db);
    ~ForeignKeysOff();
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

    // Whether enforcement is off now (false: the guard could not turn it off, and changes nothing).
    bool active() const { return m_handle != nullptr; }

private:
    QSqlDatabase m_db;
    sqlite3* m_handle = nullptr; // set only when the guard turned enforcement off
};

} // namespace outpost
