// Deals and tasks in the desktop: every model passes QAbstractItemModelTester (while it fetches pages and
// reloads), the board moves a dragged card's deal, the list sorts and filters, the forecast weighs, and the
// tasks page completes a task from the Today view and shows a due reminder. The flow test drives import →
// board drag → task completion. OUTPOST_SCREENSHOT_DIR=<dir> saves the pages and dialogs as PNG files.
#include "contacts/ContactsPage.h"
#include "GuiTestUtil.h"
#include "importexport/ImportWizard.h"
#include "pipeline/DealBoardView.h"
#include "pipeline/DealCardModel.h"
#include "pipeline/DealEditDialog.h"
#include "pipeline/DealListModel.h"
#include "pipeline/DealsPage.h"
#include "pipeline/ForecastModel.h"
#include "pipeline/Money.h"
#include "pipeline/StageEditorDialog.h"
#include "shell/Translations.h"
#include "tasks/TaskEditDialog.h"
#include "tasks/TaskListModel.h"
#include "tasks/TasksPage.h"
#include "TempDir.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QListView>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStyle>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QWizard>

using namespace outpost;
using namespace outpost::test;
namespace dp = outpost::defaultpipeline;

namespace {

constexpr qint64 kDay = 24LL * 3600 * 1000;

class DealsTasksTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslators(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void SetUp() override
    {
        // A clock the test moves: 2026-03-10 09:00 local time.
        clock.set(QDateTime(QDate(2026, 3, 10), QTime(9, 0)).toMSecsSinceEpoch());
        ProfileInfo info;
        info.dir = dir.path();
        info.id = newUuidV7();
        info.name = QStringLiteral("Test");
        auto ws = Workspace::open(info, SecretBytes::random(32), Database::OpenMode::CreateNew, clock);
        ASSERT_TRUE(ws.ok()) << ws.message().toStdString();
        workspace = std::move(ws.value());
    }

    void TearDown() override
    {
        deals.reset();
        tasks.reset();
        contacts.reset();
        workspace.reset();
    }

    QString createDeal(const QString& title, qint64 amount, const QString& stage = dp::kQualification,
                       std::optional<qint64> close = std::nullopt, const QString& contactId = {})
    {
        const QString id = newUuidV7();
        QJsonObject args{{QStringLiteral("id"), id},
                         {QStringLiteral("title"), title},
                         {QStringLiteral("pipelineId"), dp::kPipelineId},
                         {QStringLiteral("stageId"), stage},
                         {QStringLiteral("amountMinor"), double(amount)},
                         {QStringLiteral("currency"), QStringLiteral("EUR")},
                         {QStringLiteral("ownerId"), QStringLiteral("ana")}};
        if (close)
            args.insert(QStringLiteral("expectedCloseAt"), double(*close));
        if (!contactId.isEmpty())
            args.insert(QStringLiteral("contactId"), contactId);
        auto m = workspace->mutations().submit(QStringLiteral("deal.create"), args);
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    QString createTask(const QString& title, std::optional<qint64> due, const QJsonObject& extra = {})
    {
        const QString id = newUuidV7();
        QJsonObject args{{QStringLiteral("id"), id}, {QStringLiteral("title"), title}};
        if (due)
            args.insert(QStringLiteral("dueAt"), double(*due));
        for (auto it = extra.begin(); it != extra.end(); ++it)
            args.insert(it.key(), it.value());
        auto m = workspace->mutations().submit(QStringLiteral("task.create"), args);
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    QString scalar(const QString& sql)
    {
        QSqlQuery q(workspace->database().connection());
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        return q.next() ? q.value(0).toString() : QString();
    }

    template <typename P> void show(std::unique_ptr<P>& page)
    {
        page = std::make_unique<P>(*workspace);
        page->resize(1280, 720);
        page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    }

    static void screenshot(QWidget* w, const QString& name)
    {
        const QString dir = qEnvironmentVariable("OUTPOST_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QCoreApplication::processEvents();
        EXPECT_TRUE(w->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
    }

    // Drops `dealId`'s card from its column onto `toStage`'s column the way a view's drop does: the source
    // model's drag data into the target model's dropMimeData.
    void dragCard(DealBoardView* board, const QString& fromStage, const QString& dealId, const QString& toStage)
    {
        DealCardModel* from = board->columnModel(fromStage);
        DealCardModel* to = board->columnModel(toStage);
        ASSERT_TRUE(from && to);
        const int row = from->rowOf(dealId);
        ASSERT_GE(row, 0);
        std::unique_ptr<QMimeData> data(from->mimeData({from->index(row)}));
        ASSERT_TRUE(data);
        ASSERT_TRUE(to->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
        EXPECT_FALSE(from->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, {})) << "not onto its own column";
        to->dropMimeData(data.get(), Qt::MoveAction, -1, -1, {});
    }

    // Clicks the check box of a task row as a user does.
    static void clickCheckBox(QTableView* table, int row)
    {
        const QModelIndex index = table->model()->index(row, TaskListModel::TitleColumn);
        table->scrollTo(index);
        QStyleOptionViewItem option;
        option.initFrom(table->viewport());
        option.rect = table->visualRect(index);
        option.features |= QStyleOptionViewItem::HasCheckIndicator;
        option.state |= QStyle::State_Enabled;
        const QRect box = table->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, table);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, box.center());
    }

    TempDir dir;
    ManualClock clock;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<DealsPage> deals;
    std::unique_ptr<TasksPage> tasks;
    std::unique_ptr<ContactsPage> contacts;
};

TEST_F(DealsTasksTest, BoardColumnsAreLazyModelsThatPassTheTester)
{
    const int n = DealCardModel::PageSize * 2 + 7;
    for (int i = 0; i < n; ++i)
        createDeal(QStringLiteral("Deal %1").arg(i, 3, 10, QLatin1Char('0')), 1000 + i, dp::kProposal);
    DealRepository repository(workspace->database());
    DealCardModel model(repository, dp::kProposal);
    EXPECT_EQ(model.rowCount(), DealCardModel::PageSize);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal); // fetches too
    while (model.canFetchMore({}))
        model.fetchMore({});
    EXPECT_EQ(model.rowCount(), n);
    EXPECT_EQ(model.index(n - 1).data().toString(), QStringLiteral("Deal %1").arg(n - 1));
    EXPECT_EQ(model.index(0).data(DealCardModel::ValueTextRole).toString(), QStringLiteral("€10.00"));
    model.reload(); // keeps what was shown
    EXPECT_EQ(model.rowCount(), n);
    EXPECT_TRUE(model.flags(model.index(0)) & Qt::ItemIsDragEnabled);
    EXPECT_TRUE(model.flags({}) & Qt::ItemIsDropEnabled);
}

TEST_F(DealsTasksTest, DraggingACardMovesTheDealAndUpdatesBothColumns)
{
    const QString a = createDeal(QStringLiteral("Starter kits Lyon"), 250000, dp::kQualification, clock.nowMs() + 20 * kDay);
    createDeal(QStringLiteral("Renewal Oslo"), 90000, dp::kQualification);
    ASSERT_NO_FATAL_FAILURE(show(deals));
    DealBoardView* board = deals->board();
    EXPECT_EQ(board->stageIds().size(), 6);
    EXPECT_EQ(board->totalsText(dp::kQualification), QStringLiteral("2 deals · €3,400.00"));
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (const QString& s : board->stageIds())
        testers.push_back(std::make_unique<QAbstractItemModelTester>(board->columnModel(s),
                                                                     QAbstractItemModelTester::FailureReportingMode::Fatal));
    screenshot(deals.get(), QStringLiteral("deals-board"));

    ASSERT_NO_FATAL_FAILURE(dragCard(board, dp::kQualification, a, dp::kProposal));
    ASSERT_TRUE(waitUntil([&] { return scalar(QStringLiteral("SELECT stage_id FROM deals WHERE id = '%1'").arg(a)) == dp::kProposal; }));
    ASSERT_TRUE(waitUntil([&] { return board->columnModel(dp::kProposal)->rowOf(a) == 0; }));
    EXPECT_EQ(board->columnModel(dp::kQualification)->rowOf(a), -1);
    EXPECT_EQ(board->totalsText(dp::kProposal), QStringLiteral("1 deal · €2,500.00"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM deal_stage_changes WHERE deal_id = '%1'").arg(a)), QStringLiteral("2"));

    // A drop on the Lost column asks why, then closes the deal with that reason.
    ASSERT_NO_FATAL_FAILURE(dragCard(board, dp::kProposal, a, dp::kLost));
    auto* ask = waitForVisible<QInputDialog>(QStringLiteral("closeReasonDialog"));
    ASSERT_NE(ask, nullptr);
    screenshot(ask, QStringLiteral("deals-lost-reason"));
    ask->setTextValue(QStringLiteral("Budget cut"));
    ask->accept();
    ASSERT_TRUE(waitUntil([&] { return scalar(QStringLiteral("SELECT stage_id FROM deals WHERE id = '%1'").arg(a)) == dp::kLost; }));
    EXPECT_EQ(scalar(QStringLiteral("SELECT close_reason FROM deals WHERE id = '%1'").arg(a)), QStringLiteral("Budget cut"));
}

TEST_F(DealsTasksTest, TheStageEditorAddsRenamesReordersAndDeletesStages)
{
    createDeal(QStringLiteral("Starter kits Lyon"), 250000, dp::kProposal);
    ASSERT_NO_FATAL_FAILURE(show(deals));
    click(child<QPushButton>(deals.get(), QStringLiteral("editStagesButton")));
    auto* dialog = waitForVisible<StageEditorDialog>(QStringLiteral("stageEditorDialog"));
    ASSERT_NE(dialog, nullptr);
    QTableWidget* table = dialog->table();
    ASSERT_EQ(table->rowCount(), 6);
    auto names = [&] {
        QStringList out;
        for (int r = 0; r < table->rowCount(); ++r)
            out << table->item(r, StageEditorDialog::NameColumn)->text();
        return out;
    };

    // Added before Won and Lost, with 50 %.
    dialog->addStage(QStringLiteral("Trial"));
    EXPECT_EQ(names(), (QStringList{QStringLiteral("Qualification"), QStringLiteral("Needs analysis"), QStringLiteral("Proposal"),
                                    QStringLiteral("Negotiation"), QStringLiteral("Trial"), QStringLiteral("Won"), QStringLiteral("Lost")}));
    EXPECT_EQ(scalar(QStringLiteral("SELECT probability FROM pipeline_stages WHERE name = 'Trial'")), QStringLiteral("50"));
    // Renamed in place; its probability set.
    table->item(4, StageEditorDialog::NameColumn)->setText(QStringLiteral("Free trial"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM pipeline_stages WHERE name = 'Free trial'")), QStringLiteral("1"));
    auto* probability = qobject_cast<QSpinBox*>(table->cellWidget(4, StageEditorDialog::ProbabilityColumn));
    probability->setValue(60);
    emit probability->editingFinished();
    EXPECT_EQ(scalar(QStringLiteral("SELECT probability FROM pipeline_stages WHERE name = 'Free trial'")), QStringLiteral("60"));
    // Moved up, before Negotiation.
    table->selectRow(4);
    dialog->moveSelected(-1);
    EXPECT_EQ(names().at(3), QStringLiteral("Free trial"));
    EXPECT_EQ(table->currentRow(), 3);
    ASSERT_TRUE(waitUntil([&] { return deals->board()->stageIds().size() == 7; })); // the board follows
    // A stage holding a deal is not deleted: the reason shows and nothing changes.
    table->selectRow(2); // Proposal
    QTimer::singleShot(0, [] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Yes)->click();
    });
    dialog->deleteSelected();
    EXPECT_TRUE(dialog->message()->text().contains(QStringLiteral("1 deal"))) << dialog->message()->text().toStdString();
    EXPECT_EQ(table->rowCount(), 7);
    // An empty one is.
    table->selectRow(3);
    QTimer::singleShot(0, [] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Yes)->click();
    });
    dialog->deleteSelected();
    EXPECT_EQ(table->rowCount(), 6);
    EXPECT_FALSE(names().contains(QStringLiteral("Free trial")));
    screenshot(dialog, QStringLiteral("deals-stage-editor"));
}

TEST_F(DealsTasksTest, TheListSortsFiltersAndFetchesPages)
{
    const int n = DealListModel::PageSize + 30;
    for (int i = 0; i < n; ++i)
        createDeal(QStringLiteral("Deal %1").arg(i, 3, 10, QLatin1Char('0')), 100 * (i + 1),
                   i % 3 ? dp::kQualification : dp::kNegotiation, clock.nowMs() + (i % 40) * kDay);
    {
        // The model alone (a view fetches more as it fills its viewport, also while a reset is being announced).
        DealRepository repository(workspace->database());
        DealListModel model(repository);
        EXPECT_EQ(model.rowCount(), 0) << "nothing read before it is asked";
        model.reload();
        EXPECT_EQ(model.total(), n);
        EXPECT_EQ(model.rowCount(), DealListModel::PageSize);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        while (model.canFetchMore({}))
            model.fetchMore({});
        EXPECT_EQ(model.rowCount(), n);
        model.sort(DealListModel::CloseColumn, Qt::AscendingOrder);
        DealRepository::ListQuery q = model.query();
        q.text = QStringLiteral("Deal 01");
        model.setQuery(q);
        EXPECT_EQ(model.total(), 10);
    }
    ASSERT_NO_FATAL_FAILURE(show(deals));
    deals->setView(DealsPage::View::List);
    DealListModel* model = deals->listModel();
    deals->listView()->sortByColumn(DealListModel::ValueColumn, Qt::DescendingOrder);
    EXPECT_EQ(model->index(0, DealListModel::TitleColumn).data().toString(), QStringLiteral("Deal %1").arg(n - 1));
    EXPECT_EQ(model->index(0, DealListModel::StageColumn).data().toString(), QStringLiteral("Qualification (10 %)"));
    EXPECT_EQ(model->index(0, DealListModel::WeightedColumn).data().toString(), money::format((100 * n + 5) / 10, QStringLiteral("EUR")));
    typeInto(deals->searchField(), QStringLiteral("Deal 00"));
    ASSERT_TRUE(waitUntil([&] { return model->total() == 10; }));
    screenshot(deals.get(), QStringLiteral("deals-list"));
}

// Only the shown view reads; the others read when they are first shown, and again after a change only then.
TEST_F(DealsTasksTest, OnlyTheShownViewReadsTheDeals)
{
    const qint64 april = QDateTime(QDate(2026, 4, 15), QTime(12, 0)).toMSecsSinceEpoch();
    createDeal(QStringLiteral("a"), 100000, dp::kProposal, april);
    createDeal(QStringLiteral("b"), 40000, dp::kNegotiation, april);
    ASSERT_NO_FATAL_FAILURE(show(deals));
    ASSERT_EQ(deals->view(), DealsPage::View::Board);
    EXPECT_EQ(deals->summary(), QStringLiteral("2 deals")) << "counted without reading the list";
    EXPECT_EQ(deals->listModel()->rowCount(), 0);
    EXPECT_EQ(deals->forecastModel()->rowCount(), 0);

    deals->setView(DealsPage::View::List);
    EXPECT_EQ(deals->listModel()->rowCount(), 2);
    EXPECT_EQ(deals->forecastModel()->rowCount(), 0);

    // A change while the list is shown: the list reads again, the forecast still waits.
    createDeal(QStringLiteral("c"), 70000, dp::kQualification, april);
    ASSERT_TRUE(waitUntil([&] { return deals->listModel()->rowCount() == 3; }));
    EXPECT_EQ(deals->summary(), QStringLiteral("3 deals"));
    EXPECT_EQ(deals->forecastModel()->rowCount(), 0);
    deals->setView(DealsPage::View::Forecast);
    ASSERT_EQ(deals->forecastModel()->rowCount(), 1);
    EXPECT_EQ(deals->forecastModel()->index(0, ForecastModel::DealsColumn).data().toString(), QStringLiteral("3"));
    EXPECT_EQ(deals->summary(), QStringLiteral("3 deals"));
}

TEST_F(DealsTasksTest, TheForecastWeighsOpenDealsPerMonth)
{
    const qint64 april = QDateTime(QDate(2026, 4, 15), QTime(12, 0)).toMSecsSinceEpoch();
    createDeal(QStringLiteral("a"), 100000, dp::kProposal, april);                 // 50 %
    createDeal(QStringLiteral("b"), 40000, dp::kNegotiation, april);               // 75 %
    createDeal(QStringLiteral("c"), 70000, dp::kQualification, clock.nowMs());     // 10 %, March
    ASSERT_NO_FATAL_FAILURE(show(deals));
    deals->setView(DealsPage::View::Forecast);
    ForecastModel* model = deals->forecastModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->index(0, ForecastModel::MonthColumn).data().toString(), QStringLiteral("March 2026"));
    EXPECT_EQ(model->index(1, ForecastModel::MonthColumn).data().toString(), QStringLiteral("April 2026"));
    EXPECT_EQ(model->index(1, ForecastModel::DealsColumn).data().toString(), QStringLiteral("2"));
    EXPECT_EQ(model->index(1, ForecastModel::ValueColumn).data().toString(), QStringLiteral("€1,400.00"));
    EXPECT_EQ(model->index(1, ForecastModel::WeightedColumn).data().toString(), QStringLiteral("€800.00"));
    // A deal moved on the board changes the forecast.
    createDeal(QStringLiteral("d"), 10000, dp::kNegotiation, april);
    ASSERT_TRUE(waitUntil([&] { return model->index(1, ForecastModel::WeightedColumn).data().toString() == QStringLiteral("€875.00"); }));
    screenshot(deals.get(), QStringLiteral("deals-forecast"));
}

TEST_F(DealsTasksTest, TaskViewsPassTheTesterAndAReminderShowsWhenDue)
{
    const qint64 now = clock.nowMs();
    createTask(QStringLiteral("Overdue call"), now - 2 * kDay);
    const QString today = createTask(QStringLiteral("Send the offer"), now + 3 * 3600 * 1000,
                                     {{QStringLiteral("reminderAt"), double(now + 60)}});
    for (int i = 0; i < TaskListModel::PageSize + 5; ++i)
        createTask(QStringLiteral("Later %1").arg(i), now + (i + 2) * kDay);
    {
        // The model alone, through every view, paging and a completion.
        TaskRepository repository(workspace->database());
        TaskListModel model(repository, workspace->mutations(), clock, QTimeZone::systemTimeZone());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setView(TaskRepository::View::Upcoming);
        while (model.canFetchMore({}))
            model.fetchMore({});
        EXPECT_EQ(model.rowCount(), TaskListModel::PageSize + 5);
        model.setView(TaskRepository::View::Overdue);
        ASSERT_EQ(model.rowCount(), 1);
        EXPECT_TRUE(model.setData(model.index(0, TaskListModel::TitleColumn), Qt::Checked, Qt::CheckStateRole));
        EXPECT_EQ(model.index(0, TaskListModel::TitleColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        model.reload();
        EXPECT_EQ(model.rowCount(), 0);
        model.setView(TaskRepository::View::Done);
        EXPECT_EQ(model.rowCount(), 1);
    }
    ASSERT_NO_FATAL_FAILURE(show(tasks));
    QSignalSpy reminders(tasks.get(), &TasksPage::reminderShown);
    TaskListModel* model = tasks->model();
    EXPECT_EQ(tasks->viewTabs()->tabText(0), QStringLiteral("Today (1)"));
    EXPECT_EQ(tasks->viewTabs()->tabText(1), QStringLiteral("Overdue"));
    ASSERT_EQ(model->rowCount(), 1);
    EXPECT_EQ(model->index(0, TaskListModel::TitleColumn).data().toString(), QStringLiteral("Send the offer"));

    // The reminder is armed for its time; the injected clock reaches it when the timer fires.
    ASSERT_TRUE(waitUntil([&] { return tasks->reminders().isArmed(); }));
    EXPECT_EQ(tasks->reminders().nextReminderAt(), now + 60);
    clock.advance(60);
    ASSERT_TRUE(reminders.wait(5000));
    EXPECT_EQ(reminders.first().first().value<TaskReminder>().taskId, today);

    // Quick add: a task due today.
    tasks->setView(TaskRepository::View::Today);
    typeInto(tasks->quickAdd(), QStringLiteral("Confirm the delivery date"));
    QTest::keyClick(tasks->quickAdd(), Qt::Key_Return);
    ASSERT_TRUE(waitUntil([&] { return model->rowCount() == 2; }));
    EXPECT_TRUE(tasks->quickAdd()->text().isEmpty());
    screenshot(tasks.get(), QStringLiteral("tasks-today"));
}

TEST_F(DealsTasksTest, OnlyATaskChangeReArmsTheRemindersAndAMovedReminderIsStillShown)
{
    const qint64 now = clock.nowMs();
    const QString deal = createDeal(QStringLiteral("Fleet renewal"), 50000);
    const QString task = createTask(QStringLiteral("Call about the fleet"), now + 3 * 3600 * 1000,
                                    {{QStringLiteral("reminderAt"), double(now + 3600 * 1000)},
                                     {QStringLiteral("dealId"), deal}});
    ASSERT_NO_FATAL_FAILURE(show(tasks));
    ASSERT_TRUE(waitUntil([&] { return tasks->reminders().isArmed(); }));
    EXPECT_EQ(tasks->reminders().nextReminderAt(), now + 3600 * 1000);
    QSignalSpy rearmed(&tasks->reminders(), &ReminderScheduler::rearmed);
    QSignalSpy reloads(tasks->model(), &QAbstractItemModel::modelReset);
    QSignalSpy shown(tasks.get(), &TasksPage::reminderShown);

    // A contact and a deal change: the task's row shows the deal's new title (re-read in place, no reload),
    // the reminders are not read.
    auto contact = workspace->mutations().submit(
        QStringLiteral("contact.create"),
        {{QStringLiteral("id"), newUuidV7()},
         {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Ines")}}}});
    ASSERT_TRUE(contact.ok()) << contact.message().toStdString();
    auto renamed = workspace->mutations().submit(
        QStringLiteral("deal.update"),
        {{QStringLiteral("id"), deal}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Fleet renewal 2027")}}}});
    ASSERT_TRUE(renamed.ok()) << renamed.message().toStdString();
    ASSERT_EQ(tasks->model()->rowCount(), 1);
    ASSERT_TRUE(waitUntil([&] {
        return tasks->model()->index(0, TaskListModel::LinkColumn).data().toString() == QStringLiteral("Deal: Fleet renewal 2027");
    }));
    EXPECT_EQ(reloads.count(), 0);
    EXPECT_EQ(rearmed.count(), 0);
    EXPECT_EQ(tasks->reminders().nextReminderAt(), now + 3600 * 1000);

    // The task's reminder moved sooner: re-armed for it, and shown when it falls due.
    auto moved = workspace->mutations().submit(
        QStringLiteral("task.update"),
        {{QStringLiteral("id"), task}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("reminderAt"), double(now + 60)}}}});
    ASSERT_TRUE(moved.ok()) << moved.message().toStdString();
    ASSERT_TRUE(waitUntil([&] { return rearmed.count() == 1; }));
    EXPECT_EQ(reloads.count(), 1);
    EXPECT_EQ(tasks->reminders().nextReminderAt(), now + 60);
    clock.advance(60);
    ASSERT_TRUE(shown.wait(5000));
    EXPECT_EQ(shown.first().first().value<TaskReminder>().taskId, task);
}

// The list shows the names of a task's contact and deal. A change to a contact or deal no listed task links
// leaves the list alone; a rename of a linked contact re-reads that row only, in place (no reset).
TEST_F(DealsTasksTest, AContactChangeReReadsOnlyTheRowsLinkedToIt)
{
    const auto createContact = [&](const QString& first, const QString& last) {
        const QString id = newUuidV7();
        auto m = workspace->mutations().submit(
            QStringLiteral("contact.create"),
            {{QStringLiteral("id"), id},
             {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), first}, {QStringLiteral("lastName"), last}}}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    };
    const auto rename = [&](const QString& id, const QString& first) {
        auto m = workspace->mutations().submit(
            QStringLiteral("contact.update"),
            {{QStringLiteral("id"), id}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("firstName"), first}}}});
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    };
    const qint64 now = clock.nowMs();
    const QString ines = createContact(QStringLiteral("Ines"), QStringLiteral("Berg"));
    const QString omar = createContact(QStringLiteral("Omar"), QStringLiteral("Lind"));
    const QString unrelated = createContact(QStringLiteral("Ulla"), QStringLiteral("Strand"));
    createTask(QStringLiteral("Call Ines"), now + 3600 * 1000, {{QStringLiteral("contactId"), ines}});
    createTask(QStringLiteral("Call Omar"), now + 2 * 3600 * 1000, {{QStringLiteral("contactId"), omar}});
    createTask(QStringLiteral("Water the plants"), now + 4 * 3600 * 1000);
    ASSERT_NO_FATAL_FAILURE(show(tasks));
    TaskListModel* model = tasks->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(model->rowCount(), 3);
    const auto link = [&](int row) { return model->index(row, TaskListModel::LinkColumn).data().toString(); };
    EXPECT_EQ(link(0), QStringLiteral("Ines Berg"));
    EXPECT_EQ(link(1), QStringLiteral("Omar Lind"));
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QSignalSpy changedRows(model, &QAbstractItemModel::dataChanged);

    // Unrelated: nothing is re-read. (Then Omar's rename, whose refresh proves the first one's has run.)
    ASSERT_NO_FATAL_FAILURE(rename(unrelated, QStringLiteral("Ulrika")));
    createContact(QStringLiteral("Nils"), QStringLiteral("New"));
    ASSERT_NO_FATAL_FAILURE(rename(omar, QStringLiteral("Omid")));
    ASSERT_TRUE(waitUntil([&] { return link(1) == QStringLiteral("Omid Lind"); }));
    EXPECT_EQ(resets.count(), 0);
    ASSERT_EQ(changedRows.count(), 1) << "Omar's row only";
    EXPECT_EQ(changedRows.at(0).at(0).toModelIndex().row(), 1);
    EXPECT_EQ(changedRows.at(0).at(1).toModelIndex().row(), 1);
    EXPECT_EQ(link(0), QStringLiteral("Ines Berg"));
    EXPECT_EQ(model->index(1, TaskListModel::TitleColumn).data().toString(), QStringLiteral("Call Omar"));

    // Ines is deleted: her row stays (the task is still hers) and says she is not here.
    auto deleted = workspace->mutations().submit(QStringLiteral("contact.delete"), {{QStringLiteral("id"), ines}});
    ASSERT_TRUE(deleted.ok()) << deleted.message().toStdString();
    ASSERT_TRUE(waitUntil([&] { return link(0) != QStringLiteral("Ines Berg"); }));
    EXPECT_EQ(link(0), QStringLiteral("(contact not here)"));
    EXPECT_EQ(resets.count(), 0);
}

TEST_F(DealsTasksTest, DialogsCreateADealAndATaskForIt)
{
    ASSERT_NO_FATAL_FAILURE(show(deals));
    deals->newDeal();
    auto* dialog = waitForVisible<DealEditDialog>(QStringLiteral("dealEditDialog"));
    ASSERT_NE(dialog, nullptr);
    typeInto(dialog->titleEdit(), QStringLiteral("Spring promotion kits"));
    typeInto(dialog->valueEdit(), QStringLiteral("12.345"));
    screenshot(dialog, QStringLiteral("deal-dialog-invalid"));
    EXPECT_FALSE(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->isEnabled());
    typeInto(dialog->valueEdit(), QStringLiteral("12,345.60"));
    ASSERT_TRUE(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->isEnabled());
    screenshot(dialog, QStringLiteral("deal-dialog"));
    click(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save));
    EXPECT_EQ(scalar(QStringLiteral("SELECT amount_minor || ' ' || currency || ' ' || stage_id FROM deals")),
              QString(QStringLiteral("1234560 EUR ") + dp::kQualification));
    const QString dealId = scalar(QStringLiteral("SELECT id FROM deals"));

