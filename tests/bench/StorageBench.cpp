// SQLCipher against plain SQLite on the same workload, and contact search latency.
// The same driver and schema serve both; "plain" opens the file without a key.
#include "BenchData.h"
#include "ProcStatus.h"

#include "contacts/ContactBulkLoader.h"
#include "contacts/ContactRepository.h"
#include "contacts/ContactSearchIndex.h"
#include "demo/DemoDataGenerator.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdio>

using namespace outpost;
using namespace outpost::bench;

namespace {

struct PageCounters
{
    qint64 written = 0;
    qint64 read = 0;
};

PageCounters pageCounters(sqlite3* db)
{
    int current = 0;
    int highwater = 0;
    PageCounters c;
    sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_WRITE, &current, &highwater, 0);
    c.written = current;
    sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_MISS, &current, &highwater, 0);
    c.read = current;
    return c;
}

const char* modeName(bool encrypted)
{
    return encrypted ? "sqlcipher" : "plain";
}

// Bulk insert of N contacts into a fresh database (the profile setup does exactly this once).
void BM_BulkInsert(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    for (auto _ : state) {
        BenchProfile& p = profile(encrypted);
        state.SetIterationTime(p.loadSeconds);
    }
    const BenchProfile& p = profile(encrypted);
    state.counters["contacts"] = double(contactCount());
    state.counters["rows_per_s"] = double(contactCount()) / p.loadSeconds;
    state.counters["file_MB"] = double(p.fileBytes) / 1e6;
    state.SetLabel(modeName(encrypted));
}
BENCHMARK(BM_BulkInsert)->Arg(0)->Arg(1)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

QStringList sampleIds(Workspace& ws, int n)
{
    QStringList ids;
    QSqlQuery q(ws.database().connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM contacts WHERE rid = ?"));
    auto* rng = QRandomGenerator::global();
    const qint64 count = ws.contacts().count().value();
    for (int i = 0; i < n; ++i) {
        q.addBindValue(1 + qint64(rng->bounded(quint64(count))));
        if (q.exec() && q.next())
            ids << q.value(0).toString();
    }
    return ids;
}

void BM_PointLookupById(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    Workspace& ws = *profile(encrypted).workspace;
    const QStringList ids = sampleIds(ws, 4096);
    qsizetype i = 0;
    for (auto _ : state) {
        auto c = ws.contacts().find(ids.at(i++ % ids.size()));
        benchmark::DoNotOptimize(c);
    }
    state.SetLabel(modeName(encrypted));
}
BENCHMARK(BM_PointLookupById)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// One keystroke of search-as-you-type: the first page (200 rows) of matches in name order — what the
// list shows. The match count is computed off the UI thread and measured on its own below.
void BM_PrefixSearch(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    Workspace& ws = *profile(encrypted).workspace;
    const QStringList typed = typedSearches(60);
    std::vector<double> ms;
    std::vector<double> cpuMs; // this thread's CPU per keystroke: the figure a loaded machine does not inflate
    qsizetype i = 0;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuSeconds();
        const ContactQuery q = ContactQuery::parse(typed.at(i++ % typed.size()));
        auto page = ws.contacts().search(q, std::nullopt, 200);
        benchmark::DoNotOptimize(page);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        cpuMs.push_back((threadCpuSeconds() - cpu) * 1e3);
        if (qEnvironmentVariableIsSet("OUTPOST_BENCH_SLOW_MS") && ms.back() > qEnvironmentVariableIntValue("OUTPOST_BENCH_SLOW_MS"))
            std::fprintf(stderr, "slow search %.1f ms (CPU %.1f ms): \"%s\" (%s)\n", ms.back(), cpuMs.back(),
                         qPrintable(q.text), qPrintable(q.match));
    }
    state.counters["p50_ms"] = percentile(ms, 0.50);
    state.counters["p95_ms"] = percentile(ms, 0.95);
    state.counters["max_ms"] = percentile(ms, 1.0);
    state.counters["cpu_p50_ms"] = percentile(cpuMs, 0.50);
    state.counters["cpu_p95_ms"] = percentile(cpuMs, 0.95);
    state.counters["load"] = loadAverage();
    state.SetLabel(modeName(encrypted));
}
BENCHMARK(BM_PrefixSearch)->Arg(0)->Arg(1)->Iterations(400)->Unit(benchmark::kMillisecond);

// The exact number of matches for the status line (runs in the background in the app).
void BM_SearchCount(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    Workspace& ws = *profile(encrypted).workspace;
    const QStringList typed = typedSearches(60);
    std::vector<double> ms;
    qsizetype i = 0;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        auto n = ws.contacts().searchCount(ContactQuery::parse(typed.at(i++ % typed.size())));
        benchmark::DoNotOptimize(n);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    state.counters["p50_ms"] = percentile(ms, 0.50);
    state.counters["p95_ms"] = percentile(ms, 0.95);
    state.SetLabel(modeName(encrypted));
}
BENCHMARK(BM_SearchCount)->Arg(0)->Arg(1)->Iterations(400)->Unit(benchmark::kMillisecond);

