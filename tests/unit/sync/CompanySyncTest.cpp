// Companies and custom fields through sync: the contacts invariant (a company with linked contacts is not
// deleted) holds on the server and the refused device returns to the server's state; definitions are
// admin-only; values travel with their records.
#include "SyncFixture.h"

#include "customfields/CustomField.h"
#include "replication/SyncProblems.h"

#include <QJsonArray>

using namespace outpost;
using namespace outpost::test;

namespace {

QString createCompany(Device& d, const QString& name)
{
    const QString id = newUuidV7();
    d.submit(QStringLiteral("company.create"),
             QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), name}}}});
    return id;
}

} // namespace

TEST(CompanySync, DeletingACompanyThatGainedContactsElsewhereIsRejectedAndRestored)
{
    Server server;
    Device ana(QStringLiteral("ana"), QStringLiteral("sales"));
    Device max(QStringLiteral("max"), QStringLiteral("manager"));
    const QString acme = createCompany(ana, QStringLiteral("Acme"));
    ana.sync(*server.service);
    max.sync(*server.service);
    ASSERT_TRUE(max.has(QStringLiteral("companies"), acme)) << "companies are team-wide";

    // Ana links a contact and syncs; Max, who has not pulled it yet, deletes the company.
    const QString ada = ana.create(QStringLiteral("Ada"), QStringLiteral("Lovelace"), QString(), QStringLiteral("ana"));
    ana.submit(QStringLiteral("contact.update"),
               QJsonObject{{QStringLiteral("id"), ada}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("companyId"), acme}}}});
    ana.sync(*server.service);
    max.submit(QStringLiteral("company.delete"), QJsonObject{{QStringLiteral("id"), acme}});
    ASSERT_FALSE(max.has(QStringLiteral("companies"), acme)) << "applied locally at first";

    const auto pushed = max.sync(*server.service);
    ASSERT_EQ(pushed.results.size(), 1);
    EXPECT_EQ(pushed.results.first().status, wire::MutationResult::Status::Rejected);
    EXPECT_TRUE(pushed.results.first().message.contains(QStringLiteral("Acme"))) << pushed.results.first().message.toStdString();
    EXPECT_TRUE(server.has(QStringLiteral("companies"), acme));
    EXPECT_TRUE(max.has(QStringLiteral("companies"), acme)) << "the device returns to the server's state";

    // The refusal is listed for Max with the reason.
    SyncProblems problems(*max.local.db, *max.engine);
    auto rejections = problems.rejections();
    ASSERT_TRUE(rejections.ok());
    ASSERT_EQ(rejections->size(), 1);
    EXPECT_TRUE(rejections->first().message.contains(QStringLiteral("linked contact")));
}

TEST(CompanySync, OnlyAdminsDefineFieldsAndValuesTravelWithTheirRecords)
{
    Server server;
    Device owner(QStringLiteral("olga"), QStringLiteral("owner"));
    Device rep(QStringLiteral("ravi"), QStringLiteral("sales"));

    // A sales rep's definition is refused by the server.
    rep.submit(QStringLiteral("customfield.define"),
               QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("entity"), QStringLiteral("contact")},
                           {QStringLiteral("key"), QStringLiteral("nickname")}, {QStringLiteral("label"), QStringLiteral("Nickname")},
                           {QStringLiteral("type"), QStringLiteral("text")}});
    const auto refused = rep.sync(*server.service);
    ASSERT_EQ(refused.results.size(), 1);
    EXPECT_EQ(refused.results.first().status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(refused.results.first().code, QStringLiteral("forbidden"));

    owner.submit(QStringLiteral("customfield.define"),
                 QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("entity"), QStringLiteral("contact")},
                             {QStringLiteral("key"), QStringLiteral("tier")}, {QStringLiteral("label"), QStringLiteral("Tier")},
                             {QStringLiteral("type"), QStringLiteral("choice")},
                             {QStringLiteral("options"), QJsonArray{QStringLiteral("Gold"), QStringLiteral("Silver")}}});
    owner.sync(*server.service);
    rep.sync(*server.service);
    {
        QSqlDatabase conn = rep.local.db->connection();
        auto defs = CustomFields::definitions(conn, QStringLiteral("contact"));
        ASSERT_TRUE(defs.ok());
        ASSERT_EQ(defs->size(), 1) << "the refused definition is gone, the owner's arrived";
        EXPECT_EQ(defs->first().key, QStringLiteral("tier"));
    }

    // The rep sets a value on a contact of theirs; it reaches the owner with the contact.
    const QString id = rep.create(QStringLiteral("Mei"), QStringLiteral("Chen"), QString(), QStringLiteral("ravi"));
    rep.submit(QStringLiteral("contact.update"),
               QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("custom.tier"), QStringLiteral("Gold")}}}});
    const auto pushed = rep.sync(*server.service);
    for (const auto& r : pushed.results)
        EXPECT_EQ(r.status, wire::MutationResult::Status::Applied) << r.message.toStdString();
    owner.sync(*server.service);
    QSqlDatabase conn = owner.local.db->connection();
    auto values = CustomFields::valuesOf(conn, id);
    ASSERT_TRUE(values.ok());
    EXPECT_EQ(values->value(QStringLiteral("custom.tier")).toString(), QStringLiteral("Gold"));
}
