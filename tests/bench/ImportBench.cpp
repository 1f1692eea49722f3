// CSV import through mutations (one batch), its undo, and the memory a million-row import needs.
//   ImportBench --benchmark_filter=Import100k      100,000 rows into an empty encrypted profile, then undo
//   ImportBench --benchmark_filter=ImportOnto      100,000 rows onto a profile of OUTPOST_BENCH_CONTACTS
//                                                   (default 1,000,000) demo contacts, then undo
//   ImportBench --benchmark_filter=Import1M        1,000,000 rows; reports peak RSS (VmHWM)
// OUTPOST_IMPORT_ROWS overrides the 100,000 (for quick runs).
#include "ProcStatus.h"
#include "BenchData.h"

#include "demo/DemoDataGenerator.h"
#include "importexport/ContactImporter.h"
#include "importexport/ImportHistory.h"
#include "io/CsvWriter.h"
#include "profile/ProfileInfo.h"
#include "util/Uuid.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cstdio>

using namespace outpost;
using namespace outpost::bench;

namespace {

qint64 importRows()
{
    const qint64 n = qEnvironmentVariableIntValue("OUTPOST_IMPORT_ROWS");
    return n > 0 ? n : 100'000;
}

// A Google-Contacts-like CSV of generated people; indexes from `first` so they do not match the demo profile.
QString writeCsv(const QTemporaryDir& dir, qint64 rows, qint64 first)
{
    const QString path = dir.filePath(QStringLiteral("import-%1.csv").arg(rows));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        std::abort();
    CsvWriter w(&f);
    (void)w.writeRecord({QStringLiteral("First Name"), QStringLiteral("Last Name"), QStringLiteral("E-mail 1 - Value"),
                         QStringLiteral("Phone 1 - Value"), QStringLiteral("Organization Name"),
                         QStringLiteral("Address 1 - Street"), QStringLiteral("Address 1 - Postal Code"),
                         QStringLiteral("Address 1 - City"), QStringLiteral("Address 1 - Country"), QStringLiteral("Notes")});
    const DemoDataGenerator gen(4242);
    for (qint64 i = 0; i < rows; ++i) {
        const DemoContact c = gen.contact(first + i);
        // Distinct e-mails: the generator repeats common name pairs.
        const QString email = c.email.isEmpty() ? QString() : QStringLiteral("i%1.").arg(first + i) + c.email;
        (void)w.writeRecord({c.firstName, c.lastName, email, c.phone, c.company, c.street, c.postalCode, c.city,
                             c.country, c.notes});
    }
    (void)w.flush();
    return path;
}

std::unique_ptr<Workspace> emptyProfile(const QTemporaryDir& dir)
{
    ProfileInfo info;
    info.dir = dir.filePath(QStringLiteral("profile"));
    QDir().mkpath(info.dir);
    info.id = newUuidV7();
    info.name = QStringLiteral("import-bench");
    auto ws = Workspace::open(info, SecretBytes::random(32), Database::OpenMode::CreateNew);
    if (!ws) {
        std::fprintf(stderr, "cannot create profile: %s\n", qPrintable(ws.message()));
        std::abort();
    }
    return std::move(ws.value());
}

void importAndUndo(benchmark::State& state, Workspace& ws, const QString& csv, qint64 rows)
{
    double importS = 0, undoS = 0, importCpu = 0, undoCpu = 0;
    double importThreadCpu = 0, undoThreadCpu = 0;
    ImportReport report;
    for (auto _ : state) {
        ContactImporter importer(ws.database(), ws.mutations());
        QElapsedTimer t;
        t.start();
        double cpu = processCpuSeconds();
        double threadCpu = threadCpuSeconds();
        auto r = importer.importFile(csv, {});
        importS = double(t.nsecsElapsed()) / 1e9;
        importCpu = processCpuSeconds() - cpu;
        importThreadCpu = threadCpuSeconds() - threadCpu;
        if (!r) {
            state.SkipWithError(qPrintable(r.message()));
            return;
        }
        report = r.value();
        ImportHistory history(ws.database(), ws.mutations());
        t.restart();
        cpu = processCpuSeconds();
        threadCpu = threadCpuSeconds();
        auto u = history.undo(report.batchId);
        undoS = double(t.nsecsElapsed()) / 1e9;
        undoCpu = processCpuSeconds() - cpu;
        undoThreadCpu = threadCpuSeconds() - threadCpu;
        if (!u) {
            state.SkipWithError(qPrintable(u.message()));
            return;
        }
        state.SetIterationTime(importS);
    }
    state.counters["rows"] = double(rows);
    state.counters["created"] = double(report.created);
    state.counters["rejected"] = double(report.rejected);
    state.counters["import_s"] = importS;
    state.counters["import_rows_per_s"] = double(rows) / importS;
    state.counters["import_cpu_s"] = importCpu;
    state.counters["undo_s"] = undoS;
    state.counters["undo_cpu_s"] = undoCpu;
    // The importing thread's own CPU, without the checkpoint and tidier threads it wakes.
    state.counters["import_thread_cpu_s"] = importThreadCpu;
    state.counters["undo_thread_cpu_s"] = undoThreadCpu;
    state.counters["peak_rss_MiB"] = outpost::bench::procStatusMiB("VmHWM");
}

void BM_Import100k(benchmark::State& state)
{
    QTemporaryDir dir;
    const qint64 rows = importRows();
    const QString csv = writeCsv(dir, rows, 10'000'000);
    auto ws = emptyProfile(dir);
    importAndUndo(state, *ws, csv, rows);
}
BENCHMARK(BM_Import100k)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

void BM_ImportOntoExisting(benchmark::State& state)
{
    QTemporaryDir dir;
    const qint64 rows = importRows();
    const QString csv = writeCsv(dir, rows, 10'000'000);
    BenchProfile& p = profile(true);
    state.counters["existing"] = double(contactCount());
    state.counters["tidy_s"] = p.tidySeconds;
    importAndUndo(state, *p.workspace, csv, rows);
}
BENCHMARK(BM_ImportOntoExisting)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

void BM_Import1M(benchmark::State& state)
{
    QTemporaryDir dir;
    const qint64 rows = 1'000'000;
    const QString csv = writeCsv(dir, rows, 20'000'000);
    auto ws = emptyProfile(dir);
    const double rssBefore = outpost::bench::procStatusMiB("VmHWM");
    double importS = 0, importCpu = 0;
    ImportReport report;
    for (auto _ : state) {
        ContactImporter importer(ws->database(), ws->mutations());
        QElapsedTimer t;
        t.start();
        const double cpu = processCpuSeconds();
        auto r = importer.importFile(csv, {});
        importS = double(t.nsecsElapsed()) / 1e9;
        importCpu = processCpuSeconds() - cpu;
        if (!r) {
            state.SkipWithError(qPrintable(r.message()));
            return;
        }
        report = r.value();
        state.SetIterationTime(importS);
    }
    state.counters["created"] = double(report.created);
    state.counters["import_s"] = importS;
    state.counters["import_cpu_s"] = importCpu;
    state.counters["peak_rss_MiB_before"] = rssBefore;
    state.counters["peak_rss_MiB"] = outpost::bench::procStatusMiB("VmHWM");
}
BENCHMARK(BM_Import1M)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    releaseProfiles();
    return 0;
}