// What client migration 19 costs on a profile of this size: the full-text index recreated with the notes
// column and rebuilt from every contact (the migration runs when the profile is opened). The index is the
// same afterwards, so the benchmarks after this one are unaffected.
void BM_NotesIndexMigration(benchmark::State& state)
{
    Workspace& ws = *profile(true).workspace;
    for (auto _ : state) {
        QSqlDatabase conn = ws.database().connection();
        QElapsedTimer t;
        t.start();
        Transaction tx(conn);
        Status s = contactsearch::addNotesToIndex(conn);
        if (s)
            s = tx.commit();
        if (!s)
            state.SkipWithError(qPrintable(s.message()));
        state.SetIterationTime(double(t.nsecsElapsed()) / 1e9);
    }
    state.counters["contacts"] = double(contactCount());
}
BENCHMARK(BM_NotesIndexMigration)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// Update one field as a storage workload, like the lookups and searches above: one UPDATE of one row
// in its own transaction, as the contact mutator issues it. The mutation path below adds what the app
// writes with every edit (audit entry, outbox).
void BM_UpdateOneFieldStorage(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    Workspace& ws = *profile(encrypted).workspace;
    const QStringList ids = sampleIds(ws, 4096);
    QSqlDatabase conn = ws.database().connection();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("UPDATE OR FAIL contacts SET notes = ?, updated_at = ? WHERE id = ?"));
    sqlite3* handle = ws.database().nativeHandle();
    const PageCounters before = pageCounters(handle);
    qsizetype i = 0;
    for (auto _ : state) {
        Transaction tx(conn);
        q.addBindValue(QStringLiteral("Edit %1").arg(i));
        q.addBindValue(qint64(i));
        q.addBindValue(ids.at(i % ids.size()));
        ++i;
        if (!tx.isActive() || !q.exec() || q.numRowsAffected() != 1 || !tx.commit())
            state.SkipWithError("update failed");
    }
    const PageCounters after = pageCounters(handle);
    state.counters["pages_written"] = benchmark::Counter(double(after.written - before.written), benchmark::Counter::kAvgIterations);
    state.SetLabel(modeName(encrypted));
}
BENCHMARK(BM_UpdateOneFieldStorage)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Update one field through the full mutation path (validate, write, audit entry, outbox). Arg 1:
// 0 = a field outside the search index (street), 1 = a searchable one (city: re-indexed).
void BM_UpdateOneField(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    const bool searchable = state.range(1) != 0;
    Workspace& ws = *profile(encrypted).workspace;
    const QStringList ids = sampleIds(ws, 4096);
    const QString field = searchable ? QStringLiteral("city") : QStringLiteral("street");
    sqlite3* handle = ws.database().nativeHandle();
    const PageCounters before = pageCounters(handle);
    qsizetype i = 0;
    for (auto _ : state) {
        const QJsonObject args{{QStringLiteral("id"), ids.at(i % ids.size())},
                               {QStringLiteral("set"), QJsonObject{{field, QStringLiteral("Edit %1").arg(i)}}}};
        ++i;
        auto m = ws.mutations().submit(QStringLiteral("contact.update"), args);
        if (!m)
            state.SkipWithError(qPrintable(m.message()));
    }
    // Pages written to the WAL and read from the file per update: each costs a cipher pass when encrypted.
    const PageCounters after = pageCounters(handle);
    state.counters["pages_written"] = benchmark::Counter(double(after.written - before.written), benchmark::Counter::kAvgIterations);
    state.counters["pages_read"] = benchmark::Counter(double(after.read - before.read), benchmark::Counter::kAvgIterations);
    state.SetLabel(std::string(modeName(encrypted)) + (searchable ? " searchable-field" : " other-field"));
}
BENCHMARK(BM_UpdateOneField)->Args({0, 0})->Args({1, 0})->Args({0, 1})->Args({1, 1})->Unit(benchmark::kMicrosecond);

// Scrolling the list: a page of 200 rows at a random depth, by keyset from the page before.
void BM_ListPage(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    Workspace& ws = *profile(encrypted).workspace;
    const qint64 count = ws.contacts().count().value();
    auto* rng = QRandomGenerator::global();
    for (auto _ : state) {
        state.PauseTiming();
        auto anchor = ws.contacts().pageAt(qint64(rng->bounded(quint64(count - 400))), 1);
        state.ResumeTiming();
        auto page = ws.contacts().pageAfter({anchor->first().sortKey, anchor->first().rid}, 200);
        benchmark::DoNotOptimize(page);
    }
    state.SetLabel(modeName(encrypted));
}
BENCHMARK(BM_ListPage)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

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
