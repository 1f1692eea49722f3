#include "ValueScan.h"

#include "storage/SqlDialect.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace outpost::test {

QStringList findValuesInTables(QSqlDatabase& db, const QList<QByteArray>& needles)
{
    QStringList names;
    QSqlQuery tables(db);
    tables.exec(isPostgres(db)
                    ? QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                     "AND table_type = 'BASE TABLE'")
                    : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
    while (tables.next())
        names << tables.value(0).toString();
    QStringList found;
    for (const QString& table : std::as_const(names)) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)))
            continue; // a virtual table that cannot be read on its own
        while (q.next()) {
            const QSqlRecord rec = q.record();
            for (int i = 0; i < rec.count(); ++i) {
                const QByteArray cell = q.value(i).toByteArray();
                for (const QByteArray& n : needles) {
                    if (cell.contains(n))
                        found << QStringLiteral("%1.%2: %3").arg(table, rec.fieldName(i), QString::fromUtf8(n));
                }
            }
        }
    }
    found.removeDuplicates();
    return found;
}

} // namespace outpost::test
