// The commission run with its I/O, on an encrypted profile: read the period (1,000,000 distributors and
// 10,000,000 order lines by default), compute, write the ledger — the way period.calculate@1 runs it, as one
// mutation. And the what-if re-run of a 100,000-distributor period under another plan.
// Sizes: OUTPOST_BENCH_DISTRIBUTORS (the full run; order lines = 10 per distributor, in one month).
// Reports the wall time (and how much of it went to reading, computing and writing the ledger; the rest is
// the mutation's commit), the CPU time of the process per run and the load average (the machine is shared),
// the peak resident memory during the run (VmHWM, reset before it through /proc/self/clear_refs), the
// resident memory before it (the process baseline: Qt, SQLite, the fixture's connection) and the set-up
// time (demo genealogy and orders). The heap the set-up freed is handed back to the system (malloc_trim)
// before the runs, so the baseline is not the set-up's leftovers.
// Run alone with: OUTPOST_BENCH_DISTRIBUTORS=1000000 build/bench/tests/bench/commission_store_bench
//   --benchmark_filter=FullRun
#include "CommerceBenchData.h"
#include "ProcStatus.h"
#include "commissions/CommissionRunner.h"
#include "demo/DemoCommerce.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

using namespace outpost;
using namespace outpost::bench;
using namespace outpost::commissions;

namespace {

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Workspace> workspace;
    QString periodId;
    QString planA, planB;
    double setupSeconds = 0;
    qint64 lines = 0;
};

// Closed in main() while the QCoreApplication still exists.
std::map<qint64, std::unique_ptr<Fixture>> g_fixtures;

Fixture& fixture(qint64 distributors)
{
    auto& f = g_fixtures[distributors];
    if (f)
        return *f;
    f = std::make_unique<Fixture>();
    QElapsedTimer t;
    t.start();
    CommerceProfile p = commerceProfile(f->dir.path(), QStringLiteral("commission-bench"), distributors);
    f->workspace = std::move(p.workspace);
    Workspace& w = *f->workspace;
    f->lines = p.orders.lines;
    f->planA = submitPlan(w, DemoCommerce::demoPlanJson());
    QJsonObject other = DemoCommerce::demoPlanJson(); // the what-if: a richer first level
    QJsonObject unilevel = other.value(QStringLiteral("unilevel")).toObject();
    QJsonArray levels = unilevel.value(QStringLiteral("levels")).toArray();
    levels[0] = QJsonObject{{QStringLiteral("percentBp"), 700}};
    unilevel.insert(QStringLiteral("levels"), levels);
    other.insert(QStringLiteral("unilevel"), unilevel);
    other.insert(QStringLiteral("maxPayoutBp"), 6500);
    f->planB = submitPlan(w, other);
    f->periodId = openFirstMonth(w, p.orders, f->planA);
    (void)w.database().checkpoint();
    malloc_trim(0);
    f->setupSeconds = double(t.nsecsElapsed()) / 1e9;
    return *f;
}

qint64 benchDistributors()
{
    const qint64 n = qEnvironmentVariableIntValue("OUTPOST_BENCH_DISTRIBUTORS");
    return n > 0 ? n : 1'000'000;
}

void run(benchmark::State& state, qint64 distributors, bool whatIf)
{
    Fixture& f = fixture(distributors);
    // Where the time goes: the wall time up to the start of each stage (read, compute, write, commit).
    QElapsedTimer clock;
    double toCompute = 0, toWrite = 0, toDone = 0;
    // The high-water mark of resident memory when each stage ends (read, compute, write): where the peak is.
    double hwmRead = 0, hwmCompute = 0, hwmWrite = 0;
    int stage = 0; // the stages seen in this run: 1 compute, 2 write, 3 done
    RunControl control;
    control.progress = [&](int permille, const QString&) {
        const double s = double(clock.nsecsElapsed()) / 1e9;
        if (permille >= 600 && stage < 1) {
            hwmRead = std::max(hwmRead, bench::procStatusMiB("VmHWM"));
            toCompute += s;
            stage = 1;
        }
        if (permille >= 750 && stage < 2) {
            hwmCompute = std::max(hwmCompute, bench::procStatusMiB("VmHWM"));
            toWrite += s;
            stage = 2;
        }
        if (permille >= 1000 && stage < 3) {
            hwmWrite = std::max(hwmWrite, bench::procStatusMiB("VmHWM"));
            toDone += s;
            stage = 3;
        }
    };
    double peak = 0, before = 0, cpu = 0, load = 0;
    int i = 0;
    for (auto _ : state) {
        bench::resetPeakRss();
        before = std::max(before, bench::procStatusMiB("VmRSS"));
        load = std::max(load, bench::loadAverage());
        const double cpuStart = bench::processCpuSeconds();
        stage = 0;
        clock.start();
        // The what-if alternates plans, so every run computes and writes a different ledger.
        const QString plan = whatIf ? (i++ % 2 ? f.planA : f.planB) : QString();
        auto m = CommissionRunner::calculate(f.workspace->mutations(), f.periodId, plan, control);
        if (!m)
            die("run", m.message());
        peak = std::max(peak, bench::procStatusMiB("VmHWM"));
        cpu += bench::processCpuSeconds() - cpuStart;
        load = std::max(load, bench::loadAverage());
    }
    state.counters["distributors"] = double(distributors);
    state.counters["order_lines"] = double(f.lines);
    state.counters["peak_rss_MiB"] = peak;
    state.counters["rss_before_MiB"] = before;
    state.counters["hwm_after_read_MiB"] = hwmRead;
    state.counters["hwm_after_compute_MiB"] = hwmCompute;
    state.counters["hwm_after_write_MiB"] = hwmWrite;
    const double runs = double(state.iterations());
    state.counters["read_s"] = toCompute / runs;
    state.counters["compute_s"] = (toWrite - toCompute) / runs;
    state.counters["write_s"] = (toDone - toWrite) / runs;
    state.counters["cpu_s"] = cpu / runs;
    state.counters["load_avg_max"] = load;
    state.counters["setup_s"] = f.setupSeconds;
}

void BM_CommissionFullRunWithIo(benchmark::State& state)
{
    run(state, benchDistributors(), false);
}

void BM_CommissionWhatIf100k(benchmark::State& state)
{
    run(state, 100'000, true);
}

} // namespace

BENCHMARK(BM_CommissionWhatIf100k)->Iterations(4)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CommissionFullRunWithIo)->Iterations(2)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_fixtures.clear();
    return 0;
}
