// Erasing a person through sync: the server applies contact.erase to its own team database the same way (its
// audit log, conflicts and rows lose the person's values, the chain still verifies), and another device that
// held the person scrubs its own copies — its local audit log and outbox history — when the erasure arrives.
// Consents travel with their contact; only the roles that handle erasure requests may erase.
#include "audit/AuditLog.h"
#include "privacy/PersonErasure.h"
#include "service/Permissions.h"
#include "SyncFixture.h"
#include "ValueScan.h"

using namespace outpost;
using namespace outpost::server;
using namespace outpost::test;

namespace {

const QList<QByteArray> kValues = {"Ignatius", "Pemberton-Vask", "ignatius@pemberton.test", "iggy@old.test",
                                   "Quillfeather Road 4", "pemberton", "ignatius"};

bool chainIntact(Database& db)
{
    QSqlDatabase conn = db.connection();
    auto report = AuditLog::verify(conn);
    EXPECT_TRUE(report.ok()) << report.message().toStdString();
    EXPECT_TRUE(report->intact) << report->problem.toStdString();
    return report.ok() && report->intact;
}

QStringList found(Database& db)
{
    QSqlDatabase conn = db.connection();
    return findValuesInTables(conn, kValues);
}

} // namespace

TEST(ErasureSync, TheServerAndOtherDevicesEraseTheirOwnCopies)
{
    Server server;
    Device ben(QStringLiteral("ben")); // the sales rep who owns the contact
    Device mia(QStringLiteral("mia"), QStringLiteral("manager"));
    const QString id = ben.create(QStringLiteral("Ignatius"), QStringLiteral("Pemberton-Vask"),
                                  QStringLiteral("iggy@old.test"), QStringLiteral("ben"));
    ben.submit(QStringLiteral("contact.update"),
               QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("set"), QJsonObject{{QStringLiteral("email"), QStringLiteral("ignatius@pemberton.test")},
                                                               {QStringLiteral("street"), QStringLiteral("Quillfeather Road 4")}}}});
    const QString consentId = newUuidV7();
    ben.submit(QStringLiteral("consent.give"), QJsonObject{{QStringLiteral("id"), consentId},
                                                           {QStringLiteral("contactId"), id},
                                                           {QStringLiteral("purpose"), QStringLiteral("newsletter")},
                                                           {QStringLiteral("givenAt"), double(ben.clock.nowMs())}});
    ben.sync(*server.service);
    mia.sync(*server.service);
    ASSERT_TRUE(mia.has(QStringLiteral("contacts"), id));
    ASSERT_TRUE(mia.has(QStringLiteral("consents"), consentId)); // consents travel with their contact
    ASSERT_FALSE(found(*server.db).isEmpty());

    // A sales rep may not erase; the rejection leaves everything as it was.
    const QJsonObject eraseArgs{{QStringLiteral("id"), id},
                                {QStringLiteral("erasureId"), newUuidV7()},
                                {QStringLiteral("pseudonym"), QStringLiteral("Erased-SYNC0001")}};
    ben.submit(QStringLiteral("contact.erase"), eraseArgs);
    const auto refused = ben.sync(*server.service);
    ASSERT_EQ(refused.results.size(), 1);
    EXPECT_EQ(refused.results.first().status, wire::MutationResult::Status::Rejected);
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), id));
    EXPECT_FALSE(found(*server.db).isEmpty());

    // The manager erases.
    mia.submit(QStringLiteral("contact.erase"), QJsonObject{{QStringLiteral("id"), id},
                                                            {QStringLiteral("erasureId"), newUuidV7()},
                                                            {QStringLiteral("pseudonym"), QStringLiteral("Erased-SYNC0002")}});
    const auto applied = mia.sync(*server.service);
    ASSERT_EQ(applied.results.size(), 1);
    EXPECT_EQ(applied.results.first().status, wire::MutationResult::Status::Applied)
        << applied.results.first().message.toStdString();
    EXPECT_EQ(found(*server.db), QStringList());
    EXPECT_TRUE(chainIntact(*server.db));
    EXPECT_EQ(found(*mia.local.db), QStringList());
    EXPECT_TRUE(chainIntact(*mia.local.db));

    // Ben's device still has them in its own audit log and in the refused change: the erasure scrubs both.
    ASSERT_FALSE(found(*ben.local.db).isEmpty());
    ben.sync(*server.service);
    EXPECT_EQ(found(*ben.local.db), QStringList());
    EXPECT_TRUE(chainIntact(*ben.local.db));
    QSqlQuery q(ben.local.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT last_name, company FROM contacts WHERE id = '%1'").arg(id)) && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("Erased-SYNC0002"));
    EXPECT_TRUE(ben.has(QStringLiteral("consents"), consentId)); // business records stay
}

TEST(ErasureSync, PermissionMatrix)
{
    for (const char* role : {"owner", "admin", "manager", "compliance"})
        EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.erase"))) << role;
    for (const char* role : {"sales", "support", "finance"})
        EXPECT_FALSE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.erase"))) << role;
    for (const char* role : {"owner", "admin", "manager", "sales", "support", "compliance"})
        EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QStringLiteral("consent.give"))) << role;
    EXPECT_FALSE(Permissions::mayApply(QStringLiteral("finance"), QStringLiteral("consent.give")));
}
