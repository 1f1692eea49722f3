// The Commissions page: both item models pass QAbstractItemModelTester while the page calculates, re-runs,
// locks and commits a demo period on its worker thread; the preview shows the differences; a statement
// opens and exports to CSV and PDF; the statement of a summary run is itemised on the worker page by page. OUTPOST_SCREENSHOT_DIR=<dir> saves the page and the statement as PNG
// files for looking at them.
#include "commissions/CommissionsPage.h"

#include "commissions/CommissionModels.h"
#include "commissions/CommissionStore.h"
#include "commissions/StatementDialog.h"
#include "demo/DemoCommerce.h"
#include "genealogy/DemoGenealogy.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "GuiTestUtil.h"
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
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>

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
    ASSERT_TRUE(dialog->exportPdf(pdf).ok());
    QFile file(pdf);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.read(5).startsWith("%PDF-"));
    const QString csv = dir.filePath(QStringLiteral("statement.csv"));
    ASSERT_TRUE(dialog->exportCsv(csv).ok());
    EXPECT_FALSE(dialog->exportCsv(dir.filePath(QStringLiteral("missing/folder/x.csv"))).ok());
    dialog->close();
}

// A run above the per-order limit stores summary lines; the statement's model itemises them on its worker,
// a page at a time behind a "Loading…" row, into the same order lines as the CSV export (itemised on this
// thread); a page that cannot be itemised ends the lines with a message.
TEST_F(CommissionsPageTest, AStatementOfASummaryRunIsItemisedOnTheWorkerAPageAtATime)
{
    const QString january = scalar(QStringLiteral("SELECT id FROM commission_periods WHERE name = '2026-01'"));
    {
        commissions::ScopedPerOrderLimit summaryAbove(10);
        auto run = workspace->mutations().submit(QStringLiteral("period.calculate"), QJsonObject{{QStringLiteral("id"), january}});
        ASSERT_TRUE(run.ok()) << run.message().toStdString();
    }
    ASSERT_GT(scalar(QStringLiteral("SELECT count(*) FROM commission_lines WHERE order_count > 1")).toInt(), 0);
    const QString top = scalar(QStringLiteral("SELECT d.id FROM commission_lines l JOIN distributors d ON d.rid = l.earner_rid "
                                              "GROUP BY l.earner_rid ORDER BY sum(l.order_count) DESC LIMIT 1"));
    QSqlDatabase db = workspace->database().connection();
    auto header = commissions::CommissionReports::statement(db, january, top);
    ASSERT_TRUE(header.ok()) << header.message().toStdString();
    auto period = commissions::CommissionStore::readPeriod(db, january);
    ASSERT_TRUE(period.ok() && period->has_value());
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    ASSERT_TRUE(commissions::StatementPager::writeCsv(db, **period, *header, &csv).ok());
    QStringList expected = QString::fromUtf8(csv.data()).trimmed().split(QLatin1Char('\n'));
    expected.removeFirst(); // the header
    expected.removeLast();  // the total
    ASSERT_GT(expected.size(), StatementLinesModel::kPageSize) << "more than a page";
    ASSERT_GT(expected.size(), header->lines.size()) << "summary lines to itemise";

    StatementLinesModel lines(workspace->database());
    QAbstractItemModelTester tester(&lines, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy failed(&lines, &StatementLinesModel::loadFailed);
    ASSERT_TRUE(lines.setStatement(*header).ok());
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
    ASSERT_TRUE(lines.setStatement(*header).ok());
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

} // namespace
