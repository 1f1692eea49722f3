#include "segments/SegmentContactsModel.h"

#include "contacts/CountryComboBox.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QScopedValueRollback>

namespace outpost {

SegmentContactsModel::SegmentContactsModel(Database& database, QObject* parent)
    : KeysetPagedModel(PageSize, parent)
    , m_database(database)
    , m_reads(database)
{
}

void SegmentContactsModel::setSegment(const std::optional<SegmentFilter::Sql>& sql)
{
    m_reads.drop(); // a page still to come is for an older segment
    m_sql = sql;
    m_firstPageFailed = false;
    const bool wasLoading = m_loading;
    restart(false, [this, loading = sql.has_value()] {
        m_fetching = false;
        m_loading = loading;
    });
    if (m_loading != wasLoading)
        emit loadingChanged(m_loading);
    if (!sql)
        return;
    m_reads.start(
        this, [sql = *sql](Database& database) { return read(database, sql, std::nullopt, PageSize); },
        [this](const Result<QList<ContactListRow>>& page) { firstPageArrived(page); });
}

bool SegmentContactsModel::canFetchMore(const QModelIndex& parent) const
{
    return !m_loading && !m_fetching && KeysetPagedModel::canFetchMore(parent);
}

void SegmentContactsModel::fetchMore(const QModelIndex& parent)
{
    // Not while telling listeners of a change (see KeysetPagedModel::fetchMore()).
    if (!canFetchMore(parent) || changing() || m_changingPlaceholder)
        return;
    {
        const QScopedValueRollback<bool> changing(m_changingPlaceholder, true);
        const int placeholder = int(rows().size());
        beginInsertRows({}, placeholder, placeholder);
        m_fetching = true;
        endInsertRows();
    }
    m_reads.start(
        this,
        [sql = *m_sql, after = cursorAfter<ContactCursor>(rows().isEmpty() ? nullptr : &rows().last())](Database& database) {
            return read(database, sql, after, PageSize);
        },
        [this](const Result<QList<ContactListRow>>& page) { nextPageArrived(page); });
}

void SegmentContactsModel::firstPageArrived(const Result<QList<ContactListRow>>& page)
{
    m_firstPageFailed = !restartWith(page, [this] { m_loading = false; });
    emit loadingChanged(false);
}

void SegmentContactsModel::nextPageArrived(const Result<QList<ContactListRow>>& page)
{
    // Listeners told of the placeholder's removal must not fetch before the page is appended.
    const QScopedValueRollback<bool> changing(m_changingPlaceholder, true);
    const int placeholder = int(rows().size());
    beginRemoveRows({}, placeholder, placeholder);
    m_fetching = false;
    endRemoveRows();
    appendPage(page);
}

Result<QList<ContactListRow>> SegmentContactsModel::read(Database& database, const SegmentFilter::Sql& sql,
                                                         const std::optional<ContactCursor>& after, int limit)
{
    return ContactRepository(database).segmentPage(sql.where, sql.binds, after, limit);
}

Result<QList<ContactListRow>> SegmentContactsModel::readPage(const ContactListRow* after, int limit)
{
    return read(m_database, *m_sql, cursorAfter<ContactCursor>(after), limit);
}

QString SegmentContactsModel::idAt(int row) const
{
    return row >= 0 && row < rows().size() ? rows().at(row).id : QString();
}

int SegmentContactsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows().size()) + (m_fetching ? 1 : 0);
}

int SegmentContactsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentContactsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.row() == rows().size()) { // the placeholder of the page being read
        return loadingRowData(role, index.column(), NameColumn, tr("Loading more contacts…"));
    }
    const ContactListRow& r = rows().at(index.row());
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

Qt::ItemFlags SegmentContactsModel::flags(const QModelIndex& index) const
{
    if (index.isValid() && !index.parent().isValid() && index.row() == rows().size())
        return Qt::NoItemFlags; // the placeholder: not selectable, never current
    return KeysetPagedModel::flags(index);
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

} // namespace outpost
