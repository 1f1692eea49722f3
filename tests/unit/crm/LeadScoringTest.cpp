#include "activities/Activity.h"
#include "leads/Lead.h"
#include "leads/LeadScorer.h"
#include "leads/LeadScores.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QSignalSpy>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

constexpr qint64 kDay = 86'400'000;

ScoringRule fit(const QString& label, const QString& field, const QString& test, int points,
                const QString& value = {})
{
    ScoringRule r;
    r.id = newUuidV7();
    r.kind = QStringLiteral("fit");
    r.label = label;
    r.field = field;
    r.test = test;
    r.value = value;
    r.points = points;
    return r;
}

ScoringRule behaviour(const QString& label, const QString& kind, int points, int halfLife = 0, int window = 0,
                      int cap = 0)
{
    ScoringRule r;
    r.id = newUuidV7();
    r.kind = QStringLiteral("behaviour");
    r.label = label;
    r.activityKind = kind;
    r.points = points;
    r.halfLifeDays = halfLife;
    r.windowDays = window;
    r.maxPoints = cap;
    return r;
}

int sumOf(const LeadScore& s)
{
    int sum = 0;
    for (const ScoreLine& l : s.lines)
        sum += l.points;
    return sum;
}

qint8 kind(const char* k)
{
    return LeadScorer::kindIndex(QLatin1String(k));
}

} // namespace

TEST(LeadScorer, ExplanationLinesAddUpToTheScore)
{
    const qint64 now = 1'767'225'600'000;
    const ScoringModel model = ScoringModel::from(
        {fit(QStringLiteral("Has an e-mail address"), QStringLiteral("email"), QStringLiteral("present"), 10),
         fit(QStringLiteral("No phone"), QStringLiteral("phone"), QStringLiteral("missing"), -10),
         fit(QStringLiteral("Decision maker"), QStringLiteral("jobTitle"), QStringLiteral("contains"), 15,
             QStringLiteral("director")),
         behaviour(QStringLiteral("E-mails this week"), QStringLiteral("email"), 7, 0, 7),
         behaviour(QStringLiteral("Calls (halved every 10 days)"), QStringLiteral("call"), 10, 10),
         behaviour(QStringLiteral("Meetings"), QStringLiteral("meeting"), 30, 0, 0, 40)});
    const QHash<QString, QString> fields = {{QStringLiteral("email"), QStringLiteral("ana@example.org")},
                                            {QStringLiteral("jobTitle"), QStringLiteral("Sales Director")}};
    const std::vector<ActivityFact> acts = {
        {kind("email"), now - 1 * kDay},  {kind("email"), now - 2 * kDay},  {kind("email"), now - 3 * kDay},
        {kind("email"), now - 30 * kDay}, // outside the window
        {kind("call"), now - 10 * kDay},  // one half-life: 5
        {kind("call"), now - 20 * kDay},  // two: 2.5
        {kind("call"), now + kDay},       // in the future: does not count
        {kind("meeting"), now - kDay},    {kind("meeting"), now - 2 * kDay}, // 60, capped at 40
        {kind("note"), now - kDay}};
    const LeadScore s = LeadScorer::score(fields, acts, model, now);

    ASSERT_EQ(s.lines.size(), 6);
    EXPECT_EQ(s.lines[0].points, 10);
    EXPECT_EQ(s.lines[1].points, -10);
    EXPECT_EQ(s.lines[2].points, 15);
    EXPECT_EQ(s.lines[3].points, 21);
    EXPECT_EQ(s.lines[3].count, 3);
    EXPECT_EQ(s.lines[4].points, 8); // 5 + 2.5 = 7.5, rounded once
    EXPECT_EQ(s.lines[4].count, 2);
    EXPECT_EQ(s.lines[5].points, 40);
    EXPECT_EQ(s.score, sumOf(s));
    EXPECT_EQ(s.score, 84);
    EXPECT_EQ(s.behaviourPoints, 69);
    EXPECT_EQ(s.stage, QStringLiteral("sql")); // default thresholds 40 / 70
    EXPECT_EQ(LeadScore::describe(s.lines[1]), QStringLiteral("-10 No phone"));
    EXPECT_EQ(LeadScore::describe(s.lines[3]), QStringLiteral("+21 E-mails this week (3)"));

    // Deterministic: the same input and "now" give the same result; a later "now" decays the calls.
    EXPECT_EQ(LeadScorer::score(fields, acts, model, now).lines, s.lines);
    const LeadScore later = LeadScorer::score(fields, acts, model, now + 10 * kDay);
    EXPECT_EQ(later.score, sumOf(later));
    EXPECT_LT(later.score, s.score);
}

