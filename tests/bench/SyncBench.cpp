// Sync figures over loopback TLS against a real outpost-server process: push, server ingest, catch-up
// after a long offline stretch, bootstrap of a new device, and how fast a change reaches another
// connected device. Run through scripts/run-benchmarks.sh (OUTPOST_BENCH_SYNC_BOOTSTRAP sets the
// bootstrap size, default 1,000,000).
#include "ProcStatus.h"
#include "ServerProcess.h"
#include "Wait.h"

#include "client/SyncClient.h"
#include "contacts/ContactBulkLoader.h"
#include "demo/DemoDataGenerator.h"
#include "demo/DemoDataLoader.h"
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "replication/Replica.h"
#include "service/TeamSchema.h"
#include "storage/ClientSchema.h"
#include "storage/Database.h"
#include "util/Uuid.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSemaphore>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QSqlQuery>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <numeric>
#include <thread>

#include <unistd.h>

#include <sys/resource.h>

using namespace outpost;
using namespace outpost::test;
using namespace outpost::bench;

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
// A new device's encrypted profile database in `dir`.
Result<std::unique_ptr<Database>> openDeviceDatabase(const TempDir& dir)
{
    Database::Options o;
    o.path = dir.filePath(QStringLiteral("outpost.db"));
    o.key = SecretBytes::random(32);
    o.mode = Database::OpenMode::CreateNew;
    o.migrations = clientMigrations();
    o.cacheSizeKiB = 128 * 1024;
    return Database::open(std::move(o));
}

struct Device
{
    TempDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<SyncClient> client;

