#include "contacts/ContactRepository.h"
#include "storage/ClientSchema.h"
#include "demo/DemoDataGenerator.h"
#include "demo/DemoDataLoader.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

#include <set>

using namespace outpost;

namespace {

class ContactRepositoryTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
        repo = std::make_unique<ContactRepository>(*t.db);
    }

    QString add(const QString& first, const QString& last, const QString& email = {}, const QString& phone = {},
                const QString& company = {})
    {
        const QString id = newUuidV7();
        auto m = engine->submit(QStringLiteral("contact.create"),
                                QJsonObject{{QStringLiteral("id"), id},
                                            {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), first},
                                                                                   {QStringLiteral("lastName"), last},
                                                                                   {QStringLiteral("email"), email},
                                                                                   {QStringLiteral("phone"), phone},
                                                                                   {QStringLiteral("company"), company}}}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    QStringList names(const QList<ContactListRow>& rows)
    {
        QStringList out;
        for (const auto& r : rows)
            out << r.displayName();
        return out;
    }

    QStringList searchNames(const QString& text)
    {
        auto r = repo->search(ContactQuery::parse(text), std::nullopt, 100);
        EXPECT_TRUE(r.ok()) << r.message().toStdString();
        return r.ok() ? names(r.value()) : QStringList();
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<ContactRepository> repo;
};

TEST_F(ContactRepositoryTest, FindReturnsAllFields)
{
    const QString id = add(QStringLiteral("Ana"), QStringLiteral("Peña"), QStringLiteral("ana@example.es"),
                           QStringLiteral("+34 612 345 678"), QStringLiteral("Peña S.L."));
    auto c = repo->find(id);
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(c->has_value());
    EXPECT_EQ((*c)->lastName, QStringLiteral("Peña"));
    EXPECT_EQ((*c)->phone, QStringLiteral("+34 612 345 678"));
    EXPECT_EQ((*c)->updatedBy, QStringLiteral("local"));
    EXPECT_EQ((*c)->createdAt, clock.nowMs());
    auto none = repo->find(newUuidV7());
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
}

TEST_F(ContactRepositoryTest, PagesAreInNameOrderAndKeysetMatchesOffset)
{
    add(QStringLiteral("Zoë"), QStringLiteral("Ørsted"));
    add(QStringLiteral("Anna"), QStringLiteral("Li"));
    add(QStringLiteral("Bo"), QStringLiteral("Lia"));
    add(QStringLiteral("Jürgen"), QStringLiteral("Müller"));
    add(QStringLiteral("Karl"), QStringLiteral("Muller"));
    add(QString(), QString(), QString(), QString(), QStringLiteral("ACME GmbH"));
    auto count = repo->count();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(count.value(), 6);
    auto all = repo->pageAt(0, 100);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(names(all.value()), (QStringList{QStringLiteral("ACME GmbH"), QStringLiteral("Anna Li"), QStringLiteral("Bo Lia"),
                                               QStringLiteral("Jürgen Müller"), QStringLiteral("Karl Muller"),
                                               QStringLiteral("Zoë Ørsted")}));
    auto first = repo->pageAt(0, 2);
    ASSERT_TRUE(first.ok());
    auto next = repo->pageAfter({first->last().sortKey, first->last().rid}, 2);
    auto viaOffset = repo->pageAt(2, 2);
    ASSERT_TRUE(next.ok() && viaOffset.ok());
    EXPECT_EQ(names(next.value()), names(viaOffset.value()));
    auto before = repo->pageBefore({all->at(4).sortKey, all->at(4).rid}, 3);
    auto beforeViaOffset = repo->pageAt(1, 3);
    ASSERT_TRUE(before.ok() && beforeViaOffset.ok());
    EXPECT_EQ(names(before.value()), names(beforeViaOffset.value()));
    auto pos = repo->positionOf(all->at(4).id);
    ASSERT_TRUE(pos.ok());
    EXPECT_EQ(pos.value(), 4);
}

