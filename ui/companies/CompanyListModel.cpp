#include "companies/CompanyListModel.h"

#include "contacts/CountryComboBox.h"

namespace outpost {

CompanyListModel::CompanyListModel(CompanyRepository& repository, QObject* parent)
    : KeysetPagedModel(PageSize, parent)
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
    auto total = m_repository.count(m_search);
    const bool read = restart(true, [&] { m_total = total ? total.value() : 0; });
    if (read && !total)
        emit loadFailed(total.message());
    emit totalChanged(m_total);
}

Result<QList<CompanyListRow>> CompanyListModel::readPage(const CompanyListRow* after, int limit)
{
    return m_repository.page(m_search, cursorAfter<ContactCursor>(after), limit);
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
    return row >= 0 && row < rows().size() ? rows().at(row).id : QString();
}

int CompanyListModel::rowOf(const QString& id) const
{
    for (int i = 0; i < rows().size(); ++i)
        if (rows().at(i).id == id)
            return i;
    return -1;
}

int CompanyListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompanyListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CompanyListRow& r = rows().at(index.row());
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

} // namespace outpost
