#include "contacts/ContactRepository.h"
#include "contacts/ContactSql.h"
#include "leads/Lead.h"
#include "pipeline/Pipeline.h"
#include "mutations/MutationEngine.h"
#include "replication/RowCodec.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

class LeadMutatorsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
    }

    QString create(const QJsonObject& fields)
    {
        const QString id = newUuidV7();
        auto m = engine->submit(QStringLiteral("lead.create"), {{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    Lead load(const QString& id)
    {
        QSqlDatabase conn = t.db->connection();
        auto row = leadsql::load(conn, id);
        EXPECT_TRUE(row.ok() && row->has_value());
        return row.ok() && row->has_value() ? row->value().lead : Lead{};
    }

    qint64 count(const QString& sql)
    {
        QSqlQuery q(t.db->connection());
        q.exec(sql);
        q.next();
        return q.value(0).toLongLong();
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
};

const QJsonObject kAna = {{QStringLiteral("firstName"), QStringLiteral("Ana")},
                          {QStringLiteral("lastName"), QStringLiteral("Lima")},
                          {QStringLiteral("email"), QStringLiteral("ana@lima.example")},
                          {QStringLiteral("company"), QStringLiteral("Lima Lda")},
                          {QStringLiteral("source"), QStringLiteral("web form")},
                          {QStringLiteral("ownerId"), QStringLiteral("rep-1")}};

} // namespace

TEST_F(LeadMutatorsTest, CreateUpdateQualifyDisqualify)
{
    const QString id = create(kAna);
    Lead l = load(id);
    EXPECT_EQ(l.status, QStringLiteral("new"));
    EXPECT_EQ(l.field(QStringLiteral("source")), QStringLiteral("web form"));
    EXPECT_EQ(l.displayName(), QStringLiteral("Ana Lima"));

    ASSERT_TRUE(engine->submit(QStringLiteral("lead.update"),
                               {{QStringLiteral("id"), id},
                                {QStringLiteral("set"), QJsonObject{{QStringLiteral("jobTitle"), QStringLiteral("CTO")}}}})
                    .ok());
    EXPECT_EQ(load(id).field(QStringLiteral("jobTitle")), QStringLiteral("CTO"));

    ASSERT_TRUE(engine->submit(QStringLiteral("lead.qualify"), {{QStringLiteral("id"), id}, {QStringLiteral("status"), QStringLiteral("mql")}}).ok());
    EXPECT_EQ(load(id).status, QStringLiteral("mql"));
    EXPECT_TRUE(load(id).statusByHand);

    auto noReason = engine->submit(QStringLiteral("lead.disqualify"), {{QStringLiteral("id"), id}, {QStringLiteral("reason"), QStringLiteral("  ")}});
    EXPECT_FALSE(noReason.ok());
    EXPECT_EQ(load(id).status, QStringLiteral("mql"));
    ASSERT_TRUE(engine->submit(QStringLiteral("lead.disqualify"), {{QStringLiteral("id"), id}, {QStringLiteral("reason"), QStringLiteral("Student, no budget")}}).ok());
    EXPECT_EQ(load(id).status, QStringLiteral("disqualified"));
    EXPECT_EQ(load(id).disqualifyReason, QStringLiteral("Student, no budget"));
    // Qualifying again re-opens it.
    ASSERT_TRUE(engine->submit(QStringLiteral("lead.qualify"), {{QStringLiteral("id"), id}, {QStringLiteral("status"), QStringLiteral("sql")}}).ok());
    EXPECT_EQ(load(id).status, QStringLiteral("sql"));
    EXPECT_TRUE(load(id).disqualifyReason.isEmpty());
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'lead'")), 5);
}

TEST_F(LeadMutatorsTest, InvalidInputIsRefusedAndWritesNothing)
{
    auto refused = [&](const QString& name, const QJsonObject& args) {
        auto m = engine->submit(name, args);
        EXPECT_FALSE(m.ok()) << name.toStdString();
        if (!m.ok()) {
            EXPECT_FALSE(m.message().isEmpty());
        }
    };
    refused(QStringLiteral("lead.create"), {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("fields"), QJsonObject{}}});
    refused(QStringLiteral("lead.create"), {{QStringLiteral("id"), newUuidV7()},
                                            {QStringLiteral("fields"), QJsonObject{{QStringLiteral("email"), QStringLiteral("not an address")}}}});
    refused(QStringLiteral("lead.create"), {{QStringLiteral("id"), newUuidV7()},
                                            {QStringLiteral("fields"), QJsonObject{{QStringLiteral("shoeSize"), QStringLiteral("42")}}}});
    refused(QStringLiteral("lead.create"), {{QStringLiteral("id"), QStringLiteral("x")}, {QStringLiteral("fields"), kAna}});
    refused(QStringLiteral("lead.update"), {{QStringLiteral("id"), newUuidV7()},
                                            {QStringLiteral("set"), QJsonObject{{QStringLiteral("company"), QStringLiteral("X")}}}});
    refused(QStringLiteral("lead.qualify"), {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("status"), QStringLiteral("hot")}});
    QJsonObject badRule{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("kind"), QStringLiteral("fit")},
                        {QStringLiteral("label"), QStringLiteral("x")}, {QStringLiteral("field"), QStringLiteral("nope")},
                        {QStringLiteral("test"), QStringLiteral("present")}, {QStringLiteral("points"), 5}};
    refused(QStringLiteral("scoring_rule.set"), badRule);
    badRule.insert(QStringLiteral("field"), QStringLiteral("email"));
    badRule.insert(QStringLiteral("points"), 2.5);
    refused(QStringLiteral("scoring_rule.set"), badRule);
    badRule.insert(QStringLiteral("points"), 5);
    badRule.insert(QStringLiteral("label"), QString());
    refused(QStringLiteral("scoring_rule.set"), badRule);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM leads")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM scoring_rules")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox")), 0);
}

