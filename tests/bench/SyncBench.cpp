// Sync figures over loopback TLS against a real outpost-server process: push, server ingest, catch-up
// after a long offline stretch, bootstrap of a new device, and how fast a change reaches another
// connected device. Run through scripts/run-benchmarks.sh (OUTPOST_BENCH_SYNC_BOOTSTRAP sets the
// bootstrap size, default 1,000,000).
#include "ServerProcess.h"
#include "Wait.h"

#include "client/SyncClient.h"
#include "contacts/ContactBulkLoader.h"
#include "demo/DemoDataGenerator.h"
#include "demo/DemoDataLoader.h"
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "service/TeamSchema.h"
#include "storage/ClientSchema.h"
#include "storage/Database.h"
#include "util/Uuid.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QSqlQuery>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <unistd.h>

using namespace outpost;
using namespace outpost::test;

namespace {

const QString kTeam = QStringLiteral("Bench Team");
const QString kPassword = QStringLiteral("bench password for sync");

qint64 envCount(const char* name, qint64 fallback)
{
    bool ok = false;
    const qint64 v = qEnvironmentVariable(name).toLongLong(&ok);
    return ok && v > 0 ? v : fallback;
}

// OUTPOST_BENCH_SYNC_STORAGE=postgres runs the server on PostgreSQL (inside scripts/with-postgres.sh).
bool onPostgres()
{
    return qEnvironmentVariable("OUTPOST_BENCH_SYNC_STORAGE") == QLatin1String("postgres");
}

ServerProcess& benchServer()
{
    static ServerProcess* s = [] {
        auto* p = new ServerProcess(onPostgres() ? StorageBackend::Postgres : StorageBackend::Sqlite);
        if (!p->isReady())
            std::fprintf(stderr, "no server storage: %s\n", qPrintable(p->setupError()));
        p->admin({QStringLiteral("init"), QStringLiteral("--team"), kTeam, QStringLiteral("--owner"), QStringLiteral("olga")},
                 kPassword + QLatin1Char('\n'));
        for (const char* u : {"ana", "ben", "cleo", "dan"})
            p->admin({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--team"), kTeam, QStringLiteral("--login"),
                      QLatin1String(u), QStringLiteral("--role"), QStringLiteral("manager")},
                     kPassword + QLatin1Char('\n'));
        if (!p->start())
            std::fprintf(stderr, "server did not start: %s\n", qPrintable(p->log()));
        return p;
    }();
    return *s;
}

// Profiling only the timed part: with `perf record --control=fifo:CTL -D -1 …`, set
// OUTPOST_BENCH_PERF_CTL=CTL and each timed sync turns perf on for its duration.
void perfControl(const char* command)
{
    const QByteArray path = qgetenv("OUTPOST_BENCH_PERF_CTL");
    if (path.isEmpty())
        return;
    if (FILE* f = std::fopen(path.constData(), "w")) {
        std::fputs(command, f);
        std::fclose(f);
    }
}

// A desktop profile (encrypted, full client schema) with its sync engine.
struct Device
{
    TempDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<SyncClient> client;

    explicit Device(const QString& user)
    {
        Database::Options o;
        o.path = dir.filePath(QStringLiteral("outpost.db"));
        o.key = SecretBytes::random(32);
        o.mode = Database::OpenMode::CreateNew;
        o.migrations = clientMigrations();
        o.cacheSizeKiB = 128 * 1024;
        db = std::move(Database::open(std::move(o)).value());
        engine = std::make_unique<MutationEngine>(*db, MutationRegistry::standard(), Clock::system());
        (void)engine->initialize();
        client = std::make_unique<SyncClient>(*db, *engine);
        client->setServer(benchServer().url(), benchServer().certificates());
        client->setPullPageSize(5000);
        bool done = false;
        QObject::connect(client.get(), &SyncClient::signedIn, [&] { done = true; });
        QObject::connect(client.get(), &SyncClient::signInFailed, [&](const QString& m) {
            std::fprintf(stderr, "sign-in failed: %s\n", qPrintable(m));
            done = true;
        });
        client->signIn(kTeam, user, kPassword, {}, QStringLiteral("bench"));
        waitUntil([&] { return done; }, 120000);
    }
    ~Device()
    {
        client.reset();
        engine.reset();
        db.reset();
    }

    double timedSync()
    {
        bool done = false;
        auto c = QObject::connect(client.get(), &SyncClient::synced, [&](bool ok, const QString& m) {
            if (!ok)
                std::fprintf(stderr, "sync failed: %s\n", qPrintable(m));
            done = true;
        });
        QElapsedTimer t;
        t.start();
        perfControl("enable\n");
        client->syncNow();
        waitUntil([&] { return done; }, 3600 * 1000);
        perfControl("disable\n");
        QObject::disconnect(c);
        return double(t.nsecsElapsed()) / 1e9;
    }

