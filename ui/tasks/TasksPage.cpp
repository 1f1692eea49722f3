#include "tasks/TasksPage.h"

#include "profile/Workspace.h"
#include "tasks/TaskEditDialog.h"
#include "tasks/TaskListModel.h"
#include "theme/ThemedIcon.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace outpost {

namespace {
const TaskRepository::View kViews[] = {TaskRepository::View::Today, TaskRepository::View::Overdue,
                                       TaskRepository::View::Upcoming, TaskRepository::View::Done};

QString viewName(TaskRepository::View view)
{
    switch (view) {
    case TaskRepository::View::Today:
        return TasksPage::tr("Today");
    case TaskRepository::View::Overdue:
        return TasksPage::tr("Overdue");
    case TaskRepository::View::Upcoming:
        return TasksPage::tr("Upcoming");
    case TaskRepository::View::Done:
        return TasksPage::tr("Done");
    }
    return {};
}

QString viewKey(TaskRepository::View view)
{
    static const char* const keys[] = {"today", "overdue", "upcoming", "done"};
    return QLatin1String(keys[int(view)]);
}
} // namespace

TasksPage::TasksPage(Workspace& workspace, QWidget* parent)
    : Page(parent), m_workspace(workspace), m_repository(workspace.database()),
      m_scheduler(workspace.database(), workspace.clock())
{
    m_newAction = new QAction(themedIcon(QStringLiteral("add")), tr("New &Task…"), this);
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_editAction = new QAction(themedIcon(QStringLiteral("edit")), tr("&Edit Task…"), this);
    m_deleteAction = new QAction(themedIcon(QStringLiteral("delete")), tr("&Delete Task"), this);
    connect(m_newAction, &QAction::triggered, this, [this] {
        emit activationRequested();
        newTaskFor(QString(), QString(), QString(), this);
    });
    connect(m_editAction, &QAction::triggered, this, &TasksPage::editSelected);
    connect(m_deleteAction, &QAction::triggered, this, &TasksPage::deleteSelected);

    m_tabs = new QTabBar(this);
    m_tabs->setObjectName(QStringLiteral("taskViews"));
    m_tabs->setDrawBase(false);
    m_tabs->setExpanding(false);
    for (TaskRepository::View v : kViews)
        m_tabs->addTab(viewName(v));

    m_quickAdd = new QLineEdit(this);
    m_quickAdd->setObjectName(QStringLiteral("quickAddTask"));
    m_quickAdd->setPlaceholderText(tr("Add a task for today and press Enter"));
    m_quickAdd->setMaxLength(200);
    m_quickAdd->setClearButtonEnabled(true);
    auto* newButton = new QPushButton(themedIcon(QStringLiteral("add")), tr("New Task…"), this);
    auto* quickRow = new QHBoxLayout;
    quickRow->addWidget(m_quickAdd, 1);
    quickRow->addWidget(newButton);

    m_model = new TaskListModel(m_repository, workspace.mutations(), workspace.clock(), QTimeZone::systemTimeZone(), this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("taskTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(TaskListModel::TitleColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(TaskListModel::DueColumn, 150);
    m_table->setColumnWidth(TaskListModel::LinkColumn, 220);
    m_table->setColumnWidth(TaskListModel::AssigneeColumn, 110);
    m_table->setColumnWidth(TaskListModel::ReminderColumn, 150);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);

    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_message = new MessageLabel(this);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addLayout(quickRow);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty, 1);

    connect(m_tabs, &QTabBar::currentChanged, this, [this](int i) {
        if (i >= 0 && i < int(std::size(kViews)))
            setView(kViews[i]);
    });
    connect(m_quickAdd, &QLineEdit::returnPressed, this, &TasksPage::addQuick);
    connect(newButton, &QPushButton::clicked, m_newAction, &QAction::trigger);
    connect(m_table, &QTableView::doubleClicked, this, &TasksPage::editSelected);
    connect(m_model, &TaskListModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_model, &TaskListModel::actionFailed, m_message, &MessageLabel::showError);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TasksPage::updateCounts);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, &TasksPage::refresh);
    connect(&workspace.mutations(), &MutationEngine::changed, this, &TasksPage::onEntitiesChanged);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(themedIcon(QStringLiteral("outpost"), false), this);
        m_tray->setToolTip(tr("Outpost"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            setView(TaskRepository::View::Overdue);
            emit activationRequested();
        });
    }
    connect(&m_scheduler, &ReminderScheduler::reminderDue, this, &TasksPage::showReminder);
    connect(&m_scheduler, &ReminderScheduler::failed, m_message, &MessageLabel::showError);
    m_scheduler.setUserSource([this] { return m_workspace.mutations().actor(); });
    m_midnight.setSingleShot(true);
    connect(&m_midnight, &QTimer::timeout, this, [this] {
        m_reloadPending = true; // Today and Overdue move
        refresh();
        armMidnight();
    });
    armMidnight();
    updateCounts();
    // Reminders that fell due while the profile was closed show once the window is up.
    QTimer::singleShot(0, this, &TasksPage::rearmReminders);
}