TEST_F(ContactRepositoryTest, SearchFindsByNamePrefixIgnoringCaseAndDiacritics)
{
    add(QStringLiteral("Jürgen"), QStringLiteral("Müller"), QStringLiteral("j.mueller@example.de"));
    add(QStringLiteral("Maria"), QStringLiteral("Schmidt"), QStringLiteral("maria.schmidt@web.de"), QStringLiteral("+49 170 1234567"));
    add(QStringLiteral("Marek"), QStringLiteral("Wójcik"), QStringLiteral("marek@example.pl"), QStringLiteral("+48 601 234 567"));
    EXPECT_EQ(searchNames(QStringLiteral("mul")), QStringList{QStringLiteral("Jürgen Müller")});
    EXPECT_EQ(searchNames(QStringLiteral("MÜL")), QStringList{QStringLiteral("Jürgen Müller")});
    EXPECT_EQ(searchNames(QStringLiteral("mar")), (QStringList{QStringLiteral("Maria Schmidt"), QStringLiteral("Marek Wójcik")}));
    EXPECT_EQ(searchNames(QStringLiteral("mar woj")), QStringList{QStringLiteral("Marek Wójcik")});
    EXPECT_EQ(searchNames(QStringLiteral("maria.schmidt@web")), QStringList{QStringLiteral("Maria Schmidt")});
    EXPECT_EQ(searchNames(QStringLiteral("0170 123")), QStringList{QStringLiteral("Maria Schmidt")});
    EXPECT_EQ(searchNames(QStringLiteral("+48 601")), QStringList{QStringLiteral("Marek Wójcik")});
    EXPECT_TRUE(searchNames(QStringLiteral("nobody")).isEmpty());
    auto n = repo->searchCount(ContactQuery::parse(QStringLiteral("mar")));
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(n.value(), 2);
}

TEST_F(ContactRepositoryTest, SearchFollowsUpdatesAndDeletes)
{
    const QString id = add(QStringLiteral("Ola"), QStringLiteral("Nordmann"));
    EXPECT_EQ(searchNames(QStringLiteral("nord")).size(), 1);
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.update"),
                               QJsonObject{{QStringLiteral("id"), id},
                                           {QStringLiteral("set"), QJsonObject{{QStringLiteral("lastName"), QStringLiteral("Sørensen")}}}}).ok());
    EXPECT_TRUE(searchNames(QStringLiteral("nord")).isEmpty());
    EXPECT_EQ(searchNames(QStringLiteral("soren")), QStringList{QStringLiteral("Ola Sørensen")});
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), id}}).ok());
    EXPECT_TRUE(searchNames(QStringLiteral("soren")).isEmpty());
    EXPECT_EQ(repo->count().value(), 0);
}

TEST_F(ContactRepositoryTest, EditsKeepTheFullTextIndexConsistent)
{
    const QString a = add(QStringLiteral("Ola"), QStringLiteral("Nordmann"), QStringLiteral("ola@example.no"), QStringLiteral("+47 912 34 567"));
    const QString b = add(QStringLiteral("Kari"), QStringLiteral("Hansen"));
    auto update = [&](const QString& id, const QString& field, const QString& value) {
        auto m = engine->submit(QStringLiteral("contact.update"),
                                QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("set"), QJsonObject{{field, value}}}});
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    };
    update(a, QStringLiteral("city"), QStringLiteral("Tromsø"));          // not searchable: index untouched
    update(a, QStringLiteral("notes"), QStringLiteral("Prefers e-mail"));
    update(b, QStringLiteral("lastName"), QStringLiteral("Berg"));         // searchable: re-indexed
    update(a, QStringLiteral("phone"), QStringLiteral("+47 400 00 000"));  // phone forms re-indexed
    EXPECT_EQ(searchNames(QStringLiteral("nord")), QStringList{QStringLiteral("Ola Nordmann")});
    EXPECT_EQ(searchNames(QStringLiteral("berg")), QStringList{QStringLiteral("Kari Berg")});
    EXPECT_TRUE(searchNames(QStringLiteral("hansen")).isEmpty());
    EXPECT_EQ(searchNames(QStringLiteral("400 00")), QStringList{QStringLiteral("Ola Nordmann")});
    EXPECT_EQ(searchNames(QStringLiteral("ola tromso")), QStringList{QStringLiteral("Ola Nordmann")}); // name + city
    EXPECT_TRUE(searchNames(QStringLiteral("912 34")).isEmpty());
    QSqlQuery check(t.db->connection());
    EXPECT_TRUE(check.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check')")))
        << check.lastError().text().toStdString();
    auto c = repo->find(a);
    ASSERT_TRUE(c.ok() && c->has_value());
    EXPECT_EQ((*c)->city, QStringLiteral("Tromsø"));
    EXPECT_EQ((*c)->firstName, QStringLiteral("Ola"));
}

