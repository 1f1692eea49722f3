// Bulk edit of a segment's contacts: one batch of audited contact.update mutations; a refused edit or a
// cancel changes nothing; undo restores only what is still as the edit left it.
#include "mutations/MutationEngine.h"
#include "segments/SegmentBulkEdit.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <gtest/gtest.h>

using namespace outpost;
using namespace outpost::test;

namespace {

class SegmentBulkEditTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
        for (int i = 0; i < 12; ++i) {
            const QString id = newUuidV7();
            ids << id;
            auto m = engine->submit(QStringLiteral("contact.create"),
                                    {{QStringLiteral("id"), id},
                                     {QStringLiteral("fields"),
                                      QJsonObject{{QStringLiteral("lastName"), QStringLiteral("P%1").arg(i)},
                                                  {QStringLiteral("city"), i < 8 ? QStringLiteral("Lyon") : QStringLiteral("Oslo")},
                                                  {QStringLiteral("ownerId"), QStringLiteral("ana")},
                                                  {QStringLiteral("tags"), i % 2 ? QStringLiteral("vip") : QString()}}}});
            ASSERT_TRUE(m.ok()) << m.message().toStdString();
        }
        auto sql = SegmentFilter::compile(
            QJsonObject{{QStringLiteral("rules"), QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("city")},
                                                                         {QStringLiteral("op"), QStringLiteral("equals")},
                                                                         {QStringLiteral("value"), QStringLiteral("Lyon")}}}}},
            clock.nowMs());
        ASSERT_TRUE(sql.ok());
        lyon = sql.value();
    }

    QStringList column(const char* name)
    {
        QStringList out;
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT %1 FROM contacts ORDER BY rid").arg(QLatin1String(name))));
        while (q.next())
            out << q.value(0).toString();
        return out;
    }

    qint64 auditCount()
    {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM audit_log")) && q.next());
        return q.value(0).toLongLong();
    }

    TestDatabase t;
    ManualClock clock{1'760'000'000'000};
    std::unique_ptr<MutationEngine> engine;
    QStringList ids;
    SegmentFilter::Sql lyon;
};

TEST_F(SegmentBulkEditTest, TagsAreAddedAndRemovedCaseInsensitively)
{
    EXPECT_EQ(SegmentBulkEdit::withTag(QString(), QStringLiteral("new")), QStringLiteral("new"));
    EXPECT_EQ(SegmentBulkEdit::withTag(QStringLiteral("vip,b"), QStringLiteral("VIP")), QStringLiteral("vip,b"));
    EXPECT_EQ(SegmentBulkEdit::withTag(QStringLiteral("vip"), QStringLiteral(" press ")), QStringLiteral("vip,press"));
    EXPECT_EQ(SegmentBulkEdit::withoutTag(QStringLiteral("vip,Press,b"), QStringLiteral("press")), QStringLiteral("vip,b"));
}

TEST_F(SegmentBulkEditTest, OwnerIsSetOnTheSegmentOnlyAndUndoRestoresWhatWasNotChangedSince)
{
    const qint64 audit = auditCount();
    auto done = SegmentBulkEdit::apply(*engine, lyon, SegmentBulkEdit::Kind::SetOwner, QStringLiteral("ben"), {});
    ASSERT_TRUE(done.ok()) << done.message().toStdString();
    EXPECT_EQ(done->matched, 8);
    EXPECT_EQ(done->changes.size(), 8);
    QStringList owners = column("owner_id");
    EXPECT_EQ(owners.count(QStringLiteral("ben")), 8);
    EXPECT_EQ(owners.mid(8), QStringList(4, QStringLiteral("ana")));
    EXPECT_EQ(auditCount(), audit + 8);

    // Someone reassigns one of them meanwhile: the undo keeps that.
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.update"),
                               {{QStringLiteral("id"), ids.at(0)}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("ownerId"), QStringLiteral("cy")}}}})
                    .ok());
    auto undone = SegmentBulkEdit::undo(*engine, done.value(), {});
    ASSERT_TRUE(undone.ok()) << undone.message().toStdString();
    EXPECT_EQ(undone->changes.size(), 7);
    EXPECT_EQ(undone->skipped, 1);
    owners = column("owner_id");
    EXPECT_EQ(owners.at(0), QStringLiteral("cy"));
    EXPECT_EQ(owners.count(QStringLiteral("ana")), 11);
}

TEST_F(SegmentBulkEditTest, ARefusedOrCancelledEditChangesNothing)
{
    const QStringList tags = column("tags");
    const qint64 audit = auditCount();
    // A tag longer than a tag may be: the first contact.update is refused, the batch rolled back.
    auto refused = SegmentBulkEdit::apply(*engine, lyon, SegmentBulkEdit::Kind::AddTag, QString(41, QLatin1Char('x')), {});
    EXPECT_FALSE(refused.ok());
    EXPECT_EQ(refused.code(), ErrorCode::InvalidArgument);
    EXPECT_TRUE(refused.message().startsWith(QStringLiteral("No contact was changed"))) << refused.message().toStdString();
    std::atomic_bool cancel{false};
    SegmentBulkEdit::Options o;
    o.cancel = &cancel;
    o.progress = [&](qint64, qint64) {};
    // Cancelled: the batch is rolled back, whatever it had written.
    cancel = true;
    auto cancelled = SegmentBulkEdit::apply(*engine, lyon, SegmentBulkEdit::Kind::AddTag, QStringLiteral("later"), o);
    EXPECT_EQ(cancelled.code(), ErrorCode::Cancelled);
    EXPECT_EQ(column("tags"), tags);
    EXPECT_EQ(auditCount(), audit);
    EXPECT_EQ(SegmentBulkEdit::apply(*engine, lyon, SegmentBulkEdit::Kind::RemoveTag, QStringLiteral(" "), {}).code(),
              ErrorCode::InvalidArgument);

    // Removing: only contacts that have it change.
    auto removed = SegmentBulkEdit::apply(*engine, lyon, SegmentBulkEdit::Kind::RemoveTag, QStringLiteral("VIP"), {});
    ASSERT_TRUE(removed.ok()) << removed.message().toStdString();
    EXPECT_EQ(removed->matched, 8);
    EXPECT_EQ(removed->changes.size(), 4);
    EXPECT_EQ(column("tags").count(QStringLiteral("vip")), 2); // the two in Oslo
}

} // namespace
