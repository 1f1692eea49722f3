#include "contacts/ContactRepository.h"
#include "contacts/LabelledValues.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QJsonObject>
#include <QSqlQuery>

#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace outpost;

namespace {

class ContactExtrasTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
        repo = std::make_unique<ContactRepository>(*t.db);
    }

    Result<Mutation> create(const QString& id, const QJsonObject& fields)
    {
        return engine->submit(QStringLiteral("contact.create"),
                              QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
    }

    QString add(const QString& last, const QString& tags)
    {
        const QString id = newUuidV7();
        auto m = create(id, {{QStringLiteral("lastName"), last}, {QStringLiteral("tags"), tags}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    QStringList search(const QString& text)
    {
        auto rows = repo->search(ContactQuery::parse(text), std::nullopt, 100);
        EXPECT_TRUE(rows.ok()) << rows.message().toStdString();
        QStringList out;
        for (const auto& r : rows.value())
            out << r.lastName;
        return out;
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<ContactRepository> repo;
};

TEST_F(ContactExtrasTest, OtherEmailsPhonesAndAddressesAreLabelledCheckedAndSearchable)
{
    const QString id = newUuidV7();
    const QString emails = LabelledValues::toJson(QList<LabelledValue>{{QStringLiteral("work"), QStringLiteral("n.okafor@globex.example")},
                                                                       {QStringLiteral("private"), QStringLiteral(" ngozi@mail.example ")},
                                                                       {QStringLiteral("home"), QString()}});
    const QString phones = LabelledValues::toJson(QList<LabelledValue>{{QStringLiteral("mobile"), QStringLiteral("+44 7700 900123")}});
    const QString addresses = LabelledValues::toJson(QList<LabelledAddress>{
        {QStringLiteral("home"), QStringLiteral("12 Ash Lane"), QStringLiteral("M1 1AE"), QStringLiteral("Manchester"), QStringLiteral("GB")}});
    auto m = create(id, {{QStringLiteral("firstName"), QStringLiteral("Ngozi")},
                         {QStringLiteral("lastName"), QStringLiteral("Okafor")},
                         {QStringLiteral("email"), QStringLiteral("ngozi@okafor.example")},
                         {QStringLiteral("otherEmails"), emails},
                         {QStringLiteral("otherPhones"), phones},
                         {QStringLiteral("otherAddresses"), addresses}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    auto c = repo->find(id);
    ASSERT_TRUE(c.ok() && c->has_value());
    // Stored canonical: trimmed, empty entries dropped, labels kept (custom ones too).
    const QList<LabelledValue> stored = LabelledValues::values(c->value().otherEmails);
    ASSERT_EQ(stored.size(), 2);
    EXPECT_EQ(stored.at(1), (LabelledValue{QStringLiteral("private"), QStringLiteral("ngozi@mail.example")}));
    EXPECT_EQ(LabelledValues::addresses(c->value().otherAddresses).first().city, QStringLiteral("Manchester"));

    // Found by an other e-mail and by the national form of an other phone.
    EXPECT_EQ(search(QStringLiteral("globex")), QStringList{QStringLiteral("Okafor")});
    EXPECT_EQ(search(QStringLiteral("07700 900123")), QStringList{QStringLiteral("Okafor")});

    // Bad entries are refused with the reason.
    auto badMail = engine->submit(QStringLiteral("contact.update"),
                                  QJsonObject{{QStringLiteral("id"), id},
                                              {QStringLiteral("set"), QJsonObject{{QStringLiteral("otherEmails"),
                                                  LabelledValues::toJson(QList<LabelledValue>{{QStringLiteral("work"), QStringLiteral("nope")}})}}}});
    ASSERT_FALSE(badMail.ok());
    EXPECT_TRUE(badMail.message().contains(QStringLiteral("nope")));
    auto notJson = engine->submit(QStringLiteral("contact.update"),
                                  QJsonObject{{QStringLiteral("id"), id},
                                              {QStringLiteral("set"), QJsonObject{{QStringLiteral("otherPhones"), QStringLiteral("555-1234")}}}});
    ASSERT_FALSE(notJson.ok());
    EXPECT_EQ(notJson.code(), ErrorCode::InvalidArgument);
    auto badCountry = engine->submit(QStringLiteral("contact.update"),
                                     QJsonObject{{QStringLiteral("id"), id},
                                                 {QStringLiteral("set"), QJsonObject{{QStringLiteral("otherAddresses"),
                                                     LabelledValues::toJson(QList<LabelledAddress>{{QStringLiteral("work"), {}, {}, QStringLiteral("Paris"), QStringLiteral("France")}})}}}});
    ASSERT_FALSE(badCountry.ok());
}

TEST_F(ContactExtrasTest, TagsAreNormalisedAndFilterExactly)
{
    add(QStringLiteral("Adams"), QStringLiteral(" vip , Key Account,VIP,, "));
    add(QStringLiteral("Baker"), QStringLiteral("key account"));
    add(QStringLiteral("Vipond"), QString()); // a name that starts like a tag
    add(QStringLiteral("Carter"), QStringLiteral("vipers"));
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT tags FROM contacts WHERE last_name = 'Adams'")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("vip,Key Account"));

    EXPECT_EQ(search(QStringLiteral("#vip")), QStringList{QStringLiteral("Adams")});
    EXPECT_EQ(search(QStringLiteral("#KEY ACCOUNT")), (QStringList{QStringLiteral("Adams"), QStringLiteral("Baker")}));
    EXPECT_EQ(search(QStringLiteral("bak #key account")), QStringList{QStringLiteral("Baker")});
    EXPECT_EQ(search(QStringLiteral("#vip #key account")), QStringList{QStringLiteral("Adams")});
    EXPECT_EQ(search(QStringLiteral("vip")), (QStringList{QStringLiteral("Adams"), QStringLiteral("Carter"), QStringLiteral("Vipond")}));
    EXPECT_EQ(repo->searchCount(ContactQuery::parse(QStringLiteral("#vip"))).value(), 1);

    // The dense strategy (walking the name index) agrees.
    repo->setSearchThresholds({0});
    EXPECT_EQ(search(QStringLiteral("#vip")), QStringList{QStringLiteral("Adams")});
    EXPECT_EQ(search(QStringLiteral("#key account")), (QStringList{QStringLiteral("Adams"), QStringLiteral("Baker")}));

    auto tooLong = create(newUuidV7(), {{QStringLiteral("lastName"), QStringLiteral("Long")},
                                        {QStringLiteral("tags"), QString(41, QLatin1Char('x'))}});
    ASSERT_FALSE(tooLong.ok());
}

TEST_F(ContactExtrasTest, AnEditOfTagsOrLinksLeavesOtherIndexesAlone)
{
    // Setting the company link writes the row, its company index entry, one audit and one outbox entry;
    // no search-index trigger fires.
    const QString company = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("company.create"),
                               QJsonObject{{QStringLiteral("id"), company},
                                           {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Acme")}}}})
                    .ok());
    const QString id = add(QStringLiteral("Dubois"), QString());
    sqlite3* handle = t.db->nativeHandle();
    auto pagesWritten = [&] {
        int current = 0;
        int highwater = 0;
        EXPECT_EQ(sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_WRITE, &current, &highwater, 0), SQLITE_OK);
        return current;
    };
    const int before = pagesWritten();
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.update"),
                               QJsonObject{{QStringLiteral("id"), id},
                                           {QStringLiteral("set"), QJsonObject{{QStringLiteral("companyId"), company}}}})
                    .ok());
    EXPECT_EQ(pagesWritten() - before, 4);
}

} // namespace
