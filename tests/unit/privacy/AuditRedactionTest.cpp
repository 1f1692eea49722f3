// The audit chain seals payload digests (form v2): a payload can be redacted by an erasure and the chain still
// verifies, while a redaction no erasure accounts for — or any other edit — is reported.
#include "audit/AuditLog.h"
#include "storage/Meta.h"
#include "storage/Transaction.h"

#include "TestWorkspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <gtest/gtest.h>

using namespace outpost;

namespace {

class AuditRedactionTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        conn = t.db->connection();
        for (int i = 1; i <= 5; ++i)
            append(QStringLiteral("contact"), QStringLiteral("m%1").arg(i), QByteArray("{\"email\":\"old@example.org\"}"),
                   QByteArray("{\"email\":\"new") + QByteArray::number(i) + "@example.org\"}");
    }

    void append(const QString& entity, const QString& mutationId, const QByteArray& before, const QByteArray& after)
    {
        AuditEntry e;
        e.at = 1000;
        e.actor = QStringLiteral("user-1");
        e.deviceId = QStringLiteral("dev");
        e.mutationId = mutationId;
        e.mutation = QStringLiteral("contact.update@1");
        e.entity = entity;
        e.entityId = QStringLiteral("c1");
        e.action = QStringLiteral("update");
        e.before = before;
        e.after = after;
        ASSERT_TRUE(AuditLog::append(conn, e).ok());
    }

    void appendErasure(const QString& mutationId, const QList<qint64>& seqs)
    {
        QJsonArray list;
        for (qint64 s : seqs)
            list.append(s);
        append(QStringLiteral("erasure"), mutationId, {},
               QJsonDocument(QJsonObject{{QLatin1String(AuditLog::kRedactedListKey), list}}).toJson(QJsonDocument::Compact));
    }

    AuditLog::Report verify()
    {
        auto r = AuditLog::verify(conn);
        EXPECT_TRUE(r.ok()) << r.message().toStdString();
        return r.ok() ? r.value() : AuditLog::Report{};
    }

    test::TestDatabase t;
    QSqlDatabase conn;
};

TEST_F(AuditRedactionTest, ARedactionAccountedForByAnErasureVerifies)
{
    ASSERT_TRUE(AuditLog::redact(conn, 2, "{\"email\":\"\"}", "{\"email\":\"\"}", QStringLiteral("erase-1")).ok());
    ASSERT_TRUE(AuditLog::redact(conn, 4, {}, "{\"email\":\"\"}", QStringLiteral("erase-1")).ok());
    appendErasure(QStringLiteral("erase-1"), {2, 4});
    const auto report = verify();
    EXPECT_TRUE(report.intact) << report.problem.toStdString();
    EXPECT_EQ(report.checked, 6);
    // Redacting again (a second erasure of the same payload) keeps the original digest.
    ASSERT_TRUE(AuditLog::redact(conn, 2, "{}", "{}", QStringLiteral("erase-2")).ok());
    appendErasure(QStringLiteral("erase-2"), {2});
    EXPECT_TRUE(verify().intact);
}

TEST_F(AuditRedactionTest, ARedactionNoErasureAccountsForIsReported)
{
    ASSERT_TRUE(AuditLog::redact(conn, 3, "{}", "{}", QStringLiteral("erase-1")).ok());
    auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.firstBadSeq, 3);
    // An erasure that does not list it does not account for it either.
    appendErasure(QStringLiteral("erase-1"), {2});
    report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.firstBadSeq, 3);
}

TEST_F(AuditRedactionTest, AChangedDigestOrAnUnredactedEditIsReported)
{
    ASSERT_TRUE(AuditLog::redact(conn, 2, "{}", "{}", QStringLiteral("erase-1")).ok());
    appendErasure(QStringLiteral("erase-1"), {2});
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("UPDATE audit_log SET after_digest = '%1' WHERE seq = 2").arg(QString(64, QLatin1Char('a')))));
    EXPECT_EQ(verify().firstBadSeq, 2);
    ASSERT_TRUE(q.exec(QStringLiteral("UPDATE audit_log SET after = '{\"email\":\"forged@example.org\"}' WHERE seq = 5")));
    EXPECT_EQ(verify().firstBadSeq, 2); // the first break is reported
}

// Migration 14 re-seals a chain written in form v1; a chain that was already broken stays reported.
class AuditUpgradeTest : public AuditRedactionTest
{
protected:
    // Rewrites the whole log in form v1, as a database from before migration 14 holds it.
    void rewriteAsV1(qint64 tamperSeq = 0)
    {
        QSqlQuery read(conn);
        ASSERT_TRUE(read.exec(QStringLiteral("SELECT seq, at, actor, device_id, mutation_id, mutation, entity, entity_id, "
                                             "action, before, after FROM audit_log ORDER BY seq")));
        QList<AuditEntry> entries;
        while (read.next()) {
            AuditEntry e;
            e.seq = read.value(0).toLongLong();
            e.at = read.value(1).toLongLong();
            e.actor = read.value(2).toString();
            e.deviceId = read.value(3).toString();
            e.mutationId = read.value(4).toString();
            e.mutation = read.value(5).toString();
            e.entity = read.value(6).toString();
            e.entityId = read.value(7).toString();
            e.action = read.value(8).toString();
            e.before = read.value(9).toString().toUtf8();
            e.after = read.value(10).toString().toUtf8();
            entries.append(e);
        }
        QByteArray prev = AuditLog::genesisHash();
        for (AuditEntry& e : entries) {
            e.prevHash = prev;
            e.hash = e.computeHashV1();
            prev = e.hash;
            QSqlQuery w(conn);
            w.prepare(QStringLiteral("UPDATE audit_log SET prev_hash = ?, hash = ?, after = ? WHERE seq = ?"));
            w.addBindValue(QString::fromLatin1(e.prevHash));
            w.addBindValue(QString::fromLatin1(e.hash));
            w.addBindValue(e.seq == tamperSeq ? QStringLiteral("{\"email\":\"forged\"}") : QString::fromUtf8(e.after));
            w.addBindValue(e.seq);
            ASSERT_TRUE(w.exec());
        }
    }
};

TEST_F(AuditUpgradeTest, AnIntactV1ChainIsResealed)
{
    rewriteAsV1();
    EXPECT_FALSE(verify().intact); // v1 hashes do not verify as v2
    Transaction tx(conn);
    ASSERT_TRUE(AuditLog::upgradeChainToV2(conn).ok());
    ASSERT_TRUE(tx.commit().ok());
    const auto report = verify();
    EXPECT_TRUE(report.intact) << report.problem.toStdString();
    EXPECT_EQ(report.checked, 5);
}

TEST_F(AuditUpgradeTest, ABrokenV1ChainStaysReportedAfterTheUpgrade)
{
    rewriteAsV1(3);
    Transaction tx(conn);
    ASSERT_TRUE(AuditLog::upgradeChainToV2(conn).ok());
    ASSERT_TRUE(tx.commit().ok());
    const auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.firstBadSeq, 3);
    EXPECT_TRUE(report.problem.contains(QStringLiteral("upgraded"))) << report.problem.toStdString();
}

} // namespace
