#pragma once

// A profile database with a mutation engine, demo contacts, seeded duplicates, shares and distributors, and
// full table dumps for before/after checks.
#include "contacts/Contact.h"
#include "contacts/ContactRepository.h"
#include "demo/DemoDataGenerator.h"
#include "demo/DemoDataLoader.h"
#include "duplicates/DuplicateScanner.h"
#include "mutations/MutationEngine.h"
#include "TestWorkspace.h"
#include "util/Uuid.h"

#include <gtest/gtest.h>
#include <ostream>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>

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

class DuplicateFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
    }

    // `n` generated people (fixed seed), inserted in bulk like demo data.
    void addDemo(qint64 n, quint64 seed = 20260101)
    {
        const DemoDataGenerator gen(seed);
        QList<Contact> contacts;
        for (qint64 i = 0; i < n; ++i)
            contacts.append(DemoDataLoader::toContact(gen.contact(i)));
        auto added = ContactRepository(*t.db).insertBulk(contacts, QStringLiteral("demo"));
        ASSERT_TRUE(added.ok()) << added.message().toStdString();
    }

    QString add(const QJsonObject& fields)
    {
        const QString id = newUuidV7();
        auto m = engine->submit(QStringLiteral("contact.create"),
                                QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        clock.advance(1000);
        return id;
    }

    QString share(const QString& contactId, const QString& userId)
    {
        const QString id = newUuidV7();
        auto m = engine->submit(QStringLiteral("contact.share"),
                                QJsonObject{{QStringLiteral("id"), id},
                                            {QStringLiteral("contactId"), contactId},
                                            {QStringLiteral("userId"), userId}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    QString distributor(const QString& contactId)
    {
        const QString id = newUuidV7();
        auto m = engine->submit(
            QStringLiteral("distributor.create"),
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("fields"), QJsonObject{{QStringLiteral("contactId"), contactId}}},
                        {QStringLiteral("sponsorId"), QJsonValue::Null}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    Result<DuplicateScanResult> scan(DuplicateScanner::Options o = {})
    {
        return DuplicateScanner(*t.db).scan(o);
    }

    qint64 ridOf(const QString& id)
    {
        QSqlQuery q(t.db->connection());
        q.prepare(QStringLiteral("SELECT rid FROM contacts WHERE id = ?"));
        q.addBindValue(id);
        EXPECT_TRUE(q.exec());
        return q.next() ? q.value(0).toLongLong() : 0;
    }

    // The pair of these two contacts in a result, or null.
    static const DuplicatePair* pairOf(const DuplicateScanResult& r, qint64 x, qint64 y)
    {
        for (const DuplicatePair& p : r.pairs) {
            if ((p.ridA == x && p.ridB == y) || (p.ridA == y && p.ridB == x))
                return &p;
        }
        return nullptr;
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

    // Contacts, shares and distributor links, as an undo must give them back: the local row id of a
    // re-created contact is new, and updated_at/updated_by say who changed a row last (the undo is a change
    // too).
    QStringList fullDump()
    {
        const QStringList changeStamps{QStringLiteral("updated_at"), QStringLiteral("updated_by")};
        QStringList out = dump(QStringLiteral("contacts"), QStringLiteral("id"),
                               QStringList{QStringLiteral("rid")} + changeStamps);
        out << dump(QStringLiteral("contact_shares"), QStringLiteral("id"), changeStamps);
        out << dump(QStringLiteral("(SELECT id, contact_id FROM distributors)"), QStringLiteral("id"));
        return out;
    }

    qint64 count(const QString& sql)
    {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        q.next();
        return q.value(0).toLongLong();
    }

    TestDatabase t;
    ManualClock clock{1'760'000'000'000};
    std::unique_ptr<MutationEngine> engine;
};

} // namespace outpost::test