    explicit Device(const QString& user)
    {
        db = std::move(openDeviceDatabase(dir).value());
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

    // Returns the new contacts' ids.
    QStringList createContacts(qint64 n, qint64 offset)
    {
        DemoDataGenerator gen(7);
        QStringList ids;
        for (qint64 i = 0; i < n; ++i) {
            const DemoContact d = gen.contact(offset + i);
            QJsonObject fields{{QStringLiteral("firstName"), d.firstName}, {QStringLiteral("lastName"), d.lastName},
                               {QStringLiteral("email"), d.email},         {QStringLiteral("city"), d.city}};
            ids << newUuidV7();
            (void)engine->submit(QStringLiteral("contact.create"),
                                 QJsonObject{{QStringLiteral("id"), ids.last()}, {QStringLiteral("fields"), fields}});
        }
        return ids;
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

// A push of 1,000 offline changes whose last range(0) are refused by their mutator before it writes (edits of
// contacts another device deleted meanwhile). Such a refusal used to make a PostgreSQL server run the whole
// push again with a savepoint per change; compare with range(0) = 0.
void BM_PushWithRefusals(benchmark::State& state)
{
    const int refusals = int(state.range(0));
    for (auto _ : state) {
        Device ana(QStringLiteral("ana"));
        Device ben(QStringLiteral("ben"));
        ana.timedSync();
        const QStringList gone = ana.createContacts(std::max(refusals, 1), 900000);
        ana.timedSync();
        ben.timedSync();
        for (const QString& id : gone)
            (void)ben.engine->submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), id}});
        ben.timedSync();
        // The refused ones last: the Direct attempt had applied everything before the first when it gave up.
        ana.createContacts(1000 - refusals, 910000);
        for (int i = 0; i < refusals; ++i)
            (void)ana.engine->submit(QStringLiteral("contact.update"),
                                     QJsonObject{{QStringLiteral("id"), gone.at(i)},
                                                 {QStringLiteral("set"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Gone")}}}});
        const qint64 server = benchServer().pid();
        const double cpuBefore = procCpuSeconds(server);
        const double loadBefore = loadAverage();
        const double s = ana.timedSync();
        state.SetIterationTime(s);
        state.counters["server_cpu_s"] = procCpuSeconds(server) - cpuBefore;
        state.counters["rejected"] = double(ana.client->lastStats().rejected);
        state.counters["pushed"] = double(ana.client->lastStats().pushed);
        state.counters["load_avg"] = (loadBefore + loadAverage()) / 2;
    }
}
BENCHMARK(BM_PushWithRefusals)->Arg(0)->Arg(1)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

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
        const qint64 server = benchServer().pid();
        const double cpuBefore = procCpuSeconds(server);
        const double deviceCpuBefore = processCpuSeconds();
        const double loadBefore = loadAverage();
        const double push = ben.timedSync();
        const double serverCpu = procCpuSeconds(server) - cpuBefore;
        const double deviceCpu = processCpuSeconds() - deviceCpuBefore;
        const double catchUp = cleo.timedSync();
        state.SetIterationTime(catchUp);
        state.counters["rows"] = double(n);
        state.counters["ingest_rows_per_s"] = double(n) / push;
        state.counters["push_s"] = push;
        // What the server spent on the push (apply, and the device pulling its own changes back): the server's
        // share of the figure, steadier than wall time on a loaded machine.
        state.counters["server_cpu_s"] = serverCpu;
        state.counters["rows_per_server_cpu_s"] = serverCpu > 0 ? double(n) / serverCpu : 0;
        // The wall time with the device's own CPU taken out (its outbox, TLS, applying its changes pulled
        // back): what the server side took, waiting included. Never less than the server's CPU.
        const double withoutDevice = std::max(push - deviceCpu, serverCpu);
        state.counters["device_cpu_s"] = deviceCpu;
        state.counters["rows_per_s_without_device"] = withoutDevice > 0 ? double(n) / withoutDevice : 0;
        state.counters["load_avg"] = (loadBefore + loadAverage()) / 2;
        state.counters["catch_up_s"] = catchUp;
        state.counters["catch_up_rows"] = double(cleo.client->lastStats().pulledRows);
    }
}
BENCHMARK(BM_Ingest100kThenCatchUp)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// The CPU seconds of this process's thread named `name` (0 when there is none).
double threadCpuSeconds(const QByteArray& name)
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name)
            return std::max(0.0, procStatCpuSeconds(tasks.filePath(tid + QStringLiteral("/stat"))));
    }
    return 0;
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
        const double ownCpu = processCpuSeconds();
        const double serverCpu = procCpuSeconds(s.pid());
        const double total = dan.timedSync();
        state.SetIterationTime(total);
        state.counters["client_cpu_s"] = processCpuSeconds() - ownCpu;
        // The device's writer (pages, then the index rebuild): the critical path of a bootstrap.
        state.counters["writer_cpu_s"] = threadCpuSeconds("sync-bootstrap");
        state.counters["server_cpu_s"] = procCpuSeconds(s.pid()) - serverCpu;
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

// A first sync of N contacts cut short, in pages of 5,000 built here as the server sends them (in-process:
// what follows is the device's alone).
struct StoppedBootstrap
{
    static constexpr qint64 kPageRows = 5000;
    TempDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<Replica> replica;
    DemoDataGenerator gen{11};
    qint64 total = 0;
    qint64 made = 0;
    QString error;

    explicit StoppedBootstrap(qint64 n)
        : total(n + kPageRows) // one page more than is loaded: it is not over
    {
        auto opened = openDeviceDatabase(dir);
        if (!opened) {
            error = opened.message();
            return;
        }
        db = std::move(opened.value());
        replica = std::make_unique<Replica>(*db, MutationRegistry::standard(), RowCodecRegistry::standard());
    }

    // Applies the next page; its time in ms.
    double applyPage()
    {
        QList<SnapshotBlock> blocks;
        for (qint64 i = 0; i < kPageRows; ++i, ++made) {
            const Contact c = DemoDataLoader::toContact(gen.contact(1000000 + made));
            QJsonObject row;
            for (const QString& f : Contact::fieldNames())
                row.insert(f, c.field(f));
            row.insert(QStringLiteral("createdAt"), c.createdAt);
            row.insert(QStringLiteral("updatedAt"), c.createdAt);
            row.insert(QStringLiteral("updatedBy"), QStringLiteral("bench"));
            appendSnapshotRow(blocks, QStringLiteral("contact"), newUuidV7(), row);
        }
        replica->prepareSnapshotPage(blocks);
        Replica::Bootstrap next = replica->bootstrap().value();
        next.at = 1;
        next.total = total;
        next.done += kPageRows;
        QElapsedTimer t;
        t.start();
        if (auto applied = replica->applySnapshotPage(blocks, next); !applied)
            error = applied.message();
        return double(t.nsecsElapsed()) / 1e6;
    }
};

