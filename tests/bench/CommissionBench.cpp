// The pure commission computation (CommissionEngine::run) on generated periods held in memory:
// 100,000 distributors with 1,000,000 order lines, and 1,000,000 distributors with 10,000,000 order lines.
// Trees have a realistic shape: a few very wide nodes, long thin legs (depth past 100), random spillover
// placement; statuses 75 % active. Reports the run time and the peak RSS (VmHWM, reset before each case
// through /proc/self/clear_refs, so it covers the input held in memory plus the run).
#include "ProcStatus.h"
#include "commissions/CommissionEngine.h"

#include <QFile>
#include <QJsonDocument>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <memory>
#include <random>

using namespace outpost::commissions;

namespace {

constexpr qint64 kPeriodStart = 1'740'787'200'000LL; // 2025-03-01T00:00Z
constexpr qint64 kPeriodEnd = 1'743'465'600'000LL;   // 2025-04-01T00:00Z
constexpr qint64 kDay = 86'400'000LL;

// A plan of realistic size: 6 ranks, 7 unilevel levels, 3 matching generations.
const char* const kPlan = R"({
  "currency": "EUR", "maxPayoutBp": 6000,
  "qualification": { "legVolumeCap": 40000 },
  "ranks": [
    { "id": "member", "minPv": 50 },
    { "id": "bronze", "minPv": 100 },
    { "id": "silver", "minPv": 100, "minGv": 1000, "maxLegShareBp": 6000 },
    { "id": "gold", "minPv": 100, "minGv": 3000, "maxLegShareBp": 5000, "legs": { "count": 2, "rank": "silver" } },
    { "id": "platinum", "minPv": 150, "minGv": 10000, "maxLegShareBp": 4000, "legs": { "count": 3, "rank": "gold" } },
    { "id": "diamond", "minPv": 200, "minGv": 50000, "maxLegShareBp": 3000, "legs": { "count": 4, "rank": "platinum" } }
  ],
  "compression": { "skipInactive": true, "minPv": 50 },
  "unilevel": { "tree": "placement", "levels": [
    { "percentBp": 500 }, { "percentBp": 500, "minRank": "bronze" }, { "percentBp": 400, "minRank": "silver" },
    { "percentBp": 300, "minRank": "gold" }, { "percentBp": 300, "minRank": "platinum" },
    { "percentBp": 200, "minRank": "platinum" }, { "percentBp": 200, "minRank": "diamond" } ] },
  "fastStart": { "percentBp": 1000, "days": 30 },
  "matching": { "generationRank": "silver", "generations": [
    { "percentBp": 1000, "minRank": "silver" }, { "percentBp": 500, "minRank": "gold" },
    { "percentBp": 500, "minRank": "platinum" } ] }
})";

const CommissionPlan& benchPlan()
{
    static const CommissionPlan plan = [] {
        auto parsed = CommissionPlan::fromJson(QByteArray(kPlan));
        if (!parsed.ok()) {
            std::fprintf(stderr, "bench plan: %s\n", qPrintable(parsed.message()));
            std::abort();
        }
        return parsed.value();
    }();
    return plan;
}

