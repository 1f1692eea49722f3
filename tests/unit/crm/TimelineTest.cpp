#include "leads/LeadScores.h"
#include "mutations/MutationEngine.h"
#include "timeline/Timeline.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <gtest/gtest.h>

using namespace outpost;

namespace {

class TimelineTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
        keeper = std::make_unique<LeadScoreKeeper>(*t.db, clock);
        QObject::connect(engine.get(), &MutationEngine::changed, keeper.get(), &LeadScoreKeeper::apply);
    }

    void submit(const QString& name, const QJsonObject& args)
    {
        auto m = engine->submit(name, args);
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    }

    void log(const QString& type, const QString& subject, const QString& kind, qint64 at, const QString& title)
    {
        submit(QStringLiteral("activity.log"), {{QStringLiteral("id"), newUuidV7()},
                                                {QStringLiteral("kind"), kind},
                                                {QStringLiteral("subjectType"), type},
                                                {QStringLiteral("subjectId"), subject},
                                                {QStringLiteral("occurredAt"), at},
                                                {QStringLiteral("title"), title}});
    }

    QList<TimelineEntry> all(const TimelineQuery& query, int pageSize)
    {
        QList<TimelineEntry> out;
        TimelineCursor cursor;
        QSqlDatabase conn = t.db->connection();
        for (int guard = 0; guard < 100; ++guard) {
            auto page = Timeline::standard().page(conn, query, cursor, pageSize);
            EXPECT_TRUE(page.ok()) << page.message().toStdString();
            if (!page.ok())
                break;
            EXPECT_LE(page->entries.size(), pageSize);
            out << page->entries;
            if (!page->more)
                break;
            cursor = page->next;
        }
        return out;
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<LeadScoreKeeper> keeper;
};

} // namespace

TEST_F(TimelineTest, MergesActivitiesAndScoreChangesNewestFirstPageByPage)
{
    submit(QStringLiteral("scoring_rule.set"), {{QStringLiteral("id"), newUuidV7()},
                                                {QStringLiteral("kind"), QStringLiteral("behaviour")},
                                                {QStringLiteral("label"), QStringLiteral("Calls")},
                                                {QStringLiteral("activityKind"), QStringLiteral("call")},
                                                {QStringLiteral("points"), 10}});
    const QString contact = newUuidV7();
    const QString lead = newUuidV7();
    submit(QStringLiteral("lead.create"),
           {{QStringLiteral("id"), lead},
            {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Ana")},
                                                   {QStringLiteral("contactId"), contact}}}});
    const qint64 t0 = clock.nowMs();
    // Several at the same millisecond, on the lead and on its contact.
    for (int i = 0; i < 7; ++i) {
        clock.advance(1000);
        log(QStringLiteral("lead"), lead, i % 2 ? QStringLiteral("call") : QStringLiteral("note"), t0 + (i / 3) * 1000,
            QStringLiteral("L%1").arg(i));
        log(QStringLiteral("contact"), contact, QStringLiteral("email"), t0 + (i / 3) * 1000,
            QStringLiteral("C%1").arg(i));
    }
    log(QStringLiteral("contact"), newUuidV7(), QStringLiteral("call"), t0, QStringLiteral("someone else"));

    TimelineQuery q{QStringLiteral("lead"), lead, {}};
    const QList<TimelineEntry> everything = all(q, 1000);
    // 14 activities, the first score and one change per logged call (3 calls).
    EXPECT_EQ(everything.size(), 14 + 1 + 3);
    for (qsizetype i = 1; i < everything.size(); ++i) {
        const auto& a = everything[i - 1];
        const auto& b = everything[i];
        EXPECT_TRUE(a.at > b.at || (a.at == b.at && a.key > b.key)) << i;
    }
    // Small pages give the same sequence: nothing lost or repeated at ties.
    for (int size : {1, 2, 3, 5}) {
        const QList<TimelineEntry> paged = all(q, size);
        ASSERT_EQ(paged.size(), everything.size()) << size;
        for (qsizetype i = 0; i < paged.size(); ++i)
            EXPECT_EQ(paged[i].key, everything[i].key) << size << " " << i;
    }
    // Filtered by kind.
    const QList<TimelineEntry> scores = all({QStringLiteral("lead"), lead, {QStringLiteral("score")}}, 2);
    EXPECT_EQ(scores.size(), 4);
    EXPECT_EQ(scores.first().title, QStringLiteral("Score 20 → 30"));
    const QList<TimelineEntry> calls = all({QStringLiteral("lead"), lead, {QStringLiteral("call")}}, 2);
    EXPECT_EQ(calls.size(), 3);
    // The contact's timeline shows its own activities and its lead's.
    EXPECT_EQ(all({QStringLiteral("contact"), contact, {}}, 4).size(), everything.size());
}
