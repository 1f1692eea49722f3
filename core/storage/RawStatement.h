#pragma once

#include <QString>

#include <sqlite3.h>

#include <initializer_list>

namespace outpost {

// A prepared statement on a raw sqlite3 handle for hot paths (bulk loads, closure updates, tree reads)
// where Qt Sql's per-row cost dominates. Integer parameters and columns only; finalized on destruction.
class RawStatement
{
public:
    RawStatement(sqlite3* db, const char* sql) : m_db(db) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~RawStatement() { sqlite3_finalize(m_stmt); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;

    bool ok() const { return m_rc == SQLITE_OK; }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

    // Resets the statement and binds the parameters in order.
    void bind(std::initializer_list<qint64> values)
    {
        sqlite3_reset(m_stmt);
        int i = 1;
        for (qint64 v : values)
            sqlite3_bind_int64(m_stmt, i++, v);
    }
    // A statement that returns no rows: bind, run, reset. False on failure (see error()).
    bool exec(std::initializer_list<qint64> values)
    {
        bind(values);
        const int rc = sqlite3_step(m_stmt);
        sqlite3_reset(m_stmt);
        return rc == SQLITE_DONE;
    }
    // After bind(): true while there is a row; `failed` tells an error from the end of the rows.
    bool next(bool* failed = nullptr)
    {
        const int rc = sqlite3_step(m_stmt);
        if (failed)
            *failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
        return rc == SQLITE_ROW;
    }
    qint64 column(int i) const { return sqlite3_column_int64(m_stmt, i); }
    QString text(int i) const
    {
        return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, i)),
                                 sqlite3_column_bytes(m_stmt, i));
    }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    int m_rc = SQLITE_ERROR;
};

} // namespace outpost
