#pragma once

// A profile with a mutation engine and a person whose data is spread over every place Outpost keeps it:
// the contact (edited, so the audit log holds old values too), a duplicate merged into it, an import that
// updated it, a share, a distributor record, a consent, a sync conflict and the pending outbox.
#include "contacts/ContactRepository.h"
#include "duplicates/ContactMerger.h"
#include "importexport/ContactImporter.h"
#include "mutations/MutationEngine.h"
#include "TestWorkspace.h"
#include "util/Uuid.h"
#include "ValueScan.h"

#include <QFile>
#include <QJsonObject>
#include <QSqlQuery>
#include <gtest/gtest.h>

namespace outpost::test {

class PrivacyFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
    }

    Mutation submit(const QString& name, const QJsonObject& args)
    {
        auto m = engine->submit(name, args);
        EXPECT_TRUE(m.ok()) << name.toStdString() << ": " << m.message().toStdString();
        clock.advance(1000);
        return m.ok() ? m.value() : Mutation();
    }

    QString addContact(const QJsonObject& fields)
    {
        const QString id = newUuidV7();
        submit(QStringLiteral("contact.create"), {{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
        return id;
    }

    // The person's values, current and past, as they are typed (the scan also looks for folded forms).
    QStringList personalValues() const
    {
        return {QStringLiteral("Thaddeus"),        QStringLiteral("Quennell"),
                QStringLiteral("Quennel-Smythe"),  QStringLiteral("thaddeus.quennell@privmail.test"),
                QStringLiteral("tq@oldmail.test"), QStringLiteral("tq-dup@elsewhere.test"),
                QStringLiteral("+44 20 7946 0958"), QStringLiteral("Xylophone Lane 17"),
                QStringLiteral("ZX9 8QQ"),         QStringLiteral("Zzyzxville"),
                QStringLiteral("allergic to walnuts qwertyuiop"), QStringLiteral("prefers letters plonkworth"),
                QStringLiteral("thad.home@quillmail.test")};
    }

    void seedPerson()
    {
        personId = addContact({{QStringLiteral("firstName"), QStringLiteral("Thaddeus")},
                               {QStringLiteral("lastName"), QStringLiteral("Quennel-Smythe")},
                               {QStringLiteral("email"), QStringLiteral("tq@oldmail.test")},
                               {QStringLiteral("phone"), QStringLiteral("+44 20 7946 0958")},
                               {QStringLiteral("company"), QStringLiteral("Acme Widgets Ltd")},
                               {QStringLiteral("postalCode"), QStringLiteral("ZX9 8QQ")},
                               {QStringLiteral("city"), QStringLiteral("Zzyzxville")},
                               {QStringLiteral("country"), QStringLiteral("GB")},
                               {QStringLiteral("notes"), QStringLiteral("allergic to walnuts qwertyuiop")},
                               {QStringLiteral("ownerId"), QStringLiteral("ana")}});
        submit(QStringLiteral("contact.update"),
               {{QStringLiteral("id"), personId},
                {QStringLiteral("set"), QJsonObject{{QStringLiteral("lastName"), QStringLiteral("Quennell")}}}});
        // A second, labelled e-mail address (kept beside the primary one).
        submit(QStringLiteral("contact.update"),
               {{QStringLiteral("id"), personId},
                {QStringLiteral("set"),
                 QJsonObject{{QStringLiteral("otherEmails"),
                              QStringLiteral("[{\"label\":\"home\",\"value\":\"thad.home@quillmail.test\"}]")}}}});

        // An import that matched them by e-mail and updated it (the import history keeps before/after).
        const QString csv = t.dir.filePath(QStringLiteral("update.csv"));
        {
            QFile f(csv);
            ASSERT_TRUE(f.open(QIODevice::WriteOnly));
            f.write("First name,Last name,E-mail,Street\nThaddeus,Quennell,tq@oldmail.test,Xylophone Lane 17\n");
        }
        ContactImporter importer(*t.db, *engine);
        ContactImporter::Options io;
        auto imported = importer.importFile(csv, io);
        ASSERT_TRUE(imported.ok()) << imported.message().toStdString();
        ASSERT_EQ(count(QStringLiteral("SELECT count(*) FROM import_items WHERE contact_id = ?"), {personId}), 1);
        submit(QStringLiteral("contact.update"),
               {{QStringLiteral("id"), personId},
                {QStringLiteral("set"),
                 QJsonObject{{QStringLiteral("email"), QStringLiteral("thaddeus.quennell@privmail.test")}}}});

        // A duplicate of them, merged in (the merge history keeps both records).
        const QString dup = addContact({{QStringLiteral("firstName"), QStringLiteral("Thaddeus")},
                                        {QStringLiteral("lastName"), QStringLiteral("Quennell")},
                                        {QStringLiteral("email"), QStringLiteral("tq-dup@elsewhere.test")},
                                        {QStringLiteral("notes"), QStringLiteral("prefers letters plonkworth")}});
        ContactMerger merger(*t.db, *engine);
        ContactMerger::Request mr;
        mr.keepId = personId;
        mr.removeId = dup;
        mr.values = {{QStringLiteral("notes"),
                      QStringLiteral("allergic to walnuts qwertyuiop\n\nprefers letters plonkworth")}};
        auto merged = merger.merge(mr);
        ASSERT_TRUE(merged.ok()) << merged.message().toStdString();

        shareId = newUuidV7();
        submit(QStringLiteral("contact.share"), {{QStringLiteral("id"), shareId},
                                                 {QStringLiteral("contactId"), personId},
                                                 {QStringLiteral("userId"), QStringLiteral("dora")}});
        distributorId = newUuidV7();
        submit(QStringLiteral("distributor.create"),
               {{QStringLiteral("id"), distributorId},
                {QStringLiteral("fields"), QJsonObject{{QStringLiteral("contactId"), personId}}},
                {QStringLiteral("sponsorId"), QJsonValue::Null}});
        consentId = newUuidV7();
        submit(QStringLiteral("consent.give"), {{QStringLiteral("id"), consentId},
                                                {QStringLiteral("contactId"), personId},
                                                {QStringLiteral("purpose"), QStringLiteral("newsletter")},
                                                {QStringLiteral("source"), QStringLiteral("web form")},
                                                {QStringLiteral("givenAt"), double(clock.nowMs())}});

        // A conflict synced from the server over their e-mail (a colleague's value was overwritten).
        QSqlQuery q(t.db->connection());
        q.prepare(QStringLiteral("INSERT INTO sync_conflicts(id, entity, entity_id, field, mine, theirs, base, winner, "
                                 "loser, mutation_id, at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        for (const QVariant& v : QVariantList{newUuidV7(), QStringLiteral("contact"), personId, QStringLiteral("email"),
                                              QStringLiteral("\"thaddeus.quennell@privmail.test\""),
                                              QStringLiteral("\"tq@oldmail.test\""), QStringLiteral("\"\""),
                                              QStringLiteral("ana"), QStringLiteral("ben"), newUuidV7(),
                                              clock.nowMs(), clock.nowMs(), QStringLiteral("ana")})
            q.addBindValue(v);
        ASSERT_TRUE(q.exec());

        otherId = addContact({{QStringLiteral("firstName"), QStringLiteral("Ottoline")},
                              {QStringLiteral("lastName"), QStringLiteral("Brackenbury")},
                              {QStringLiteral("email"), QStringLiteral("ottoline@brackenbury.test")},
                              {QStringLiteral("company"), QStringLiteral("Acme Widgets Ltd")}});
    }

    qint64 count(const QString& sql, const QVariantList& binds = {})
    {
        QSqlQuery q(t.db->connection());
        q.prepare(sql);
        for (const QVariant& b : binds)
            q.addBindValue(b);
        EXPECT_TRUE(q.exec()) << sql.toStdString();
        return q.next() ? q.value(0).toLongLong() : -1;
    }

    QString text(const QString& sql, const QVariantList& binds = {})
    {
        QSqlQuery q(t.db->connection());
        q.prepare(sql);
        for (const QVariant& b : binds)
            q.addBindValue(b);
        EXPECT_TRUE(q.exec()) << sql.toStdString();
        return q.next() ? q.value(0).toString() : QStringLiteral("(none)");
    }

    TestDatabase t;
    ManualClock clock{1'760'000'000'000};
    std::unique_ptr<MutationEngine> engine;
    QString personId, otherId, shareId, distributorId, consentId;
};

} // namespace outpost::test