TEST(LeadScorer, ThresholdsAndDisabledRules)
{
    ScoringRule mql;
    mql.id = newUuidV7();
    mql.kind = QStringLiteral("threshold");
    mql.value = QStringLiteral("mql");
    mql.points = 10;
    ScoringRule sql = mql;
    sql.id = newUuidV7();
    sql.value = QStringLiteral("sql");
    sql.points = 20;
    ScoringRule off = fit(QStringLiteral("Off"), QStringLiteral("email"), QStringLiteral("present"), 100);
    off.enabled = false;
    const ScoringModel model = ScoringModel::from(
        {mql, sql, off, fit(QStringLiteral("E-mail"), QStringLiteral("email"), QStringLiteral("present"), 15)});
    const LeadScore s = LeadScorer::score({{QStringLiteral("email"), QStringLiteral("a@b.example")}}, {}, model, 1);
    EXPECT_EQ(s.score, 15);
    EXPECT_EQ(s.stage, QStringLiteral("mql"));
    EXPECT_EQ(LeadScorer::score({}, {}, model, 1).stage, QStringLiteral("new"));
}

namespace {

class LeadScoresTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
        keeper = std::make_unique<LeadScoreKeeper>(*t.db, clock);
        QObject::connect(engine.get(), &MutationEngine::changed, keeper.get(), &LeadScoreKeeper::apply);
        QObject::connect(keeper.get(), &LeadScoreKeeper::fullRescoreNeeded, keeper.get(),
                         [this] { ++fullRescores; });
    }

    void submit(const QString& name, const QJsonObject& args)
    {
        auto m = engine->submit(name, args);
        ASSERT_TRUE(m.ok()) << name.toStdString() << ": " << m.message().toStdString();
    }

    QString rule(const ScoringRule& r)
    {
        QJsonObject args = r.toJson();
        args.insert(QStringLiteral("id"), r.id);
        submit(QStringLiteral("scoring_rule.set"), args);
        return r.id;
    }

    QString lead(const QJsonObject& fields)
    {
        const QString id = newUuidV7();
        submit(QStringLiteral("lead.create"), {{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
        return id;
    }

    void log(const QString& subjectType, const QString& subjectId, const QString& kind, qint64 at)
    {
        submit(QStringLiteral("activity.log"), {{QStringLiteral("id"), newUuidV7()},
                                                {QStringLiteral("kind"), kind},
                                                {QStringLiteral("subjectType"), subjectType},
                                                {QStringLiteral("subjectId"), subjectId},
                                                {QStringLiteral("occurredAt"), at},
                                                {QStringLiteral("title"), QStringLiteral("Logged")}});
    }

    LeadScores::Stored score(const QString& leadId)
    {
        QSqlDatabase conn = t.db->connection();
        auto s = LeadScores::load(conn, leadId);
        EXPECT_TRUE(s.ok() && s->has_value());
        return s.ok() && s->has_value() ? s->value() : LeadScores::Stored{};
    }

    qint64 historyOf(const QString& leadId)
    {
        QSqlQuery q(t.db->connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM lead_score_history WHERE lead_id = ?"));
        q.addBindValue(leadId);
        q.exec();
        q.next();
        return q.value(0).toLongLong();
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<LeadScoreKeeper> keeper;
    int fullRescores = 0;
};

int sumOf(const LeadScores::Stored& s)
{
    int sum = 0;
    for (const ScoreLine& l : s.lines)
        sum += l.points;
    return sum;
}

} // namespace

TEST_F(LeadScoresTest, ScoresFollowActivitiesAndEditsAndKeepAHistory)
{
    rule(fit(QStringLiteral("No phone"), QStringLiteral("phone"), QStringLiteral("missing"), -10));
    rule(behaviour(QStringLiteral("Calls"), QStringLiteral("call"), 20));
    EXPECT_EQ(fullRescores, 2); // each rule edit asks for a full rescore
    const QString contactId = newUuidV7();
    const QString a = lead({{QStringLiteral("firstName"), QStringLiteral("Ana")}});
    const QString b = lead({{QStringLiteral("firstName"), QStringLiteral("Ben")},
                            {QStringLiteral("phone"), QStringLiteral("+49 30 1234567")},
                            {QStringLiteral("contactId"), contactId}});
    EXPECT_EQ(score(a).score, -10);
    EXPECT_EQ(score(b).score, 0);
    EXPECT_EQ(historyOf(a), 1);

    QSignalSpy changed(keeper.get(), &LeadScoreKeeper::scoresChanged);
    log(QStringLiteral("lead"), a, QStringLiteral("call"), clock.nowMs() - kDay);
    EXPECT_EQ(score(a).score, 10);
    EXPECT_EQ(score(a).score, sumOf(score(a)));
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).toStringList(), QStringList{a});

    // An activity on the linked contact counts for the lead; one on another contact does not.
    log(QStringLiteral("contact"), contactId, QStringLiteral("call"), clock.nowMs() - kDay);
    log(QStringLiteral("contact"), newUuidV7(), QStringLiteral("call"), clock.nowMs() - kDay);
    EXPECT_EQ(score(b).score, 20);

    // An edit of the lead rescores it.
    submit(QStringLiteral("lead.update"),
           {{QStringLiteral("id"), a}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("phone"), QStringLiteral("0301234")}}}});
    EXPECT_EQ(score(a).score, 20);
    EXPECT_EQ(score(a).lines.size(), 1);
    EXPECT_EQ(historyOf(a), 3); // first score, the call, the phone

    // Deleting the activity takes its points away again.
    QSqlQuery q(t.db->connection());
    q.exec(QStringLiteral("SELECT id FROM activities WHERE subject_id = '%1'").arg(a));
    ASSERT_TRUE(q.next());
    submit(QStringLiteral("activity.delete"), {{QStringLiteral("id"), q.value(0).toString()}});
    EXPECT_EQ(score(a).score, 0);
}

