// The Commissions page: both item models pass QAbstractItemModelTester while the page calculates, re-runs,
// locks and commits a demo period on its worker thread; the preview shows the differences; a statement
// opens and exports to CSV and PDF. OUTPOST_SCREENSHOT_DIR=<dir> saves the page and the statement as PNG
// files for looking at them.
#include "commissions/CommissionsPage.h"

#include "commissions/CommissionModels.h"
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
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
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
    ASSERT_GT(lines->rowCount(), 0);
    while (lines->canFetchMore({}))
        lines->fetchMore({});
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

} // namespace