TEST_F(LeadMutatorsTest, ConvertCreatesTheContactAndIsReplaySafe)
{
    const QString id = create(kAna);
    const QString contactId = newUuidV7();
    const QJsonObject args{{QStringLiteral("id"), id}, {QStringLiteral("contactId"), contactId}};
    auto m = engine->submit(QStringLiteral("lead.convert"), args);
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    const Lead l = load(id);
    EXPECT_EQ(l.status, QStringLiteral("converted"));
    EXPECT_EQ(l.convertedContactId, contactId);
    EXPECT_EQ(l.field(QStringLiteral("contactId")), contactId);
    QSqlDatabase conn = t.db->connection();
    auto contact = contactsql::loadRow(conn, contactId);
    ASSERT_TRUE(contact.ok() && contact->has_value());
    EXPECT_EQ(contact->value().contact.email, QStringLiteral("ana@lima.example"));
    EXPECT_EQ(contact->value().contact.company, QStringLiteral("Lima Lda"));
    EXPECT_EQ(contact->value().contact.ownerId, QStringLiteral("rep-1"));
    // Both rows are audited under their own entity.
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'contact'")), 1);
    // A replay changes nothing; a converted lead cannot be qualified or disqualified.
    ASSERT_TRUE(engine->submit(QStringLiteral("lead.convert"), args).ok());
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM contacts")), 1);
    EXPECT_FALSE(engine->submit(QStringLiteral("lead.disqualify"), {{QStringLiteral("id"), id}, {QStringLiteral("reason"), QStringLiteral("x")}}).ok());
}

