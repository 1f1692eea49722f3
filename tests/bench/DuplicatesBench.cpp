// Duplicate detection over a big profile: OUTPOST_BENCH_CONTACTS (default 1,000,000) generated people in an
// encrypted profile plus seeded duplicates (one per thousand, at least 100: a copy in capitals, one with the
// phone in national format, one with a typo in the last name, one with first and last name swapped), then
//   DuplicatesBench --benchmark_filter=Scan          the full scan: seconds, pairs, comparisons, how many of
//                                                    the seeded duplicates it found, peak memory
//   DuplicatesBench --benchmark_filter=MergeUndo     merge the seeded pairs found (one bulk batch) and undo
//   it
// Target: the scan of 1,000,000 contacts in at most 60 s.
#include "BenchData.h"
#include "demo/DemoDataGenerator.h"
#include "demo/DemoDataLoader.h"
#include "duplicates/ContactMerger.h"
#include "duplicates/DuplicateScanner.h"
#include "duplicates/MergeHistory.h"
#include "ProcStatus.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>

using namespace outpost;
using namespace outpost::bench;

namespace {

constexpr quint64 kBenchSeed = 7; // the seed BenchData fills the profile with

struct Seeded
{
    qint64 contacts = 0;
    QList<QPair<qint64, qint64>> pairs; // (original rid, copy rid)
    double seconds = 0;
};

QString swapInside(const QString& s)
{
    if (s.size() < 4)
        return s + s.right(1);
    QString t = s;
    const qsizetype i = s.size() / 2;
    std::swap(t[i - 1], t[i]);
    return t == s ? s + s.right(1) : t;
}

// National form of an international number: "+49 170 1234567" -> "0170 1234567".
QString national(const QString& phone)
{
    const QString t = phone.trimmed();
    if (!t.startsWith(QLatin1Char('+')))
        return t;
    const qsizetype space = t.indexOf(QLatin1Char(' '));
    return space < 0 ? t : QLatin1Char('0') + t.mid(space + 1);
}

// The profile of BenchData with the seeded duplicates added once. The demo rows have rids 1..N in generator
// order (a fresh table), so the original of a copy of person i is rid i + 1.
Seeded& seeded()
{
    static Seeded s;
    if (s.contacts > 0)
        return s;
    BenchProfile& p = profile(true);
    const qint64 n = contactCount();
    const qint64 copies = std::max<qint64>(100, n / 1000);
    const DemoDataGenerator gen(kBenchSeed);
    QList<Contact> extra;
    QElapsedTimer t;
    t.start();
    for (qint64 k = 0; k < copies; ++k) {
        const qint64 i = (k * (n / copies) + 17) % n;
        Contact c = DemoDataLoader::toContact(gen.contact(i));
        switch (k % 4) {
        case 0: // case
            c.firstName = c.firstName.toUpper();
            c.lastName = c.lastName.toUpper();
            c.email = c.email.toUpper();
            break;
        case 1: // phone format; no e-mail to lean on
            c.phone = national(c.phone);
            c.email.clear();
            break;
        case 2: // a typo in the last name; only company and address to lean on
            c.lastName = swapInside(c.lastName);
            c.email.clear();
            c.phone.clear();
            break;
        default: // swapped names
            std::swap(c.firstName, c.lastName);
            break;
        }
        extra.append(c);
        s.pairs.append({i + 1, n + 1 + k});
    }
    auto added = p.workspace->contacts().insertBulk(extra, QStringLiteral("bench"));
    if (!added) {
        std::fprintf(stderr, "cannot seed duplicates: %s\n", qPrintable(added.message()));
        std::abort();
    }
    s.seconds = double(t.nsecsElapsed()) / 1e9;
    s.contacts = n + copies;
    return s;
}

QSet<QPair<qint64, qint64>> found(const DuplicateScanResult& r)
{
    QSet<QPair<qint64, qint64>> out;
    for (const DuplicatePair& p : r.pairs)
        out.insert({p.ridA, p.ridB});
    return out;
}

void BM_Scan(benchmark::State& state)
{
    Seeded& s = seeded();
    Workspace& ws = *profile(true).workspace;
    const double peakBefore = procStatusMiB("VmHWM");
    const double rssBefore = procStatusMiB("VmRSS");
    DuplicateScanResult result;
    double seconds = 0;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        auto r = DuplicateScanner(ws.database()).scan({});
        seconds = double(t.nsecsElapsed()) / 1e9;
        if (!r) {
            state.SkipWithError(qPrintable(r.message()));
            return;
        }
        result = std::move(r.value());
        state.SetIterationTime(seconds);
    }
    const QSet<QPair<qint64, qint64>> pairs = found(result);
    qint64 hits = 0;
    for (const auto& p : s.pairs)
        hits += pairs.contains(p) ? 1 : 0;
    qint64 confident = 0;
    for (const DuplicatePair& p : result.pairs)
        confident += p.score >= DuplicateScoring::kConfidentScore ? 1 : 0;
    state.counters["contacts"] = double(result.contacts);
    state.counters["scan_s"] = seconds;
    state.counters["pairs"] = double(result.pairs.size());
    state.counters["confident_pairs"] = double(confident);
    state.counters["comparisons"] = double(result.comparisons);
    state.counters["seeded"] = double(s.pairs.size());
    state.counters["seeded_found"] = double(hits);
    state.counters["rss_MiB_before"] = rssBefore;
    state.counters["peak_rss_MiB_before"] = peakBefore;
    state.counters["peak_rss_MiB"] = procStatusMiB("VmHWM");
}
BENCHMARK(BM_Scan)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

void BM_MergeUndo(benchmark::State& state)
{
    Seeded& s = seeded();
    Workspace& ws = *profile(true).workspace;
    auto r = DuplicateScanner(ws.database()).scan({});
    if (!r) {
        state.SkipWithError(qPrintable(r.message()));
        return;
    }
    // The seeded pairs the scan found, merged with the suggested plan whatever their score.
    QSet<QPair<qint64, qint64>> wanted(s.pairs.cbegin(), s.pairs.cend());
    QList<DuplicatePair> pairs;
    for (const DuplicatePair& p : r->pairs) {
        if (wanted.contains({p.ridA, p.ridB}))
            pairs.append(p);
    }
    double mergeS = 0, undoS = 0;
    ContactMerger::BulkReport report;
    for (auto _ : state) {
        ContactMerger::BulkOptions o;
        o.minScore = 0;
        QElapsedTimer t;
        t.start();
        auto merged = ContactMerger(ws.database(), ws.mutations()).mergeAll(pairs, o);
        mergeS = double(t.nsecsElapsed()) / 1e9;
        if (!merged) {
            state.SkipWithError(qPrintable(merged.message()));
            return;
        }
        report = merged.value();
        t.restart();
        auto undone = MergeHistory(ws.database(), ws.mutations()).undo(report.batchId);
        undoS = double(t.nsecsElapsed()) / 1e9;
        if (!undone) {
            state.SkipWithError(qPrintable(undone.message()));
            return;
        }
        state.SetIterationTime(mergeS);
    }
    state.counters["merged"] = double(report.merged);
    state.counters["merge_s"] = mergeS;
    state.counters["merges_per_s"] = double(report.merged) / mergeS;
    state.counters["undo_s"] = undoS;
}
BENCHMARK(BM_MergeUndo)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

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
