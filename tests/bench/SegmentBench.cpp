// Segment count refresh on the encrypted demo profile (OUTPOST_BENCH_CONTACTS, default 1,000,000): target
// p95 <= 200 ms. Typical segments: one city, a set of countries created in the last year, an e-mail domain,
// and a nested any/all group.
#include "BenchData.h"

#include "segments/SegmentFilter.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlDatabase>

using namespace outpost;
using namespace outpost::bench;

namespace {

QJsonObject rule(const char* field, const char* op, const QJsonValue& value = {})
{
    QJsonObject r{{QStringLiteral("field"), QLatin1String(field)}, {QStringLiteral("op"), QLatin1String(op)}};
    if (!value.isUndefined())
        r.insert(QStringLiteral("value"), value);
    return r;
}

QJsonObject group(const char* match, const QJsonArray& rules)
{
    return QJsonObject{{QStringLiteral("match"), QLatin1String(match)}, {QStringLiteral("rules"), rules}};
}

const QList<QJsonObject>& segments()
{
    static const QList<QJsonObject> list = {
        group("all", {rule("city", "equals", QStringLiteral("Lyon"))}),
        group("all", {rule("country", "in", QJsonArray{QStringLiteral("DE"), QStringLiteral("AT"), QStringLiteral("CH")}),
                      rule("createdAt", "withinLastDays", 365)}),
        group("all", {rule("email", "contains", QStringLiteral("@gmail."))}),
        group("any", {group("all", {rule("country", "equals", QStringLiteral("FR")), rule("phone", "isNotEmpty")}),
                      rule("company", "startsWith", QStringLiteral("Müller"))}),
    };
    return list;
}

void BM_SegmentCount(benchmark::State& state)
{
    Workspace& ws = *profile(true).workspace;
    const QJsonObject& filter = segments().at(int(state.range(0)));
    auto sql = SegmentFilter::compile(filter, QDateTime::currentMSecsSinceEpoch());
    if (!sql) {
        state.SkipWithError(sql.message().toStdString().c_str());
        return;
    }
    QSqlDatabase conn = ws.database().connection();
    std::vector<double> ms;
    qint64 matches = 0;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        auto n = SegmentFilter::count(conn, sql.value());
        matches = n.ok() ? n.value() : -1;
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    state.counters["matches"] = double(matches);
    state.counters["p50_ms"] = percentile(ms, 0.50);
    state.counters["p95_ms"] = percentile(ms, 0.95);
}
BENCHMARK(BM_SegmentCount)->DenseRange(0, 3)->Iterations(20)->Unit(benchmark::kMillisecond);

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