// A first sync stopped after OUTPOST_BENCH_SYNC_BOOTSTRAP_STOP contacts (default 200,000): how long the
// writer takes to give the profile its indexes back (Replica::stopBootstrap; the iteration time, with its
// CPU), and what a page of 5,000 costs after the resume with the indexes kept (page_kept_ms: one page is
// left, so they stay) against the pages before the stop, which ran without them (page_dropped_ms): the
// figures behind Replica::dropsIndexesOnResume. Meanwhile this thread, as the UI's, saves a new contact every
// 50 ms: how long such an edit waits at worst (ui_edit_worst_ms: for one restore step, restore_step_worst_ms,
// with its commit) and whether one fails ("database is locked").
void BM_BootstrapStop(benchmark::State& state)
{
    const qint64 n = envCount("OUTPOST_BENCH_SYNC_BOOTSTRAP_STOP", 200000);
    for (auto _ : state) {
        StoppedBootstrap b(n);
        std::vector<double> dropped;
        while (b.made < n && b.error.isEmpty())
            dropped.push_back(b.applyPage());
        if (!b.error.isEmpty()) {
            state.SkipWithError(qPrintable(b.error));
            return;
        }
        const double load = loadAverage();
        MutationEngine engine(*b.db, MutationRegistry::standard(), Clock::system());
        (void)engine.initialize();
        QElapsedTimer sinceStep;
        double worstStep = 0;
        b.replica->setRestoreStepHook([&](const QString&, int) {
            // From the previous step's commit to this step's end: its wait for the lock, and its work.
            worstStep = std::max(worstStep, double(sinceStep.nsecsElapsed()) / 1e6);
        });
        std::atomic_bool stopped{false};
        double stopSeconds = 0;
        double stopCpu = 0;
        QString failure;
        std::thread writer([&] { // the sync client's writer thread
            const double cpu = outpost::bench::threadCpuSeconds();
            QElapsedTimer t;
            t.start();
            sinceStep.start();
            if (auto restored = b.replica->stopBootstrap([&] { sinceStep.restart(); }); !restored)
                failure = restored.message();
            stopSeconds = double(t.nsecsElapsed()) / 1e9;
            stopCpu = outpost::bench::threadCpuSeconds() - cpu;
            b.db->releaseThreadConnection();
            stopped = true;
        });
        std::vector<double> edits;
        int failedEdits = 0;
        while (!stopped) {
            QElapsedTimer e;
            e.start();
            const QJsonObject args{{QStringLiteral("id"), newUuidV7()},
                                   {QStringLiteral("fields"),
                                    QJsonObject{{QStringLiteral("firstName"), QStringLiteral("During")},
                                                {QStringLiteral("lastName"), QStringLiteral("Restore")}}}};
            if (!engine.submit(QStringLiteral("contact.create"), args))
                ++failedEdits;
            edits.push_back(double(e.nsecsElapsed()) / 1e6);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        writer.join();
        b.replica->setRestoreStepHook({});
        if (!failure.isEmpty())
            state.SkipWithError(qPrintable(failure));
        state.SetIterationTime(stopSeconds);
        state.counters["stop_cpu_s"] = stopCpu;
        state.counters["restore_step_worst_ms"] = worstStep;
        state.counters["ui_edits"] = double(edits.size());
        state.counters["ui_edit_failures"] = failedEdits;
        state.counters["ui_edit_worst_ms"] =
            edits.empty() ? 0 : *std::max_element(edits.begin(), edits.end());
        state.counters["load_avg"] = (load + loadAverage()) / 2;
        state.counters["rows"] = double(n);
        const size_t tail = std::min<size_t>(10, dropped.size());
        state.counters["page_dropped_ms"] = std::accumulate(dropped.end() - long(tail), dropped.end(), 0.0) / double(tail);
        state.counters["page_kept_ms"] = b.applyPage();
    }
}
BENCHMARK(BM_BootstrapStop)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// The same stopped first sync, and the app quits while its restore builds the e-mail index (200 ms, or
// OUTPOST_BENCH_SYNC_ABORT_AFTER_MS, into the step after the sort index): how long Replica::abort() takes to
// stop it (the iteration time, abort_ms), then the repair the next open does (Workspace::migrate's
// stopBootstrap, repair_s).
void BM_BootstrapStopAbort(benchmark::State& state)
{
    const qint64 n = envCount("OUTPOST_BENCH_SYNC_BOOTSTRAP_STOP", 200000);
    const qint64 abortAfterMs = envCount("OUTPOST_BENCH_SYNC_ABORT_AFTER_MS", 200);
    for (auto _ : state) {
        StoppedBootstrap b(n);
        while (b.made < n && b.error.isEmpty())
            b.applyPage();
        if (!b.error.isEmpty()) {
            state.SkipWithError(qPrintable(b.error));
            return;
        }
        const double load = loadAverage();
        QSemaphore sorted;
        b.replica->setRestoreStepHook([&](const QString& entity, int step) {
            if (entity == QLatin1String("contact") &&
                step == 1) // contacts_rank: there already; the e-mail index is next
                sorted.release();
        });
        QElapsedTimer sinceAbort;
        double abortMs = 0;
        Result<EntityChanges> aborted = EntityChanges();
        std::thread writer([&] {
            aborted = b.replica->stopBootstrap();
            abortMs = double(sinceAbort.nsecsElapsed()) / 1e6;
            b.db->releaseThreadConnection();
        });
        sorted.acquire();
        std::this_thread::sleep_for(std::chrono::milliseconds(abortAfterMs));
        sinceAbort.start();
        b.replica->abort();
        writer.join();
        if (aborted || aborted.code() != ErrorCode::Cancelled) {
            state.SkipWithError("the restore was not aborted");
            return;
        }
        state.SetIterationTime(abortMs / 1000);
        state.counters["abort_ms"] = abortMs;
        Replica reopened(*b.db, MutationRegistry::standard(), RowCodecRegistry::standard());
        QElapsedTimer t;
        t.start();
        if (auto repaired = reopened.stopBootstrap(); !repaired)
            state.SkipWithError(qPrintable(repaired.message()));
        state.counters["repair_s"] = double(t.nsecsElapsed()) / 1e9;
        state.counters["load_avg"] = (load + loadAverage()) / 2;
        state.counters["rows"] = double(n);
    }
}
BENCHMARK(BM_BootstrapStopAbort)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

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


// An access token for `user` (one sign-in over HTTPS, as a device would).
QString accessToken(const QString& user)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(benchServer().url().resolved(QUrl(QStringLiteral("/v1/auth/login"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(benchServer().certificates());
    request.setSslConfiguration(tls);
    const QJsonObject body{{QStringLiteral("team"), kTeam},
                           {QStringLiteral("user"), user},
                           {QStringLiteral("password"), kPassword},
                           {QStringLiteral("deviceId"), newUuidV7()},
                           {QStringLiteral("deviceName"), QStringLiteral("bench")}};
    QNetworkReply* reply = nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError>& errors) {
        // The bench server's certificate names no host; it is the one we pinned (CA list above).
        reply->ignoreSslErrors(errors);
    });
    waitUntil([&] { return reply->isFinished(); }, 60000);
    const QString token = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("accessToken")).toString();
    if (token.isEmpty())
        std::fprintf(stderr, "login failed: %s\n", qPrintable(reply->errorString()));
    reply->deleteLater();
    return token;
}

// 1,000 devices holding their live event stream open on one server (OUTPOST_BENCH_SYNC_LIVE_CONNECTIONS sets
// another count): every stream gets its opening event, then one change must reach every one of them. Reports
// the server's resident memory with all streams held (VmRSS) and its peak (VmHWM), and what each stream costs.
void BM_LiveConnections(benchmark::State& state)
{
    const int n = int(envCount("OUTPOST_BENCH_SYNC_LIVE_CONNECTIONS", 1000));
    for (auto _ : state) {
        ServerProcess& server = benchServer();
        Device writer(QStringLiteral("olga"));
        writer.timedSync();
        const QString token = accessToken(QStringLiteral("dan"));
        const QSslCertificate pinned = server.certificates().value(0);
        const double rssBefore = procStatusMiB("VmRSS", server.pid());
        const QByteArray request = "GET /v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                                   "Authorization: Bearer "
                                   + token.toLatin1() + "\r\n\r\n";

        std::vector<std::unique_ptr<QSslSocket>> sockets;
        std::vector<int> events(size_t(n), 0);
        int failed = 0;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < n; ++i) {
            auto socket = std::make_unique<QSslSocket>();
            socket->setPeerVerifyMode(QSslSocket::VerifyNone); // checked below: the peer must be the pinned certificate
            QSslSocket* raw = socket.get();
            QObject::connect(raw, &QSslSocket::encrypted, raw, [raw, &pinned, &request, &failed] {
                if (raw->peerCertificate() != pinned) {
                    ++failed;
                    raw->abort();
                    return;
                }
                raw->write(request);
            });
            QObject::connect(raw, &QSslSocket::readyRead, raw, [raw, &events, i] {
                events[size_t(i)] += int(raw->readAll().count("event: changes"));
            });
            socket->connectToHostEncrypted(server.url().host(), server.port());
            sockets.push_back(std::move(socket));
            if (i % 50 == 49) // a device at a time would not open 1,000 handshakes in one burst either
                waitUntil([&] { return std::all_of(events.begin(), events.begin() + i + 1, [](int e) { return e >= 1; }); }, 60000);
        }
        auto everyStreamHas = [&](int count) {
            return std::all_of(events.begin(), events.end(), [count](int e) { return e >= count; });
        };
        waitUntil([&] { return everyStreamHas(1); }, 120000);
        const double openS = double(t.nsecsElapsed()) / 1e9;
        const double rss = procStatusMiB("VmRSS", server.pid());

        writer.createContacts(1, 900000);
        t.restart();
        writer.timedSync();
        waitUntil([&] { return everyStreamHas(2); }, 120000);
        const double fanOutS = double(t.nsecsElapsed()) / 1e9;

        state.SetIterationTime(fanOutS);
        state.counters["connections"] = n;
        state.counters["streams_opened"] = double(std::count_if(events.begin(), events.end(), [](int e) { return e >= 1; }));
        state.counters["streams_told_of_change"] =
            double(std::count_if(events.begin(), events.end(), [](int e) { return e >= 2; }));
        state.counters["pin_failures"] = failed;
        state.counters["open_all_s"] = openS;
        state.counters["server_rss_before_mib"] = rssBefore;
        state.counters["server_rss_mib"] = rss;
        state.counters["server_hwm_mib"] = procStatusMiB("VmHWM", server.pid());
        state.counters["kib_per_stream"] = n > 0 ? (rss - rssBefore) * 1024.0 / n : 0;
        for (auto& s : sockets)
            s->abort();
    }
}
BENCHMARK(BM_LiveConnections)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// Bytes of each table's values (the sum of length() over its columns: text and blobs in bytes, numbers in
// digits; no page overhead and no indexes, which SQLite 3.15 cannot attribute without dbstat).
QMap<QString, qint64> valueBytesPerTable(QSqlDatabase conn)
{
    QMap<QString, qint64> out;
    QSqlQuery tables(conn);
    tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"));
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    for (const QString& table : std::as_const(names)) {
        QSqlQuery info(conn);
        info.exec(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table));
        QStringList lengths;
        while (info.next())
            lengths << QStringLiteral("coalesce(length(\"%1\"), 0)").arg(info.value(1).toString());
        QSqlQuery sum(conn);
        if (!lengths.isEmpty() && sum.exec(QStringLiteral("SELECT coalesce(sum(%1), 0) FROM \"%2\"").arg(lengths.join(QLatin1Char('+')), table))
            && sum.next())
            out.insert(table, sum.value(0).toLongLong());
    }
    return out;
}

