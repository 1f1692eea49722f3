#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace outpost::test {

// Every cell of every table (virtual tables' shadow tables included) that contains one of `needles`, as
// "table.column: needle" — for checking that an erased person's values are gone from a whole database.
QStringList findValuesInTables(QSqlDatabase& db, const QList<QByteArray>& needles);

} // namespace outpost::test