    void createContacts(qint64 n, qint64 offset)
    {
        DemoDataGenerator gen(7);
        for (qint64 i = 0; i < n; ++i) {
            const DemoContact d = gen.contact(offset + i);
            QJsonObject fields{{QStringLiteral("firstName"), d.firstName}, {QStringLiteral("lastName"), d.lastName},
                               {QStringLiteral("email"), d.email},         {QStringLiteral("city"), d.city}};
            (void)engine->submit(QStringLiteral("contact.create"),
                                 QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("fields"), fields}});
        }
    }

    qint64 contacts()
    {
        QSqlQuery q(db->connection());
        q.exec(QStringLiteral("SELECT count(*) FROM contacts"));
        q.next();
        return q.value(0).toLongLong();
    }
};

// 10,000 mutations made offline, then one sync: pushed in batches of 1,000 and pulled back.
void BM_Push10k(benchmark::State& state)
{
    for (auto _ : state) {
        Device ana(QStringLiteral("ana"));
        ana.timedSync();
        ana.createContacts(10000, 0);
        const double s = ana.timedSync();
        state.SetIterationTime(s);
        state.counters["mutations_per_s"] = 10000 / s;
        state.counters["pushed"] = double(ana.client->lastStats().pushed);
    }

}
BENCHMARK(BM_Push10k)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// Server ingest: 100,000 row changes pushed by one device (what the server applies per second), then a
// device that was offline through all of them catches up. OUTPOST_BENCH_SYNC_INGEST sets another size.
void BM_Ingest100kThenCatchUp(benchmark::State& state)
{
    const qint64 n = envCount("OUTPOST_BENCH_SYNC_INGEST", 100000);
    for (auto _ : state) {
        Device ben(QStringLiteral("ben"));
        Device cleo(QStringLiteral("cleo"));
        ben.timedSync();
        cleo.timedSync();
        ben.createContacts(n, 100000);
        const double push = ben.timedSync();
        const double catchUp = cleo.timedSync();
        state.SetIterationTime(catchUp);
        state.counters["rows"] = double(n);
        state.counters["ingest_rows_per_s"] = double(n) / push;
        state.counters["push_s"] = push;
        state.counters["catch_up_s"] = catchUp;
        state.counters["catch_up_rows"] = double(cleo.client->lastStats().pulledRows);
    }
}
BENCHMARK(BM_Ingest100kThenCatchUp)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// CPU seconds of this process (the device: network and writer threads) and of the server process, and
// the 1-minute load average: on a machine shared with other builds wall time mostly measures the queue
// for a core, so CPU time is the steadier figure.
double ownCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// From a /proc stat file (a process's or one thread's).
double statCpuSeconds(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    // Fields after the parenthesised name: state is field 3; utime and stime are fields 14 and 15.
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

double processCpuSeconds(qint64 pid)
{
    return pid > 0 ? statCpuSeconds(QStringLiteral("/proc/%1/stat").arg(pid)) : 0;
}

// The CPU seconds of this process's thread named `name` (0 when there is none).
double threadCpuSeconds(const QByteArray& name)
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name)
            return statCpuSeconds(tasks.filePath(tid + QStringLiteral("/stat")));
    }
    return 0;
}

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : 0;
}

