// The export of a large commission statement (one distributor's ~100,000 order lines), before and after it
// moved to the Statement dialog's worker: the same CSV writer on the caller's thread (what the dialog did
// before: the window stood still for all of it) and through StatementDialog::startExport, where the figure
// that matters is the longest the UI thread went without turning its event loop (a 5 ms timer measures the
// gaps); the PDF painted a page at a time on the worker, and the QTextDocument of the whole table that it
// replaced (on the first OUTPOST_BENCH_OLD_PDF_LINES lines, default 10,000: the whole table takes minutes).
// Sizes: OUTPOST_BENCH_DISTRIBUTORS (default 17,000; order lines = 10 per distributor in one month, so the
// top earner's statement holds about 100,000 per-order lines). Reports CPU time and the load average with
// every figure (the machine is shared).
// Run with: build/bench/tests/bench/statement_bench
#include "CommerceBenchData.h"
#include "ProcStatus.h"
#include "commissions/CommissionRunner.h"
#include "commissions/CommissionStatement.h"
#include "commissions/CommissionStore.h"
#include "commissions/StatementDialog.h"
#include "commissions/StatementPager.h"
#include "commissions/StatementPdfWriter.h"
#include "demo/DemoCommerce.h"
#include "importexport/BackgroundJob.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "storage/Database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace outpost;
using namespace outpost::bench;
using namespace outpost::commissions;

namespace {

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Workspace> workspace;
    Statement statement; // the top earner's
    qint64 orderLines = 0; // what the CSV itemises
    double setupSeconds = 0;
    double statementReadSeconds = 0; // CommissionReports::statement: still read on the UI thread when the dialog opens
};

std::unique_ptr<Fixture> g_fixture; // closed in main() while the application still exists

Fixture& fixture()
{
    if (g_fixture)
        return *g_fixture;
    g_fixture = std::make_unique<Fixture>();
    Fixture& f = *g_fixture;
    QElapsedTimer t;
    t.start();
    const qint64 n = qEnvironmentVariableIntValue("OUTPOST_BENCH_DISTRIBUTORS");
    const qint64 distributors = n > 0 ? n : 17'000;
    CommerceProfile p = commerceProfile(f.dir.path(), QStringLiteral("statement-bench"), distributors);
    f.workspace = std::move(p.workspace);
    Workspace& w = *f.workspace;
    const QString period = openFirstMonth(w, p.orders, submitPlan(w, DemoCommerce::demoPlanJson()));
    if (auto m = CommissionRunner::calculate(w.mutations(), period, {}, {}); !m)
        die("run", m.message());
    QSqlDatabase db = w.database().connection();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT d.id FROM commission_lines l JOIN distributors d ON d.rid = l.earner_rid "
                               "GROUP BY l.earner_rid ORDER BY sum(l.order_count) DESC LIMIT 1"))
        || !q.next())
        die("top earner", QStringLiteral("none"));
    QElapsedTimer read;
    read.start();
    auto statement = CommissionReports::statement(db, period, q.value(0).toString());
    f.statementReadSeconds = double(read.nsecsElapsed()) / 1e9;
    if (!statement)
        die("statement", statement.message());
    f.statement = statement.value();
    for (const StatementLine& line : f.statement.lines)
        f.orderLines += line.orderCount;
    f.setupSeconds = double(t.nsecsElapsed()) / 1e9;
    return f;
}

void commonCounters(benchmark::State& state, const Fixture& f, double cpu, double load)
{
    const double runs = double(std::max<benchmark::IterationCount>(1, state.iterations()));
    state.counters["order_lines"] = double(f.orderLines);
    state.counters["ledger_lines"] = double(f.statement.lines.size());
    state.counters["cpu_s"] = cpu / runs;
    state.counters["load_avg_max"] = load;
    state.counters["setup_s"] = f.setupSeconds;
    state.counters["statement_read_s"] = f.statementReadSeconds;
}

// Before: the CSV written on the caller's thread, as StatementDialog::exportCsv did on the UI thread.
void BM_StatementCsvOnCallerThread(benchmark::State& state)
{
    Fixture& f = fixture();
    const QString path = f.dir.filePath(QStringLiteral("statement.csv"));
    double cpu = 0, load = 0;
    for (auto _ : state) {
        load = std::max(load, bench::loadAverage());
        const double cpuStart = bench::processCpuSeconds();
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            die("csv", file.errorString());
        QSqlDatabase db = f.workspace->database().connection();
        auto period = CommissionStore::readPeriod(db, f.statement.periodId);
        if (!period || !period.value())
            die("period", period.message());
        if (Status s = StatementPager::writeCsv(db, **period, f.statement, &file); !s)
            die("csv", s.message());
        if (!file.commit())
            die("csv", file.errorString());
        cpu += bench::processCpuSeconds() - cpuStart;
    }
    commonCounters(state, f, cpu, load);
    state.counters["file_MiB"] = double(QFileInfo(path).size()) / 1048576.0;
}