TEST_F(LeadMutatorsTest, ConvertMakesALinkedContactCompanyAndDealOrNothing)
{
    const QString id = create(kAna);
    const QString contactId = newUuidV7(), companyId = newUuidV7(), dealId = newUuidV7();
    const QJsonObject company{{QStringLiteral("id"), companyId}, {QStringLiteral("name"), QStringLiteral("Lima Lda")}};
    QJsonObject deal{{QStringLiteral("id"), dealId},
                     {QStringLiteral("title"), QStringLiteral("Pilot")},
                     {QStringLiteral("pipelineId"), defaultpipeline::kPipelineId},
                     {QStringLiteral("stageId"), QStringLiteral("not-a-stage")},
                     {QStringLiteral("amountMinor"), 250000},
                     {QStringLiteral("currency"), QStringLiteral("EUR")}};
    // A deal the pipeline refuses: nothing of the three is written and the lead stays as it was.
    auto refused = engine->submit(QStringLiteral("lead.convert"), {{QStringLiteral("id"), id},
                                                                   {QStringLiteral("contactId"), contactId},
                                                                   {QStringLiteral("company"), company},
                                                                   {QStringLiteral("deal"), deal}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM contacts")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM companies")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM deals")), 0);
    EXPECT_EQ(load(id).status, QStringLiteral("new"));

    deal.insert(QStringLiteral("stageId"), defaultpipeline::kQualification);
    auto m = engine->submit(QStringLiteral("lead.convert"), {{QStringLiteral("id"), id},
                                                             {QStringLiteral("contactId"), contactId},
                                                             {QStringLiteral("company"), company},
                                                             {QStringLiteral("deal"), deal}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    const Lead l = load(id);
    EXPECT_EQ(l.status, QStringLiteral("converted"));
    EXPECT_EQ(l.convertedCompanyId, companyId);
    EXPECT_EQ(l.convertedDealId, dealId);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM contacts WHERE id = '%1' AND company_id = '%2'").arg(contactId, companyId)), 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM deals WHERE id = '%1' AND contact_id = '%2' AND company_id = '%3' "
                                   "AND owner_id = 'rep-1'")
                        .arg(dealId, contactId, companyId)),
              1);
    // Each record is audited under its own entity.
    for (const char* entity : {"contact", "company", "deal", "lead"})
        EXPECT_GE(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = '%1'").arg(QLatin1String(entity))), 1) << entity;
}

TEST_F(LeadMutatorsTest, ALeadLinkedToAContactConvertsIntoThatContact)
{
    const QString contactId = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.create"),
                               {{QStringLiteral("id"), contactId},
                                {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Ana")}}}})
                    .ok());
    QJsonObject fields = kAna;
    fields.insert(QStringLiteral("contactId"), contactId);
    const QString id = create(fields);
    ASSERT_TRUE(engine->submit(QStringLiteral("lead.convert"), {{QStringLiteral("id"), id}, {QStringLiteral("contactId"), newUuidV7()}}).ok());
    EXPECT_EQ(load(id).convertedContactId, contactId);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM contacts")), 1);
}

TEST_F(LeadMutatorsTest, RowCodecsCarryLeadsAndRules)
{
    const QString id = create(kAna);
    ASSERT_TRUE(engine->submit(QStringLiteral("lead.disqualify"), {{QStringLiteral("id"), id}, {QStringLiteral("reason"), QStringLiteral("Spam")}}).ok());
    const QString ruleId = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("scoring_rule.set"),
                               {{QStringLiteral("id"), ruleId}, {QStringLiteral("kind"), QStringLiteral("behaviour")},
                                {QStringLiteral("label"), QStringLiteral("Calls")}, {QStringLiteral("activityKind"), QStringLiteral("call")},
                                {QStringLiteral("points"), 12}, {QStringLiteral("halfLifeDays"), 14}})
                    .ok());
    test::TestDatabase other;
    QSqlDatabase from = t.db->connection();
    QSqlDatabase to = other.db->connection();
    for (const auto& [entity, rowId] : {std::pair{QStringLiteral("lead"), id}, std::pair{QStringLiteral("scoring_rule"), ruleId}}) {
        const RowCodec* codec = RowCodecRegistry::standard().find(entity);
        ASSERT_NE(codec, nullptr) << entity.toStdString();
        auto row = codec->read(from, rowId);
        ASSERT_TRUE(row.ok() && row->has_value());
        ASSERT_TRUE(codec->write(to, rowId, row->value()).ok());
        EXPECT_EQ(codec->read(to, rowId)->value(), row->value());
        ASSERT_TRUE(codec->remove(to, rowId).ok());
        EXPECT_FALSE(codec->read(to, rowId)->has_value());
    }
}
