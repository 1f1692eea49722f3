#include "importexport/ImportHistory.h"

#include "ImportTestSupport.h"

#include <QSignalSpy>

using namespace outpost;
using namespace outpost::test;

namespace {

class ImportUndoTest : public ImportFixture
{
protected:
    void seed()
    {
        idEva = addContact(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Eva")},
                                       {QStringLiteral("lastName"), QStringLiteral("Old")},
                                       {QStringLiteral("email"), QStringLiteral("eva@example.com")},
                                       {QStringLiteral("phone"), QStringLiteral("+33 1 23 45 67 89")},
                                       {QStringLiteral("city"), QStringLiteral("Lyon")},
                                       {QStringLiteral("notes"), QStringLiteral("long-time customer")}});
        idMax = addContact(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Max")},
                                       {QStringLiteral("email"), QStringLiteral("max@example.com")}});
        addContact(QJsonObject{{QStringLiteral("company"), QStringLiteral("Untouched GmbH")}});
        clock.advance(60'000);
    }

    // Creates two, updates two (one of them twice), and creates-then-updates one from the same file.
    Result<ImportReport> importMixed()
    {
        const QByteArray csv = "First Name,Last Name,Email,City,Notes\n"
                               "Eva,Neu,eva@example.com,Paris,\n"
                               "Max,Power,MAX@example.com,,new note\n"
                               "Nina,Nova,nina@example.com,Oslo,\n"
                               "Otto,Ohm,otto@example.com,,\n"
                               "Nina,Nova,nina@example.com,Bergen,\n"
                               "Eva,Neuer,eva@example.com,,\n";
        return import(writeFile(QStringLiteral("mixed.csv"), csv));
    }

    QStringList contactsDump()
    {
        // updated_at moves forward with the undo (it is a new change that syncs); everything else is exact.
        return dump(QStringLiteral("contacts"), QStringLiteral("rid"),
                    {QStringLiteral("updated_at")});
    }

    QString idEva, idMax;
};

TEST_F(ImportUndoTest, UndoRestoresTheExactPriorState)
{
    seed();
    const QStringList before = contactsDump();
    const QStringList ftsBefore = dump(QStringLiteral("contacts_fts"), QStringLiteral("docid"));
    auto r = importMixed();
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->created, 2);
    EXPECT_EQ(r->updated, 4);
    ASSERT_NE(contactsDump(), before);
    const qint64 outboxAfterImport = count(QStringLiteral("outbox"));

    clock.advance(60'000);
    ImportHistory history(*t.db, *engine);
    auto list = history.list();
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 1);
    EXPECT_EQ(list->first().id, r->batchId);
    EXPECT_EQ(list->first().created, 2);
    EXPECT_EQ(list->first().updated, 4);
    EXPECT_FALSE(list->first().undone);

    QSignalSpy spy(engine.get(), &MutationEngine::changed);
    auto u = history.undo(r->batchId);
    ASSERT_TRUE(u.ok()) << u.message().toStdString();
    EXPECT_EQ(u->deleted, 2);
    EXPECT_EQ(spy.count(), 1); // one signal for the whole undo
    EXPECT_EQ(contactsDump(), before);
    EXPECT_EQ(dump(QStringLiteral("contacts_fts"), QStringLiteral("docid")), ftsBefore);
    // The undo went through mutations: they are queued for sync like any change.
    EXPECT_GT(count(QStringLiteral("outbox")), outboxAfterImport);
    EXPECT_TRUE(history.find(r->batchId)->undone);

    auto again = history.undo(r->batchId);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.code(), ErrorCode::Conflict);
}

