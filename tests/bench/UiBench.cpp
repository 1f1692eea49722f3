// The desktop figures on a 1,000,000-contact encrypted profile, through the real application objects:
// opening the profile to a painted contacts window, one search keystroke to a repainted list, and the
// resident memory with the list open.
#include "ProcStatus.h"
#include "BenchData.h"

#include "contacts/ContactListModel.h"
#include "demo/DemoDataLoader.h"
#include "keys/MemoryKeyStore.h"
#include "profile/ProfileInfo.h"
#include "shell/AppController.h"
#include "shell/MainWindow.h"
#include "util/Uuid.h"

#include "Wait.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QPointer>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <cstdio>

using namespace outpost;
using namespace outpost::bench;

namespace {

// A 1M profile kept between runs (it takes about half a minute to make). Its key sits in a file
// beside it, for this benchmark only; the app reads it from a MemoryKeyStore as it would from the
// OS keychain.
struct CachedProfile
{
    QString dir;
    SecretBytes key;
};

const CachedProfile& cachedProfile()
{
    static CachedProfile p = [] {
        CachedProfile c;
        c.dir = QDir::temp().filePath(QStringLiteral("outpost-bench-ui-%1-v4").arg(contactCount()));
        const QString keyFile = QDir(c.dir).filePath(QStringLiteral("bench-only.key"));
        if (QFile::exists(keyFile) && ProfileInfo::exists(c.dir)) {
            QFile f(keyFile);
            f.open(QIODevice::ReadOnly);
            c.key = SecretBytes(QByteArray::fromHex(f.readAll()));
            return c;
        }
        QDir(c.dir).removeRecursively();
        QDir().mkpath(c.dir);
        ProfileInfo info;
        info.dir = c.dir;
        info.id = newUuidV7();
        info.name = QStringLiteral("Benchmark");
        info.protection = KeyProtection::Keychain;
        c.key = SecretBytes::random(32);
        auto ws = Workspace::open(info, c.key, Database::OpenMode::CreateNew);
        if (!ws) {
            std::fprintf(stderr, "cannot create the profile: %s\n", qPrintable(ws.message()));
            std::abort();
        }
        DemoDataLoader::Options o;
        o.contacts = contactCount();
        if (auto r = DemoDataLoader::loadContacts(*ws.value(), o); !r) {
            std::fprintf(stderr, "cannot fill the profile: %s\n", qPrintable(r.message()));
            std::abort();
        }
        (void)ws.value()->database().checkpoint();
        ws.value().reset();
        (void)info.write();
        QFile f(keyFile);
        f.open(QIODevice::WriteOnly);
        f.write(c.key.bytes().toHex());
        return c;
    }();
    return p;
}

// Counts paint events of a widget. The count is read after processEvents() returns, by which time
// the paint itself has run.
class PaintCounter : public QObject
{
public:
    int paints = 0;
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

struct OpenApp
{
    std::unique_ptr<MemoryKeyStore> keychain;
    std::unique_ptr<AppController> app;
    QTableView* table = nullptr;
    double openMs = 0;
};

// Starts the app on the cached profile and returns once the contacts table has painted.
std::unique_ptr<OpenApp> openApp()
{
    const CachedProfile& p = cachedProfile();
    auto o = std::make_unique<OpenApp>();
    o->keychain = std::make_unique<MemoryKeyStore>();
    auto info = ProfileInfo::read(p.dir);
    bool stored = false;
    o->keychain->write(info->id, p.key, [&](KeyStore::WriteResult) { stored = true; });
    outpost::test::waitUntil([&] { return stored; });

    AppOptions options;
    options.profileDir = p.dir;
    options.lockAfterSeconds = 0;
    PaintCounter painted;
    QElapsedTimer t;
    t.start();
    o->app = std::make_unique<AppController>(o->keychain.get(), options);
    o->app->start();
    const bool ok = outpost::test::waitUntil([&] {
        if (!o->table && o->app->mainWindow()) {
            o->table = o->app->mainWindow()->findChild<QTableView*>(QStringLiteral("contactTable"));
            if (o->table)
                o->table->viewport()->installEventFilter(&painted);
        }
        return painted.paints > 0;
    }, 60000);
    o->openMs = double(t.nsecsElapsed()) / 1e6;
    if (o->table)
        o->table->viewport()->removeEventFilter(&painted);
    if (!ok) {
        std::fprintf(stderr, "the contacts window never painted\n");
        std::abort();
    }
    return o;
}

void BM_OpenProfileToPaintedWindow(benchmark::State& state)
{
    cachedProfile(); // made outside the timing
    double rss = 0;
    for (auto _ : state) {
        auto o = openApp();
        state.SetIterationTime(o->openMs / 1000.0);
        rss = std::max(rss, outpost::bench::procStatusMiB("VmRSS"));
        o->app.reset();
        QCoreApplication::processEvents();
    }
    state.counters["contacts"] = double(contactCount());
    state.counters["rss_MB"] = rss;
}
BENCHMARK(BM_OpenProfileToPaintedWindow)->Iterations(5)->UseManualTime()->Unit(benchmark::kMillisecond);

// Starts a clock when the timer it filters fires (before the timer's timeout() reaches any slot).
class FireClock : public QObject
{
public:
    QElapsedTimer started;
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Timer)
            started.start();
        return false;
    }
};

