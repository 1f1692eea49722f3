#include "segments/SegmentListModel.h"

#include "storage/Database.h"

namespace outpost {

SegmentListModel::SegmentListModel(Database& database, QObject* parent)
    : QAbstractListModel(parent)
    , m_database(database)
{
    reload();
}

bool SegmentListModel::reload()
{
    QSqlDatabase conn = m_database.connection();
    auto list = Segments::list(conn);
    beginResetModel();
    m_segments = list ? list.value() : QList<Segment>();
    endResetModel();
    if (!list)
        emit loadFailed(list.message());
    return list.ok();
}

const Segment* SegmentListModel::segmentAt(int row) const
{
    return row >= 0 && row < m_segments.size() ? &m_segments.at(row) : nullptr;
}

int SegmentListModel::rowOf(const QString& id) const
{
    for (int i = 0; i < m_segments.size(); ++i)
        if (m_segments.at(i).id == id)
            return i;
    return -1;
}

int SegmentListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_segments.size());
}

QVariant SegmentListModel::data(const QModelIndex& index, int role) const
{
    const Segment* s = checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
                           ? segmentAt(index.row())
                           : nullptr;
    if (!s)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return s->name;
    case IdRole:
        return s->id;
    default:
        return {};
    }
}

QHash<int, QByteArray> SegmentListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractListModel::roleNames();
    roles.insert(IdRole, "segmentId");
    return roles;
}

} // namespace outpost