TEST_F(ContactRepositoryTest, DenseSearchPagesInNameOrder)
{
    // More matches than the sparse limit, so the name-index walk is used; pages must chain exactly.
    QList<Contact> bulk;
    for (int i = 0; i < 2600; ++i) {
        Contact c;
        c.id = newUuidV7();
        c.firstName = QStringLiteral("Marta");
        c.lastName = QStringLiteral("Nowak%1").arg(2600 - i, 4, 10, QLatin1Char('0'));
        c.createdAt = 1;
        bulk << c;
        Contact other;
        other.id = newUuidV7();
        other.firstName = QStringLiteral("Piotr");
        other.lastName = QStringLiteral("Nowak%1").arg(i, 4, 10, QLatin1Char('0'));
        other.createdAt = 1;
        bulk << other;
    }
    auto inserted = repo->insertBulk(bulk, QStringLiteral("test"));
    ASSERT_TRUE(inserted.ok()) << inserted.message().toStdString();
    const ContactQuery q = ContactQuery::parse(QStringLiteral("mart"));
    EXPECT_EQ(repo->searchCount(q).value(), 2600);
    std::optional<ContactCursor> after;
    QStringList seen;
    for (;;) {
        auto page = repo->search(q, after, 500);
        ASSERT_TRUE(page.ok()) << page.message().toStdString();
        if (page->isEmpty())
            break;
        for (const auto& r : page.value())
            seen << r.sortKey;
        after = ContactCursor{page->last().sortKey, page->last().rid};
    }
    EXPECT_EQ(seen.size(), 2600);
    QStringList sorted = seen;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(seen, sorted);
}

TEST_F(ContactRepositoryTest, EverySearchStrategyReturnsExactlyTheFullTextMatchesInNameOrder)
{
    // 30,000 generated people: "m" and "a" match over 3,000 (walk of the name index), rare names a
    // handful (fetch and sort).
    const DemoDataGenerator gen(11);
    QList<Contact> bulk;
    for (int i = 0; i < 30000; ++i) {
        bulk << DemoDataLoader::toContact(gen.contact(i));
    }
    auto inserted = repo->insertBulk(bulk, QStringLiteral("test"));
    ASSERT_TRUE(inserted.ok()) << inserted.message().toStdString();

    repo->setSearchThresholds({3000}); // scaled down with the data
    const QStringList queries = {QStringLiteral("com"), QStringLiteral("m"), QStringLiteral("a"), QStringLiteral("ma"), QStringLiteral("mar"),
                                 QStringLiteral("maria"), QStringLiteral("Müll"), QStringLiteral("nguy"),
                                 QStringLiteral("j s"), QStringLiteral("gmail"), QStringLiteral("zz"), QStringLiteral("+49 30"),
                                 // words of the generated notes, alone and with a name prefix
                                 QStringLiteral("morn"), QStringLiteral("tuesday"), QStringLiteral("tuesday ma")};
    std::set<int> tiers;
    for (const QString& text : queries) {
        const ContactQuery q = ContactQuery::parse(text);
        // Ground truth straight from the full-text index, sorted like the list.
        QSqlQuery truth(t.db->connection());
        truth.setForwardOnly(true);
        ASSERT_TRUE(truth.prepare(QStringLiteral("SELECT id FROM contacts WHERE rid IN (SELECT docid FROM contacts_fts "
                                                 "WHERE contacts_fts MATCH ?) ORDER BY sort_key, rid")));
        truth.addBindValue(q.match);
        ASSERT_TRUE(truth.exec());
        QStringList expected;
        while (truth.next())
            expected << truth.value(0).toString();

        QStringList got;
        std::optional<ContactCursor> after;
        for (;;) {
            auto page = repo->search(q, after, 700);
            ASSERT_TRUE(page.ok()) << page.message().toStdString();
            for (const auto& r : page.value())
                got << r.id;
            if (page->size() < 700)
                break;
            after = ContactCursor{page->last().sortKey, page->last().rid};
        }
        EXPECT_EQ(got.size(), expected.size()) << text.toStdString();
        EXPECT_TRUE(got == expected) << "search \"" << text.toStdString() << "\" differs from the full-text matches";
        EXPECT_EQ(repo->searchCount(q).value(), expected.size());
        tiers.insert(expected.size() <= 3000 ? 0 : 1);
    }
    EXPECT_EQ(tiers.size(), 2u) << "the queries must exercise both strategies";
}

