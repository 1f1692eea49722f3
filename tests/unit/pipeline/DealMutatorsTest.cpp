#include "PipelineTestSupport.h"

#include "pipeline/DealRepository.h"

using namespace outpost;
using namespace outpost::test;
namespace dp = outpost::defaultpipeline;

namespace {

class DealMutatorsTest : public PipelineFixture
{
protected:
    Deal deal(const QString& id)
    {
        DealRepository repo(*t.db);
        auto d = repo.find(id);
        EXPECT_TRUE(d.ok() && d->has_value());
        return d.ok() && d->has_value() ? **d : Deal();
    }
    QJsonObject moveArgs(const QString& id, const QString& stageId)
    {
        return {{QStringLiteral("id"), id}, {QStringLiteral("stageId"), stageId}};
    }
};

TEST_F(DealMutatorsTest, CreateStoresEveryFieldAndTheFirstStageChange)
{
    const qint64 close = clock.nowMs() + 30LL * 24 * 3600 * 1000;
    const QString id = createDeal(QStringLiteral("Starter kits for Lyon"), 1234567, QStringLiteral("EUR"), dp::kQualification, close);
    const Deal d = deal(id);
    EXPECT_EQ(d.title, QStringLiteral("Starter kits for Lyon"));
    EXPECT_EQ(d.amountMinor, 1234567);
    EXPECT_EQ(d.currency, QStringLiteral("EUR"));
    EXPECT_EQ(d.expectedCloseAt, close);
    EXPECT_EQ(d.ownerId, QStringLiteral("alice"));
    EXPECT_EQ(d.stageId, dp::kQualification);
    EXPECT_FALSE(d.closedAt.has_value());
    DealRepository repo(*t.db);
    auto history = repo.stageHistory(id);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 1);
    EXPECT_TRUE(history->first().change.fromStageId.isEmpty());
    EXPECT_EQ(history->first().toStageName, QStringLiteral("Qualification"));
    EXPECT_EQ(history->first().change.byUser, QStringLiteral("alice"));
}

TEST_F(DealMutatorsTest, CreateRefusesBadInputAndWritesNothing)
{
    const QJsonObject good{{QStringLiteral("id"), newUuidV7()},
                           {QStringLiteral("title"), QStringLiteral("Deal")},
                           {QStringLiteral("pipelineId"), dp::kPipelineId},
                           {QStringLiteral("stageId"), dp::kQualification},
                           {QStringLiteral("amountMinor"), 100},
                           {QStringLiteral("currency"), QStringLiteral("EUR")}};
    struct Case
    {
        const char* key;
        QJsonValue value;
        const char* messagePart;
    };
    const Case cases[] = {
        {"title", QStringLiteral(""), "title"},
        {"amountMinor", -5, "amountMinor"},
        {"amountMinor", 1.5, "amountMinor"},
        {"amountMinor", QStringLiteral("100"), "amountMinor"},
        {"currency", QStringLiteral("euro"), "currency"},
        {"expectedCloseAt", QStringLiteral("tomorrow"), "expectedCloseAt"},
        {"stageId", dp::kWon, "open stage"},
        {"stageId", newUuidV7(), "no longer exists"},
        {"pipelineId", newUuidV7(), "not in this deal's pipeline"},
        {"contactId", newUuidV7(), "contact"},
        {"id", QStringLiteral("nope"), "id"},
    };
    for (const Case& c : cases) {
        QJsonObject args = good;
        args.insert(QLatin1String(c.key), c.value);
        auto m = submit(QStringLiteral("deal.create"), args);
        ASSERT_FALSE(m.ok()) << c.key;
        EXPECT_TRUE(m.message().contains(QLatin1String(c.messagePart))) << c.key << ": " << m.message().toStdString();
    }
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM deals")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM deal_stage_changes")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), 0);
}

TEST_F(DealMutatorsTest, MoveRecordsFromToAtAndByAndIsReplaySafe)
{
    const QString id = createDeal(QStringLiteral("Deal"), 5000);
    clock.advance(60'000);
    auto moved = submit(QStringLiteral("deal.move"), moveArgs(id, dp::kProposal));
    ASSERT_TRUE(moved.ok()) << moved.message().toStdString();
    EXPECT_EQ(deal(id).stageId, dp::kProposal);
    DealRepository repo(*t.db);
    auto history = repo.stageHistory(id);
    ASSERT_EQ(history->size(), 2);
    const auto& last = history->first(); // newest first
    EXPECT_EQ(last.change.id, moved->id);  // one row per mutation
    EXPECT_EQ(last.fromStageName, QStringLiteral("Qualification"));
    EXPECT_EQ(last.toStageName, QStringLiteral("Proposal"));
    EXPECT_EQ(last.change.at, clock.nowMs());
    EXPECT_EQ(last.change.byUser, QStringLiteral("alice"));
    // Moving again to the same stage (a replay, a second drop) changes nothing and logs nothing.
    const qint64 audits = count(QStringLiteral("SELECT count(*) FROM audit_log"));
    mustSubmit(QStringLiteral("deal.move"), moveArgs(id, dp::kProposal));
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), audits);
    EXPECT_EQ(repo.stageHistory(id)->size(), 2);
}

