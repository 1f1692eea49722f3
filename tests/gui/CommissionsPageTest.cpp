// The Commissions page: both item models pass QAbstractItemModelTester while the page calculates, re-runs,
// locks and commits a demo period on its worker thread; the preview shows the differences; a statement
// opens and exports to CSV and PDF; the statement of a summary run is itemised on the worker page by page; the
// exports run on the dialog's worker with progress and Cancel and leave no partial file. OUTPOST_SCREENSHOT_DIR=<dir>
// saves the page and the statement (also mid-export) as PNG files, and a generated statement's PDF, for looking
// at them.
#include "commissions/CommissionsPage.h"

#include "commissions/CommissionModels.h"
#include "commissions/CommissionStore.h"
#include "commissions/StatementDialog.h"
#include "commissions/StatementPdfWriter.h"
#include "demo/DemoCommerce.h"
#include "genealogy/DemoGenealogy.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "GuiTestUtil.h"
#include "importexport/BackgroundJob.h"
#include "importexport/ProgressPanel.h"
#include "mutations/MutationEngine.h"
#include "shell/Translations.h"
#include "TempDir.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTimer>

using namespace outpost;
using namespace outpost::test;

namespace {

class CommissionsPageTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslators(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void SetUp() override
    {
        workspace = makeWorkspace(dir.path());
        ASSERT_NE(workspace, nullptr);
        const qint64 now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        GenealogyBulkLoader loader(workspace->database(), QStringLiteral("test"));
        ASSERT_TRUE(loader.load(DemoGenealogy(11).generate(400), now - 400LL * 86'400'000).ok());
        DemoCommerce::Options o;
        o.months = 2;
        o.linesPerMonth = 12'000; // the top earner's statement itemises several thousand order lines
        o.firstMonthStart = now;
        auto loaded = DemoCommerce::load(workspace->database(), o, now);
        ASSERT_TRUE(loaded.ok()) << loaded.message().toStdString();
        const QString plan = newUuidV7();
        ASSERT_TRUE(workspace->mutations()
                        .submit(QStringLiteral("plan.update"), QJsonObject{{QStringLiteral("id"), plan},
                                                                          {QStringLiteral("name"), QStringLiteral("Demo plan")},
                                                                          {QStringLiteral("plan"), DemoCommerce::demoPlanJson()}})
                        .ok());
        for (int i = 0; i < 2; ++i)
            ASSERT_TRUE(workspace->mutations()
                            .submit(QStringLiteral("period.open"),
                                    QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                                {QStringLiteral("name"), QStringLiteral("2026-0%1").arg(i + 1)},
                                                {QStringLiteral("startsAt"), double(loaded->monthStarts.at(i))},
                                                {QStringLiteral("endsAt"), double(loaded->monthStarts.at(i + 1))},
                                                {QStringLiteral("planId"), plan}})
                            .ok());
        page = std::make_unique<CommissionsPage>(*workspace);
        page->resize(1200, 640);
        page->show();
    }

    void TearDown() override
    {
        page.reset();
        workspace.reset();
    }

    // Clicks a step button and waits until the page's worker is done.
    void runStep(const char* button)
    {
        QSignalSpy done(page.get(), &CommissionsPage::workFinished);
        click(child<QPushButton>(page.get(), QLatin1String(button)));
        ASSERT_TRUE(waitUntil([&] { return done.count() == 1; }, 60000)) << button;
    }

    // Reads every page of the statement, each on the worker behind the "Loading…" row.
    static void fetchAll(StatementLinesModel* lines)
    {
        ASSERT_TRUE(waitUntil([&] { return !lines->isFetching(); }));
        while (lines->canFetchMore({})) {
            lines->fetchMore({});
            ASSERT_TRUE(lines->isFetching());
            ASSERT_TRUE(waitUntil([&] { return !lines->isFetching(); }));
        }
    }

