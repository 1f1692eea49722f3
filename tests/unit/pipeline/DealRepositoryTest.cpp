#include "PipelineTestSupport.h"

#include "pipeline/DealRepository.h"

#include <QDateTime>

using namespace outpost;
using namespace outpost::test;
namespace dp = outpost::defaultpipeline;

namespace {

qint64 utc(int y, int m, int d, int h = 12)
{
    return QDateTime(QDate(y, m, d), QTime(h, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

class DealRepositoryTest : public PipelineFixture
{
};

TEST_F(DealRepositoryTest, BoardColumnsPageInCreationOrderWithTotalsPerCurrency)
{
    QStringList ids;
    for (int i = 0; i < 7; ++i)
        ids << createDeal(QStringLiteral("Deal %1").arg(i), 1000 * (i + 1), i % 2 ? QStringLiteral("USD") : QStringLiteral("EUR"),
                          dp::kProposal);
    createDeal(QStringLiteral("Elsewhere"), 1, QStringLiteral("EUR"), dp::kQualification);
    DealRepository repo(*t.db);
    auto first = repo.dealsInStage(dp::kProposal, 0, 3);
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->size(), 3);
    auto rest = repo.dealsInStage(dp::kProposal, first->last().rid, 100);
    ASSERT_EQ(rest->size(), 4);
    QStringList seen;
    for (const auto& c : first.value() + rest.value())
        seen << c.deal.id;
    EXPECT_EQ(seen, ids);
    auto totals = repo.stageTotals(dp::kProposal);
    ASSERT_TRUE(totals.ok());
    EXPECT_EQ(totals->count, 7);
    ASSERT_EQ(totals->byCurrency.size(), 2);
    EXPECT_EQ(totals->byCurrency[0].currency, QStringLiteral("EUR"));
    EXPECT_EQ(totals->byCurrency[0].amountMinor, 1000 + 3000 + 5000 + 7000);
    EXPECT_EQ(totals->byCurrency[1].amountMinor, 2000 + 4000 + 6000);
}

TEST_F(DealRepositoryTest, ForecastWeighsOpenDealsByStageProbabilityPerMonthAndCurrency)
{
    // Qualification 10 %, Proposal 50 %, Negotiation 75 %.
    createDeal(QStringLiteral("a"), 10000, QStringLiteral("EUR"), dp::kQualification, utc(2026, 3, 5));
    createDeal(QStringLiteral("b"), 20000, QStringLiteral("EUR"), dp::kProposal, utc(2026, 3, 31, 23));
    createDeal(QStringLiteral("c"), 999, QStringLiteral("USD"), dp::kNegotiation, utc(2026, 3, 10));
    createDeal(QStringLiteral("d"), 40000, QStringLiteral("EUR"), dp::kNegotiation, utc(2026, 4, 1, 0));
    createDeal(QStringLiteral("no date"), 5000, QStringLiteral("EUR"), dp::kProposal);
    const QString won = createDeal(QStringLiteral("won"), 77777, QStringLiteral("EUR"), dp::kProposal, utc(2026, 3, 6));
    mustSubmit(QStringLiteral("deal.win"), {{QStringLiteral("id"), won}});

    DealRepository repo(*t.db);
    auto rows = repo.forecast(QString(), QTimeZone::utc());
    ASSERT_TRUE(rows.ok()) << rows.message().toStdString();
    ASSERT_EQ(rows->size(), 4);
    const auto& mar = rows->at(0);
    EXPECT_EQ(mar.month, QDate(2026, 3, 1));
    EXPECT_EQ(mar.currency, QStringLiteral("EUR"));
    EXPECT_EQ(mar.deals, 2); // the won deal is not forecast
    EXPECT_EQ(mar.amountMinor, 30000);
    EXPECT_EQ(mar.weightedMinor, 1000 + 10000);
    EXPECT_EQ(rows->at(1).currency, QStringLiteral("USD"));
    EXPECT_EQ(rows->at(1).weightedMinor, 749); // 999 × 0.75 = 749.25
    EXPECT_EQ(rows->at(2).month, QDate(2026, 4, 1));
    EXPECT_EQ(rows->at(2).weightedMinor, 30000);
    EXPECT_FALSE(rows->at(3).month.isValid()); // without a close date, last
    EXPECT_EQ(rows->at(3).weightedMinor, 2500);

    // Months are the user's: 23:00 UTC on 31 March is already April in Berlin (UTC+2 in summer time).
    auto berlin = repo.forecast(QString(), QTimeZone("Europe/Berlin"));
    ASSERT_TRUE(berlin.ok());
    EXPECT_EQ(berlin->at(0).amountMinor, 10000);
    EXPECT_EQ(berlin->at(2).month, QDate(2026, 4, 1));
    EXPECT_EQ(berlin->at(2).amountMinor, 60000);

    auto otherPipeline = repo.forecast(newUuidV7(), QTimeZone::utc());
    ASSERT_TRUE(otherPipeline.ok());
    EXPECT_TRUE(otherPipeline->isEmpty());
}

TEST_F(DealRepositoryTest, ListFiltersSortsAndCounts)
{
    createDeal(QStringLiteral("Alpha 50% off"), 300, QStringLiteral("EUR"), dp::kQualification, utc(2026, 5, 1));
    createDeal(QStringLiteral("beta"), 100, QStringLiteral("EUR"), dp::kProposal, utc(2026, 2, 1));
    const QString gamma = createDeal(QStringLiteral("Gamma"), 200, QStringLiteral("EUR"), dp::kProposal);
    mustSubmit(QStringLiteral("deal.lose"), {{QStringLiteral("id"), gamma}, {QStringLiteral("reason"), QStringLiteral("budget")}});
    DealRepository repo(*t.db);
    auto titles = [&](const DealRepository::ListQuery& q) {
        QStringList out;
        auto rows = repo.listDeals(q, 0, 100);
        EXPECT_TRUE(rows.ok()) << rows.message().toStdString();
        for (const auto& r : rows.value())
            out << r.deal.title;
        return out;
    };
    DealRepository::ListQuery q;
    q.sort = DealRepository::SortKey::Title;
    q.descending = false;
    EXPECT_EQ(titles(q), (strings({"Alpha 50% off", "beta", "Gamma"})));
    q.sort = DealRepository::SortKey::Amount;
    EXPECT_EQ(titles(q), (strings({"beta", "Gamma", "Alpha 50% off"})));
    q.sort = DealRepository::SortKey::CloseDate;
    EXPECT_EQ(titles(q), (strings({"beta", "Alpha 50% off", "Gamma"})));
    q.descending = true;
    EXPECT_EQ(titles(q), (strings({"Alpha 50% off", "beta", "Gamma"}))); // no date stays last
    q.status = DealRepository::ListQuery::Status::Open;
    EXPECT_EQ(repo.countDeals(q).value(), 2);
    q.status = DealRepository::ListQuery::Status::Lost;
    EXPECT_EQ(titles(q), strings({"Gamma"}));
    q.status = DealRepository::ListQuery::Status::Any;
    q.text = QStringLiteral("50%");
    EXPECT_EQ(titles(q), strings({"Alpha 50% off"})); // % is matched literally
    q.text = QStringLiteral("ALPHA");
    EXPECT_EQ(repo.countDeals(q).value(), 1);
    auto page = repo.listDeals({}, 1, 1);
    ASSERT_EQ(page->size(), 1);
}

} // namespace
