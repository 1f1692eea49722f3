#include "PipelineTestSupport.h"

#include "pipeline/DealRepository.h"

using namespace outpost;
using namespace outpost::test;

namespace {

class PipelineMutatorsTest : public PipelineFixture
{
protected:
    QStringList stageNames(const QString& pipelineId)
    {
        DealRepository repo(*t.db);
        auto stages = repo.stages(pipelineId);
        EXPECT_TRUE(stages.ok());
        QStringList out;
        for (const PipelineStage& s : stages.value())
            out << QStringLiteral("%1:%2").arg(s.name).arg(s.position);
        return out;
    }
    QJsonObject stageArgs(const QString& id, const QString& name, int probability, const QString& kind)
    {
        return {{QStringLiteral("id"), id},
                {QStringLiteral("name"), name},
                {QStringLiteral("probability"), probability},
                {QStringLiteral("kind"), kind}};
    }
};

TEST_F(PipelineMutatorsTest, EveryProfileStartsWithTheDefaultPipeline)
{
    DealRepository repo(*t.db);
    auto pipelines = repo.pipelines();
    ASSERT_TRUE(pipelines.ok());
    ASSERT_EQ(pipelines->size(), 1);
    EXPECT_EQ(pipelines->first().id, defaultpipeline::kPipelineId);
    EXPECT_EQ(stageNames(defaultpipeline::kPipelineId),
              (strings({"Qualification:0", "Needs analysis:1", "Proposal:2", "Negotiation:3", "Won:4", "Lost:5"})));
    auto stages = repo.stages(defaultpipeline::kPipelineId);
    EXPECT_EQ(stages->at(2).probability, 50);
    EXPECT_EQ(stages->at(4).kind, PipelineStage::Kind::Won);
    EXPECT_EQ(stages->at(5).kind, PipelineStage::Kind::Lost);
}

TEST_F(PipelineMutatorsTest, CreatePipelineWithStagesIsAuditedAndReplaySafe)
{
    const QString id = newUuidV7(), s1 = newUuidV7(), s2 = newUuidV7();
    const QJsonObject args{{QStringLiteral("id"), id},
                           {QStringLiteral("name"), QStringLiteral("Partners")},
                           {QStringLiteral("stages"), QJsonArray{stageArgs(s1, QStringLiteral("Intro"), 20, QStringLiteral("open")),
                                                                 stageArgs(s2, QStringLiteral("Signed"), 100, QStringLiteral("won"))}}};
    mustSubmit(QStringLiteral("pipeline.create"), args);
    EXPECT_EQ(stageNames(id), (strings({"Intro:0", "Signed:1"})));
    const qint64 audits = count(QStringLiteral("SELECT count(*) FROM audit_log"));
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'pipeline_stage'")), 2);
    mustSubmit(QStringLiteral("pipeline.create"), args); // replay: nothing more
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), audits);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM pipeline_stages WHERE pipeline_id = '%1'").arg(id)), 2);
}

TEST_F(PipelineMutatorsTest, CreatePipelineRefusesBadStagesAndWritesNothing)
{
    const qint64 before = count(QStringLiteral("SELECT count(*) FROM pipelines"));
    auto noOpen = submit(QStringLiteral("pipeline.create"),
                         {{QStringLiteral("id"), newUuidV7()},
                          {QStringLiteral("name"), QStringLiteral("Closed only")},
                          {QStringLiteral("stages"), QJsonArray{stageArgs(newUuidV7(), QStringLiteral("Won"), 100, QStringLiteral("won"))}}});
    ASSERT_FALSE(noOpen.ok());
    EXPECT_TRUE(noOpen.message().contains(QStringLiteral("open stage"))) << noOpen.message().toStdString();
    auto badProbability = submit(QStringLiteral("pipeline.create"),
                                 {{QStringLiteral("id"), newUuidV7()},
                                  {QStringLiteral("name"), QStringLiteral("X")},
                                  {QStringLiteral("stages"), QJsonArray{stageArgs(newUuidV7(), QStringLiteral("A"), 120, QStringLiteral("open"))}}});
    ASSERT_FALSE(badProbability.ok());
    EXPECT_TRUE(badProbability.message().startsWith(QStringLiteral("Stage 1:"))) << badProbability.message().toStdString();
    auto noName = submit(QStringLiteral("pipeline.create"), {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("name"), QStringLiteral("  ")}});
    ASSERT_FALSE(noName.ok());
    EXPECT_EQ(noName.code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM pipelines")), before);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox")), 0);
}