TEST_F(LeadScoresTest, ARuleEditRescoresTheAffectedLeadsAndOnlyThem)
{
    ScoringRule phone = fit(QStringLiteral("Has a phone"), QStringLiteral("phone"), QStringLiteral("present"), 10);
    rule(phone);
    rule(fit(QStringLiteral("Has an e-mail"), QStringLiteral("email"), QStringLiteral("present"), 5));
    const QString withPhone = lead({{QStringLiteral("firstName"), QStringLiteral("Ana")},
                                    {QStringLiteral("phone"), QStringLiteral("+33 1 23 45 67 89")}});
    const QString withEmail = lead({{QStringLiteral("firstName"), QStringLiteral("Ben")},
                                    {QStringLiteral("email"), QStringLiteral("ben@example.org")}});
    const QString both = lead({{QStringLiteral("firstName"), QStringLiteral("Cleo")},
                               {QStringLiteral("email"), QStringLiteral("cleo@example.org")},
                               {QStringLiteral("phone"), QStringLiteral("+33 1 98 76 54 32")}});
    EXPECT_EQ(score(withPhone).score, 10);
    EXPECT_EQ(score(withEmail).score, 5);
    EXPECT_EQ(score(both).score, 15);

    clock.advance(kDay);
    phone.points = 25;
    const int before = fullRescores;
    rule(phone);
    EXPECT_EQ(fullRescores, before + 1);
    QSqlDatabase conn = t.db->connection();
    qint64 reported = 0;
    auto all = LeadScores::rescoreAll(conn, clock.nowMs(), QLatin1String(LeadScores::kCauseRules),
                                      [&](qint64 done, qint64 total) {
                                          reported = done;
                                          EXPECT_EQ(total, 3);
                                          return true;
                                      });
    ASSERT_TRUE(all.ok()) << all.message().toStdString();
    EXPECT_EQ(all->scanned, 3);
    EXPECT_EQ(all->changed, 2);
    EXPECT_EQ(reported, 3);
    EXPECT_EQ(score(withPhone).score, 25);
    EXPECT_EQ(score(both).score, 30);
    EXPECT_EQ(score(withEmail).score, 5);
    EXPECT_EQ(score(withEmail).scoredAt, clock.nowMs() - kDay); // untouched
    EXPECT_EQ(historyOf(withPhone), 2);
    EXPECT_EQ(historyOf(both), 2);
    EXPECT_EQ(historyOf(withEmail), 1);
    for (const QString& id : {withPhone, withEmail, both})
        EXPECT_EQ(score(id).score, sumOf(score(id)));
}