// A new device receives N contacts (N = OUTPOST_BENCH_SYNC_BOOTSTRAP, default 1,000,000) through the
// bootstrap snapshot (pages of OUTPOST_BENCH_SYNC_SNAPSHOT_PAGE rows, default 5,000). The team database is
// filled directly (bulk loader + change log) while the server is stopped. The last-tenth ratio compares
// page times; the index rebuild at the end is reported apart (finish_s).
void BM_Bootstrap(benchmark::State& state)
{
    const qint64 n = envCount("OUTPOST_BENCH_SYNC_BOOTSTRAP", 1000000);
    if (onPostgres()) {
        state.SkipWithError("BM_Bootstrap fills the team's SQLite file directly; it has no PostgreSQL mode yet");
        return;
    }
    for (auto _ : state) {
        ServerProcess& s = benchServer();
        { Device first(QStringLiteral("olga")); first.timedSync(); } // the team database exists from the first sync
        const quint16 port = s.port();
        s.terminate();
        {
            const QStringList teams = QDir(s.dataDir() + QStringLiteral("/teams")).entryList({QStringLiteral("*.db")});
            Database::Options o;
            o.path = s.dataDir() + QStringLiteral("/teams/") + teams.value(0);
            o.mode = Database::OpenMode::OpenExisting;
            o.migrations = server::teamMigrations();
            o.cacheSizeKiB = 256 * 1024;
            auto db = Database::open(std::move(o));
            if (!db) {
                state.SkipWithError(qPrintable(db.message()));
                s.start(port);
                return;
            }
            ContactBulkLoader loader(**db, n, QStringLiteral("bench"));
            (void)loader.start();
            DemoDataGenerator gen(11);
            QList<Contact> batch;
            for (qint64 i = 0; i < n; ++i) {
                batch.append(DemoDataLoader::toContact(gen.contact(1000000 + i)));
                if (batch.size() == 10000 || i == n - 1) {
                    (void)loader.add(batch);
                    batch.clear();
                }
            }
            (void)loader.finish();
            QSqlQuery q((*db)->connection());
            q.exec(QStringLiteral("INSERT OR REPLACE INTO sync_changes(entity, entity_id, deleted, audience, seen_by) "
                                  "SELECT 'contact', id, 0, NULL, '' FROM contacts ORDER BY rid"));
        }
        s.start(port);

        Device dan(QStringLiteral("dan"));
        dan.client->setSnapshotPageSize(int(envCount("OUTPOST_BENCH_SYNC_SNAPSHOT_PAGE", 5000)));
        // Each snapshot page's time (download + apply), and when the last one was in: what follows is the
        // index rebuild and the pull from the snapshot's position.
        std::vector<double> pageTimes;
        QElapsedTimer page;
        QElapsedTimer sinceStart;
        double lastPageAt = 0;
        page.start();
        sinceStart.start();
        QObject::connect(dan.client.get(), &SyncClient::bootstrapProgress, [&](qint64, qint64, bool) {
            pageTimes.push_back(double(page.nsecsElapsed()) / 1e9);
            page.restart();
            lastPageAt = double(sinceStart.nsecsElapsed()) / 1e9;
        });
        const double load = loadAverage();
        const double ownCpu = ownCpuSeconds();
        const double serverCpu = processCpuSeconds(s.pid());
        const double total = dan.timedSync();
        state.SetIterationTime(total);
        state.counters["client_cpu_s"] = ownCpuSeconds() - ownCpu;
        // The device's writer (pages, then the index rebuild): the critical path of a bootstrap.
        state.counters["writer_cpu_s"] = threadCpuSeconds("sync-bootstrap");
        state.counters["server_cpu_s"] = processCpuSeconds(s.pid()) - serverCpu;
        state.counters["load_avg"] = (load + loadAverage()) / 2;
        const qint64 rows = dan.contacts();
        state.counters["rows"] = double(rows);
        state.counters["rows_per_s"] = double(rows) / total;
        state.counters["pages"] = double(pageTimes.size());
        state.counters["finish_s"] = total - lastPageAt;
        const size_t tenth = std::max<size_t>(1, pageTimes.size() / 10);
        double first = 0, last = 0;
        for (size_t i = 0; i < tenth && i < pageTimes.size(); ++i) {
            first += pageTimes[i];
            last += pageTimes[pageTimes.size() - 1 - i];
        }
        state.counters["last_tenth_speed_vs_first"] = last > 0 ? first / last : 0;
    }
}
BENCHMARK(BM_Bootstrap)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// Two connected devices (automatic sync on): an edit on one, until the other has applied it.
void BM_LiveLatency(benchmark::State& state)
{
    for (auto _ : state) {
        Device a(QStringLiteral("ana"));
        Device b(QStringLiteral("ben"));
        a.timedSync();
        b.timedSync();
        a.client->start();
        b.client->start();
        waitUntil([&] { return b.client->state() == SyncClient::State::UpToDate && a.client->state() == SyncClient::State::UpToDate; }, 600000);
        std::vector<double> ms;
        for (int i = 0; i < 200; ++i) {
            const QString id = newUuidV7();
            bool seen = false;
            auto c = QObject::connect(b.client.get(), &SyncClient::changed, [&](const EntityChanges& changes) {
                for (const auto& ch : changes)
                    seen = seen || ch.id == id;
            });
            QElapsedTimer t;
            t.start();
            (void)a.engine->submit(QStringLiteral("contact.create"),
                                   QJsonObject{{QStringLiteral("id"), id},
                                               {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Live %1").arg(i)}}}});
            waitUntil([&] { return seen; }, 30000);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            QObject::disconnect(c);
        }
        std::sort(ms.begin(), ms.end());
        state.SetIterationTime(ms[ms.size() / 2] / 1000);
        state.counters["p50_ms"] = ms[ms.size() / 2];
        state.counters["p99_ms"] = ms[size_t(double(ms.size()) * 0.99)];
        a.client->stop();
        b.client->stop();
    }
}
BENCHMARK(BM_LiveLatency)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    delete &benchServer();
    return 0;
}
