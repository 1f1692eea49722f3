// Genealogy at scale in an encrypted profile: OUTPOST_BENCH_DISTRIBUTORS (default 1,000,000) distributors
// bulk-loaded once: a company root, a long thin leg (a chain OUTPOST_BENCH_LEG_DEPTH deep, default 200), a
// team of OUTPOST_BENCH_TEAM (default 100,000) under one leader at depth 1, and the rest a bushy tree with
// five very wide hubs. Placement = sponsor. Then (issue 4's targets):
//   MoveSubtree/down   the team (closure update) from depth 1 to the bottom of the long leg   ≤ 10 s
//   MoveSubtree/up     and back to the root
//   ExpandNode         GenealogyTreeModel::fetchMore of one node (random nodes and the hubs)  ≤ 50 ms
//   Upline             the upline of the node at the bottom of the long leg                   ≤ 5 ms
//   SearchAndReveal    name search + GenealogyTreeModel::reveal of a random distributor       ≤ 100 ms
//   DownlineFigures    size and depth of the root's downline (cached: one row)
//   LevelCounts        people per level of the root's downline (the background walk)
#include "ProcStatus.h"

#include "demo/DemoDataGenerator.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "genealogy/GenealogyRepository.h"
#include "genealogy/GenealogyTreeModel.h"
#include "mutations/MutationEngine.h"
#include "profile/ProfileInfo.h"
#include "profile/Workspace.h"
#include "util/Uuid.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace outpost;
using namespace outpost::bench;