TEST_F(LeadScoresTest, ACancelledRescoreChangesNothing)
{
    ScoringRule phone = fit(QStringLiteral("Has a phone"), QStringLiteral("phone"), QStringLiteral("present"), 10);
    rule(phone);
    const QString id = lead({{QStringLiteral("firstName"), QStringLiteral("Ana")},
                             {QStringLiteral("phone"), QStringLiteral("+33 1 23 45 67 89")}});
    phone.points = 50;
    rule(phone);
    QSqlDatabase conn = t.db->connection();
    auto all = LeadScores::rescoreAll(conn, clock.nowMs(), QLatin1String(LeadScores::kCauseRules),
                                      [](qint64, qint64) { return false; });
    ASSERT_FALSE(all.ok());
    EXPECT_EQ(all.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(score(id).score, 10);
    EXPECT_EQ(historyOf(id), 1);
}

TEST_F(LeadScoresTest, ThresholdsMoveOpenLeadsButNotHandSetOrClosedOnes)
{
    rule(behaviour(QStringLiteral("Meetings"), QStringLiteral("meeting"), 30));
    const QString a = lead({{QStringLiteral("firstName"), QStringLiteral("Ana")}});
    const QString b = lead({{QStringLiteral("firstName"), QStringLiteral("Ben")}});
    EXPECT_EQ(score(a).status, QStringLiteral("new"));
    log(QStringLiteral("lead"), a, QStringLiteral("meeting"), clock.nowMs() - 1000);
    log(QStringLiteral("lead"), a, QStringLiteral("meeting"), clock.nowMs() - 1000);
    EXPECT_EQ(score(a).status, QStringLiteral("mql")); // 60: default thresholds 40 / 70
    log(QStringLiteral("lead"), a, QStringLiteral("meeting"), clock.nowMs() - 1000);
    EXPECT_EQ(score(a).status, QStringLiteral("sql"));

    submit(QStringLiteral("lead.qualify"), {{QStringLiteral("id"), b}, {QStringLiteral("status"), QStringLiteral("sql")}});
    EXPECT_EQ(score(b).status, QStringLiteral("sql"));
    submit(QStringLiteral("lead.qualify"), {{QStringLiteral("id"), b}, {QStringLiteral("status"), QStringLiteral("auto")}});
    EXPECT_EQ(score(b).status, QStringLiteral("new"));
    submit(QStringLiteral("lead.disqualify"),
           {{QStringLiteral("id"), a}, {QStringLiteral("reason"), QStringLiteral("No budget")}});
    EXPECT_EQ(score(a).status, QStringLiteral("disqualified"));
    EXPECT_EQ(score(a).score, 90); // the score stays, the status does not follow it
}
