#include "companies/CompanyListModel.h"

#include "contacts/CountryComboBox.h"

#include <QScopedValueRollback>

namespace outpost {

CompanyListModel::CompanyListModel(CompanyRepository& repository, QObject* parent)
    : QAbstractTableModel(parent)
    , m_repository(repository)
{
    reload();
}

void CompanyListModel::setSearchText(const QString& text)
{
    if (text == m_search)
        return;
    m_search = text;
    reload();
}

void CompanyListModel::reload()
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_rows.clear();
    m_exhausted = false;
    auto first = m_repository.page(m_search, std::nullopt, PageSize);
    if (first) {
        m_rows = std::move(first.value());
        m_exhausted = m_rows.size() < PageSize;
    } else {
        m_exhausted = true;
    }
    auto total = m_repository.count(m_search);
    m_total = total ? total.value() : 0;
    endResetModel();
    if (!first)
        emit loadFailed(first.message());
    else if (!total)
        emit loadFailed(total.message());
    emit totalChanged(m_total);
}

void CompanyListModel::onEntitiesChanged(const EntityChanges& changes)
{
    for (const EntityChange& c : changes) {
        if (c.entity == QLatin1String("company")) {
            reload();
            return;
        }
    }
}

QString CompanyListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int CompanyListModel::rowOf(const QString& id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

int CompanyListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CompanyListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompanyListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CompanyListRow& r = m_rows.at(index.row());
    if (role == IdRole)
        return r.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn: return r.name;
    case IndustryColumn: return r.industry;
    case CityColumn: return r.city;
    case CountryColumn: return CountryComboBox::countryName(r.country);
    case DomainColumn: return r.domain;
    }
    return {};
}

QVariant CompanyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case IndustryColumn: return tr("Industry");
    case CityColumn: return tr("City");
    case CountryColumn: return tr("Country");
    case DomainColumn: return tr("Web site");
    }
    return {};
}

bool CompanyListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void CompanyListModel::fetchMore(const QModelIndex& parent)
{
    // Not while telling of a change: listeners (QAbstractItemModelTester does) call fetchMore() from
    // modelReset / rowsInserted, and rows inserted then would reach later listeners before the change itself.
    if (parent.isValid() || m_exhausted || m_rows.isEmpty() || m_changing)
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    const CompanyListRow& last = m_rows.last();
    auto more = m_repository.page(m_search, ContactCursor{last.sortKey, last.rid}, PageSize);
    if (!more) {
        m_exhausted = true;
        emit loadFailed(more.message());
        return;
    }
    m_exhausted = more->size() < PageSize;
    if (more->isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more->size() - 1));
    m_rows += more.value();
    endInsertRows();
}

} // namespace outpost