TEST_F(ContactRepositoryTest, AWordOnlyInTheNotesFindsTheContactAndFollowsEdits)
{
    const QString id = add(QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("ada@example.org"));
    add(QStringLiteral("Charles"), QStringLiteral("Babbage"), QStringLiteral("cb@example.org"));
    auto setNotes = [&](const QString& notes) {
        auto m = engine->submit(QStringLiteral("contact.update"),
                                QJsonObject{{QStringLiteral("id"), id},
                                            {QStringLiteral("set"), QJsonObject{{QStringLiteral("notes"), notes}}}});
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    };
    setNotes(QStringLiteral("Met at the Analytical Engine fair; wants the brochure."));
    EXPECT_EQ(searchNames(QStringLiteral("analyt")), QStringList{QStringLiteral("Ada Lovelace")});
    EXPECT_EQ(searchNames(QStringLiteral("brochure ada")), QStringList{QStringLiteral("Ada Lovelace")});
    EXPECT_EQ(repo->searchCount(ContactQuery::parse(QStringLiteral("brochure"))).value(), 1);
    EXPECT_TRUE(searchNames(QStringLiteral("brochure charles")).isEmpty());
    // Words shorter than ContactQuery::kNotesMinLetters do not search the notes; names they still find.
    auto shortWords = [&] {
        EXPECT_TRUE(searchNames(QStringLiteral("an")).isEmpty());
        EXPECT_TRUE(searchNames(QStringLiteral("ada an")).isEmpty());
        EXPECT_EQ(searchNames(QStringLiteral("ana")), QStringList{QStringLiteral("Ada Lovelace")});
        EXPECT_EQ(searchNames(QStringLiteral("lo")), QStringList{QStringLiteral("Ada Lovelace")});
        EXPECT_EQ(searchNames(QStringLiteral("ch ba")), QStringList{QStringLiteral("Charles Babbage")});
    };
    shortWords();

    // The dense strategy (walk of the name index) finds notes too, by the same rule.
    repo->setSearchThresholds({0});
    EXPECT_EQ(searchNames(QStringLiteral("brochure")), QStringList{QStringLiteral("Ada Lovelace")});
    EXPECT_EQ(searchNames(QStringLiteral("lovel engine")), QStringList{QStringLiteral("Ada Lovelace")});
    shortWords();

    setNotes(QStringLiteral("Called back about the difference engine."));
    EXPECT_TRUE(searchNames(QStringLiteral("brochure")).isEmpty());
    EXPECT_EQ(searchNames(QStringLiteral("differ")), QStringList{QStringLiteral("Ada Lovelace")});
}

// Migration 19 indexes the notes of the contacts a profile already holds.
TEST(ContactSearchMigration, IndexesTheNotesOfExistingContacts)
{
    test::TempDir dir;
    const SecretBytes key = SecretBytes::random(32);
    auto open = [&](bool before19, Database::OpenMode mode) {
        Database::Options o;
        o.path = dir.filePath(QStringLiteral("outpost.db"));
        o.key = key;
        o.mode = mode;
        for (const Migration& m : clientMigrations())
            if (!before19 || m.version < 19)
                o.migrations.push_back(m);
        auto r = Database::open(std::move(o));
        EXPECT_TRUE(r.ok()) << r.message().toStdString();
        return r.ok() ? std::move(r.value()) : nullptr;
    };
    {
        auto db = open(true, Database::OpenMode::CreateNew);
        ASSERT_TRUE(db);
        ManualClock clock;
        MutationEngine engine(*db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine.initialize().ok());
        ASSERT_TRUE(engine
                        .submit(QStringLiteral("contact.create"),
                                QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                            {QStringLiteral("fields"),
                                             QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Grace")},
                                                         {QStringLiteral("lastName"), QStringLiteral("Hopper")},
                                                         {QStringLiteral("notes"), QStringLiteral("Found a moth in the relay.")}}}})
                        .ok());
        ContactRepository before(*db);
        EXPECT_EQ(before.searchCount(ContactQuery::parse(QStringLiteral("moth"))).value(), 0);
    }
    auto db = open(false, Database::OpenMode::OpenExisting);
    ASSERT_TRUE(db);
    ContactRepository after(*db);
    EXPECT_EQ(after.searchCount(ContactQuery::parse(QStringLiteral("moth"))).value(), 1);
    EXPECT_EQ(after.searchCount(ContactQuery::parse(QStringLiteral("hopper"))).value(), 1);
    QSqlQuery check(db->connection());
    EXPECT_TRUE(check.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check')")))
        << check.lastError().text().toStdString();
}

} // namespace