namespace {

int envInt(const char* name, int fallback)
{
    const int v = qEnvironmentVariableIntValue(name);
    return v > 0 ? v : fallback;
}

struct Bench
{
    QTemporaryDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<GenealogyRepository> repo;
    int n = 0;
    qint64 rootRid = 0, legBottomRid = 0, teamHeadRid = 0;
    QString rootId, legBottomId, teamHeadId;
    std::vector<qint64> hubRids;
    double loadSeconds = 0;
    qint64 closureRows = 0;
};

Bench* g_bench = nullptr;

Bench& bench()
{
    if (g_bench)
        return *g_bench;
    g_bench = new Bench;
    Bench& b = *g_bench;
    b.n = envInt("OUTPOST_BENCH_DISTRIBUTORS", 1'000'000);
    const int legDepth = envInt("OUTPOST_BENCH_LEG_DEPTH", 200);
    const int team = std::min(envInt("OUTPOST_BENCH_TEAM", 100'000), b.n / 2);
    ProfileInfo info;
    info.dir = b.dir.path();
    info.id = newUuidV7();
    info.name = QStringLiteral("genealogy-bench");
    auto ws = Workspace::open(info, SecretBytes::random(32), Database::OpenMode::CreateNew);
    if (!ws) {
        std::fprintf(stderr, "cannot create bench profile: %s\n", qPrintable(ws.message()));
        std::abort();
    }
    b.workspace = std::move(ws.value());

    // Layout by position: 0 root; 1..legDepth the leg; then the team (its head first); then the rest.
    const DemoDataGenerator names(5);
    std::mt19937_64 rng(42);
    QList<NewDistributor> batch;
    batch.reserve(b.n);
    const int legFirst = 1, teamFirst = legFirst + legDepth, restFirst = teamFirst + team;
    for (int i = 0; i < b.n; ++i) {
        NewDistributor d;
        const DemoContact c = names.contact(i);
        d.fields.id = newUuidV7();
        d.fields.displayName = c.firstName + QLatin1Char(' ') + c.lastName;
        d.fields.joinDate = 1'600'000'000'000 + qint64(i) * 1000;
        d.fields.status = rng() % 4 == 0 ? QStringLiteral("inactive") : QStringLiteral("active");
        int parent = -1;
        if (i == 0)
            parent = -1;
        else if (i < teamFirst)
            parent = i == legFirst ? 0 : i - 1;
        else if (i == teamFirst)
            parent = 0;
        else if (i < restFirst)
            parent = teamFirst + int(rng() % quint64(i - teamFirst)); // random recursive tree under the head
        else if (i < restFirst + 5)
            parent = 0; // the five hubs
        else if (rng() % 10 == 0)
            parent = restFirst + int(rng() % 5);
        else
            parent = restFirst + int(rng() % quint64(i - restFirst)); // random recursive tree
        d.sponsorIndex = parent;
        d.placementIndex = parent;
        batch.append(std::move(d));
    }
    QElapsedTimer t;
    t.start();
    GenealogyBulkLoader loader(b.workspace->database(), QStringLiteral("bench"));
    auto loaded = loader.load(batch, 1'700'000'000'000);
    if (!loaded) {
        std::fprintf(stderr, "cannot load: %s\n", qPrintable(loaded.message()));
        std::abort();
    }
    (void)b.workspace->database().checkpoint();
    b.loadSeconds = double(t.nsecsElapsed()) / 1e9;
    b.closureRows = loader.closureRows();
    b.repo = std::make_unique<GenealogyRepository>(b.workspace->database());
    auto ridOf = [&](int position) { return b.repo->find(batch.at(position).fields.id).value()->rid; };
    b.rootRid = ridOf(0);
    b.rootId = batch.at(0).fields.id;
    b.legBottomRid = ridOf(teamFirst - 1);
    b.legBottomId = batch.at(teamFirst - 1).fields.id;
    b.teamHeadRid = ridOf(teamFirst);
    b.teamHeadId = batch.at(teamFirst).fields.id;
    for (int h = 0; h < 5; ++h)
        b.hubRids.push_back(ridOf(restFirst + h));
    std::fprintf(stderr, "loaded %d distributors (%lld closure rows) in %.1f s\n", b.n,
                 static_cast<long long>(b.closureRows), b.loadSeconds);
    return b;
}

void report(benchmark::State& state, std::vector<double> ms, double cpuSecondsUsed)
{
    state.counters["cpu_mean_ms"] = ms.empty() ? 0 : cpuSecondsUsed * 1000 / double(ms.size());
    std::sort(ms.begin(), ms.end());
    auto at = [&](double p) { return ms[std::min(ms.size() - 1, size_t(p * double(ms.size())))]; };
    state.counters["p50_ms"] = at(0.5);
    state.counters["p95_ms"] = at(0.95);
    state.counters["max_ms"] = ms.back();
    state.counters["distributors"] = bench().n;
}

qint64 randomRid(std::mt19937_64& rng)
{
    return 1 + qint64(rng() % quint64(bench().n)); // the bulk load gives rids 1..n in batch order
}

void moveTeam(benchmark::State& state, bool down)
{
    Bench& b = bench();
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        const double cpu = processCpuSeconds();
        auto m = b.workspace->mutations().submit(
            QStringLiteral("distributor.move"),
            QJsonObject{{QStringLiteral("id"), b.teamHeadId},
                        {QStringLiteral("tree"), QStringLiteral("sponsor")},
                        {QStringLiteral("newParentId"), down ? b.legBottomId : b.rootId},
                        {QStringLiteral("effectiveDate"), 1.7e12},
                        {QStringLiteral("reason"), QStringLiteral("bench")}});
        state.SetIterationTime(double(t.nsecsElapsed()) / 1e9);
        state.counters["cpu_s"] = processCpuSeconds() - cpu;
        if (!m) {
            state.SkipWithError(qPrintable(m.message()));
            return;
        }
    }
    auto figures = b.repo->downlineFigures(b.teamHeadRid, GenealogyTree::Sponsor);
    auto up = b.repo->upline(b.teamHeadRid, GenealogyTree::Sponsor);
    state.counters["subtree"] = double(figures->size + 1);
    state.counters["new_depth"] = double(up->size() - 1);
    state.counters["load_s"] = b.loadSeconds;
    state.counters["closure_rows_at_load"] = double(b.closureRows);
}

void BM_MoveSubtreeDown(benchmark::State& state)
{
    moveTeam(state, true);
}
void BM_MoveSubtreeUp(benchmark::State& state)
{
    moveTeam(state, false);
}

void BM_ExpandNode(benchmark::State& state)
{
    Bench& b = bench();
    std::mt19937_64 rng(3);
    std::vector<double> ms;
    double cpu = 0;
    for (auto _ : state) {
        GenealogyTreeModel model(*b.repo, GenealogyTree::Sponsor);
        std::vector<qint64> nodes = b.hubRids;
        nodes.push_back(b.rootRid);
        nodes.push_back(b.teamHeadRid);
        while (nodes.size() < 300)
            nodes.push_back(randomRid(rng));
        for (qint64 rid : nodes) {
            const QModelIndex index = model.reveal(rid);
            if (!index.isValid() || !model.canFetchMore(index))
                continue;
            QElapsedTimer t;
            t.start();
            const double c = processCpuSeconds();
            model.fetchMore(index);
            cpu += processCpuSeconds() - c;
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
    }
    report(state, ms, cpu);
}

void BM_Upline(benchmark::State& state)
{
    Bench& b = bench();
    std::vector<double> ms;
    qint64 depth = 0;
    double cpu = 0;
    for (auto _ : state) {
        for (int i = 0; i < 200; ++i) {
            QElapsedTimer t;
            t.start();
            const double c = processCpuSeconds();
            auto up = b.repo->upline(b.legBottomRid, GenealogyTree::Sponsor);
            cpu += processCpuSeconds() - c;
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            depth = up->size() - 1;
        }
    }
    report(state, ms, cpu);
    state.counters["depth"] = double(depth);
}

void BM_SearchAndReveal(benchmark::State& state)
{
    Bench& b = bench();
    std::mt19937_64 rng(9);
    std::vector<double> ms;
    int found = 0;
    double cpu = 0;
    for (auto _ : state) {
        for (int i = 0; i < 100; ++i) {
            const qint64 target = i == 0 ? b.legBottomRid : randomRid(rng);
            const QString name = b.repo->findByRid(target).value()->displayName;
            GenealogyTreeModel model(*b.repo, GenealogyTree::Sponsor);
            QElapsedTimer t;
            t.start();
            const double c = processCpuSeconds();
            auto matches = b.repo->search(name, 20);
            // The user picks the match that is the target (names repeat among a million).
            qint64 picked = 0;
            for (const DistributorListRow& r : matches.value())
                if (r.rid == target)
                    picked = r.rid;
            if (picked == 0) {
                auto byId = b.repo->search(b.repo->findByRid(target).value()->id, 1);
                picked = byId->isEmpty() ? 0 : byId->first().rid;
            }
            const QModelIndex index = model.reveal(picked);
            cpu += processCpuSeconds() - c;
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            found += index.isValid() ? 1 : 0;
        }
    }
    report(state, ms, cpu);
    state.counters["revealed"] = found;
}

void BM_DownlineFigures(benchmark::State& state)
{
    Bench& b = bench();
    for (auto _ : state) {
        auto f = b.repo->downlineFigures(b.rootRid, GenealogyTree::Sponsor);
        benchmark::DoNotOptimize(f->size);
    }
}

void BM_LevelCounts(benchmark::State& state)
{
    Bench& b = bench();
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        const double cpu = processCpuSeconds();
        auto s = b.repo->downlineStatistics(b.rootRid, GenealogyTree::Sponsor);
        state.SetIterationTime(double(t.nsecsElapsed()) / 1e9);
        state.counters["cpu_s"] = processCpuSeconds() - cpu;
        state.counters["levels"] = double(s->levelCounts.size());
    }
}

BENCHMARK(BM_MoveSubtreeDown)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MoveSubtreeUp)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExpandNode)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Upline)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SearchAndReveal)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DownlineFigures)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LevelCounts)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (g_bench) {
        g_bench->workspace.reset();
        delete g_bench;
    }
    return 0;
}
