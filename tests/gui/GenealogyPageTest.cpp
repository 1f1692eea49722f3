// The Genealogy page on a large generated tree: a search for a distributor deep in a long leg expands the
// tree to it, selects it, opens the chart's path to it and shows the upline and statistics; the chart is
// exported to PNG (a real PNG with content) and PDF; a move that would make a loop is refused in the
// dialog with the sponsor-tree sentence and changes nothing. OUTPOST_SCREENSHOT_DIR=<dir> saves the page and
// the chart as PNG files for looking at them.
#include "genealogy/GenealogyPage.h"

#include "demo/DemoCommerce.h"
#include "genealogy/DemoGenealogy.h"
#include "genealogy/DistributorSearchField.h"
#include "genealogy/DownlineStatsPanel.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "genealogy/GenealogyTreeModel.h"
#include "genealogy/MoveDistributorDialog.h"
#include "genealogy/OrgChartView.h"
#include "genealogy/UplineBreadcrumb.h"
#include "GuiTestUtil.h"
#include "mutations/MutationEngine.h"
#include "shell/Translations.h"
#include "TempDir.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QJsonObject>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSqlQuery>
#include <QTreeView>

using namespace outpost;
using namespace outpost::test;

namespace {

// The deepest distributor of the sponsor tree and its depth, from the parent links (the closure table only
// holds ancestors within GenealogyClosure::kReach levels).
const char* const kDeepestSql = "WITH RECURSIVE down(rid, depth) AS (SELECT rid, 0 FROM distributors WHERE sponsor_rid "
                                "IS NULL UNION ALL SELECT d.rid, down.depth + 1 FROM distributors d JOIN down ON "
                                "d.sponsor_rid = down.rid) SELECT %1 FROM down ORDER BY depth DESC, rid LIMIT 1";

class GenealogyPageTest : public ::testing::Test
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
        GenealogyBulkLoader loader(workspace->database(), QStringLiteral("test"));
        auto loaded = loader.load(DemoGenealogy(2026).generate(kDistributors), 1'700'000'000'000);
        ASSERT_TRUE(loaded.ok()) << loaded.message().toStdString();
        repo = std::make_unique<GenealogyRepository>(workspace->database());
    }

    void TearDown() override
    {
        page.reset();
        workspace.reset();
    }

    qint64 scalar(const QString& sql)
    {
        QSqlQuery q(workspace->database().connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toLongLong();
    }

    void showPage()
    {
        page = std::make_unique<GenealogyPage>(*workspace);
        page->resize(1400, 860);
        page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    }

    void screenshot(QWidget* w, const QString& name)
    {
        const QString out = qEnvironmentVariable("OUTPOST_SCREENSHOT_DIR");
        if (out.isEmpty())
            return;
        QDir().mkpath(out);
        w->grab().save(QDir(out).filePath(name));
    }

    static constexpr int kDistributors = 30000;
    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<GenealogyRepository> repo;
    std::unique_ptr<GenealogyPage> page;
};