    deals->addTaskForDeal(dealId);
    auto* taskDialog = waitForVisible<TaskEditDialog>(QStringLiteral("taskEditDialog"));
    ASSERT_NE(taskDialog, nullptr);
    typeInto(taskDialog->titleEdit(), QStringLiteral("Call about the kits"));
    screenshot(taskDialog, QStringLiteral("task-dialog"));
    click(taskDialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save));
    EXPECT_EQ(scalar(QStringLiteral("SELECT deal_id FROM tasks")), dealId);
}

// The flow: import contacts → a deal for one of them, dragged on the board to the next stage → its
// follow-up task completed from the Today view.
TEST_F(DealsTasksTest, ImportThenBoardDragThenTaskCompletion)
{
    // 1. Import two contacts through the wizard.
    const QString path = QDir(dir.path()).filePath(QStringLiteral("people.csv"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("First Name,Last Name,E-mail Address,Company\r\nInes,Moreau,ines@moreau.example,Moreau SARL\r\n"
                "Jonas,Berg,jonas@berg.example,\r\n");
    }
    ASSERT_NO_FATAL_FAILURE(show(contacts));
    contacts->findChild<QAction*>(QStringLiteral("actionImportContacts"))->trigger();
    auto* wizard = waitForVisible<ImportWizard>(QStringLiteral("importWizard"));
    ASSERT_NE(wizard, nullptr);
    typeInto(child<QLineEdit>(wizard, QStringLiteral("importFileEdit")), path);
    auto next = [wizard] {
        QAbstractButton* b = wizard->button(QWizard::NextButton);
        click(b->isVisible() ? b : wizard->button(QWizard::CommitButton));
    };
    next(); // → columns
    next(); // → matching
    next(); // import
    ASSERT_TRUE(waitUntil([&] { return wizard->currentId() == ImportWizard::ResultPageId; }, 120000));
    wizard->close();
    const QString ines = scalar(QStringLiteral("SELECT id FROM contacts WHERE email = 'ines@moreau.example'"));
    ASSERT_FALSE(ines.isEmpty());

    // 2. A deal for Ines with a follow-up due today; drag it from Qualification to Needs analysis.
    const QString deal = createDeal(QStringLiteral("Moreau starter kits"), 480000, dp::kQualification,
                                    clock.nowMs() + 30 * kDay, ines);
    const QString task = createTask(QStringLiteral("Call Ines about the kits"), clock.nowMs() + 2 * 3600 * 1000,
                                    {{QStringLiteral("dealId"), deal}, {QStringLiteral("contactId"), ines}});
    ASSERT_NO_FATAL_FAILURE(show(deals));
    ASSERT_NO_FATAL_FAILURE(dragCard(deals->board(), dp::kQualification, deal, dp::kNeedsAnalysis));
    ASSERT_TRUE(waitUntil([&] {
        return scalar(QStringLiteral("SELECT stage_id FROM deals WHERE id = '%1'").arg(deal)) == dp::kNeedsAnalysis;
    }));
    EXPECT_EQ(scalar(QStringLiteral("SELECT from_stage_id || '>' || to_stage_id FROM deal_stage_changes WHERE deal_id = '%1' "
                                    "AND from_stage_id <> ''").arg(deal)),
              QString(dp::kQualification + QLatin1Char('>') + dp::kNeedsAnalysis));

    // 3. Complete the task from the Today view by ticking it.
    ASSERT_NO_FATAL_FAILURE(show(tasks));
    ASSERT_EQ(tasks->model()->view(), TaskRepository::View::Today);
    const int row = tasks->model()->rowOf(task);
    ASSERT_GE(row, 0);
    EXPECT_EQ(tasks->model()->index(row, TaskListModel::LinkColumn).data().toString(),
              QStringLiteral("Ines Moreau · Deal: Moreau starter kits"));
    screenshot(tasks.get(), QStringLiteral("tasks-flow-before"));
    clickCheckBox(tasks->table(), row);
    ASSERT_TRUE(waitUntil([&] { return !scalar(QStringLiteral("SELECT done_at FROM tasks WHERE id = '%1'").arg(task)).isEmpty(); }));
    ASSERT_TRUE(waitUntil([&] { return tasks->model()->rowOf(task) == -1; })) << "it leaves Today";
    tasks->setView(TaskRepository::View::Done);
    EXPECT_GE(tasks->model()->rowOf(task), 0);
}

} // namespace
