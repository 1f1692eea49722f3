#include "segments/SegmentContactsModel.h"

#include "contacts/CountryComboBox.h"

#include <QScopedValueRollback>

namespace outpost {

SegmentContactsModel::SegmentContactsModel(ContactRepository& repository, QObject* parent)
    : QAbstractTableModel(parent)
    , m_repository(repository)
{
}

void SegmentContactsModel::setSegment(const std::optional<SegmentFilter::Sql>& sql)
{
    {
        const QScopedValueRollback<bool> changing(m_changing, true);
        beginResetModel();
        m_sql = sql;
        m_rows.clear();
        m_exhausted = !sql;
        endResetModel();
    }
    fetchMore({});
}

QString SegmentContactsModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int SegmentContactsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SegmentContactsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentContactsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ContactListRow& r = m_rows.at(index.row());
    if (role == IdRole)
        return r.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return r.displayName();
    case EmailColumn:
        return r.email;
    case CityColumn:
        return r.city;
    case CountryColumn:
        return CountryComboBox::countryName(r.country);
    default:
        return {};
    }
}

QVariant SegmentContactsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("E-mail");
    case CityColumn:
        return tr("City");
    case CountryColumn:
        return tr("Country");
    default:
        return {};
    }
}

bool SegmentContactsModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void SegmentContactsModel::fetchMore(const QModelIndex& parent)
{
    // Listeners of a change (QAbstractItemModelTester among them) may call fetchMore() from modelReset or
    // rowsInserted: rows inserted then would reach listeners connected later before the change itself.
    if (!canFetchMore(parent) || m_changing)
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    std::optional<ContactCursor> after;
    if (!m_rows.isEmpty())
        after = ContactCursor{m_rows.last().sortKey, m_rows.last().rid};
    auto page = m_repository.segmentPage(m_sql->where, m_sql->binds, after, PageSize);
    if (!page) {
        m_exhausted = true;
        emit loadFailed(page.message());
        return;
    }
    m_exhausted = page->size() < PageSize;
    if (page->isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
    m_rows.append(page.value());
    endInsertRows();
}

} // namespace outpost