// Types into the search field letter by letter; each keystroke is timed from the search's debounce timer
// firing (the page then reads the first page of matches and resets the model) to the list having
// repainted.
void BM_SearchKeystrokeToRepaint(benchmark::State& state)
{
    auto o = openApp();
    auto* search = o->app->mainWindow()->findChild<QLineEdit*>(QStringLiteral("contactSearch"));
    auto* model = qobject_cast<ContactListModel*>(o->table->model());
    if (!search || !model) {
        state.SkipWithError("contacts page not found");
        return;
    }
    // Keystrokes that leave the query as it was (a trailing "." or space) do not reset the list.
    QStringList typed;
    QString previousMatch;
    for (const QString& text : typedSearches(50)) {
        const QString match = ContactQuery::parse(text).match;
        if (match != previousMatch)
            typed << text;
        previousMatch = match;
    }
    auto* delay = o->app->mainWindow()->findChild<QTimer*>(QStringLiteral("contactSearchDelay"));
    if (!delay) {
        state.SkipWithError("search delay timer not found");
        return;
    }
    FireClock fired;
    delay->installEventFilter(&fired);
    PaintCounter painted;
    bool resetStarted = false;
    QObject::connect(model, &QAbstractItemModel::modelAboutToBeReset, model, [&] { resetStarted = true; });
    std::vector<double> ms;
    std::vector<double> cpuMs; // the process's CPU from the keystroke to the repaint (UI and count threads)
    qsizetype i = 0;
    for (auto _ : state) {
        const QString text = typed.at(i++ % typed.size());
        const double cpu = outpost::bench::processCpuSeconds();
        resetStarted = false;
        painted.paints = 0;
        o->table->viewport()->installEventFilter(&painted);
        search->setText(text);
        const bool ok = outpost::test::waitUntil([&] { return resetStarted && painted.paints > 0; }, 10000);
        o->table->viewport()->removeEventFilter(&painted);
        if (!ok) {
            state.SkipWithError(qPrintable(QStringLiteral("no repaint after typing \"%1\"").arg(text)));
            break;
        }
        ms.push_back(double(fired.started.nsecsElapsed()) / 1e6);
        cpuMs.push_back((outpost::bench::processCpuSeconds() - cpu) * 1e3);
    }
    state.counters["p50_ms"] = percentile(ms, 0.5);
    state.counters["p95_ms"] = percentile(ms, 0.95);
    state.counters["max_ms"] = percentile(ms, 1.0);
    state.counters["cpu_p50_ms"] = percentile(cpuMs, 0.5);
    state.counters["cpu_p95_ms"] = percentile(cpuMs, 0.95);
    state.counters["load"] = outpost::bench::loadAverage();
    state.counters["keystrokes"] = double(ms.size());
    state.counters["rss_MB"] = outpost::bench::procStatusMiB("VmRSS");
}
BENCHMARK(BM_SearchKeystrokeToRepaint)->Iterations(300)->Unit(benchmark::kMillisecond);

// Resident memory after opening the list and scrolling through it top to bottom in big jumps.
void BM_ResidentMemoryWithListOpen(benchmark::State& state)
{
    auto o = openApp();
    for (auto _ : state) {
        const int rows = o->table->model()->rowCount();
        for (int step = 0; step <= 20; ++step) {
            o->table->scrollTo(o->table->model()->index(qint64(rows - 1) * step / 20, 0));
            o->table->viewport()->repaint();
            QCoreApplication::processEvents();
        }
    }
    state.counters["rss_MB"] = outpost::bench::procStatusMiB("VmRSS");
    state.counters["rows"] = o->table->model()->rowCount();
}
BENCHMARK(BM_ResidentMemoryWithListOpen)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OutpostBench"));
    QCoreApplication::setApplicationName(QStringLiteral("outpost-bench"));
    QStandardPaths::setTestModeEnabled(true);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
