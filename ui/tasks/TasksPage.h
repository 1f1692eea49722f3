#pragma once

#include "shell/Page.h"
#include "tasks/ReminderScheduler.h"
#include "tasks/TaskRepository.h"

#include "mutations/Mutation.h"

#include <QSet>
#include <QTimer>

class QAction;
class QLabel;
class QLineEdit;
class QSystemTrayIcon;
class QTabBar;
class QTableView;

namespace outpost {

class MessageLabel;
class TaskListModel;
class Workspace;

// Tasks and follow-ups: Today / Overdue / Upcoming / Done (each tab with its count), a quick-add line (a task
// due today), tick a task to complete it, New/Edit/Delete. It also keeps the reminder scheduler for the
// profile (pages live while the profile is unlocked): a due reminder shows as a desktop notification through
// the tray icon, or in the page when the desktop has no tray.
class TasksPage : public Page
{
    Q_OBJECT
public:
    explicit TasksPage(Workspace& workspace, QWidget* parent = nullptr);
    ~TasksPage() override;

    QList<QAction*> newActions() const override;
    QList<QAction*> editActions() const override;
    QString summary() const override;
    void focusSearch() override;
    QVariantMap viewState(bool forDisk) const override;
    void restoreViewState(const QVariantMap& state) override;

    TaskListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QTabBar* viewTabs() const { return m_tabs; }
    QLineEdit* quickAdd() const { return m_quickAdd; }
    ReminderScheduler& reminders() { return m_scheduler; }
    void setView(TaskRepository::View view);

    // Opens the task dialog for a new task linked to a contact or a deal (quick-add from those records).
    void newTaskFor(const QString& contactId, const QString& dealId, const QString& linkText, QWidget* dialogParent);

signals:
    // A reminder was shown to the user (for tests and the status bar).
    void reminderShown(const outpost::TaskReminder& reminder);

private:
    void addQuick();
    void editSelected();
    void deleteSelected();
    QString selectedId() const;
    void onEntitiesChanged(const EntityChanges& changes);
    void refresh();
    void rearmReminders();
    void updateCounts();
    void showReminder(const TaskReminder& reminder);
    void armMidnight();

    Workspace& m_workspace;
    TaskRepository m_repository;
    ReminderScheduler m_scheduler;
    TaskListModel* m_model = nullptr;
    QTabBar* m_tabs = nullptr;
    QLineEdit* m_quickAdd = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_empty = nullptr;
    MessageLabel* m_message = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QTimer m_refresh;  // coalesces change notifications into one refresh
    bool m_reloadPending = false; // a task changed since the last refresh: the list reloads
    bool m_rearmPending = false; // a task changed since the last refresh: the reminders are re-armed
    // Contacts and deals changed since the last refresh (an empty id: many of them): the rows linked to one
    // re-read their names, unless the list reloads anyway.
    QSet<QString> m_changedContacts;
    QSet<QString> m_changedDeals;
    QTimer m_midnight; // the day changes: Today and Overdue move
};

} // namespace outpost
