#include "CommissionTestSupport.h"

#include <gtest/gtest.h>

using namespace outpost::commissions;
using namespace outpost::commissions::test;

namespace {

// Parses `json` after applying `edit` to the valid example plan, and returns the error message.
std::string errorFor(const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject plan = examplePlanJson();
    edit(plan);
    const auto parsed = CommissionPlan::fromJson(plan);
    if (parsed.ok())
        return "(parsed)";
    return parsed.message().toStdString();
}

QJsonObject child(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toObject();
}

TEST(CommissionPlanTest, ParsesTheExamplePlanAndExpandsPercentagesByRank)
{
    const auto parsed = CommissionPlan::fromJson(examplePlanJson());
    ASSERT_TRUE(parsed.ok()) << parsed.message().toStdString();
    const CommissionPlan& plan = parsed.value();
    EXPECT_EQ(plan.currency, QStringLiteral("EUR"));
    ASSERT_EQ(plan.rankCount(), 3);
    EXPECT_EQ(plan.rankIndex(QStringLiteral("silver")), 1);
    EXPECT_EQ(plan.ranks[2].legsRequired, 2);
    EXPECT_EQ(plan.ranks[2].legRank, 1);
    EXPECT_EQ(plan.unilevelTree, outpost::GenealogyTree::Placement);
    ASSERT_EQ(plan.levelCount(), 3);
    // Level 1: 5 % for everyone; level 2: 4 % from bronze; level 3: 3 % from silver, 5 % for gold.
    EXPECT_EQ(plan.unilevelPercent(0, kNoRank), 500);
    EXPECT_EQ(plan.unilevelPercent(0, 2), 500);
    EXPECT_EQ(plan.unilevelPercent(1, kNoRank), 0);
    EXPECT_EQ(plan.unilevelPercent(1, 0), 400);
    EXPECT_EQ(plan.unilevelPercent(2, 0), 0);
    EXPECT_EQ(plan.unilevelPercent(2, 1), 300);
    EXPECT_EQ(plan.unilevelPercent(2, 2), 500);
    EXPECT_EQ(plan.fastStartBp, 1000);
    EXPECT_EQ(plan.fastStartDays, 30);
    EXPECT_EQ(plan.generationRank, 1);
    ASSERT_EQ(plan.generationCount(), 2);
    EXPECT_EQ(plan.matchingPercent(0, 0), 0);
    EXPECT_EQ(plan.matchingPercent(0, 1), 1000);
    EXPECT_EQ(plan.matchingPercent(1, 1), 0);
    EXPECT_EQ(plan.matchingPercent(1, 2), 500);
    // U = 5 + 4 + 5 = 14 %, F = 10 %, M = 15 %: 24 % + 14 % × 15 % = 26.1 % ≤ 30 %.
    EXPECT_EQ(plan.worstCasePayoutBpScaled(), 10000LL * (1400 + 1000) + 1400LL * 1500);
    EXPECT_EQ(plan.compressionMinPv, 50);
    EXPECT_TRUE(plan.compressInactive);
}

TEST(CommissionPlanTest, ErrorsNameTheBadField)
{
    EXPECT_EQ(errorFor([](QJsonObject& p) {
                  QJsonObject uni = child(p, "unilevel");
                  QJsonArray levels = uni.value(QLatin1String("levels")).toArray();
                  QJsonObject l2 = levels.at(2).toObject();
                  l2[QLatin1String("percentBp")] = 12000;
                  levels[2] = l2;
                  uni[QLatin1String("levels")] = levels;
                  p[QLatin1String("unilevel")] = uni;
              }),
              "unilevel.levels[2].percentBp must be between 0 and 10000");
    EXPECT_EQ(errorFor([](QJsonObject& p) { p.remove(QLatin1String("currency")); }), "currency is required");
    EXPECT_EQ(errorFor([](QJsonObject& p) { p[QLatin1String("currency")] = QStringLiteral("euro"); }),
              "currency must be a three-letter ISO 4217 code such as EUR");
    EXPECT_EQ(errorFor([](QJsonObject& p) {
                  QJsonArray ranks = p.value(QLatin1String("ranks")).toArray();
                  QJsonObject gold = ranks.at(2).toObject();
                  gold[QLatin1String("legs")] = QJsonObject{{QStringLiteral("count"), 2}, {QStringLiteral("rank"), QStringLiteral("platinum")}};
                  ranks[2] = gold;
                  p[QLatin1String("ranks")] = ranks;
              }),
              "ranks[2].legs.rank names the unknown rank \"platinum\"");
    EXPECT_EQ(errorFor([](QJsonObject& p) {
                  QJsonArray ranks = p.value(QLatin1String("ranks")).toArray();
                  QJsonObject r1 = ranks.at(1).toObject();
                  r1[QLatin1String("id")] = QStringLiteral("bronze");
                  ranks[1] = r1;
                  p[QLatin1String("ranks")] = ranks;
              }),
              "ranks[1].id \"bronze\" is used by an earlier rank");
    EXPECT_EQ(errorFor([](QJsonObject& p) {
                  QJsonArray ranks = p.value(QLatin1String("ranks")).toArray();
                  QJsonObject r1 = ranks.at(1).toObject();
                  r1[QLatin1String("minGv")] = 10.5;
                  ranks[1] = r1;
                  p[QLatin1String("ranks")] = ranks;
              }),
              "ranks[1].minGv must be a whole number");
    EXPECT_EQ(errorFor([](QJsonObject& p) {
                  QJsonObject uni = child(p, "unilevel");
                  uni[QLatin1String("tree")] = QStringLiteral("binary");
                  p[QLatin1String("unilevel")] = uni;
              }),
              "unilevel.tree must be \"placement\" or \"sponsor\"");
    EXPECT_EQ(errorFor([](QJsonObject& p) {
                  QJsonObject fs = child(p, "fastStart");
                  fs[QLatin1String("days")] = 0;
                  p[QLatin1String("fastStart")] = fs;
              }),
              "fastStart.days must be between 1 and 3660");
    EXPECT_EQ(errorFor([](QJsonObject& p) {
                  QJsonObject m = child(p, "matching");
                  QJsonArray gens = m.value(QLatin1String("generations")).toArray();
                  QJsonObject g0 = gens.at(0).toObject();
                  g0[QLatin1String("minRank")] = QStringLiteral("bronze");
                  gens[0] = g0;
                  m[QLatin1String("generations")] = gens;
                  p[QLatin1String("matching")] = m;
              }),
              "matching.generations[0] pays Bronze, which is below matching.generationRank (silver); set "
              "matching.generations[0].minRank to silver or higher");
    EXPECT_EQ(errorFor([](QJsonObject& p) {
                  QJsonObject uni = child(p, "unilevel");
                  QJsonArray levels = uni.value(QLatin1String("levels")).toArray();
                  QJsonObject l0 = levels.at(0).toObject();
                  l0[QLatin1String("byRank")] = QJsonObject{{QStringLiteral("gold"), -5}};
                  levels[0] = l0;
                  uni[QLatin1String("levels")] = levels;
                  p[QLatin1String("unilevel")] = uni;
              }),
              "unilevel.levels[0].byRank.gold must be between 0 and 10000");
    EXPECT_EQ(errorFor([](QJsonObject& p) { p.remove(QLatin1String("unilevel")); }), "unilevel is required");
}

TEST(CommissionPlanTest, RejectsAPlanThatCouldPayMoreThanTheGuaranteedMaximum)
{
    // 26.1 % worst case; a 26 % maximum is too low, 26.1 % is exactly enough.
    const std::string tooLow = errorFor([](QJsonObject& p) { p[QLatin1String("maxPayoutBp")] = 2600; });
    EXPECT_EQ(tooLow, "maxPayoutBp: the plan can pay up to 26.10 % of an order's CV (unilevel, fast start and "
                      "matching at their highest rates), more than the guaranteed maximum of 26.00 %; lower the "
                      "percentages or raise maxPayoutBp");
    EXPECT_EQ(errorFor([](QJsonObject& p) { p[QLatin1String("maxPayoutBp")] = 2610; }), "(parsed)");
}

TEST(CommissionPlanTest, RejectsInvalidJsonText)
{
    const auto parsed = CommissionPlan::fromJson(QByteArrayLiteral("{ \"currency\": "));
    ASSERT_FALSE(parsed.ok());
    EXPECT_TRUE(parsed.message().startsWith(QStringLiteral("The commission plan is not valid JSON")));
}

} // namespace
