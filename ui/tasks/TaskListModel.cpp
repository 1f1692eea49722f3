#include "tasks/TaskListModel.h"

#include "mutations/MutationEngine.h"
#include "util/Clock.h"

#include <QDateTime>
#include "theme/Theme.h"

#include <QColor>
#include <QHash>
#include <QLocale>

namespace outpost {

TaskListModel::TaskListModel(TaskRepository& repository, MutationEngine& mutations, const Clock& clock,
                             const QTimeZone& zone, QObject* parent)
    : QAbstractTableModel(parent), m_repository(repository), m_mutations(mutations), m_clock(clock), m_zone(zone)
{
    reload();
}

TaskRepository::Day TaskListModel::today() const
{
    return TaskRepository::Day::containing(m_clock.nowMs(), m_zone);
}

void TaskListModel::setView(TaskRepository::View view)
{
    m_view = view;
    reload();
}

void TaskListModel::reload()
{
    m_changing = true;
    beginResetModel();
    m_day = today();
    m_rows.clear();
    auto total = m_repository.count(m_view, m_day);
    m_total = total ? total.value() : 0;
    auto page = m_repository.tasks(m_view, m_day, 0, PageSize);
    if (page)
        m_rows = page.value();
    endResetModel();
    m_changing = false;
    if (!total || !page)
        emit loadFailed(total ? page.message() : total.message());
}

void TaskListModel::refreshLinked(const QSet<QString>& contactIds, const QSet<QString>& dealIds)
{
    const auto linked = [](const QSet<QString>& ids, const QString& id) {
        return !id.isEmpty() && (ids.contains(id) || ids.contains(QString()));
    };
    QHash<QString, int> rowOfTask; // the linked rows
    for (int i = 0; i < m_rows.size(); ++i) {
        const Task& t = m_rows[i].task;
        if (linked(contactIds, t.contactId) || linked(dealIds, t.dealId))
            rowOfTask.insert(t.id, i);
    }
    if (rowOfTask.isEmpty())
        return;
    auto fresh = m_repository.rows(rowOfTask.keys());
    if (!fresh) {
        emit loadFailed(fresh.message());
        return;
    }
    for (TaskRepository::Row& row : fresh.value()) {
        const int at = rowOfTask.value(row.task.id);
        m_rows[at] = std::move(row);
        emit dataChanged(index(at, 0), index(at, ColumnCount - 1));
    }
}

const TaskRepository::Row* TaskListModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int TaskListModel::rowOf(const QString& taskId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].task.id == taskId)
            return i;
    }
    return -1;
}

int TaskListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TaskListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TaskRepository::Row& row = m_rows[index.row()];
    const Task& t = row.task;
    if (role == TaskIdRole)
        return t.id;
    if (role == Qt::CheckStateRole && index.column() == TitleColumn)
        return t.isDone() ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole && index.column() == TitleColumn && !t.notes.isEmpty())
        return t.notes;
    if (role == Qt::ForegroundRole && index.column() == DueColumn && !t.isDone() && t.dueAt && *t.dueAt < m_clock.nowMs())
        return Theme::errorColor(); // overdue
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    auto when = [&](const std::optional<qint64>& ms) -> QString {
        if (!ms)
            return {};
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(*ms, m_zone);
        if (*ms >= m_day.start && *ms < m_day.end)
            return tr("today %1").arg(locale.toString(at.time(), QLocale::ShortFormat));
        return locale.toString(at, QLocale::ShortFormat);
    };
    switch (index.column()) {
    case TitleColumn:
        return t.title;
    case DueColumn:
        return t.isDone() ? tr("done %1").arg(when(t.doneAt)) : when(t.dueAt);
    case LinkColumn: {
        QStringList links;
        if (!t.contactId.isEmpty())
            links << (row.contactName.isEmpty() ? tr("(contact not here)") : row.contactName);
        if (!t.dealId.isEmpty())
            links << (row.dealTitle.isEmpty() ? tr("(deal not here)") : tr("Deal: %1").arg(row.dealTitle));
        return links.join(QStringLiteral(" · "));
    }
    case AssigneeColumn:
        return t.assigneeId == m_mutations.actor() ? tr("me") : t.assigneeId;
    case ReminderColumn:
        return when(t.reminderAt);
    default:
        return {};
    }
}

bool TaskListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || role != Qt::CheckStateRole
        || index.column() != TitleColumn)
        return false;
    const bool done = value.value<Qt::CheckState>() == Qt::Checked;
    const Task& t = m_rows[index.row()].task;
    if (t.isDone() == done)
        return false;
    auto m = m_mutations.submit(done ? QStringLiteral("task.complete") : QStringLiteral("task.reopen"),
                                {{QStringLiteral("id"), t.id}});
    if (!m) {
        emit actionFailed(m.message());
        return false;
    }
    // The page reloads on the change signal; until then the row shows its new state.
    m_rows[index.row()].task.doneAt = done ? std::optional<qint64>(m_clock.nowMs()) : std::nullopt;
    emit dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
    return true;
}

Qt::ItemFlags TaskListModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == TitleColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Task");
    case DueColumn:
        return m_view == TaskRepository::View::Done ? tr("Completed") : tr("Due");
    case LinkColumn:
        return tr("For");
    case AssigneeColumn:
        return tr("Assigned to");
    case ReminderColumn:
        return tr("Reminder");
    default:
        return {};
    }
}

bool TaskListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_changing && m_rows.size() < m_total;
}

void TaskListModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    auto page = m_repository.tasks(m_view, m_day, int(m_rows.size()), PageSize);
    if (!page || page->isEmpty()) {
        m_total = m_rows.size();
        if (!page)
            emit loadFailed(page.message());
        return;
    }
    m_changing = true;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
    m_rows += page.value();
    endInsertRows();
    m_changing = false;
}

} // namespace outpost