PeriodInput generate(qint32 n, qint64 orderLines, quint64 seed)
{
    std::mt19937_64 rng(seed);
    const auto uniform = [&](qint64 lo, qint64 hi) { return std::uniform_int_distribution<qint64>(lo, hi)(rng); };
    PeriodInput in;
    in.periodStart = kPeriodStart;
    in.periodEnd = kPeriodEnd;
    in.distributors.resize(size_t(n));
    const qint32 wideCount = 5;
    const qint32 legCount = 20;
    std::vector<qint32> wide;
    for (qint32 i = 0; i < n; ++i) {
        DistributorInput& d = in.distributors[size_t(i)];
        d.rid = i + 1;
        const qint64 s = uniform(0, 99);
        d.status = s < 75 ? DistributorStatus::Active : s < 92 ? DistributorStatus::Inactive : DistributorStatus::Terminated;
        d.joinDate = kPeriodStart - uniform(-25, 1500) * kDay;
        if (i == 0)
            continue;
        qint32 sponsor;
        if (i <= wideCount) {
            sponsor = 0;
            wide.push_back(i);
        } else if (i <= wideCount + legCount * 150) {
            // Long thin legs of 150 under the wide nodes: depth past 150.
            const qint32 k = i - wideCount - 1;
            sponsor = k % 150 == 0 ? wide[size_t((k / 150) % wideCount)] : i - 1;
        } else {
            const qint64 r = uniform(0, 99);
            if (r < 8)
                sponsor = wide[size_t(uniform(0, wideCount - 1))]; // very wide nodes (~16,000 children each)
            else if (r < 60)
                sponsor = qint32(uniform(std::max<qint64>(1, i - 50), i - 1)); // recent: deep, team-like chains
            else
                sponsor = qint32(uniform(1, i - 1));
        }
        d.sponsor = sponsor;
        d.placement = uniform(0, 99) < 80 ? sponsor : qint32(uniform(std::max<qint64>(0, sponsor), i - 1));
    }
    // Orders: ~70 % of distributors buy; 1–7 lines per order (4 on average) until the line budget is spent.
    // The engine takes each order's sums; the line count only shapes the orders.
    in.orders.reserve(size_t(orderLines / 4 + 16));
    qint64 orderId = 1;
    for (qint64 lines = 0; lines < orderLines;) {
        OrderInput o;
        o.id = orderId++;
        o.distributor = qint32(uniform(0, qint64(n) * 10 / 7)) % n;
        o.date = kPeriodStart + uniform(0, kPeriodEnd - kPeriodStart - 1);
        for (qint64 l = std::min<qint64>(uniform(1, 7), orderLines - lines); l > 0; --l, ++lines) {
            o.cv += uniform(500, 6000);
            o.pv += qint32(uniform(5, 60));
        }
        in.orders.push_back(o);
    }
    return in;
}

struct Case
{
    qint32 distributors;
    qint64 lines;
};

const PeriodInput& inputFor(const Case& c)
{
    static std::map<qint32, std::unique_ptr<PeriodInput>> cache;
    auto& slot = cache[c.distributors];
    if (!slot) {
        cache.clear(); // keep one period in memory at a time
        auto& fresh = cache[c.distributors];
        fresh = std::make_unique<PeriodInput>(generate(c.distributors, c.lines, 42));
        return *fresh;
    }
    return *slot;
}

void BM_CommissionRun(benchmark::State& state)
{
    const Case c{qint32(state.range(0)), state.range(1)};
    const LineDetail detail = state.range(2) ? LineDetail::PerOrder : LineDetail::Summary;
    const PeriodInput& input = inputFor(c);
    const CommissionPlan& plan = benchPlan();
    outpost::bench::resetPeakRss();
    const double inputRss = outpost::bench::procStatusMiB("VmRSS"); // the process with its input, before the runs
    const double cpuStart = outpost::bench::processCpuSeconds();
    size_t lines = 0;
    Money paid = 0;
    for (auto _ : state) {
        auto result = CommissionEngine::run(plan, input, {detail});
        if (!result.ok()) {
            state.SkipWithError(qPrintable(result.message()));
            return;
        }
        lines = result->lines.size();
        paid = result->totalPaid;
        benchmark::DoNotOptimize(paid);
    }
    state.counters["distributors"] = double(c.distributors);
    state.counters["order_lines"] = double(c.lines);
    state.counters["orders"] = double(input.orders.size());
    state.counters["payout_lines"] = double(lines);
    state.counters["peak_rss_MB"] = outpost::bench::procStatusMiB("VmHWM");
    state.counters["input_rss_MB"] = inputRss;
    state.counters["cpu_s"] = (outpost::bench::processCpuSeconds() - cpuStart) / double(state.iterations());
    state.counters["load_avg"] = outpost::bench::loadAverage();
    state.SetLabel(detail == LineDetail::PerOrder ? "per-order lines" : "summary lines");
}

// The what-if comparison: run twice and compare digests (the preview's "unchanged" check).
void BM_CommissionDigest(benchmark::State& state)
{
    const PeriodInput& input = inputFor({qint32(state.range(0)), state.range(1)});
    auto result = CommissionEngine::run(benchPlan(), input, {LineDetail::Summary});
    for (auto _ : state)
        benchmark::DoNotOptimize(result->digest());
    state.counters["payout_lines"] = double(result->lines.size());
}

BENCHMARK(BM_CommissionRun)->Args({100'000, 1'000'000, 0})->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CommissionRun)->Args({100'000, 1'000'000, 1})->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CommissionDigest)->Args({100'000, 1'000'000})->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CommissionRun)->Args({1'000'000, 10'000'000, 0})->Iterations(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CommissionDigest)->Args({1'000'000, 10'000'000})->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