    // Starts an export from the dialog and runs the event loop until it has ended.
    static void exportAndWait(StatementDialog* dialog, StatementDialog::Format format, const QString& path)
    {
        QSignalSpy finished(dialog, &StatementDialog::exportFinished);
        ASSERT_TRUE(dialog->startExport(format, path));
        ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }, 120000));
    }

    // Pages of a PDF file as QPdfWriter writes them: one "/Type /Page" object each ("/Type /Pages" is the tree).
    static int pdfPageCount(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray pdf = file.readAll();
        if (!pdf.startsWith("%PDF-"))
            return -1;
        return int(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page/")
                   + pdf.count("/Type /Page ") + pdf.count("/Type /Page>"));
    }

    // The files in the exports' folder (a QSaveFile's temporary file would show here).
    QStringList files() const { return QDir(exports.path()).entryList(QDir::Files | QDir::Hidden); }

    // The statement of the distributor with the most orders in January after a run that stored summary lines
    // (more than ten orders in the period), so the CSV export itemises them from the orders.
    commissions::Statement summaryStatement()
    {
        const QString january = scalar(QStringLiteral("SELECT id FROM commission_periods WHERE name = '2026-01'"));
        {
            commissions::ScopedPerOrderLimit summaryAbove(10);
            auto run = workspace->mutations().submit(QStringLiteral("period.calculate"), QJsonObject{{QStringLiteral("id"), january}});
            EXPECT_TRUE(run.ok()) << run.message().toStdString();
        }
        const QString top = scalar(QStringLiteral("SELECT d.id FROM commission_lines l JOIN distributors d ON d.rid = l.earner_rid "
                                                  "GROUP BY l.earner_rid ORDER BY sum(l.order_count) DESC LIMIT 1"));
        QSqlDatabase db = workspace->database().connection();
        auto header = commissions::CommissionReports::statement(db, january, top);
        EXPECT_TRUE(header.ok()) << header.message().toStdString();
        return header ? header.value() : commissions::Statement();
    }

    QString scalar(const QString& sql)
    {
        QSqlQuery q(workspace->database().connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toString();
    }

    QString cell(QAbstractItemModel* model, int row, int column) { return model->index(row, column).data().toString(); }

    void screenshot(QWidget* w, const QString& name)
    {
        const QString out = qEnvironmentVariable("OUTPOST_SCREENSHOT_DIR");
        if (out.isEmpty())
            return;
        QDir().mkpath(out);
        EXPECT_TRUE(w->grab().save(QDir(out).filePath(name + QStringLiteral(".png"))));
    }

    TempDir dir;
    TempDir exports; // where the export tests write (the profile is in `dir`)
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<CommissionsPage> page;
};

