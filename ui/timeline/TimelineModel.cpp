#include "timeline/TimelineModel.h"

#include "storage/Database.h"

#include <QDateTime>
#include <QLocale>
#include <QScopedValueRollback>

namespace outpost {

TimelineModel::TimelineModel(Database& database, const Timeline& timeline, QObject* parent)
    : QAbstractListModel(parent), m_db(database), m_timeline(timeline)
{
}

void TimelineModel::setSubject(const QString& subjectType, const QString& subjectId)
{
    m_query.subjectType = subjectType;
    m_query.subjectId = subjectId;
    reload();
}

void TimelineModel::setKinds(const QSet<QString>& kinds)
{
    m_query.kinds = kinds;
    reload();
}

void TimelineModel::reload()
{
    {
        const QScopedValueRollback<bool> changing(m_changing, true);
        beginResetModel();
        m_entries.clear();
        m_next = {};
        m_more = !m_query.subjectId.isEmpty();
        endResetModel();
    }
    fetchMore({});
}

void TimelineModel::onEntitiesChanged(const EntityChanges& changes)
{
    if (m_query.subjectId.isEmpty())
        return;
    for (const EntityChange& c : changes) {
        if (c.entity == QLatin1String("activity") || c.entity == QLatin1String("lead")
            || c.entity == QLatin1String("scoring_rule")) {
            reload();
            return;
        }
    }
}

const TimelineEntry* TimelineModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries[row] : nullptr;
}

int TimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const
{
    const TimelineEntry* e = index.isValid() ? entryAt(index.row()) : nullptr;
    if (!e)
        return {};
    switch (role) {
    case Qt::DisplayRole: {
        const QString when =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(e->at), QLocale::ShortFormat);
        const QString title = e->title.isEmpty() ? Timeline::kindLabel(e->kind) : e->title;
        QString text = tr("%1 · %2 · %3").arg(when, Timeline::kindLabel(e->kind), title);
        if (!e->body.isEmpty())
            text += QLatin1Char('\n') + e->body;
        return text;
    }
    case Qt::ToolTipRole:
        return e->body.isEmpty() ? QVariant() : QVariant(e->body);
    case KindRole:
        return e->kind;
    case AtRole:
        return e->at;
    case TitleRole:
        return e->title;
    case BodyRole:
        return e->body;
    case RowIdRole:
        return e->rowId;
    default:
        return {};
    }
}

bool TimelineModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_more;
}

void TimelineModel::fetchMore(const QModelIndex& parent)
{
    // Not from within a change (see LeadListModel::fetchMore).
    if (parent.isValid() || !m_more || m_changing)
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    QSqlDatabase conn = m_db.connection();
    auto page = m_timeline.page(conn, m_query, m_next, PageSize);
    if (!page) {
        m_more = false;
        emit loadFailed(page.message());
        return;
    }
    m_more = page->more;
    m_next = page->next;
    if (page->entries.isEmpty())
        return;
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + page->entries.size() - 1));
    m_entries << page->entries;
    endInsertRows();
}

} // namespace outpost