// Sync bookkeeping against data: a device makes N contacts (OUTPOST_BENCH_SYNC_BOOKKEEPING, default 20,000),
// syncs, edits a fifth and deletes a tenth of them, syncs again. Reports the device's bookkeeping (outbox,
// sync state in meta, conflicts, rejections) and the server's (change log with its tombstones, applied
// pushes, conflicts) as a share of the bytes of the data tables; the audit log is reported on its own.
void BM_SyncBookkeeping(benchmark::State& state)
{
    const qint64 n = envCount("OUTPOST_BENCH_SYNC_BOOKKEEPING", 20000);
    for (auto _ : state) {
        Device ana(QStringLiteral("ana"));
        ana.timedSync();
        const QStringList ids = ana.createContacts(n, 500000);
        ana.timedSync();
        for (qint64 i = 0; i < n; ++i) {
            if (i % 5 == 0)
                (void)ana.engine->submit(QStringLiteral("contact.update"),
                                         QJsonObject{{QStringLiteral("id"), ids.at(i)},
                                                     {QStringLiteral("set"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Edited %1").arg(i)}}}});
            else if (i % 10 == 1)
                (void)ana.engine->submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), ids.at(i)}});
        }
        const double s = ana.timedSync();
        state.SetIterationTime(s);

        auto share = [](const QMap<QString, qint64>& bytes, const QStringList& bookkeeping, const char* prefix,
                        benchmark::State& st) {
            qint64 keep = 0, data = 0;
            for (auto it = bytes.begin(); it != bytes.end(); ++it) {
                if (bookkeeping.contains(it.key())) {
                    keep += it.value();
                    st.counters[std::string(prefix) + "_" + it.key().toStdString() + "_kib"] = double(it.value()) / 1024;
                }
                else if (it.key() != QLatin1String("audit_log"))
                    data += it.value();
            }
            st.counters[std::string(prefix) + "_data_kib"] = double(data) / 1024;
            st.counters[std::string(prefix) + "_bookkeeping_kib"] = double(keep) / 1024;
            st.counters[std::string(prefix) + "_bookkeeping_pct"] = data > 0 ? 100.0 * double(keep) / double(data) : 0;
            st.counters[std::string(prefix) + "_audit_kib"] = double(bytes.value(QStringLiteral("audit_log"))) / 1024;
        };
        share(valueBytesPerTable(ana.db->connection()),
              {QStringLiteral("outbox"), QStringLiteral("meta"), QStringLiteral("sync_conflicts"), QStringLiteral("sync_rejections")},
              "device", state);
        const QStringList teams = QDir(benchServer().dataDir() + QStringLiteral("/teams")).entryList({QStringLiteral("*.db")});
        Database::Options o;
        o.path = benchServer().dataDir() + QStringLiteral("/teams/") + teams.value(0);
        o.mode = Database::OpenMode::OpenExisting;
        o.migrations = server::teamMigrations();
        o.readOnly = true;
        if (auto team = Database::open(std::move(o)); team.ok())
            share(valueBytesPerTable((*team)->connection()),
                  {QStringLiteral("sync_changes"), QStringLiteral("sync_applied"), QStringLiteral("sync_conflicts"),
                   QStringLiteral("meta"), QStringLiteral("schema_migrations")},
                  "server", state);
        state.counters["contacts"] = double(ana.contacts());
    }
}
BENCHMARK(BM_SyncBookkeeping)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

} // namespace

int main(int argc, char** argv)
{
    // Room for the live-connections benchmark's sockets, here and in the server (which inherits the limit).
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    delete &benchServer();
    return 0;
}