TEST_F(GenealogyPageTest, SearchRevealsADeepDistributorAndTheChartExportsToPng)
{
    // The deepest distributor of the generated tree gets a name nobody else has.
    const qint64 deepRid = scalar(QString::fromLatin1(kDeepestSql).arg(QStringLiteral("rid")));
    const qint64 depth = scalar(QString::fromLatin1(kDeepestSql).arg(QStringLiteral("depth")));
    ASSERT_GT(depth, 100);
    auto deep = repo->findByRid(deepRid);
    ASSERT_TRUE(deep.ok() && deep->has_value());
    auto renamed = workspace->mutations().submit(
        QStringLiteral("distributor.update"),
        QJsonObject{{QStringLiteral("id"), (*deep)->id},
                    {QStringLiteral("set"), QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Zoë Deepleg")}}}});
    ASSERT_TRUE(renamed.ok()) << renamed.message().toStdString();

    showPage();
    auto* search = child<DistributorSearchField>(page.get(), QStringLiteral("genealogySearch"));
    typeInto(search, QStringLiteral("zoe deep"));
    QTest::keyClick(search, Qt::Key_Return);

    // The tree is expanded down to it and it is selected.
    QTreeView* tree = page->treeView();
    const QModelIndex current = tree->currentIndex();
    ASSERT_TRUE(current.isValid());
    EXPECT_EQ(page->model()->ridAt(current), deepRid);
    EXPECT_EQ(current.data().toString(), QStringLiteral("Zoë Deepleg"));
    int expandedAbove = 0;
    for (QModelIndex up = current.parent(); up.isValid(); up = up.parent()) {
        EXPECT_TRUE(tree->isExpanded(up));
        ++expandedAbove;
    }
    EXPECT_EQ(expandedAbove, depth);
    EXPECT_EQ(page->selectedRid(), deepRid);
    // Deep as it is, its name is in sight (the view shows the branch from a few levels above).
    const QRect shown = tree->visualRect(current);
    EXPECT_TRUE(tree->viewport()->rect().contains(shown.topLeft() + QPoint(2, 2))) << shown.x() << "," << shown.y();
    EXPECT_LT(shown.x(), tree->viewport()->width() / 2);

    // Upline, chart and statistics follow.
    EXPECT_EQ(page->breadcrumb()->path().size(), depth + 1);
    EXPECT_EQ(page->breadcrumb()->path().last().rid, deepRid);
    EXPECT_TRUE(page->breadcrumb()->text().contains(QStringLiteral("Zoë Deepleg")));
    EXPECT_EQ(page->chart()->selectedRid(), deepRid);
    EXPECT_GT(page->chart()->cardCount(), depth);
    EXPECT_LT(page->chart()->cardCount(), 2000) << "the chart lays out only the opened part";
    waitUntil([&] { return !page->statistics()->isCounting(); });
    screenshot(page.get(), QStringLiteral("genealogy-page-deep.png"));

    // The root's statistics: size and depth from the cached figures, levels counted in the background.
    const qint64 rootRid = scalar(QStringLiteral("SELECT rid FROM distributors WHERE sponsor_rid IS NULL"));
    ASSERT_TRUE(page->revealDistributor(rootRid));
    waitUntil([&] { return !page->statistics()->isCounting(); });
    const QList<qint64> levels = page->statistics()->levelCounts();
    ASSERT_EQ(levels.size(), depth + 1);
    qint64 total = 0;
    for (qint64 n : levels)
        total += n;
    EXPECT_EQ(total, kDistributors);
    EXPECT_TRUE(page->statistics()->summaryText().contains(QLocale().toString(qint64(kDistributors - 1))));

    // Export the chart (path to the deep node plus the opened root) to PNG and PDF.
    ASSERT_TRUE(page->revealDistributor(deepRid));
    page->chart()->setExpanded(rootRid, true);
    const QString png = dir.filePath(QStringLiteral("chart.png"));
    QString error;
    ASSERT_TRUE(page->chart()->exportPng(png, &error)) << error.toStdString();
    QFile f(png);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    f.close();
    QImage image(png);
    ASSERT_FALSE(image.isNull());
    EXPECT_GT(image.height(), depth * 20) << "the whole path is in the image";
    // Content: more than the background colour.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 3);
    const QString pdf = dir.filePath(QStringLiteral("chart.pdf"));
    ASSERT_TRUE(page->chart()->exportPdf(pdf, &error)) << error.toStdString();
    QFile p(pdf);
    ASSERT_TRUE(p.open(QIODevice::ReadOnly));
    EXPECT_TRUE(p.read(5) == "%PDF-");
    if (!qEnvironmentVariable("OUTPOST_SCREENSHOT_DIR").isEmpty())
        image.save(QDir(qEnvironmentVariable("OUTPOST_SCREENSHOT_DIR")).filePath(QStringLiteral("org-chart-export.png")));

    // The chart: zoomed out far, it still paints (plain boxes).
    page->chart()->fitAll();
    screenshot(page->chart(), QStringLiteral("org-chart-fit.png"));
}

// PV and GV in the tree come from the last calculated commission period: dashes before, the stored
// results after a calculation (the page follows the period's change), the period named in the header.
TEST_F(GenealogyPageTest, TheTreeShowsPvAndGvOfTheLastCalculatedPeriod)
{
    showPage();
    auto* view = page->findChild<QTreeView*>(QStringLiteral("genealogyTree"));
    ASSERT_NE(view, nullptr);
    QAbstractItemModel* model = view->model();
    ASSERT_GT(model->rowCount(), 0);
    EXPECT_EQ(model->index(0, GenealogyTreeModel::PvColumn).data().toString(), QStringLiteral("—"));
    EXPECT_EQ(model->index(0, GenealogyTreeModel::GvColumn).data().toString(), QStringLiteral("—"));

    DemoCommerce::Options o;
    o.months = 1;
    o.firstMonthStart = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    o.linesPerMonth = 20'000;
    auto loaded = DemoCommerce::load(workspace->database(), o, 1'700'000'000'000);
    ASSERT_TRUE(loaded.ok()) << loaded.message().toStdString();
    const QString planId = newUuidV7(), periodId = newUuidV7();
    MutationEngine& mutations = workspace->mutations();
    ASSERT_TRUE(mutations.submit(QStringLiteral("plan.update"), QJsonObject{{QStringLiteral("id"), planId},
                                                                           {QStringLiteral("name"), QStringLiteral("Demo")},
                                                                           {QStringLiteral("plan"), DemoCommerce::demoPlanJson()}})
                    .ok());
    ASSERT_TRUE(mutations.submit(QStringLiteral("period.open"),
                                 QJsonObject{{QStringLiteral("id"), periodId},
                                             {QStringLiteral("name"), QStringLiteral("March 2026")},
                                             {QStringLiteral("startsAt"), double(loaded->monthStarts.at(0))},
                                             {QStringLiteral("endsAt"), double(loaded->monthStarts.at(1))},
                                             {QStringLiteral("planId"), planId}})
                    .ok());
    auto calculated = mutations.submit(QStringLiteral("period.calculate"), QJsonObject{{QStringLiteral("id"), periodId}});
    ASSERT_TRUE(calculated.ok()) << calculated.message().toStdString();

    // The top distributor's stored result (everyone's volume is in their GV).
    const qint64 topRid = model->index(0, 0).data(GenealogyTreeModel::RidRole).toLongLong();
    QSqlQuery q(workspace->database().connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT pv, gv FROM commission_results WHERE distributor_rid = %1").arg(topRid)));
    ASSERT_TRUE(q.next()) << "the top distributor has a result";
    EXPECT_GT(q.value(1).toLongLong(), 0);
    EXPECT_EQ(model->index(0, GenealogyTreeModel::PvColumn).data().toString(), QLocale().toString(q.value(0).toLongLong()));
    EXPECT_EQ(model->index(0, GenealogyTreeModel::GvColumn).data().toString(), QLocale().toString(q.value(1).toLongLong()));
    EXPECT_TRUE(view->header()->toolTip().contains(QStringLiteral("March 2026"))) << view->header()->toolTip().toStdString();

    // Below the top: everyone with a big downline shows its GV even without PV of their own; nobody shows a
    // dash once a period is calculated (no stored result is zero volume).
    view->expand(model->index(0, 0));
    const QModelIndex top = model->index(0, 0);
    int bigLegs = 0;
    for (int row = 0; row < model->rowCount(top); ++row) {
        if (model->index(row, 0, top).data(GenealogyTreeModel::DownlineSizeRole).toLongLong() < 1000)
            continue; // a small downline may have bought nothing this month
        ++bigLegs;
        const QString gv = model->index(row, GenealogyTreeModel::GvColumn, top).data().toString();
        EXPECT_NE(gv, QStringLiteral("0")) << model->index(row, 0, top).data().toString().toStdString();
    }
    for (int row = 0; row < model->rowCount(top); ++row)
        EXPECT_NE(model->index(row, GenealogyTreeModel::PvColumn, top).data().toString(), QStringLiteral("—"));
    EXPECT_GT(bigLegs, 2);
    screenshot(page.get(), QStringLiteral("genealogy-volumes.png"));
}

TEST_F(GenealogyPageTest, ChartExpandsCollapsesAndSwitchesTrees)
{
    showPage();
    OrgChartView* chart = page->chart();
    const qint64 rootRid = scalar(QStringLiteral("SELECT rid FROM distributors WHERE sponsor_rid IS NULL"));
    EXPECT_EQ(chart->cardCount(), 1);
    chart->setExpanded(rootRid, true);
    const qint64 children = scalar(QStringLiteral("SELECT count(*) FROM distributors WHERE sponsor_rid = %1").arg(rootRid));
    EXPECT_EQ(chart->cardCount(), 1 + std::min<qint64>(children, OrgChartView::PageSize));
    if (children > OrgChartView::PageSize) {
        chart->showMore(rootRid);
        EXPECT_EQ(chart->cardCount(), 1 + std::min<qint64>(children, 2 * OrgChartView::PageSize));
    }
    chart->setExpanded(rootRid, false);
    EXPECT_EQ(chart->cardCount(), 1);
    screenshot(page.get(), QStringLiteral("genealogy-page.png"));

    page->setTree(GenealogyTree::Placement);
    EXPECT_EQ(page->model()->tree(), GenealogyTree::Placement);
    EXPECT_EQ(chart->tree(), GenealogyTree::Placement);
    EXPECT_EQ(chart->cardCount(), 1);
}

TEST_F(GenealogyPageTest, AMoveIntoTheOwnDownlineIsRefusedInTheDialog)
{
    // A distributor with a downline, and one of its descendants as the new sponsor.
    const qint64 head = scalar(QStringLiteral("SELECT rid FROM sponsor_downline WHERE size BETWEEN 5 AND 50 LIMIT 1"));
    const qint64 below = scalar(QStringLiteral("SELECT descendant FROM sponsor_closure WHERE ancestor = %1 AND depth = 2 "
                                               "LIMIT 1").arg(head));
    auto headRow = repo->findByRid(head);
    auto belowRow = repo->findByRid(below);
    ASSERT_TRUE(headRow.ok() && headRow->has_value() && belowRow.ok() && belowRow->has_value());
    auto renamed = workspace->mutations().submit(
        QStringLiteral("distributor.update"),
        QJsonObject{{QStringLiteral("id"), (*belowRow)->id},
                    {QStringLiteral("set"), QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Quentin Below")}}}});
    ASSERT_TRUE(renamed.ok());
    const qint64 movesBefore = scalar(QStringLiteral("SELECT count(*) FROM distributor_moves"));

    showPage();
    MoveDistributorDialog dialog(*repo, workspace->mutations(), (*headRow)->id, (*headRow)->displayName,
                                 GenealogyTree::Sponsor, page.get());
    dialog.show();
    typeInto(dialog.parentField(), QStringLiteral("quentin below"));
    QTest::keyClick(dialog.parentField(), Qt::Key_Return);
    ASSERT_EQ(dialog.parentField()->chosenRid(), below);
    dialog.reasonField()->setPlainText(QStringLiteral("Customer asked"));
    EXPECT_FALSE(dialog.submit());
    const QString message = dialog.messageLabel()->text();
    EXPECT_TRUE(message.startsWith((*headRow)->displayName)) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("own sponsor downline"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("loop in the sponsor tree"))) << message.toStdString();
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM distributor_moves")), movesBefore);
    QCoreApplication::processEvents(); // the layout makes room for the message
    EXPECT_GE(dialog.messageLabel()->height(), dialog.messageLabel()->heightForWidth(dialog.messageLabel()->width()));
    screenshot(&dialog, QStringLiteral("genealogy-move-refused.png"));

    // To the top level instead: accepted, and the page shows the moved distributor as a root.
    dialog.toTopField()->setChecked(true);
    EXPECT_TRUE(dialog.submit()) << dialog.messageLabel()->text().toStdString();
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM distributor_moves")), movesBefore + 1);
    ASSERT_TRUE(page->revealDistributor(head));
    EXPECT_FALSE(page->treeView()->currentIndex().parent().isValid());
}

} // namespace
