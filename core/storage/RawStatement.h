#pragma once

#include <QByteArray>
#include <QString>

#include <sqlite3.h>

#include <initializer_list>

namespace outpost {

// A prepared statement on a raw sqlite3 handle for hot paths (bulk loads, closure updates, tree reads, the
// commission run) where Qt Sql's per-row cost dominates; finalized on destruction. Integer statements bind
// all their parameters at once (bind/exec with a list); others bind one parameter at a time (1-based) and
// run with exec() or step(). Columns are 0-based. See FastQuery for the same on any Qt Sql driver.
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
    // One parameter at a time (the statement must be reset: after exec(), the end of its rows, or reset()).
    void bind(int index, qint64 value) { sqlite3_bind_int64(m_stmt, index, value); }
    void bindText(int index, const QByteArray& utf8)
    {
        sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    void bindBlob(int index, const QByteArray& bytes)
    {
        sqlite3_bind_blob(m_stmt, index, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
    }
    void bindNull(int index) { sqlite3_bind_null(m_stmt, index); }
    // Another statement's column as it is (value() of a row being stepped), without a conversion.
    void bindValue(int index, const sqlite3_value* value) { sqlite3_bind_value(m_stmt, index, value); }
    // Runs a statement bound parameter by parameter that returns no rows, then resets it.
    bool exec()
    {
        const int rc = sqlite3_step(m_stmt);
        sqlite3_reset(m_stmt);
        return rc == SQLITE_DONE;
    }
    // One step: SQLITE_ROW, SQLITE_DONE or an error code. The caller resets.
    int step() { return sqlite3_step(m_stmt); }
    void reset() { sqlite3_reset(m_stmt); }

    qint64 column(int i) const { return sqlite3_column_int64(m_stmt, i); }
    // The current row's column as SQLite holds it, valid until the next step or reset (for bindValue()).
    sqlite3_value* value(int i) const { return sqlite3_column_value(m_stmt, i); }
    // Text or blob, raw bytes.
    QByteArray bytes(int i) const
    {
        const void* p = sqlite3_column_blob(m_stmt, i);
        return p ? QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt, i)) : QByteArray();
    }
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