TasksPage::~TasksPage() = default;

QList<QAction*> TasksPage::newActions() const
{
    return {m_newAction};
}

QList<QAction*> TasksPage::editActions() const
{
    return {m_editAction, m_deleteAction};
}

QString TasksPage::summary() const
{
    return tr("%n task(s) in %1", nullptr, int(std::min<qint64>(m_model->total(), INT_MAX))).arg(viewName(m_model->view()));
}

void TasksPage::focusSearch()
{
    m_quickAdd->setFocus();
}

QVariantMap TasksPage::viewState(bool) const
{
    return {{QStringLiteral("view"), viewKey(m_model->view())}};
}

void TasksPage::restoreViewState(const QVariantMap& state)
{
    for (TaskRepository::View v : kViews) {
        if (viewKey(v) == state.value(QStringLiteral("view")).toString())
            setView(v);
    }
}

void TasksPage::setView(TaskRepository::View view)
{
    const int index = int(view);
    if (m_tabs->currentIndex() != index)
        m_tabs->setCurrentIndex(index); // comes back here through currentChanged
    else if (m_model->view() != view)
        m_model->setView(view);
    emit summaryChanged(summary());
}

void TasksPage::addQuick()
{
    const QString title = m_quickAdd->text().trimmed();
    if (title.isEmpty())
        return;
    // Due today at 17:00, or by the end of the day when that has passed.
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_workspace.clock().nowMs());
    QDateTime due(now.date(), QTime(17, 0));
    if (due <= now)
        due = QDateTime(now.date(), QTime(23, 59));
    auto m = m_workspace.mutations().submit(QStringLiteral("task.create"),
                                            {{QStringLiteral("id"), newUuidV7()},
                                             {QStringLiteral("title"), title},
                                             {QStringLiteral("dueAt"), double(due.toMSecsSinceEpoch())}});
    if (!m) {
        m_message->showError(m.message());
        return;
    }
    m_message->clearMessage();
    m_quickAdd->clear();
    setView(TaskRepository::View::Today);
}

void TasksPage::newTaskFor(const QString& contactId, const QString& dealId, const QString& linkText, QWidget* dialogParent)
{
    Task task;
    task.contactId = contactId;
    task.dealId = dealId;
    auto* dialog = new TaskEditDialog(m_workspace.mutations(), task, linkText, dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QString TasksPage::selectedId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(TaskListModel::TaskIdRole).toString() : QString();
}

void TasksPage::editSelected()
{
    const TaskRepository::Row* row = m_model->rowAt(m_table->currentIndex().row());
    if (!row)
        return;
    QString link = row->contactName;
    if (!row->dealTitle.isEmpty())
        link = link.isEmpty() ? tr("Deal: %1").arg(row->dealTitle) : tr("%1 · Deal: %2").arg(link, row->dealTitle);
    auto* dialog = new TaskEditDialog(m_workspace.mutations(), row->task, link, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void TasksPage::deleteSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete Task"), tr("Delete this task?"),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, id](int result) {
        if (result != QMessageBox::Yes)
            return;
        auto m = m_workspace.mutations().submit(QStringLiteral("task.delete"), {{QStringLiteral("id"), id}});
        if (!m)
            m_message->showError(m.message());
    });
    box->open();
}

