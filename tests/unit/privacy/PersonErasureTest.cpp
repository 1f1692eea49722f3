// contact.erase: after it, no personal value of the person is left anywhere in the database file — every
// table, the full-text index's segments, free pages and the write-ahead log, decrypted page by page — while
// their business records stay under a pseudonym and the audit chain still verifies.
#include "audit/AuditLog.h"
#include "privacy/PersonErasure.h"
#include "replication/RowCodec.h"
#include "util/TextFold.h"

#include "EncryptedPages.h"
#include "PrivacyFixture.h"
#include "ValueScan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QFileInfo>
#include <QSqlError>

using namespace outpost;
using namespace outpost::test;

namespace {

class PersonErasureTest : public PrivacyFixture
{
protected:
    // What to look for in the pages: each value as typed, lower-cased and folded, and its distinctive words
    // as the search index stores them.
    QList<QByteArray> needles() const
    {
        QList<QByteArray> out;
        for (const QString& v : personalValues()) {
            out << v.toUtf8() << v.toLower().toUtf8() << foldText(v).toUtf8();
        }
        for (const char* word : {"thaddeus", "quennell", "smythe", "privmail", "oldmail", "elsewhere", "xylophone",
                                 "zzyzxville", "walnuts", "qwertyuiop", "plonkworth", "442079460958", "2079460958",
                                 "quillmail"})
            out << QByteArray(word);
        return out;
    }

    // Needles found in the decrypted file, with the pages they are on.
    QStringList foundInPages()
    {
        QString error;
        const EncryptedPages pages = EncryptedPages::read(t.path(), t.key.bytes(), &error);
        EXPECT_TRUE(error.isEmpty()) << error.toStdString();
        EXPECT_GT(pages.pageCount(), 0);
        QStringList found;
        for (const QByteArray& n : needles()) {
            const QList<int> at = pages.pagesContaining(n);
            if (!at.isEmpty())
                found << QStringLiteral("%1 (page %2)").arg(QString::fromUtf8(n)).arg(at.first());
        }
        found.removeDuplicates();
        return found;
    }

    // Needles found through SQL in any column of any table (a clearer message than a page number).
    QStringList foundInTables()
    {
        QSqlDatabase conn = t.db->connection();
        return findValuesInTables(conn, needles());
    }

    // Terms of the full-text index (read from its segments, deleted documents included until merged).
    QStringList indexTerms()
    {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts4aux(main, contacts_fts)")))
            << q.lastError().text().toStdString();
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT DISTINCT term FROM temp.fts_terms")));
        QStringList terms;
        while (q.next())
            terms << q.value(0).toString();
        return terms;
    }

