#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace outpost {

// RAII transaction on one connection. The outermost guard takes the write lock at once
// (BEGIN IMMEDIATE) so two writers never deadlock on a lock upgrade; nested guards use savepoints.
// Whatever was not committed is rolled back when the guard goes away.
//
// On PostgreSQL an Immediate transaction takes the same one-writer-at-a-time lock, per schema (a
// transaction-scoped advisory lock): mutators validate, then write, and rely on no other writer changing
// the rows in between, as on SQLite; and the server's change-log positions then commit in the order they
// are drawn. A Deferred transaction reads one snapshot (REPEATABLE READ).
class Transaction
{
    Q_DECLARE_TR_FUNCTIONS(Transaction)
public:
    enum class Kind { Immediate, Deferred };
    // PostgreSQL: the advisory-lock class of the writer lock (two-key form: this, hashtext(current_schema())).
    static constexpr int kPostgresWriterLockClass = 0x4F575254; // "OWRT"

    explicit Transaction(const QSqlDatabase& db, Kind kind = Kind::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isActive() const { return m_active; }
    const Error& error() const { return m_error; } // why begin failed
    Status status() const { return m_active ? Status() : Status(m_error); }

    Status commit();
    void rollback();

private:
    QSqlDatabase m_db;
    QString m_savepoint;
    bool m_active = false;
    Error m_error;
};

} // namespace outpost
