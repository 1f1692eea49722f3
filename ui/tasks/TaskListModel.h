#pragma once

#include "tasks/TaskRepository.h"

#include <QAbstractTableModel>
#include <QSet>

namespace outpost {

class Clock;
class MutationEngine;

// One task view (Today, Overdue, Upcoming, Done) read a page at a time. The title carries a check box:
// ticking it completes the task (task.complete), unticking reopens it (task.reopen); the row then leaves the
// view when the page reloads on the change.
class TaskListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TitleColumn,
        DueColumn,
        LinkColumn,
        AssigneeColumn,
        ReminderColumn,
        ColumnCount
    };
    enum Role
    {
        TaskIdRole = Qt::UserRole + 1
    };
    static constexpr int PageSize = 200;

    TaskListModel(TaskRepository& repository, MutationEngine& mutations, const Clock& clock, const QTimeZone& zone,
                  QObject* parent = nullptr);

    void setView(TaskRepository::View view);
    TaskRepository::View view() const { return m_view; }
    void reload();
    // Re-reads in place the rows linked to one of `contactIds` or `dealIds` (an empty id in a set: to any
    // contact, or any deal), so a renamed or deleted contact or deal shows as it is now; the other rows are
    // left alone and nothing is read when no row is linked.
    void refreshLinked(const QSet<QString>& contactIds, const QSet<QString>& dealIds);
    qint64 total() const { return m_total; }
    const TaskRepository::Row* rowAt(int row) const;
    int rowOf(const QString& taskId) const;
    TaskRepository::Day today() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadFailed(const QString& message);
    void actionFailed(const QString& message);

private:
    TaskRepository& m_repository;
    MutationEngine& m_mutations;
    const Clock& m_clock;
    QTimeZone m_zone;
    TaskRepository::View m_view = TaskRepository::View::Today;
    TaskRepository::Day m_day;
    QList<TaskRepository::Row> m_rows;
    qint64 m_total = 0;
    // A reset or an insertion is being announced: views and testers that react by asking for more get
    // nothing until it is done (a nested fetchMore would read the same page twice).
    bool m_changing = false;
};

} // namespace outpost