    QString erase(const QString& id)
    {
        QString warning;
        auto pseudonym = PersonErasure::erase(*t.db, *engine, id, &warning);
        EXPECT_TRUE(pseudonym.ok()) << pseudonym.message().toStdString();
        EXPECT_TRUE(warning.isEmpty()) << warning.toStdString();
        return pseudonym.ok() ? pseudonym.value() : QString();
    }
};

TEST_F(PersonErasureTest, NoPersonalValueIsLeftInAnyPageWhileBusinessRecordsStay)
{
    seedPerson();
    ASSERT_TRUE(t.db->checkpoint().ok()); // the values are in the file itself, not only in the log
    // The scan finds them before: it can fail.
    const QStringList before = foundInPages();
    for (const char* v : {"Zzyzxville", "quennell", "tq@oldmail.test", "plonkworth", "Xylophone Lane 17",
                          "thad.home@quillmail.test"})
        EXPECT_TRUE(before.join(QLatin1Char(' ')).contains(QLatin1String(v))) << v;
    EXPECT_TRUE(indexTerms().contains(QStringLiteral("zzyzxville")));
    const qint64 auditBefore = count(QStringLiteral("SELECT count(*) FROM audit_log"));

    const QString pseudonym = erase(personId);
    ASSERT_FALSE(pseudonym.isEmpty());

    EXPECT_EQ(foundInTables(), QStringList());
    EXPECT_EQ(foundInPages(), QStringList());
    const QStringList terms = indexTerms();
    for (const char* w : {"thaddeus", "quennell", "zzyzxville", "xylophone", "privmail"})
        EXPECT_FALSE(terms.contains(QLatin1String(w))) << w;
    EXPECT_EQ(QFileInfo(t.path() + QStringLiteral("-wal")).size(), 0);

    // The business records stay, under the pseudonym.
    EXPECT_EQ(text(QStringLiteral("SELECT last_name || '|' || first_name || '|' || company || '|' || country || '|' || "
                                  "owner_id FROM contacts WHERE id = ?"),
                   {personId}),
              pseudonym + QStringLiteral("||Acme Widgets Ltd|GB|ana"));
    EXPECT_EQ(text(QStringLiteral("SELECT display_name FROM distributors WHERE id = ?"), {distributorId}), pseudonym);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM contact_shares WHERE id = ?"), {shareId}), 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM consents WHERE id = ? AND withdrawn_at IS NOT NULL"), {consentId}),
              1); // it stays, withdrawn by the erasure
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM erasures WHERE contact_id = ?"), {personId}), 1);
    // The other person is untouched.
    EXPECT_EQ(text(QStringLiteral("SELECT email FROM contacts WHERE id = ?"), {otherId}),
              QStringLiteral("ottoline@brackenbury.test"));
    EXPECT_TRUE(indexTerms().contains(QStringLiteral("brackenbury")));
    // The search finds the pseudonym, not the name.
    ContactRepository repo(*t.db);
    EXPECT_EQ(repo.searchCount(ContactQuery::parse(QStringLiteral("Quennell"))).value(), 0);
    EXPECT_EQ(repo.searchCount(ContactQuery::parse(pseudonym)).value(), 1);

    // Every step is audited, nothing was removed from the log, and its chain still verifies.
    EXPECT_GT(count(QStringLiteral("SELECT count(*) FROM audit_log")), auditBefore);
    EXPECT_GT(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE redacted_by IS NOT NULL")), 0);
    QSqlDatabase conn = t.db->connection();
    auto report = AuditLog::verify(conn);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact) << report->problem.toStdString();
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE mutation = 'contact.erase@1' AND entity IN "
                                   "('contact', 'distributor', 'erasure')")),
              3);
}

TEST_F(PersonErasureTest, ARedactedEntryCannotBeEditedUnnoticed)
{
    seedPerson();
    erase(personId);
    const qint64 seq = count(QStringLiteral("SELECT min(seq) FROM audit_log WHERE redacted_by IS NOT NULL"));
    // Editing a redacted entry's digest breaks its hash; dropping the erasure's claim leaves it unaccounted for.
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("UPDATE audit_log SET redacted_by = 'someone else' WHERE seq = %1").arg(seq)));
    QSqlDatabase conn = t.db->connection();
    auto report = AuditLog::verify(conn);
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->intact);
    EXPECT_EQ(report->firstBadSeq, seq);
}

TEST_F(PersonErasureTest, RefusedErasureWritesNothing)
{
    seedPerson();
    const qint64 audit = count(QStringLiteral("SELECT count(*) FROM audit_log"));
    const qint64 outbox = count(QStringLiteral("SELECT count(*) FROM outbox"));
    auto bad = engine->submit(QStringLiteral("contact.erase"), {{QStringLiteral("id"), personId},
                                                                {QStringLiteral("erasureId"), newUuidV7()},
                                                                {QStringLiteral("pseudonym"), QStringLiteral("x")}});
    EXPECT_EQ(bad.code(), ErrorCode::InvalidArgument);
    auto unknown = engine->submit(QStringLiteral("contact.erase"), {{QStringLiteral("id"), newUuidV7()},
                                                                    {QStringLiteral("erasureId"), newUuidV7()},
                                                                    {QStringLiteral("pseudonym"), QStringLiteral("Erased-1")}});
    EXPECT_EQ(unknown.code(), ErrorCode::NotFound);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), audit);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox")), outbox);
    EXPECT_EQ(text(QStringLiteral("SELECT city FROM contacts WHERE id = ?"), {personId}), QStringLiteral("Zzyzxville"));
}