TEST_F(CommissionsPageTest, CalculatesReRunsLocksCommitsAndShowsAStatement)
{
    QAbstractItemModelTester periodsTester(page->periodModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester previewTester(page->previewModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(page->periodModel()->rowCount(), 2);
    // Newest first: select January (row 1).
    page->periodTable()->selectRow(1);
    EXPECT_EQ(cell(page->periodModel(), 1, CommissionPeriodModel::State), QStringLiteral("Open"));
    EXPECT_FALSE(child<QPushButton>(page.get(), QStringLiteral("lockButton"))->isEnabled());

    runStep("calculateButton");
    EXPECT_EQ(cell(page->periodModel(), 1, CommissionPeriodModel::State), QStringLiteral("Calculated"));
    EXPECT_EQ(cell(page->periodModel(), 1, CommissionPeriodModel::LastRun), QStringLiteral("first run"));
    ASSERT_GT(page->previewModel()->rowCount(), 0);
    EXPECT_EQ(cell(page->previewModel(), 0, CommissionPreviewModel::Previous), QStringLiteral("new"));

    runStep("calculateButton");
    EXPECT_EQ(cell(page->periodModel(), 1, CommissionPeriodModel::LastRun), QStringLiteral("same as the run before"));
    EXPECT_EQ(cell(page->previewModel(), 0, CommissionPreviewModel::Difference), QStringLiteral("unchanged"));
    screenshot(page.get(), QStringLiteral("commissions-page"));

    runStep("lockButton");
    EXPECT_EQ(cell(page->periodModel(), 1, CommissionPeriodModel::State), QStringLiteral("Locked"));
    EXPECT_FALSE(child<QPushButton>(page.get(), QStringLiteral("calculateButton"))->isEnabled());
    runStep("commitButton");
    EXPECT_EQ(cell(page->periodModel(), 1, CommissionPeriodModel::State), QStringLiteral("Committed"));
    EXPECT_TRUE(child<MessageLabel>(page.get(), QStringLiteral("message"))->text().contains(QStringLiteral("final")));

    page->previewTable()->selectRow(0);
    click(child<QPushButton>(page.get(), QStringLiteral("statementButton")));
    // The statement's lines are read on the page's worker: the dialog opens once they are in.
    EXPECT_TRUE(page->isBusy()) << "reading the statement";
    EXPECT_EQ(findVisible<StatementDialog>(QStringLiteral("statementDialog")), nullptr);
    EXPECT_FALSE(child<QPushButton>(page.get(), QStringLiteral("statementButton"))->isEnabled());
    auto* dialog = waitForVisible<StatementDialog>(QStringLiteral("statementDialog"));
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(dialog->statement().lines.isEmpty());
    // The list reads the lines page by page; below the per-order limit, one row per ledger line.
    StatementLinesModel* lines = dialog->linesModel();
    QAbstractItemModelTester tester(lines, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_NO_FATAL_FAILURE(fetchAll(lines));
    EXPECT_EQ(lines->rowCount(), dialog->statement().lines.size());
    EXPECT_EQ(lines->index(0, StatementLinesModel::Order).data().toString(), dialog->statement().lines.at(0).orderId);
    screenshot(dialog, QStringLiteral("commissions-statement"));
    const QString pdf = dir.filePath(QStringLiteral("statement.pdf"));
    ASSERT_NO_FATAL_FAILURE(exportAndWait(dialog, StatementDialog::Format::Pdf, pdf));
    EXPECT_TRUE(dialog->lastExport().ok()) << dialog->lastExport().message().toStdString();
    EXPECT_EQ(pdfPageCount(pdf), StatementPdfWriter::pagesFor(dialog->statement()).count(dialog->statement().lines.size() + 1));
    const QString csv = dir.filePath(QStringLiteral("statement.csv"));
    ASSERT_NO_FATAL_FAILURE(exportAndWait(dialog, StatementDialog::Format::Csv, csv));
    EXPECT_TRUE(dialog->lastExport().ok()) << dialog->lastExport().message().toStdString();
    dialog->close();
}

// A run above the per-order limit stores summary lines; the statement's model itemises them on its worker,
// a page at a time behind a "Loading…" row, into the same order lines as the CSV export (itemised on this
// thread); a page that cannot be itemised ends the lines with a message.
TEST_F(CommissionsPageTest, AStatementOfASummaryRunIsItemisedOnTheWorkerAPageAtATime)
{
    const commissions::Statement header = summaryStatement();
    ASSERT_FALSE(header.periodId.isEmpty());
    ASSERT_GT(scalar(QStringLiteral("SELECT count(*) FROM commission_lines WHERE order_count > 1")).toInt(), 0);
    QSqlDatabase db = workspace->database().connection();
    auto period = commissions::CommissionStore::readPeriod(db, header.periodId);
    ASSERT_TRUE(period.ok() && period->has_value());
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    ASSERT_TRUE(commissions::StatementPager::writeCsv(db, **period, header, &csv).ok());
    QStringList expected = QString::fromUtf8(csv.data()).trimmed().split(QLatin1Char('\n'));
    expected.removeFirst(); // the header
    expected.removeLast();  // the total
    ASSERT_GT(expected.size(), StatementLinesModel::kPageSize) << "more than a page";
    ASSERT_GT(expected.size(), header.lines.size()) << "summary lines to itemise";

    StatementLinesModel lines(workspace->database());
    QAbstractItemModelTester tester(&lines, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy failed(&lines, &StatementLinesModel::loadFailed);
    ASSERT_TRUE(lines.setStatement(header).ok());
    // The page is delivered through this thread's event loop: until it runs again, the placeholder stands.
    ASSERT_TRUE(lines.isFetching()) << "itemised on the worker, not here";
    ASSERT_EQ(lines.rowCount(), 1);
    EXPECT_EQ(lines.index(0, StatementLinesModel::Rule).data().toString(), QStringLiteral("Loading…"));
    EXPECT_FALSE(lines.index(0, StatementLinesModel::Rule).flags() & Qt::ItemIsSelectable);
    {
        QTableView view; // for the picture only (destroyed before the event loop runs)
        view.setModel(&lines);
        view.resize(760, 160);
        view.show();
        screenshot(&view, QStringLiteral("commissions-statement-loading"));
    }
    EXPECT_FALSE(lines.canFetchMore({})) << "no second fetch while one is on its way";
    lines.fetchMore({});
    EXPECT_EQ(lines.rowCount(), 1);
    ASSERT_NO_FATAL_FAILURE(fetchAll(&lines));
    ASSERT_EQ(lines.rowCount(), expected.size());
    for (int row = 0; row < lines.rowCount(); ++row) {
        const QString order = lines.index(row, StatementLinesModel::Order).data().toString();
        ASSERT_FALSE(order.isEmpty());
        ASSERT_TRUE(expected.at(row).contains(order)) << "row " << row << ": " << order.toStdString();
    }
    EXPECT_EQ(failed.count(), 0);

    // A new statement drops the old one's page; one whose orders cannot be read ends with a message.
    ASSERT_TRUE(workspace->database().execScript(QStringLiteral("ALTER TABLE order_lines RENAME TO order_lines_away")).ok());
    ASSERT_TRUE(lines.setStatement(header).ok());
    EXPECT_EQ(lines.rowCount(), 1);
    fetchAll(&lines); // until the failure (its fatal failures return here, and the table is renamed back)
    ASSERT_TRUE(workspace->database().execScript(QStringLiteral("ALTER TABLE order_lines_away RENAME TO order_lines")).ok());
    ASSERT_FALSE(lines.isFetching());
    ASSERT_EQ(failed.count(), 1);
    EXPECT_TRUE(failed.at(0).at(0).toString().contains(QStringLiteral("Could not read the statement")))
        << failed.at(0).at(0).toString().toStdString();
    EXPECT_LT(lines.rowCount(), expected.size());
    EXPECT_FALSE(lines.canFetchMore({}));
}

// The CSV export of a statement whose summary lines are itemised from the orders runs on the dialog's worker:
// progress arrives and the event loop keeps turning while it writes, and the file equals what the writer
// wrote on the caller's thread before. Cancel leaves a file that was there as it was; a folder that does not
// exist is an error with its reason; neither leaves a temporary file behind.
TEST_F(CommissionsPageTest, AStatementExportsToCsvOnTheWorkerWithProgressAndCancel)
{
    const commissions::Statement statement = summaryStatement();
    ASSERT_FALSE(statement.periodId.isEmpty());
    qint64 orderLines = 0;
    for (const commissions::StatementLine& line : statement.lines)
        orderLines += line.orderCount;
    QSqlDatabase db = workspace->database().connection();
    auto period = commissions::CommissionStore::readPeriod(db, statement.periodId);
    ASSERT_TRUE(period.ok() && period->has_value());
    QBuffer reference;
    reference.open(QIODevice::WriteOnly);
    ASSERT_TRUE(commissions::StatementPager::writeCsv(db, **period, statement, &reference).ok());
    ASSERT_GT(orderLines, 4 * commissions::StatementPager::kCsvPage) << "several pages: progress on the way";

    StatementDialog dialog(workspace->database(), statement);
    dialog.show();
    ASSERT_TRUE(waitUntil([&] { return !dialog.linesModel()->isFetching(); }));
    QList<std::pair<qint64, qint64>> progress;
    int ticksWhileExporting = 0;
    QTimer ticker; // stands for the user's clicks and repaints: it fires only when the event loop turns
    ticker.setInterval(0);
    QObject::connect(&ticker, &QTimer::timeout, &dialog, [&] { ticksWhileExporting += dialog.isExporting() ? 1 : 0; });
    QObject::connect(dialog.exportJob(), &BackgroundJob::progress, &dialog, [&](qint64 done, qint64 total) {
        if (progress.isEmpty() || (done > 0 && progress.last().first == 0))
            screenshot(&dialog, QStringLiteral("commissions-statement-exporting"));
        progress.append({done, total});
    });
    ticker.start();
    const QString csv = exports.filePath(QStringLiteral("statement.csv"));
    ASSERT_NO_FATAL_FAILURE(exportAndWait(&dialog, StatementDialog::Format::Csv, csv));
    ticker.stop();
    ASSERT_TRUE(dialog.lastExport().ok()) << dialog.lastExport().message().toStdString();
    EXPECT_GT(ticksWhileExporting, 0);
    ASSERT_FALSE(progress.isEmpty());
    for (qsizetype i = 0; i < progress.size(); ++i) {
        EXPECT_EQ(progress.at(i).second, orderLines);
        EXPECT_LE(progress.at(i).first, orderLines);
        if (i > 0) {
            EXPECT_GE(progress.at(i).first, progress.at(i - 1).first);
        }
    }
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.readAll() == reference.data()) << "the same bytes as the synchronous writer";
    file.close();
    EXPECT_TRUE(child<MessageLabel>(&dialog, QStringLiteral("statementMessage"))->text().contains(QStringLiteral("Saved to")));
    EXPECT_EQ(files(), QStringList{QStringLiteral("statement.csv")}) << "no temporary file left";

    // Cancelled at once: the file from before is left as it was.
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("kept\n");
    file.close();
    QSignalSpy finished(&dialog, &StatementDialog::exportFinished);
    ASSERT_TRUE(dialog.startExport(StatementDialog::Format::Csv, csv));
    EXPECT_FALSE(child<QPushButton>(&dialog, QStringLiteral("exportCsvButton"))->isEnabled());
    EXPECT_FALSE(dialog.startExport(StatementDialog::Format::Pdf, csv)) << "one export at a time";
    dialog.reject(); // Esc while exporting cancels; the dialog stays open to say so
    EXPECT_TRUE(dialog.isVisible());
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }, 120000));
    EXPECT_EQ(dialog.lastExport().code(), ErrorCode::Cancelled);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("kept\n"));
    file.close();
    EXPECT_TRUE(child<MessageLabel>(&dialog, QStringLiteral("statementMessage"))->text().contains(QStringLiteral("left as it was")));
    EXPECT_TRUE(child<QPushButton>(&dialog, QStringLiteral("exportCsvButton"))->isEnabled());

    // A folder that does not exist: the reason is shown, nothing is written.
    ASSERT_NO_FATAL_FAILURE(exportAndWait(&dialog, StatementDialog::Format::Csv, exports.filePath(QStringLiteral("missing/x.csv"))));
    EXPECT_EQ(dialog.lastExport().code(), ErrorCode::Io);
    const QString shown = child<MessageLabel>(&dialog, QStringLiteral("statementMessage"))->text();
    EXPECT_TRUE(shown.contains(QStringLiteral("Could not save")) && shown.contains(QStringLiteral("x.csv"))) << shown.toStdString();
    EXPECT_EQ(files(), QStringList{QStringLiteral("statement.csv")});
}

