#pragma once

#include <QSqlError>
#include <QSqlQuery>
#include "storage/SqlDialect.h"
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <algorithm>
#include <optional>

namespace outpost {

// Prepares `sql` on `q`, binds `values` in order and executes it.
inline bool execBound(QSqlQuery& q, const QString& sql, const QVariantList& values)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant& v : values) {
        // A null QString is NULL on PostgreSQL (our SQLite driver binds ''): text columns here are NOT NULL.
        // An explicit QVariant(QMetaType::fromType<QString>()) (isNull()) still binds NULL.
        if (v.metaType() == QMetaType::fromType<QString>() && !v.isNull())
            q.addBindValue(sql::text(v.toString()));
        else
            q.addBindValue(v);
    }
    return q.exec();
}

// Binds values in order, by position: `PositionalBinder(q) << a << b;` then q.exec(). On our SQLite driver a
// positional bind is a list assignment, where QSqlQuery::addBindValue costs a formatted placeholder name and
// a hash entry per value (SqlCipherResult::bindValue); the PostgreSQL drivers take both alike. For hot paths.
class PositionalBinder
{
public:
    explicit PositionalBinder(QSqlQuery& q) : m_q(q) {}
    PositionalBinder& operator<<(const QVariant& v)
    {
        m_q.bindValue(m_pos++, v);
        return *this;
    }

private:
    QSqlQuery& m_q;
    int m_pos = 0;
};

// How many values an IN (...) list binds at most: below SQLite 3.15's limit of 999 bound variables.
inline constexpr qsizetype kValuesPerInList = 500;

// `n` positional placeholders, "?,?,?": for an IN (...) list or a VALUES row.
inline QString placeholders(qsizetype n)
{
    QString marks;
    marks.reserve(2 * n);
    for (qsizetype i = 0; i < n; ++i) {
        if (i > 0)
            marks += QLatin1Char(',');
        marks += QLatin1Char('?');
    }
    return marks;
}

// Runs `sql`, a statement with one "IN (%1)", over `values` a kValuesPerInList at a time, and calls `row(q)` on
// each row it yields; `row` returns false to stop early. Returns false, with `q` holding the error, when a
// statement fails to prepare, to run or to step. A shorter list is padded to one of a few lengths by repeating
// its last value (harmless in IN), so a connection's statement caches see few distinct texts.
template<class RowFn>
bool execInLists(QSqlQuery& q, const QString& sql, const QStringList& values, RowFn row)
{
    q.setForwardOnly(true);
    for (qsizetype from = 0; from < values.size(); from += kValuesPerInList) {
        const qsizetype n = std::min(kValuesPerInList, values.size() - from);
        qsizetype padded = kValuesPerInList;
        for (qsizetype size : {qsizetype(1), qsizetype(8), qsizetype(32), qsizetype(128)}) {
            if (n <= size) {
                padded = size;
                break;
            }
        }
        if (!q.prepare(sql.arg(placeholders(padded))))
            return false;
        PositionalBinder b(q);
        for (qsizetype i = 0; i < padded; ++i)
            b << sql::text(values.at(from + std::min(i, n - 1)));
        if (!q.exec())
            return false;
        while (q.next()) {
            if (!row(q))
                return true;
        }
        if (q.lastError().isValid()) // a step that failed ends the rows too
            return false;
    }
    return true;
}

// `text` as a LIKE pattern that matches itself literally, for `LIKE ? ESCAPE '\'`: \ % _ escaped. Wrap it in
// % for "contains", or follow it with % for "starts with".
inline QString likeLiteral(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return text;
}

// A NULL of the SQL integer type for an unset optional time.
inline QVariant nullableTime(const std::optional<qint64>& t)
{
    return t ? QVariant(*t) : QVariant(QMetaType::fromType<qint64>());
}

// A row id, or a NULL of the SQL integer type for 0 (no row: a root's parent).
inline QVariant ridOrNull(qint64 rid)
{
    return rid == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(rid);
}

// A text, or a NULL of the SQL text type for an empty one.
inline QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

} // namespace outpost