TEST_F(PersonErasureTest, ReplayHasNoSecondEffect)
{
    seedPerson();
    const QJsonObject args{{QStringLiteral("id"), personId},
                           {QStringLiteral("erasureId"), newUuidV7()},
                           {QStringLiteral("pseudonym"), QStringLiteral("Erased-REPLAY01")}};
    auto m = engine->submit(QStringLiteral("contact.erase"), args);
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    const qint64 audit = count(QStringLiteral("SELECT count(*) FROM audit_log"));
    // Re-applying the same mutation (as a replay after a pull does) changes nothing.
    QSqlDatabase conn = t.db->connection();
    MutationContext ctx(conn, m.value(), clock.nowMs());
    ASSERT_TRUE(MutationRegistry::standard().find(QStringLiteral("contact.erase"), 1)->apply(ctx).ok());
    EXPECT_TRUE(ctx.recorded().isEmpty());
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), audit);
}

TEST_F(PersonErasureTest, AContactDeletedBeforeCanStillBeErasedFromTheHistory)
{
    const QString id = addContact({{QStringLiteral("firstName"), QStringLiteral("Gwendolyn")},
                                   {QStringLiteral("lastName"), QStringLiteral("Fairweatherly")}});
    submit(QStringLiteral("contact.delete"), {{QStringLiteral("id"), id}});
    ASSERT_GT(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE after LIKE '%Fairweatherly%' OR before LIKE "
                                   "'%Fairweatherly%'")),
              0);
    erase(id);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE after LIKE '%Fairweatherly%' OR before LIKE "
                                   "'%Fairweatherly%'")),
              0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox WHERE args LIKE '%Fairweatherly%'")), 0);
    QSqlDatabase conn = t.db->connection();
    auto report = AuditLog::verify(conn);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact) << report->problem.toStdString();
}

// Another device (or the server) receives the erasure as a synced row: it scrubs its own copies — its audit
// log and histories, which the server's rows never replace — and its chain still verifies.
TEST_F(PersonErasureTest, AnErasureReceivedBySyncScrubsThisDevicesOwnCopies)
{
    seedPerson();
    // The erasure as the server would send it, made elsewhere.
    const QString erasureId = newUuidV7();
    const QJsonObject row{{QStringLiteral("contactId"), personId},
                          {QStringLiteral("pseudonym"), QStringLiteral("Erased-REMOTE01")},
                          {QStringLiteral("mutationId"), newUuidV7()},
                          {QStringLiteral("erasedAt"), double(clock.nowMs())},
                          {QStringLiteral("updatedAt"), double(clock.nowMs())},
                          {QStringLiteral("updatedBy"), QStringLiteral("compliance-officer")}};
    const RowCodec* codec = RowCodecRegistry::standard().find(QStringLiteral("erasure"));
    ASSERT_TRUE(codec);
    QSqlDatabase conn = t.db->connection();
    ASSERT_TRUE(codec->write(conn, erasureId, row).ok());
    ASSERT_TRUE(PersonErasure::finishOnDisk(*t.db).ok());

    EXPECT_EQ(foundInTables(), QStringList());
    EXPECT_EQ(foundInPages(), QStringList());
    EXPECT_EQ(text(QStringLiteral("SELECT last_name FROM contacts WHERE id = ?"), {personId}), QStringLiteral("Erased-REMOTE01"));
    auto report = AuditLog::verify(conn);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact) << report->problem.toStdString();
    // Receiving it again does nothing more.
    const qint64 audit = count(QStringLiteral("SELECT count(*) FROM audit_log"));
    ASSERT_TRUE(codec->write(conn, erasureId, row).ok());
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), audit);
    auto read = codec->read(conn, erasureId);
    ASSERT_TRUE(read.ok() && read->has_value());
    EXPECT_EQ(read->value().value(QStringLiteral("pseudonym")).toString(), QStringLiteral("Erased-REMOTE01"));
}

} // namespace