// The PDF is painted a page at a time on the worker: a generated statement of thousands of lines has the
// pages its layout gives (the column titles on each, the total row last), a page more exactly when the rows
// overflow the first page; the Cancel button stops it and leaves no file.
TEST_F(CommissionsPageTest, AStatementExportsToPdfAPageAtATimeOnTheWorker)
{
    const auto generated = [](int lines) {
        commissions::Statement s;
        s.periodId = newUuidV7();
        s.periodName = QStringLiteral("2026-01");
        s.periodState = QStringLiteral("calculated");
        s.distributorId = newUuidV7();
        s.distributorName = QStringLiteral("Ada Generated");
        s.currency = QStringLiteral("EUR");
        for (int i = 0; i < lines; ++i) {
            commissions::StatementLine l;
            l.orderId = newUuidV7();
            l.sourceName = i % 97 ? QStringLiteral("Buyer %1").arg(i)
                                  : QStringLiteral("A buyer whose name is much too long to fit its column %1").arg(i);
            l.level = 1 + i % 7;
            l.levelRaw = l.level;
            l.bp = 400;
            l.base = 1000 + i;
            l.amount = l.base * 4 / 100;
            s.total += l.amount;
            s.lines.append(l);
        }
        return s;
    };
    const StatementPdfWriter::Pages pages = StatementPdfWriter::pagesFor(generated(1));
    ASSERT_GT(pages.first, 10);
    ASSERT_GT(pages.others, pages.first) << "the header takes room on the first page only";
    const auto exportPdf = [&](const commissions::Statement& statement, const QString& name) {
        StatementDialog dialog(workspace->database(), statement);
        const QString path = exports.filePath(name);
        exportAndWait(&dialog, StatementDialog::Format::Pdf, path);
        EXPECT_TRUE(dialog.lastExport().ok()) << dialog.lastExport().message().toStdString();
        return pdfPageCount(path);
    };
    EXPECT_EQ(exportPdf(generated(pages.first - 1), QStringLiteral("full.pdf")), 1) << "lines and total fill the first page";
    EXPECT_EQ(exportPdf(generated(pages.first), QStringLiteral("over.pdf")), 2) << "the total row goes over";

    const commissions::Statement large = generated(5000);
    const int expected = 1 + int((5001 - pages.first + pages.others - 1) / pages.others);
    StatementDialog dialog(workspace->database(), large);
    dialog.show();
    QSignalSpy progress(dialog.exportJob(), &BackgroundJob::progress);
    ASSERT_NO_FATAL_FAILURE(exportAndWait(&dialog, StatementDialog::Format::Pdf, exports.filePath(QStringLiteral("large.pdf"))));
    ASSERT_TRUE(dialog.lastExport().ok()) << dialog.lastExport().message().toStdString();
    EXPECT_EQ(pdfPageCount(exports.filePath(QStringLiteral("large.pdf"))), expected);
    if (const QString out = qEnvironmentVariable("OUTPOST_SCREENSHOT_DIR"); !out.isEmpty()) { // for looking at it
        QFile::remove(QDir(out).filePath(QStringLiteral("commissions-statement.pdf")));
        QFile::copy(exports.filePath(QStringLiteral("large.pdf")), QDir(out).filePath(QStringLiteral("commissions-statement.pdf")));
    }
    EXPECT_GT(expected, 50);
    ASSERT_GT(progress.count(), 0);
    EXPECT_EQ(progress.last().at(1).toLongLong(), 5001);

    // The Cancel button, as a user clicks it: no file.
    QSignalSpy finished(&dialog, &StatementDialog::exportFinished);
    ASSERT_TRUE(dialog.startExport(StatementDialog::Format::Pdf, exports.filePath(QStringLiteral("cancelled.pdf"))));
    auto* panel = child<ProgressPanel>(&dialog, QStringLiteral("statementExportProgress"));
    ASSERT_TRUE(panel->isVisible());
    click(panel->cancelButton());
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }, 120000));
    EXPECT_EQ(dialog.lastExport().code(), ErrorCode::Cancelled);
    EXPECT_FALSE(panel->isVisible());
    EXPECT_FALSE(QFileInfo::exists(exports.filePath(QStringLiteral("cancelled.pdf"))));
    EXPECT_FALSE(files().join(QLatin1Char(' ')).contains(QStringLiteral("cancelled"))) << "no temporary file left";
    EXPECT_TRUE(child<MessageLabel>(&dialog, QStringLiteral("statementMessage"))->text().contains(QStringLiteral("no file was written")));
}

} // namespace