TEST_F(PipelineMutatorsTest, StagesAreCreatedInPlaceReorderedUpdatedAndDeleted)
{
    const QString pid = defaultpipeline::kPipelineId;
    const QString demo = newUuidV7();
    QJsonObject args = stageArgs(demo, QStringLiteral("Demo"), 40, QStringLiteral("open"));
    args.insert(QStringLiteral("pipelineId"), pid);
    args.insert(QStringLiteral("position"), 2);
    mustSubmit(QStringLiteral("stage.create"), args);
    EXPECT_EQ(stageNames(pid), (strings({"Qualification:0", "Needs analysis:1", "Demo:2", "Proposal:3", "Negotiation:4",
                                            "Won:5", "Lost:6"})));

    mustSubmit(QStringLiteral("stage.update"), {{QStringLiteral("id"), demo},
                                                {QStringLiteral("set"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Live demo")},
                                                                                    {QStringLiteral("probability"), 45}}}});
    EXPECT_EQ(count(QStringLiteral("SELECT probability FROM pipeline_stages WHERE id = '%1'").arg(demo)), 45);

    QJsonArray order;
    for (const QString& id : {defaultpipeline::kQualification, demo, defaultpipeline::kNeedsAnalysis, defaultpipeline::kProposal,
                              defaultpipeline::kNegotiation, defaultpipeline::kWon, defaultpipeline::kLost})
        order.append(id);
    mustSubmit(QStringLiteral("stage.reorder"), {{QStringLiteral("pipelineId"), pid}, {QStringLiteral("stageIds"), order}});
    EXPECT_EQ(stageNames(pid).mid(0, 3), (strings({"Qualification:0", "Live demo:1", "Needs analysis:2"})));

    order.removeAt(1);
    auto partial = submit(QStringLiteral("stage.reorder"), {{QStringLiteral("pipelineId"), pid}, {QStringLiteral("stageIds"), order}});
    ASSERT_FALSE(partial.ok());
    EXPECT_EQ(partial.code(), ErrorCode::Conflict);

    mustSubmit(QStringLiteral("stage.delete"), {{QStringLiteral("id"), demo}});
    EXPECT_EQ(stageNames(pid), (strings({"Qualification:0", "Needs analysis:1", "Proposal:2", "Negotiation:3", "Won:4", "Lost:5"})));
    mustSubmit(QStringLiteral("stage.delete"), {{QStringLiteral("id"), demo}}); // twice: no second effect
}

TEST_F(PipelineMutatorsTest, DeletingAStageWithDealsIsRefusedWithTheReason)
{
    createDeal(QStringLiteral("Big order"), 100000, QStringLiteral("EUR"), defaultpipeline::kProposal);
    createDeal(QStringLiteral("Small order"), 5000, QStringLiteral("EUR"), defaultpipeline::kProposal);
    auto refused = submit(QStringLiteral("stage.delete"), {{QStringLiteral("id"), defaultpipeline::kProposal}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.code(), ErrorCode::Rejected);
    EXPECT_EQ(refused.message(), QStringLiteral("\"Proposal\" still holds 2 deal(s): move them to another stage first."));
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM pipeline_stages WHERE id = '%1'").arg(defaultpipeline::kProposal)), 1);
}

TEST_F(PipelineMutatorsTest, ThePipelinesLastOpenStageStays)
{
    const QString id = newUuidV7(), open = newUuidV7(), won = newUuidV7();
    mustSubmit(QStringLiteral("pipeline.create"),
               {{QStringLiteral("id"), id},
                {QStringLiteral("name"), QStringLiteral("Tiny")},
                {QStringLiteral("stages"), QJsonArray{stageArgs(open, QStringLiteral("Doing"), 50, QStringLiteral("open")),
                                                      stageArgs(won, QStringLiteral("Done"), 100, QStringLiteral("won"))}}});
    auto del = submit(QStringLiteral("stage.delete"), {{QStringLiteral("id"), open}});
    ASSERT_FALSE(del.ok());
    EXPECT_TRUE(del.message().contains(QStringLiteral("last open stage")));
    auto toWon = submit(QStringLiteral("stage.update"),
                        {{QStringLiteral("id"), open}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("won")}}}});
    ASSERT_FALSE(toWon.ok());
    auto badKind = submit(QStringLiteral("stage.update"),
                          {{QStringLiteral("id"), won}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("maybe")}}}});
    ASSERT_FALSE(badKind.ok());
    EXPECT_EQ(badKind.code(), ErrorCode::InvalidArgument);
    auto unknownField = submit(QStringLiteral("stage.update"),
                               {{QStringLiteral("id"), won}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("colour"), QStringLiteral("red")}}}});
    ASSERT_FALSE(unknownField.ok());
    EXPECT_TRUE(unknownField.message().contains(QStringLiteral("colour")));
}

TEST_F(PipelineMutatorsTest, RenamingAPipelineRecordsOnlyWhatChanged)
{
    mustSubmit(QStringLiteral("pipeline.update"), {{QStringLiteral("id"), defaultpipeline::kPipelineId},
                                                   {QStringLiteral("set"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Direct sales")}}}});
    EXPECT_EQ(text(QStringLiteral("SELECT name FROM pipelines")), QStringLiteral("Direct sales"));
    EXPECT_EQ(text(QStringLiteral("SELECT before FROM audit_log WHERE entity = 'pipeline'")), QStringLiteral("{\"name\":\"Sales\"}"));
    auto missing = submit(QStringLiteral("pipeline.update"), {{QStringLiteral("id"), newUuidV7()},
                                                              {QStringLiteral("set"), QJsonObject{{QStringLiteral("name"), QStringLiteral("X")}}}});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.code(), ErrorCode::NotFound);
}

} // namespace
