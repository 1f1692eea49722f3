// Segment count refresh on the encrypted demo profile (OUTPOST_BENCH_CONTACTS, default 1,000,000): target
// p95 <= 200 ms. Typical segments: one city, a set of countries created in the last year, an e-mail domain,
// a nested any/all group, an owner, a tag, a custom choice field and a company-name prefix. The demo data has
// no owners, tags or custom values: the first run gives them (owner: one of 25 users; tag "vip": one
// contact in 50; custom field "tier": one contact in 10, Gold/Silver/Bronze).
//
// BM_ContactInsert: what the segment indexes (client migration 18) cost a contact.create: 2,000 creates
// into a fresh encrypted profile of 20,000 contacts with the indexes (arg 1) and with them dropped (arg 0).
#include "BenchData.h"

#include "demo/DemoDataGenerator.h"
#include "demo/DemoDataLoader.h"
#include "profile/ProfileInfo.h"

#include "mutations/MutationEngine.h"
#include "segments/SegmentFilter.h"
#include "storage/SqlCipherDriver.h"
#include "util/Uuid.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <cstdio>

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
        group("all", {rule("owner", "equals", QStringLiteral("user-7"))}),
        group("all", {rule("tags", "has", QStringLiteral("vip"))}),
        group("all", {rule("custom.tier", "equals", QStringLiteral("Gold"))}),
        group("all", {rule("company", "startsWith", QStringLiteral("Müller"))}),
    };
    return list;
}

void exec(QSqlDatabase& conn, const QString& sql)
{
    QSqlQuery q(conn);
    if (!q.exec(sql)) {
        std::fprintf(stderr, "bench setup failed: %s\n%s\n", qPrintable(sql), qPrintable(q.lastError().text()));
        std::abort();
    }
}

// Owners, tags and a custom field on the demo contacts (once per process).
Workspace& segmentProfile()
{
    static Workspace* ws = [] {
        Workspace& w = *profile(true).workspace;
        auto m = w.mutations().submit(QStringLiteral("customfield.define"),
                                      {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("entity"), QStringLiteral("contact")},
                                       {QStringLiteral("key"), QStringLiteral("tier")}, {QStringLiteral("label"), QStringLiteral("Tier")},
                                       {QStringLiteral("type"), QStringLiteral("choice")},
                                       {QStringLiteral("options"), QJsonArray{QStringLiteral("Gold"), QStringLiteral("Silver"),
                                                                              QStringLiteral("Bronze")}}});
        if (!m) {
            std::fprintf(stderr, "bench setup failed: %s\n", qPrintable(m.message()));
            std::abort();
        }
        QSqlDatabase conn = w.database().connection();
        exec(conn, QStringLiteral("BEGIN"));
        exec(conn, QStringLiteral("UPDATE contacts SET owner_id = 'user-' || (rid % 25)"));
        // search_text carries the tag's word, as the mutators write it (the full-text trigger re-indexes it).
        exec(conn, QStringLiteral("UPDATE contacts SET tags = 'vip', search_text = search_text || ' vip' WHERE rid % 50 = 0"));
        exec(conn, QStringLiteral("INSERT INTO custom_values(record_id, entity, field_key, value_text, value_num, wire) "
                                  "SELECT id, 'contact', 'tier', CASE rid % 3 WHEN 0 THEN 'Gold' WHEN 1 THEN 'Silver' "
                                  "ELSE 'Bronze' END, NULL, '\"x\"' FROM contacts WHERE rid % 10 = 0"));
        exec(conn, QStringLiteral("COMMIT"));
        exec(conn, QStringLiteral("ANALYZE"));
        (void)w.database().checkpoint();
        return &w;
    }();
    return *ws;
}

void BM_SegmentCount(benchmark::State& state)
{
    Workspace& ws = segmentProfile();
    const QJsonObject& filter = segments().at(int(state.range(0)));
    QSqlDatabase conn = ws.database().connection();
    auto fields = SegmentFields::forDatabase(conn);
    if (!fields) {
        state.SkipWithError(fields.message().toStdString().c_str());
        return;
    }
    auto sql = SegmentFilter::compile(filter, QDateTime::currentMSecsSinceEpoch(), fields.value());
    if (!sql) {
        state.SkipWithError(sql.message().toStdString().c_str());
        return;
    }
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
BENCHMARK(BM_SegmentCount)->DenseRange(0, 7)->Iterations(20)->Unit(benchmark::kMillisecond);

void BM_ContactInsert(benchmark::State& state)
{
    const bool withIndexes = state.range(0) == 1;
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        ProfileInfo info;
        info.dir = dir.path();
        info.id = newUuidV7();
        info.name = QStringLiteral("insert-cost");
        auto ws = Workspace::open(info, SecretBytes::random(32), Database::OpenMode::CreateNew);
        if (!ws) {
            state.SkipWithError(ws.message().toStdString().c_str());
            return;
        }
        DemoDataLoader::Options o;
        o.contacts = 20000;
        o.seed = 3;
        (void)DemoDataLoader::loadContacts(*ws.value(), o);
        QSqlDatabase conn = ws.value()->database().connection();
        if (!withIndexes) {
            for (const char* index : {"contacts_city", "contacts_country_created", "contacts_owner", "contacts_company_name"})
                exec(conn, QStringLiteral("DROP INDEX %1").arg(QLatin1String(index)));
        }
        const DemoDataGenerator gen(11);
        state.ResumeTiming();
        for (int i = 0; i < 2000; ++i) {
            const DemoContact d = gen.contact(i);
            auto m = ws.value()->mutations().submit(
                QStringLiteral("contact.create"),
                {{QStringLiteral("id"), newUuidV7()},
                 {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), d.firstName}, {QStringLiteral("lastName"), d.lastName},
                                                        {QStringLiteral("email"), d.email}, {QStringLiteral("company"), d.company},
                                                        {QStringLiteral("city"), d.city}, {QStringLiteral("country"), d.country},
                                                        {QStringLiteral("ownerId"), QStringLiteral("user-%1").arg(i % 25)}}}});
            if (!m) {
                state.SkipWithError(m.message().toStdString().c_str());
                return;
            }
        }
        state.PauseTiming();
        ws.value().reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * 2000);
}
BENCHMARK(BM_ContactInsert)->Arg(0)->Arg(1)->Iterations(3)->Unit(benchmark::kMillisecond);

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
