#include "audit/AuditLog.h"
#include "storage/Transaction.h"

#include "TestWorkspace.h"

#include <QCryptographicHash>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

class AuditLogTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        conn = t.db->connection();
        Transaction tx(conn);
        for (int i = 1; i <= 10; ++i) {
            AuditEntry e;
            e.at = 1000 + i;
            e.actor = QStringLiteral("user-1");
            e.deviceId = QStringLiteral("dev");
            e.mutationId = QStringLiteral("m%1").arg(i);
            e.mutation = QStringLiteral("contact.update@1");
            e.entity = QStringLiteral("contact");
            e.entityId = QStringLiteral("c%1").arg(i);
            e.action = QStringLiteral("update");
            e.before = QByteArray("{\"email\":\"old@example.org\"}");
            e.after = QByteArray("{\"email\":\"new") + QByteArray::number(i) + "@example.org\"}";
            ASSERT_TRUE(AuditLog::append(conn, e).ok());
            EXPECT_EQ(e.seq, i);
        }
        ASSERT_TRUE(tx.commit().ok());
    }

    AuditLog::Report verify()
    {
        auto r = AuditLog::verify(conn);
        EXPECT_TRUE(r.ok()) << r.message().toStdString();
        return r.ok() ? r.value() : AuditLog::Report{};
    }

    void exec(const QString& sql)
    {
        QSqlQuery q(conn);
        ASSERT_TRUE(q.exec(sql)) << sql.toStdString();
    }

    test::TestDatabase t;
    QSqlDatabase conn;
};

TEST_F(AuditLogTest, IntactChainVerifies)
{
    const auto report = verify();
    EXPECT_TRUE(report.intact) << report.problem.toStdString();
    EXPECT_EQ(report.checked, 10);
    EXPECT_EQ(report.firstBadSeq, -1);
}

TEST_F(AuditLogTest, DetectsAModifiedEntry)
{
    exec(QStringLiteral("UPDATE audit_log SET after = '{\"email\":\"forged@example.org\"}' WHERE seq = 4"));
    const auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.firstBadSeq, 4);
    EXPECT_EQ(report.checked, 3);
    EXPECT_TRUE(report.problem.contains(QStringLiteral("modified"))) << report.problem.toStdString();
}

TEST_F(AuditLogTest, DetectsAModifiedEntryEvenWhenItsHashIsRecomputed)
{
    // Rewriting an entry and fixing its own hash breaks the link from the next entry.
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT seq, at, actor, device_id, mutation_id, mutation, entity, entity_id, "
                                      "action, before, after, prev_hash FROM audit_log WHERE seq = 6")));
    ASSERT_TRUE(q.next());
    AuditEntry e;
    e.seq = q.value(0).toLongLong();
    e.at = q.value(1).toLongLong();
    e.actor = QStringLiteral("someone-else");
    e.deviceId = q.value(3).toString();
    e.mutationId = q.value(4).toString();
    e.mutation = q.value(5).toString();
    e.entity = q.value(6).toString();
    e.entityId = q.value(7).toString();
    e.action = q.value(8).toString();
    e.before = q.value(9).toString().toUtf8();
    e.after = q.value(10).toString().toUtf8();
    e.prevHash = q.value(11).toString().toLatin1();
    q.finish();
    QSqlQuery u(conn);
    u.prepare(QStringLiteral("UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 6"));
    u.addBindValue(e.actor);
    u.addBindValue(QString::fromLatin1(e.computeHash()));
    ASSERT_TRUE(u.exec());
    const auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.firstBadSeq, 7);
}

TEST_F(AuditLogTest, DetectsADeletedEntry)
{
    exec(QStringLiteral("DELETE FROM audit_log WHERE seq = 5"));
    const auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.firstBadSeq, 5);
    EXPECT_TRUE(report.problem.contains(QStringLiteral("missing"))) << report.problem.toStdString();
}

TEST_F(AuditLogTest, DetectsADeletedEntryWithRenumbering)
{
    exec(QStringLiteral("DELETE FROM audit_log WHERE seq = 5"));
    exec(QStringLiteral("UPDATE audit_log SET seq = seq - 1 WHERE seq > 5"));
    const auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.firstBadSeq, 5);
}

TEST_F(AuditLogTest, DetectsReorderedEntries)
{
    exec(QStringLiteral("UPDATE audit_log SET seq = -3 WHERE seq = 3"));
    exec(QStringLiteral("UPDATE audit_log SET seq = 3 WHERE seq = 8"));
    exec(QStringLiteral("UPDATE audit_log SET seq = 8 WHERE seq = -3"));
    const auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.firstBadSeq, 3);
    EXPECT_EQ(report.checked, 2);
}

TEST_F(AuditLogTest, EmptyLogIsIntact)
{
    exec(QStringLiteral("DELETE FROM audit_log"));
    const auto report = verify();
    EXPECT_TRUE(report.intact);
    EXPECT_EQ(report.checked, 0);
}

// The entry hash is fixed by the format, not by the code computing it (chains written by earlier versions and
// by the server must keep verifying): SHA-256 over the length-prefixed fields, the payloads by their SHA-256.
TEST(AuditEntryHash, IsSha256OfTheLengthPrefixedFieldsWithThePayloadsByTheirDigest)
{
    AuditEntry e;
    e.seq = 42;
    e.at = 1700000000123;
    e.actor = QStringLiteral("user-\u00e9");
    e.deviceId = QStringLiteral("dev");
    e.mutationId = QStringLiteral("m42");
    e.mutation = QStringLiteral("contact.update@1");
    e.entity = QStringLiteral("contact");
    e.entityId = QStringLiteral("c42");
    e.action = QStringLiteral("update");
    e.before = QByteArray("{\"email\":\"old@example.org\"}");
    e.after = QByteArray("{\"email\":\"new@example.org\"}");
    e.prevHash = QByteArray(64, 'a');
    auto sha = [](const QByteArray& b) { return QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex(); };
    QByteArray text;
    for (const QByteArray& field : {QByteArray("outpost-audit-v2"), QByteArray("42"), QByteArray("1700000000123"),
                                    e.actor.toUtf8(), QByteArray("dev"), QByteArray("m42"), QByteArray("contact.update@1"),
                                    QByteArray("contact"), QByteArray("c42"), QByteArray("update"), sha(e.before),
                                    sha(e.after), e.prevHash})
        text += QByteArray::number(field.size()) + ':' + field;
    EXPECT_EQ(e.computeHash(), sha(text));
    EXPECT_EQ(AuditEntry::payloadDigest(e.after), sha(e.after));
    EXPECT_EQ(AuditEntry::payloadDigest(QByteArray()), QByteArray());

    // A redacted entry keeps the digest of its erased payload: that digest is hashed, not the payload's.
    AuditEntry redacted = e;
    redacted.before = QByteArray("{\"email\":\"[erased]\"}");
    redacted.beforeDigest = sha(e.before);
    EXPECT_EQ(redacted.computeHash(), e.computeHash());

    // Version 1 (chains from before migration 14): the payloads themselves, under their own tag.
    QByteArray v1;
    for (const QByteArray& field : {QByteArray("outpost-audit-v1"), QByteArray("42"), QByteArray("1700000000123"),
                                    e.actor.toUtf8(), QByteArray("dev"), QByteArray("m42"), QByteArray("contact.update@1"),
                                    QByteArray("contact"), QByteArray("c42"), QByteArray("update"), e.before, e.after,
                                    e.prevHash})
        v1 += QByteArray::number(field.size()) + ':' + field;
    EXPECT_EQ(e.computeHashV1(), sha(v1));
}

} // namespace
