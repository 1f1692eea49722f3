#pragma once

// A profile database with a mutation engine, files to import, and full table dumps for before/after checks.
#include "contacts/Contact.h"
#include "contacts/ContactRepository.h"
#include "importexport/ContactImporter.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QFile>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>

#include <gtest/gtest.h>

#include <ostream>

inline void PrintTo(const QString& s, std::ostream* os)
{
    *os << '"' << s.toStdString() << '"';
}

inline void PrintTo(const QStringList& list, std::ostream* os)
{
    *os << '[';
    for (qsizetype i = 0; i < list.size(); ++i)
        *os << (i ? ", \"" : "\"") << list[i].toStdString() << '"';
    *os << ']';
}

namespace outpost::test {

class ImportFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
    }

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        const QString path = t.dir.filePath(name);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        return path;
    }

    Result<ImportReport> import(const QString& path, ContactImporter::Options o = {})
    {
        ContactImporter importer(*t.db, *engine);
        return importer.importFile(path, o);
    }

    QString addContact(const QJsonObject& fields)
    {
        const QString id = newId();
        auto m = engine->submit(QStringLiteral("contact.create"),
                                QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    // Every row of a table, every column except those named, in a stable order.
    QStringList dump(const QString& table, const QString& orderBy, const QStringList& except = {})
    {
        QStringList rows;
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg(table, orderBy)));
        while (q.next()) {
            QStringList cols;
            const QSqlRecord rec = q.record();
            for (int i = 0; i < rec.count(); ++i) {
                if (!except.contains(rec.fieldName(i)))
                    cols << rec.fieldName(i) + QLatin1Char('=') + q.value(i).toString();
            }
            rows << cols.join(QLatin1Char('|'));
        }
        return rows;
    }

    qint64 count(const QString& table)
    {
        QSqlQuery q(t.db->connection());
        q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
        q.next();
        return q.value(0).toLongLong();
    }

    std::optional<Contact> byEmail(const QString& email)
    {
        QSqlQuery q(t.db->connection());
        q.prepare(QStringLiteral("SELECT id FROM contacts WHERE email = ?"));
        q.addBindValue(email);
        q.exec();
        if (!q.next())
            return std::nullopt;
        ContactRepository repo(*t.db);
        auto c = repo.find(q.value(0).toString());
        return c.ok() ? c.value() : std::nullopt;
    }

    static QString newId() { return newUuidV7(); }

    TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
};

} // namespace outpost::test