TEST_F(DealMutatorsTest, MoveToAClosedStageSaysToWinOrLose)
{
    const QString id = createDeal(QStringLiteral("Deal"), 5000);
    auto m = submit(QStringLiteral("deal.move"), moveArgs(id, dp::kWon));
    ASSERT_FALSE(m.ok());
    EXPECT_TRUE(m.message().contains(QStringLiteral("won or lost"))) << m.message().toStdString();
    auto gone = submit(QStringLiteral("deal.move"), moveArgs(newUuidV7(), dp::kProposal));
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.code(), ErrorCode::NotFound);
}

TEST_F(DealMutatorsTest, WinAndLoseCloseWithAReasonAndMovingBackReopens)
{
    const QString a = createDeal(QStringLiteral("A"), 5000), b = createDeal(QStringLiteral("B"), 7000);
    clock.advance(1000);
    mustSubmit(QStringLiteral("deal.win"), {{QStringLiteral("id"), a}, {QStringLiteral("reason"), QStringLiteral("Best price")}});
    EXPECT_EQ(deal(a).stageId, dp::kWon);
    EXPECT_EQ(deal(a).closeReason, QStringLiteral("Best price"));
    EXPECT_EQ(deal(a).closedAt, clock.nowMs());

    auto noReason = submit(QStringLiteral("deal.lose"), {{QStringLiteral("id"), b}});
    ASSERT_FALSE(noReason.ok());
    EXPECT_TRUE(noReason.message().contains(QStringLiteral("reason")));
    auto wrongStage = submit(QStringLiteral("deal.lose"), {{QStringLiteral("id"), b},
                                                           {QStringLiteral("reason"), QStringLiteral("x")},
                                                           {QStringLiteral("stageId"), dp::kWon}});
    ASSERT_FALSE(wrongStage.ok());
    EXPECT_TRUE(wrongStage.message().contains(QStringLiteral("not a lost stage")));
    mustSubmit(QStringLiteral("deal.lose"), {{QStringLiteral("id"), b}, {QStringLiteral("reason"), QStringLiteral("Went with a competitor")}});
    EXPECT_EQ(deal(b).stageId, dp::kLost);

    clock.advance(1000);
    mustSubmit(QStringLiteral("deal.move"), moveArgs(b, dp::kNegotiation));
    EXPECT_EQ(deal(b).stageId, dp::kNegotiation);
    EXPECT_TRUE(deal(b).closeReason.isEmpty());
    EXPECT_FALSE(deal(b).closedAt.has_value());
    DealRepository repo(*t.db);
    EXPECT_EQ(repo.stageHistory(b)->size(), 3);
}

TEST_F(DealMutatorsTest, UpdateChangesOnlyWhatItSetsAndRefusesTheStage)
{
    const QString id = createDeal(QStringLiteral("Deal"), 5000);
    mustSubmit(QStringLiteral("deal.update"), {{QStringLiteral("id"), id},
                                               {QStringLiteral("set"), QJsonObject{{QStringLiteral("amountMinor"), 9900},
                                                                                   {QStringLiteral("currency"), QStringLiteral("CHF")},
                                                                                   {QStringLiteral("expectedCloseAt"), 1'800'000'000'000.0}}}});
    Deal d = deal(id);
    EXPECT_EQ(d.amountMinor, 9900);
    EXPECT_EQ(d.currency, QStringLiteral("CHF"));
    EXPECT_EQ(d.expectedCloseAt, 1'800'000'000'000);
    EXPECT_EQ(text(QStringLiteral("SELECT after FROM audit_log WHERE entity = 'deal' AND action <> 'create' ORDER BY seq DESC")),
              QStringLiteral("{\"amountMinor\":9900,\"currency\":\"CHF\",\"expectedCloseAt\":1800000000000}"));
    mustSubmit(QStringLiteral("deal.update"), {{QStringLiteral("id"), id},
                                               {QStringLiteral("set"), QJsonObject{{QStringLiteral("expectedCloseAt"), QJsonValue()}}}});
    EXPECT_FALSE(deal(id).expectedCloseAt.has_value());
    auto stage = submit(QStringLiteral("deal.update"), {{QStringLiteral("id"), id},
                                                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("stageId"), dp::kWon}}}});
    ASSERT_FALSE(stage.ok());
    EXPECT_TRUE(stage.message().contains(QStringLiteral("stageId")));
    auto empty = submit(QStringLiteral("deal.update"), {{QStringLiteral("id"), id}, {QStringLiteral("set"), QJsonObject{}}});
    ASSERT_FALSE(empty.ok());
}

TEST_F(DealMutatorsTest, DeleteRemovesTheDealAndItsHistoryOnce)
{
    const QString id = createDeal(QStringLiteral("Deal"), 5000);
    mustSubmit(QStringLiteral("deal.move"), moveArgs(id, dp::kProposal));
    mustSubmit(QStringLiteral("deal.delete"), {{QStringLiteral("id"), id}});
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM deals")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM deal_stage_changes")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'delete'")), 3);
    mustSubmit(QStringLiteral("deal.delete"), {{QStringLiteral("id"), id}});
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'delete'")), 3);
}

} // namespace