void TasksPage::onEntitiesChanged(const EntityChanges& changes)
{
    // A task change reloads the list and re-arms the reminders (the scheduler reads only tasks). The list
    // also shows the names of a task's contact and deal: their changes re-read only the rows linked to them.
    bool pending = false;
    for (const EntityChange& c : changes) {
        if (c.entity == QLatin1String("task")) {
            m_reloadPending = m_rearmPending = pending = true;
        } else if (c.entity == QLatin1String("contact")) {
            m_changedContacts.insert(c.id);
            pending = true;
        } else if (c.entity == QLatin1String("deal")) {
            m_changedDeals.insert(c.id);
            pending = true;
        }
    }
    if (pending)
        m_refresh.start();
}

void TasksPage::refresh()
{
    const QSet<QString> contacts = std::exchange(m_changedContacts, {});
    const QSet<QString> deals = std::exchange(m_changedDeals, {});
    if (!std::exchange(m_reloadPending, false)) {
        m_model->refreshLinked(contacts, deals);
        return;
    }
    m_model->reload();
    if (std::exchange(m_rearmPending, false))
        rearmReminders();
    emit summaryChanged(summary());
}

void TasksPage::rearmReminders()
{
    if (Status s = m_scheduler.rearm(); !s)
        m_message->showError(s.message());
}

void TasksPage::updateCounts()
{
    const TaskRepository::Day today = m_model->today();
    for (TaskRepository::View v : kViews) {
        if (v == TaskRepository::View::Done) { // done tasks are not counted on their tab
            m_tabs->setTabText(int(v), viewName(v));
            continue;
        }
        // The shown view's count came with its reload.
        auto n = v == m_model->view() ? Result<qint64>(m_model->total()) : m_repository.count(v, today);
        m_tabs->setTabText(int(v), n && n.value() > 0 ? tr("%1 (%2)").arg(viewName(v), QLocale().toString(n.value()))
                                                      : viewName(v));
    }
    const bool empty = m_model->rowCount() == 0;
    m_table->setVisible(!empty);
    m_empty->setVisible(empty);
    switch (m_model->view()) {
    case TaskRepository::View::Today:
        m_empty->setText(tr("Nothing due today. Type a task above and press Enter to add one."));
        break;
    case TaskRepository::View::Overdue:
        m_empty->setText(tr("Nothing overdue."));
        break;
    case TaskRepository::View::Upcoming:
        m_empty->setText(tr("No upcoming tasks."));
        break;
    case TaskRepository::View::Done:
        m_empty->setText(tr("Completed tasks show here."));
        break;
    }
}

void TasksPage::showReminder(const TaskReminder& reminder)
{
    const QString when = reminder.dueAt ? tr("Due %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(*reminder.dueAt),
                                                                               QLocale::ShortFormat))
                                        : QString();
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(tr("Reminder: %1").arg(reminder.title), when, QSystemTrayIcon::Information);
    else
        m_message->showMessage(MessageLabel::Kind::Info, when.isEmpty() ? tr("Reminder: %1").arg(reminder.title)
                                                                        : tr("Reminder: %1 — %2").arg(reminder.title, when));
    emit reminderShown(reminder);
}

void TasksPage::armMidnight()
{
    const qint64 now = m_workspace.clock().nowMs();
    const qint64 wait = TaskRepository::Day::containing(now, QTimeZone::systemTimeZone()).end - now;
    m_midnight.start(int(std::clamp<qint64>(wait + 1000, 1000, 24LL * 3600 * 1000)));
}

} // namespace outpost
