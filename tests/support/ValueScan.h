#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <ostream>

// Readable lists in GoogleTest failure messages.
inline void PrintTo(const QStringList& list, std::ostream* os)
{
    *os << '[' << list.join(QStringLiteral(", ")).toStdString() << ']';
}

namespace outpost::test {

// Every cell of every table (virtual tables' shadow tables included) that contains one of `needles`, as
// "table.column: needle" — for checking that an erased person's values are gone from a whole database.
QStringList findValuesInTables(QSqlDatabase& db, const QList<QByteArray>& needles);

} // namespace outpost::test