TEST_F(ImportUndoTest, UndoIsRefusedWhenAContactChangedSince)
{
    seed();
    auto r = importMixed();
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.update"),
                               QJsonObject{{QStringLiteral("id"), idEva},
                                           {QStringLiteral("set"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Nice")}}}})
                    .ok());
    const QStringList state = contactsDump();
    const qint64 outbox = count(QStringLiteral("outbox"));
    ImportHistory history(*t.db, *engine);
    auto u = history.undo(r->batchId);
    ASSERT_FALSE(u.ok());
    EXPECT_EQ(u.code(), ErrorCode::Conflict);
    EXPECT_TRUE(u.message().contains(idEva)) << u.message().toStdString();
    EXPECT_EQ(contactsDump(), state);
    EXPECT_EQ(count(QStringLiteral("outbox")), outbox);
    EXPECT_FALSE(history.find(r->batchId)->undone);
}

TEST_F(ImportUndoTest, LaterImportMustBeUndoneFirst)
{
    seed();
    const QStringList before = contactsDump();
    auto first = importMixed();
    ASSERT_TRUE(first.ok());
    auto second = import(writeFile(QStringLiteral("second.csv"), "Email,City\nnina@example.com,Tromsø\n"));
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->updated, 1);
    ImportHistory history(*t.db, *engine);
    EXPECT_EQ(history.undo(first->batchId).code(), ErrorCode::Conflict);
    ASSERT_TRUE(history.undo(second->batchId).ok());
    ASSERT_TRUE(history.undo(first->batchId).ok());
    EXPECT_EQ(contactsDump(), before);
}

TEST_F(ImportUndoTest, CreatedContactDeletedSinceDoesNotBlockTheUndo)
{
    auto r = import(writeFile(QStringLiteral("n.csv"), "Email\na@example.com\nb@example.com\n"));
    ASSERT_TRUE(r.ok());
    auto a = byEmail(QStringLiteral("a@example.com"));
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), a->id}}).ok());
    ImportHistory history(*t.db, *engine);
    auto u = history.undo(r->batchId);
    ASSERT_TRUE(u.ok()) << u.message().toStdString();
    EXPECT_EQ(count(QStringLiteral("contacts")), 0);
}

