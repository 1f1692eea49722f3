#pragma once

#include "storage/RawStatement.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

namespace outpost {

// A statement for hot loops (millions of rows) that must also run on the server's drivers: a RawStatement on
// a QSQLCIPHER connection (no QVariant per value, no placeholder names), QSqlQuery on any other driver
// (PostgreSQL on the server). Positional parameters (?), 1-based; columns 0-based. One statement, re-executed.
class FastQuery
{
public:
    explicit FastQuery(QSqlDatabase& db);
    ~FastQuery();
    FastQuery(const FastQuery&) = delete;
    FastQuery& operator=(const FastQuery&) = delete;

    bool prepare(const QString& sql);
    void bind(int index, qint64 value);
    void bind(int index, const QString& value);
    void bindBlob(int index, const QByteArray& value);
    void bindNull(int index);
    // Runs the statement; for a SELECT, next() then walks the rows. Rebinding after exec() reruns it.
    bool exec();
    bool next();
    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray bytes(int column) const; // text or blob, raw
    QString lastError() const;

private:
    sqlite3* m_db = nullptr;
    std::optional<RawStatement> m_raw;
    bool m_pendingRow = false; // raw: exec() stepped onto the first row
    bool m_done = false;
    QString m_error;
    std::unique_ptr<QSqlQuery> m_query; // non-sqlite drivers
};

} // namespace outpost
