#include "contacts/ContactSearchIndex.h"

#include "storage/Database.h"
#include "storage/RawStatement.h"

#include <QCoreApplication>
#include "storage/SqlCipherDriver.h"
#include "storage/SqlDialect.h"

namespace outpost::contactsearch {

QString columns()
{
    return QStringLiteral("search_text, phone_search, notes");
}

QString changedCondition()
{
    return QStringLiteral("old.search_text IS NOT new.search_text OR old.phone_search IS NOT new.phone_search "
                          "OR old.notes IS NOT new.notes");
}

QString insertTriggerScript()
{
    return QStringLiteral("CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN\n"
                          "    INSERT INTO contacts_fts(docid, %1) VALUES(new.rid, new.search_text, new.phone_search, "
                          "new.notes);\n"
                          "END;\n")
        .arg(columns());
}

QString deleteTriggerScript()
{
    return QStringLiteral("CREATE TRIGGER contacts_fts_bd BEFORE DELETE ON contacts BEGIN\n"
                          "    DELETE FROM contacts_fts WHERE docid = old.rid;\n"
                          "END;\n");
}

QString triggersScript()
{
    // UPDATE OF: an edit of any other field fires no trigger (no statement journal; see migration 6).
    return QStringLiteral("CREATE TRIGGER contacts_fts_bu BEFORE UPDATE OF %1 ON contacts\n"
                          "WHEN %2 BEGIN\n"
                          "    DELETE FROM contacts_fts WHERE docid = old.rid;\n"
                          "END;\n")
               .arg(columns(), changedCondition())
        + deleteTriggerScript()
        + QStringLiteral("CREATE TRIGGER contacts_fts_au AFTER UPDATE OF %1 ON contacts\n"
                         "WHEN %2 BEGIN\n"
                         "    INSERT INTO contacts_fts(docid, %1) VALUES(new.rid, new.search_text, new.phone_search, "
                         "new.notes);\n"
                         "END;\n")
              .arg(columns(), changedCondition())
        + insertTriggerScript();
}

Result<qint64> indexRows(QSqlDatabase& db, const QString& rowSelect, qint64 bind)
{
    sqlite3* handle = SqlCipherDriver::nativeHandle(db);
    if (!handle)
        return Error(ErrorCode::Database, QCoreApplication::translate("ContactSearchIndex",
                                                                      "The contact search index needs an SQLCipher "
                                                                      "connection."));
    RawStatement rows(handle, rowSelect.toUtf8().constData());
    if (!rows.ok())
        return Error(ErrorCode::Database, rows.error());
    const QByteArray insert =
        QStringLiteral("INSERT INTO contacts_fts(docid, %1) VALUES(?, ?, ?, ?)").arg(columns()).toUtf8();
    RawStatement add(handle, insert.constData());
    if (!add.ok())
        return Error(ErrorCode::Database, add.error());
    if (bind >= 0)
        rows.bind({bind});
    qint64 n = 0;
    for (;;) {
        const int rc = rows.step();
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW)
            return Error(ErrorCode::Database, rows.error());
        for (int i = 0; i < 4; ++i)
            add.bindValue(i + 1, rows.value(i));
        if (!add.exec())
            return Error(ErrorCode::Database, add.error());
        ++n;
    }
    return n;
}

Result<qint64> indexRowsAbove(QSqlDatabase& db, qint64 rid)
{
    return indexRows(db, QStringLiteral("SELECT rid, %1 FROM contacts WHERE rid > ?").arg(columns()), rid);
}

Status addNotesToIndex(QSqlDatabase& db)
{
    QString error;
    const bool hasIndex = sql::tableExists(db, QStringLiteral("contacts_fts"), &error);
    if (!error.isEmpty())
        return Error(ErrorCode::Database, error);
    sqlite3* handle = SqlCipherDriver::nativeHandle(db);
    if (!hasIndex || !handle)
        return {};
    // Same options as migration 1's table (see there); the notes column is new.
    const QString script = QStringLiteral("DROP TRIGGER IF EXISTS contacts_fts_bu;\n"
                                          "DROP TRIGGER IF EXISTS contacts_fts_bd;\n"
                                          "DROP TRIGGER IF EXISTS contacts_fts_au;\n"
                                          "DROP TRIGGER IF EXISTS contacts_fts_ai;\n"
                                          "DROP TABLE contacts_fts;\n"
                                          "CREATE VIRTUAL TABLE contacts_fts USING fts4(\n"
                                          "    content=\"contacts\", %1,\n"
                                          "    tokenize=unicode61 \"remove_diacritics=1\", prefix=\"1,2,3\",\n"
                                          "    matchinfo=\"fts3\");\n")
                               .arg(columns())
        + triggersScript() + QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild');\n");
    return execScript(handle, script);
}

} // namespace outpost::contactsearch