// Above a chunk's size: the new rows travel as contact.createMany chunks (one outbox entry per chunk, still one
// audit entry per contact), a row matching one created earlier in the same chunk updates it, and the undo (in
// contact.deleteMany chunks) still restores the exact state before.
TEST_F(ImportUndoTest, AnImportInManyChunksAndItsUndoRestoreTheExactPriorState)
{
    seed();
    const QStringList before = contactsDump();
    const QStringList ftsBefore = dump(QStringLiteral("contacts_fts"), QStringLiteral("docid"));
    const qint64 outboxBefore = count(QStringLiteral("outbox"));
    const qint64 auditBefore = count(QStringLiteral("audit_log"));
    // The import and its undo drop and rebuild secondary indexes (big relative to the table): all come back.
    const QStringList schema = dump(QStringLiteral("sqlite_master"), QStringLiteral("name"), {QStringLiteral("rootpage"), QStringLiteral("sql")});
    QByteArray csv = "First Name,Last Name,Email,City\n";
    for (int i = 0; i < 1200; ++i) {
        csv += QStringLiteral("P%1,Q%1,p%1@example.com,\n").arg(i).toUtf8();
        if (i == 700) // the same person again, while their row still waits in the chunk: an update of it
            csv += "P600,Q600,p600@example.com,Graz\n";
    }
    csv += "Eva,Neu,eva@example.com,Paris\n";
    auto r = import(writeFile(QStringLiteral("chunks.csv"), csv));
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->created, 1200);
    EXPECT_EQ(r->updated, 2);
    EXPECT_EQ(byEmail(QStringLiteral("p600@example.com"))->city, QStringLiteral("Graz"));
    // 1,200 creates in chunks of 500 (the update of P600 wrote the waiting rows early: 500, 201, then 499),
    // plus one contact.update each for P600 and Eva.
    EXPECT_EQ(count(QStringLiteral("outbox")) - outboxBefore, 3 + 2);
    EXPECT_EQ(count(QStringLiteral("audit_log")) - auditBefore, 1200 + 2);
    EXPECT_EQ(dump(QStringLiteral("sqlite_master"), QStringLiteral("name"), {QStringLiteral("rootpage"), QStringLiteral("sql")}), schema);
    EXPECT_EQ(count(QStringLiteral("contacts")), 3 + 1200);
    QSqlQuery n(t.db->connection());
    ASSERT_TRUE(n.exec(QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")) && n.next());
    EXPECT_EQ(n.value(0).toLongLong(), 3 + 1200);

    ImportHistory history(*t.db, *engine);
    auto u = history.undo(r->batchId);
    ASSERT_TRUE(u.ok()) << u.message().toStdString();
    EXPECT_EQ(u->deleted, 1200);
    EXPECT_EQ(u->restored, 2);
    EXPECT_EQ(contactsDump(), before);
    EXPECT_EQ(dump(QStringLiteral("contacts_fts"), QStringLiteral("docid")), ftsBefore);
    EXPECT_EQ(dump(QStringLiteral("sqlite_master"), QStringLiteral("name"), {QStringLiteral("rootpage"), QStringLiteral("sql")}), schema);
}

// The undo deletes with foreign keys off and without the delete-count trigger (no statement journals): what those
// would have done is done all the same — a distributor linked to a removed contact is unlinked, the count is right
// — and both are back afterwards.
TEST_F(ImportUndoTest, AnUndoUnlinksTheDistributorsOfContactsItRemovesAndLeavesKeysAndCountsWorking)
{
    seed();
    auto scalar = [&](const QString& sql) {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toString();
    };
    const QString countTrigger = QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'contacts_count_ad'");
    const QString triggerBefore = scalar(countTrigger);
    ASSERT_FALSE(triggerBefore.isEmpty());
    auto r = importMixed();
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    const QString nina = byEmail(QStringLiteral("nina@example.com"))->id;
    const QString distributor = newId();
    auto d = engine->submit(QStringLiteral("distributor.create"),
                            QJsonObject{{QStringLiteral("id"), distributor},
                                        {QStringLiteral("fields"),
                                         QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Nina Nova")},
                                                     {QStringLiteral("contactId"), nina}}}});
    ASSERT_TRUE(d.ok()) << d.message().toStdString();

    ImportHistory history(*t.db, *engine);
    auto u = history.undo(r->batchId);
    ASSERT_TRUE(u.ok()) << u.message().toStdString();
    EXPECT_EQ(u->deleted, 2);

    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM distributors WHERE id = '%1' AND contact_id IS NULL")
                         .arg(distributor)),
              QStringLiteral("1"));
    EXPECT_EQ(scalar(QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
    QSqlQuery check(t.db->connection());
    ASSERT_TRUE(check.exec(QStringLiteral("PRAGMA foreign_key_check")));
    EXPECT_FALSE(check.next());
    EXPECT_EQ(scalar(countTrigger), triggerBefore);
    EXPECT_EQ(scalar(QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), QStringLiteral("3"));
    // Both work again: a contact deleted now is counted, and unlinks its distributor through the foreign key.
    auto linked = engine->submit(QStringLiteral("distributor.update"),
                                 QJsonObject{{QStringLiteral("id"), distributor},
                                             {QStringLiteral("set"), QJsonObject{{QStringLiteral("contactId"), idMax}}}});
    ASSERT_TRUE(linked.ok()) << linked.message().toStdString();
    QSqlQuery del(t.db->connection());
    ASSERT_TRUE(del.exec(QStringLiteral("DELETE FROM contacts WHERE id = '%1'").arg(idMax)));
    EXPECT_EQ(scalar(QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), QStringLiteral("2"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM distributors WHERE contact_id IS NULL")), QStringLiteral("1"));
}

// The undo deletes with foreign keys off and relies on contact.deleteMany doing what every foreign key that
// refers to contacts would do. One added by a later migration must be handled there too: this lists them.
TEST_F(ImportUndoTest, EveryForeignKeyToContactsIsOneContactDeleteManyHandlesItself)
{
    QSqlQuery tables(t.db->connection());
    ASSERT_TRUE(tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                           "'CREATE VIRTUAL%' ORDER BY name")));
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    ASSERT_GT(names.size(), 20);
    QStringList toContacts;
    for (const QString& table : std::as_const(names)) {
        QSqlQuery fk(t.db->connection());
        ASSERT_TRUE(fk.exec(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(table)));
        while (fk.next()) { // id, seq, table, from, to, on_update, on_delete, match
            if (fk.value(2).toString() == QLatin1String("contacts"))
                toContacts << table + QLatin1Char('.') + fk.value(3).toString() + QLatin1Char(' ') + fk.value(6).toString();
        }
    }
    EXPECT_EQ(toContacts, QStringList{QStringLiteral("distributors.contact_id SET NULL")});
}

TEST_F(ImportUndoTest, UnknownBatch)
{
    ImportHistory history(*t.db, *engine);
    EXPECT_EQ(history.undo(newId()).code(), ErrorCode::NotFound);
}

} // namespace