// After: the export through the dialog, on its worker. Wall time to exportFinished, and the longest gap
// between two ticks of a 5 ms timer on the UI thread (minus the 5 ms): how long the window stood still,
// against the same measure for a second without an export.
void exportThroughDialog(benchmark::State& state, StatementDialog::Format format)
{
    Fixture& f = fixture();
    StatementDialog dialog(f.workspace->database(), f.statement);
    const QString path = f.dir.filePath(format == StatementDialog::Format::Csv ? QStringLiteral("worker.csv")
                                                                               : QStringLiteral("worker.pdf"));
    double cpu = 0, load = 0, stall = 0;
    qint64 progress = 0;
    QObject::connect(dialog.exportJob(), &BackgroundJob::progress, &dialog, [&] { ++progress; });
    QElapsedTimer gap;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, &dialog, [&] {
        stall = std::max(stall, double(gap.nsecsElapsed()) / 1e6 - 5);
        gap.start();
    });
    // The control: the same gaps for a second without an export (the list's first page arrives meanwhile).
    // On a loaded machine the scheduler alone makes gaps of tens of ms.
    {
        QEventLoop idle;
        QTimer::singleShot(1000, &idle, &QEventLoop::quit);
        gap.start();
        ticker.start();
        idle.exec();
        state.counters["ui_idle_max_stall_ms"] = stall;
        stall = 0;
    }
    for (auto _ : state) {
        load = std::max(load, bench::loadAverage());
        const double cpuStart = bench::processCpuSeconds();
        QEventLoop loop;
        QObject::connect(&dialog, &StatementDialog::exportFinished, &loop, &QEventLoop::quit);
        gap.start();
        if (!dialog.startExport(format, path))
            die("export", QStringLiteral("not started"));
        stall = std::max(stall, double(gap.nsecsElapsed()) / 1e6); // starting it, on the UI thread
        gap.start();
        loop.exec();
        if (!dialog.lastExport())
            die("export", dialog.lastExport().message());
        cpu += bench::processCpuSeconds() - cpuStart;
    }
    commonCounters(state, f, cpu, load);
    state.counters["ui_max_stall_ms"] = stall;
    state.counters["progress_updates"] = double(progress) / double(state.iterations());
    state.counters["file_MiB"] = double(QFileInfo(path).size()) / 1048576.0;
}

void BM_StatementCsvOnWorker(benchmark::State& state)
{
    exportThroughDialog(state, StatementDialog::Format::Csv);
}

void BM_StatementPdfOnWorker(benchmark::State& state)
{
    exportThroughDialog(state, StatementDialog::Format::Pdf);
    state.counters["pages"] = StatementPdfWriter::pagesFor(fixture().statement).count(fixture().statement.lines.size() + 1);
}

// The statement as one HTML table, the way the removed Statement::toHtml wrote it for the old PDF export.
QString wholeTableHtml(const Statement& s, qsizetype lines)
{
    QString h = s.headerHtml();
    h += QStringLiteral("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>");
    for (const char* c : {"Rule", "Order", "From", "Level", "Percent", "Base", "Amount"})
        h += QStringLiteral("<th>%1</th>").arg(QLatin1String(c));
    h += QStringLiteral("</tr>");
    for (qsizetype i = 0; i < lines; ++i) {
        const StatementLine& l = s.lines.at(i);
        const QString order = l.orderId.isEmpty() ? QStringLiteral("%1 orders").arg(l.orderCount) : l.orderId.left(13);
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td align='right'>%4</td><td align='right'>%5</td>"
                            "<td align='right'>%6</td><td align='right'>%7</td></tr>")
                 .arg(l.ruleText(), order, l.sourceName.toHtmlEscaped(), QString::number(l.level), l.percentText(),
                      Statement::money(l.base, s.currency), Statement::money(l.amount, s.currency));
    }
    return h + QStringLiteral("</table>");
}

qsizetype oldPdfLines(const Fixture& f)
{
    const int n = qEnvironmentVariableIntValue("OUTPOST_BENCH_OLD_PDF_LINES");
    return std::min<qsizetype>(n > 0 ? n : 10'000, f.statement.lines.size());
}

// Before: the old PDF export (QTextDocument of the whole table, printed), on the first oldPdfLines() lines.
void BM_StatementPdfOldTextDocument(benchmark::State& state)
{
    Fixture& f = fixture();
    const qsizetype lines = oldPdfLines(f);
    const QString path = f.dir.filePath(QStringLiteral("old.pdf"));
    double cpu = 0, load = 0;
    for (auto _ : state) {
        load = std::max(load, bench::loadAverage());
        const double cpuStart = bench::processCpuSeconds();
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A4));
        QTextDocument doc;
        doc.setHtml(wholeTableHtml(f.statement, lines));
        doc.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size());
        doc.print(&writer);
        cpu += bench::processCpuSeconds() - cpuStart;
    }
    commonCounters(state, f, cpu, load);
    state.counters["ledger_lines"] = double(lines);
}

// After, on the same lines: the page-at-a-time writer on the caller's thread.
void BM_StatementPdfPainted(benchmark::State& state)
{
    Fixture& f = fixture();
    Statement part = f.statement;
    part.lines = part.lines.mid(0, oldPdfLines(f));
    double cpu = 0, load = 0;
    for (auto _ : state) {
        load = std::max(load, bench::loadAverage());
        const double cpuStart = bench::processCpuSeconds();
        QSaveFile file(f.dir.filePath(QStringLiteral("painted.pdf")));
        if (!file.open(QIODevice::WriteOnly))
            die("pdf", file.errorString());
        if (auto pages = StatementPdfWriter::write(part, &file, {}); !pages)
            die("pdf", pages.message());
        if (!file.commit())
            die("pdf", file.errorString());
        cpu += bench::processCpuSeconds() - cpuStart;
    }
    commonCounters(state, f, cpu, load);
    state.counters["ledger_lines"] = double(part.lines.size());
}

} // namespace

BENCHMARK(BM_StatementCsvOnCallerThread)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StatementCsvOnWorker)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StatementPdfOnWorker)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StatementPdfOldTextDocument)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StatementPdfPainted)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_fixture.reset();
    return 0;
}
