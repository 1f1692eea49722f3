// consent.give / consent.update / consent.withdraw: validation first (a refused change writes nothing),
// replay-safe, audited, and the state a consent is in at a given time (in force, withdrawn, expired).
#include "privacy/Consents.h"
#include "replication/RowCodec.h"

#include "PrivacyFixture.h"

#include <QJsonDocument>

using namespace outpost;
using namespace outpost::test;

namespace {

class ConsentTest : public PrivacyFixture
{
protected:
    void SetUp() override
    {
        PrivacyFixture::SetUp();
        contactId = addContact({{QStringLiteral("lastName"), QStringLiteral("Okafor")}});
    }

    QJsonObject give(const QString& id, qint64 givenAt, std::optional<qint64> expiresAt = {})
    {
        QJsonObject a{{QStringLiteral("id"), id},
                      {QStringLiteral("contactId"), contactId},
                      {QStringLiteral("purpose"), QStringLiteral("newsletter")},
                      {QStringLiteral("source"), QStringLiteral("signed form at the fair")},
                      {QStringLiteral("givenAt"), double(givenAt)}};
        if (expiresAt)
            a.insert(QStringLiteral("expiresAt"), double(*expiresAt));
        return a;
    }

    QList<Consent> consents()
    {
        QSqlDatabase conn = t.db->connection();
        auto list = Consents::forContact(conn, contactId);
        EXPECT_TRUE(list.ok()) << list.message().toStdString();
        return list.ok() ? list.value() : QList<Consent>();
    }

