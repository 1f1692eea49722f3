#include "audit/AuditLog.h"
#include "companies/CompanyRepository.h"
#include "contacts/ContactRepository.h"
#include "mutations/MutationEngine.h"
#include "pipeline/Pipeline.h"
#include "replication/RowCodec.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QJsonObject>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

qint64 countOf(QSqlDatabase db, const QString& table)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
    q.next();
    return q.value(0).toLongLong();
}

class CompanyTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
        companies = std::make_unique<CompanyRepository>(*t.db);
    }

    Result<Mutation> createCompany(const QString& id, const QJsonObject& fields)
    {
        return engine->submit(QStringLiteral("company.create"),
                              QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
    }

    QString addCompany(const QString& name, const QString& city = {})
    {
        const QString id = newUuidV7();
        auto m = createCompany(id, {{QStringLiteral("name"), name}, {QStringLiteral("city"), city}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    QString addContact(const QString& first, const QString& last, const QString& companyId)
    {
        const QString id = newUuidV7();
        auto m = engine->submit(QStringLiteral("contact.create"),
                                QJsonObject{{QStringLiteral("id"), id},
                                            {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), first},
                                                                                   {QStringLiteral("lastName"), last},
                                                                                   {QStringLiteral("companyId"), companyId}}}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    QStringList pageNames(const QString& search)
    {
        auto rows = companies->page(search, std::nullopt, 100);
        EXPECT_TRUE(rows.ok()) << rows.message().toStdString();
        QStringList out;
        for (const auto& r : rows.value())
            out << r.name;
        return out;
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<CompanyRepository> companies;
};

TEST_F(CompanyTest, CreateUpdateAndReadBack)
{
    const QString id = newUuidV7();
    auto m = createCompany(id, {{QStringLiteral("name"), QStringLiteral("Müller Maschinenbau GmbH")},
                                {QStringLiteral("domain"), QStringLiteral("mueller-maschinen.de")},
                                {QStringLiteral("industry"), QStringLiteral("Machinery")},
                                {QStringLiteral("country"), QStringLiteral("DE")}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    auto update = engine->submit(QStringLiteral("company.update"),
                                 QJsonObject{{QStringLiteral("id"), id},
                                             {QStringLiteral("set"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Stuttgart")}}}});
    ASSERT_TRUE(update.ok()) << update.message().toStdString();
    auto found = companies->find(id);
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ(found->value().name, QStringLiteral("Müller Maschinenbau GmbH"));
    EXPECT_EQ(found->value().city, QStringLiteral("Stuttgart"));
    EXPECT_EQ(found->value().domain, QStringLiteral("mueller-maschinen.de"));
    // Two audit entries (create, update), and the update's entry holds only what changed.
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT entity, action, before, after FROM audit_log ORDER BY seq")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("company"));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(1).toString(), QStringLiteral("update"));
    EXPECT_EQ(q.value(3).toString(), QStringLiteral(R"({"city":"Stuttgart"})"));
}

TEST_F(CompanyTest, InvalidInputIsRefusedAndWritesNothing)
{
    const QString id = newUuidV7();
    auto noName = createCompany(id, {{QStringLiteral("city"), QStringLiteral("Lyon")}});
    ASSERT_FALSE(noName.ok());
    EXPECT_EQ(noName.code(), ErrorCode::InvalidArgument);
    auto badMail = createCompany(id, {{QStringLiteral("name"), QStringLiteral("A")}, {QStringLiteral("email"), QStringLiteral("x@")}});
    ASSERT_FALSE(badMail.ok());
    EXPECT_TRUE(badMail.message().contains(QStringLiteral("x@")));
    auto badDomain = createCompany(id, {{QStringLiteral("name"), QStringLiteral("A")}, {QStringLiteral("domain"), QStringLiteral("not a domain")}});
    ASSERT_FALSE(badDomain.ok());
    auto unknown = createCompany(id, {{QStringLiteral("name"), QStringLiteral("A")}, {QStringLiteral("colour"), QStringLiteral("red")}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.message().contains(QStringLiteral("colour")));
    QSqlDatabase conn = t.db->connection();
    EXPECT_EQ(countOf(conn, QStringLiteral("companies")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("outbox")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 0);
}

TEST_F(CompanyTest, DeleteIsRefusedWhileContactsAreLinked)
{
    const QString acme = addCompany(QStringLiteral("Acme"));
    const QString ada = addContact(QStringLiteral("Ada"), QStringLiteral("Lovelace"), acme);
    addContact(QStringLiteral("Charles"), QStringLiteral("Babbage"), acme);
    const qint64 auditBefore = countOf(t.db->connection(), QStringLiteral("audit_log"));

    auto refused = engine->submit(QStringLiteral("company.delete"), QJsonObject{{QStringLiteral("id"), acme}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.code(), ErrorCode::Rejected);
    EXPECT_TRUE(refused.message().contains(QStringLiteral("Acme"))) << refused.message().toStdString();
    EXPECT_TRUE(refused.message().contains(QStringLiteral("2"))) << refused.message().toStdString();
    EXPECT_EQ(countOf(t.db->connection(), QStringLiteral("companies")), 1);
    EXPECT_EQ(countOf(t.db->connection(), QStringLiteral("audit_log")), auditBefore);

    // Unlinked, both go; then the company may be deleted, and deleting again has no second effect.
    auto contacts = companies->contactsOf(acme, std::nullopt, 10);
    ASSERT_TRUE(contacts.ok());
    ASSERT_EQ(contacts->size(), 2);
    EXPECT_EQ(contacts->at(0).displayName(), QStringLiteral("Charles Babbage")); // name order: Babbage, Lovelace
    for (const auto& c : contacts.value())
        ASSERT_TRUE(engine->submit(QStringLiteral("contact.update"),
                                   QJsonObject{{QStringLiteral("id"), c.id},
                                               {QStringLiteral("set"), QJsonObject{{QStringLiteral("companyId"), QString()}}}})
                        .ok());
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT company_id IS NULL FROM contacts WHERE id = '%1'").arg(ada)));
    ASSERT_TRUE(q.next());
    EXPECT_TRUE(q.value(0).toBool()) << "no company is stored as NULL";
    ASSERT_TRUE(engine->submit(QStringLiteral("company.delete"), QJsonObject{{QStringLiteral("id"), acme}}).ok());
    ASSERT_TRUE(engine->submit(QStringLiteral("company.delete"), QJsonObject{{QStringLiteral("id"), acme}}).ok());
    EXPECT_EQ(countOf(t.db->connection(), QStringLiteral("companies")), 0);
}

TEST_F(CompanyTest, DeleteIsRefusedWhileDealsAreForIt)
{
    const QString acme = addCompany(QStringLiteral("Acme"));
    const QString deal = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("deal.create"),
                               QJsonObject{{QStringLiteral("id"), deal},
                                           {QStringLiteral("title"), QStringLiteral("Pilot")},
                                           {QStringLiteral("pipelineId"), defaultpipeline::kPipelineId},
                                           {QStringLiteral("stageId"), defaultpipeline::kQualification},
                                           {QStringLiteral("amountMinor"), 100000},
                                           {QStringLiteral("currency"), QStringLiteral("EUR")},
                                           {QStringLiteral("companyId"), acme}})
                    .ok());
    auto refused = engine->submit(QStringLiteral("company.delete"), QJsonObject{{QStringLiteral("id"), acme}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.code(), ErrorCode::Rejected);
    EXPECT_TRUE(refused.message().contains(QStringLiteral("deal"))) << refused.message().toStdString();
    EXPECT_EQ(countOf(t.db->connection(), QStringLiteral("companies")), 1);

    ASSERT_TRUE(engine->submit(QStringLiteral("deal.delete"), QJsonObject{{QStringLiteral("id"), deal}}).ok());
    EXPECT_TRUE(engine->submit(QStringLiteral("company.delete"), QJsonObject{{QStringLiteral("id"), acme}}).ok());
    EXPECT_EQ(countOf(t.db->connection(), QStringLiteral("companies")), 0);
}

TEST_F(CompanyTest, AContactCannotLinkToACompanyThatDoesNotExist)
{
    const QString id = newUuidV7();
    auto m = engine->submit(QStringLiteral("contact.create"),
                            QJsonObject{{QStringLiteral("id"), id},
                                        {QStringLiteral("fields"), QJsonObject{{QStringLiteral("lastName"), QStringLiteral("Curie")},
                                                                               {QStringLiteral("companyId"), newUuidV7()}}}});
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.code(), ErrorCode::NotFound);
    auto malformed = engine->submit(QStringLiteral("contact.create"),
                                    QJsonObject{{QStringLiteral("id"), id},
                                                {QStringLiteral("fields"), QJsonObject{{QStringLiteral("lastName"), QStringLiteral("Curie")},
                                                                                       {QStringLiteral("companyId"), QStringLiteral("acme")}}}});
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(countOf(t.db->connection(), QStringLiteral("contacts")), 0);
}

TEST_F(CompanyTest, ListIsInNameOrderPagedAndSearchedByWordPrefix)
{
    for (const QString& n : {QStringLiteral("Zeta Logistics"), QStringLiteral("Åkerlund & Rausing"), QStringLiteral("acme corp"),
                             QStringLiteral("Beta Systems")})
        addCompany(n, QStringLiteral("Bremen"));
    EXPECT_EQ(pageNames(QString()), (QStringList{QStringLiteral("acme corp"), QStringLiteral("Åkerlund & Rausing"),
                                                 QStringLiteral("Beta Systems"), QStringLiteral("Zeta Logistics")}));
    EXPECT_EQ(pageNames(QStringLiteral("aker")), QStringList{QStringLiteral("Åkerlund & Rausing")});
    EXPECT_EQ(pageNames(QStringLiteral("sys be")), QStringList{QStringLiteral("Beta Systems")});
    EXPECT_EQ(pageNames(QStringLiteral("brem")).size(), 4);
    EXPECT_EQ(companies->count(QString()).value(), 4);
    EXPECT_EQ(companies->count(QStringLiteral("logis")).value(), 1);

    auto first = companies->page(QString(), std::nullopt, 2);
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->size(), 2);
    auto rest = companies->page(QString(), ContactCursor{first->last().sortKey, first->last().rid}, 10);
    ASSERT_TRUE(rest.ok());
    ASSERT_EQ(rest->size(), 2);
    EXPECT_EQ(rest->first().name, QStringLiteral("Beta Systems"));
}

TEST_F(CompanyTest, RowCodecCarriesTheRowBetweenDatabases)
{
    const QString id = addCompany(QStringLiteral("Initech"), QStringLiteral("Austin"));
    const RowCodec* codec = RowCodecRegistry::standard().find(QStringLiteral("company"));
    ASSERT_NE(codec, nullptr);
    QSqlDatabase conn = t.db->connection();
    auto row = codec->read(conn, id);
    ASSERT_TRUE(row.ok());
    ASSERT_TRUE(row->has_value());
    EXPECT_EQ(row->value().value(QStringLiteral("name")).toString(), QStringLiteral("Initech"));

    test::TestDatabase other;
    QSqlDatabase otherConn = other.db->connection();
    ASSERT_TRUE(codec->write(otherConn, id, row->value()).ok());
    auto again = codec->read(otherConn, id);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->value(), row->value());
    // Writing the same row again changes nothing; a remove takes it away.
    ASSERT_TRUE(codec->write(otherConn, id, row->value()).ok());
    ASSERT_TRUE(codec->remove(otherConn, id).ok());
    EXPECT_EQ(countOf(otherConn, QStringLiteral("companies")), 0);
}

} // namespace