    QString contactId;
};

TEST_F(ConsentTest, GiveWithdrawAndExpire)
{
    const qint64 now = clock.nowMs();
    const QString a = newUuidV7(), b = newUuidV7();
    submit(QStringLiteral("consent.give"), give(a, now - 10'000));
    submit(QStringLiteral("consent.give"), give(b, now - 5'000, now + 60'000));
    QList<Consent> list = consents();
    ASSERT_EQ(list.size(), 2);
    EXPECT_EQ(list[0].id, b); // newest given first
    EXPECT_EQ(list[0].stateAt(clock.nowMs()), Consent::State::Active);
    EXPECT_EQ(list[0].stateAt(now + 60'000), Consent::State::Expired);
    EXPECT_EQ(list[1].source, QStringLiteral("signed form at the fair"));

    submit(QStringLiteral("consent.withdraw"), {{QStringLiteral("id"), a}, {QStringLiteral("withdrawnAt"), double(now + 1)}});
    list = consents();
    EXPECT_EQ(list[1].stateAt(clock.nowMs()), Consent::State::Withdrawn);
    EXPECT_EQ(list[1].withdrawnAt, now + 1);
    // Withdrawing again keeps the first time and records nothing.
    const qint64 audit = count(QStringLiteral("SELECT count(*) FROM audit_log"));
    submit(QStringLiteral("consent.withdraw"), {{QStringLiteral("id"), a}, {QStringLiteral("withdrawnAt"), double(now + 5)}});
    EXPECT_EQ(consents()[1].withdrawnAt, now + 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), audit);

    // Every change is audited under entity "consent".
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'consent'")), 3);
}

TEST_F(ConsentTest, EditChangesOnlyWhatIsGivenAndClearsAnExpiry)
{
    const QString id = newUuidV7();
    const qint64 expires = clock.nowMs() + 1000;
    submit(QStringLiteral("consent.give"), give(id, clock.nowMs() - 1000, expires));
    submit(QStringLiteral("consent.update"),
           {{QStringLiteral("id"), id},
            {QStringLiteral("set"), QJsonObject{{QStringLiteral("purpose"), QStringLiteral("phone calls")},
                                                {QStringLiteral("expiresAt"), QJsonValue::Null}}}});
    const Consent c = consents().first();
    EXPECT_EQ(c.purpose, QStringLiteral("phone calls"));
    EXPECT_FALSE(c.expiresAt.has_value());
    EXPECT_EQ(c.source, QStringLiteral("signed form at the fair"));
    const QString before = text(QStringLiteral("SELECT before FROM audit_log WHERE entity = 'consent' ORDER BY seq DESC LIMIT 1"));
    EXPECT_EQ(QJsonDocument::fromJson(before.toUtf8()).object(),
              (QJsonObject{{QStringLiteral("expiresAt"), double(expires)}, {QStringLiteral("purpose"), QStringLiteral("newsletter")}}))
        << before.toStdString();
}

TEST_F(ConsentTest, BadInputIsRefusedAndWritesNothing)
{
    const qint64 audit = count(QStringLiteral("SELECT count(*) FROM audit_log"));
    const qint64 now = clock.nowMs();
    auto refuse = [&](const QJsonObject& args, ErrorCode code, const char* fragment) {
        auto m = engine->submit(QStringLiteral("consent.give"), args);
        EXPECT_EQ(m.code(), code) << m.message().toStdString();
        EXPECT_TRUE(m.message().contains(QLatin1String(fragment))) << m.message().toStdString();
    };
    QJsonObject noPurpose = give(newUuidV7(), now);
    noPurpose[QStringLiteral("purpose")] = QStringLiteral("  ");
    refuse(noPurpose, ErrorCode::InvalidArgument, "purpose");
    refuse(give(newUuidV7(), now, now - 1), ErrorCode::InvalidArgument, "expire after");
    QJsonObject badTime = give(newUuidV7(), now);
    badTime[QStringLiteral("givenAt")] = QStringLiteral("yesterday");
    refuse(badTime, ErrorCode::InvalidArgument, "time");
    QJsonObject unknownContact = give(newUuidV7(), now);
    unknownContact[QStringLiteral("contactId")] = newUuidV7();
    refuse(unknownContact, ErrorCode::NotFound, "no longer exists");
    QJsonObject unknownField = give(newUuidV7(), now);
    unknownField[QStringLiteral("colour")] = QStringLiteral("blue");
    refuse(unknownField, ErrorCode::InvalidArgument, "colour");

    const QString id = newUuidV7();
    submit(QStringLiteral("consent.give"), give(id, now));
    auto early = engine->submit(QStringLiteral("consent.withdraw"),
                                {{QStringLiteral("id"), id}, {QStringLiteral("withdrawnAt"), double(now - 1)}});
    EXPECT_EQ(early.code(), ErrorCode::InvalidArgument);
    auto missing = engine->submit(QStringLiteral("consent.withdraw"),
                                  {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("withdrawnAt"), double(now)}});
    EXPECT_EQ(missing.code(), ErrorCode::NotFound);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM consents")), 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), audit + 1);
}

TEST_F(ConsentTest, GivingAgainIsAReplayAndDoesNotUndoAWithdrawal)
{
    const QString id = newUuidV7();
    const QJsonObject args = give(id, clock.nowMs());
    submit(QStringLiteral("consent.give"), args);
    submit(QStringLiteral("consent.withdraw"), {{QStringLiteral("id"), id}, {QStringLiteral("withdrawnAt"), double(clock.nowMs())}});
    const qint64 audit = count(QStringLiteral("SELECT count(*) FROM audit_log"));
    submit(QStringLiteral("consent.give"), args);
    EXPECT_TRUE(consents().first().withdrawnAt.has_value());
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), audit);
}

TEST_F(ConsentTest, SyncsThroughItsRowCodec)
{
    const QString id = newUuidV7();
    submit(QStringLiteral("consent.give"), give(id, clock.nowMs(), clock.nowMs() + 5000));
    const RowCodec* codec = RowCodecRegistry::standard().find(QStringLiteral("consent"));
    ASSERT_TRUE(codec);
    QSqlDatabase conn = t.db->connection();
    auto row = codec->read(conn, id);
    ASSERT_TRUE(row.ok() && row->has_value());
    // Written into another profile, it reads back the same.
    TestDatabase other;
    QSqlDatabase otherConn = other.db->connection();
    ASSERT_TRUE(codec->write(otherConn, id, row->value()).ok());
    auto again = codec->read(otherConn, id);
    ASSERT_TRUE(again.ok() && again->has_value());
    EXPECT_EQ(again->value(), row->value());
    EXPECT_TRUE(again->value().value(QStringLiteral("withdrawnAt")).isNull());
    ASSERT_TRUE(codec->remove(otherConn, id).ok());
    EXPECT_FALSE(codec->read(otherConn, id)->has_value());
}

} // namespace
