#include "contacts/ContactListModel.h"

#include <QLoggingCategory>
#include <QScopedValueRollback>

#include <algorithm>

namespace outpost {

Q_LOGGING_CATEGORY(lcContactModel, "outpost.ui.contacts", QtInfoMsg)

ContactListModel::ContactListModel(ContactRepository& repository, QObject* parent)
    : QAbstractTableModel(parent)
    , m_repository(repository)
{
    beginResetModel();
    resetBrowse();
    endResetModel();
}

void ContactListModel::setSearchText(const QString& text)
{
    const ContactQuery query = ContactQuery::parse(text);
    if (query.match == m_query.match) {
        m_query.text = text;
        return;
    }
    m_query = query;
    reload();
}

void ContactListModel::reload()
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    if (m_query.isEmpty())
        resetBrowse();
    else
        resetSearch();
    endResetModel();
    emit totalChanged(m_total);
}

void ContactListModel::resetBrowse()
{
    m_pages.clear();
    m_lru.clear();
    m_found.clear();
    m_exhausted = true;
    auto count = m_repository.count();
    if (!count) {
        m_browseRows = 0;
        m_total = 0;
        emit loadFailed(count.message());
        return;
    }
    m_total = count.value();
    m_browseRows = static_cast<int>(std::min<qint64>(count.value(), std::numeric_limits<int>::max()));
}

void ContactListModel::resetSearch()
{
    m_pages.clear();
    m_lru.clear();
    m_browseRows = 0;
    m_found.clear();
    m_exhausted = false;
    auto first = m_repository.search(m_query, std::nullopt, PageSize);
    if (!first) {
        m_exhausted = true;
        m_total = 0;
        emit loadFailed(first.message());
        return;
    }
    m_found = std::move(first.value());
    m_exhausted = m_found.size() < PageSize;
    updateSearchTotal();
}

void ContactListModel::updateSearchTotal()
{
    if (m_exhausted) {
        m_total = m_found.size();
        return;
    }
    auto n = m_repository.searchCount(m_query);
    m_total = n ? n.value() : -1;
}

int ContactListModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return m_query.isEmpty() ? m_browseRows : static_cast<int>(m_found.size());
}

int ContactListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const QList<ContactListRow>* ContactListModel::browsePage(int page) const
{
    auto it = m_pages.find(page);
    if (it != m_pages.end()) {
        if (m_lru.front() != page) {
            m_lru.remove(page);
            m_lru.push_front(page);
        }
        return &it.value();
    }

    // Keyset from the page before, if we have it: cheap at any depth. Otherwise an offset scan.
    Result<QList<ContactListRow>> rows = Error();
    auto prev = m_pages.constFind(page - 1);
    if (prev != m_pages.constEnd() && prev->size() == PageSize)
        rows = m_repository.pageAfter({prev->last().sortKey, prev->last().rid}, PageSize);
    else
        rows = m_repository.pageAt(static_cast<qint64>(page) * PageSize, PageSize);
    if (!rows) {
        qCWarning(lcContactModel) << "loading page" << page << "failed:" << rows.message();
        const_cast<ContactListModel*>(this)->loadFailed(rows.message());
        return nullptr;
    }
    while (static_cast<int>(m_lru.size()) >= MaxCachedPages) {
        m_pages.remove(m_lru.back());
        m_lru.pop_back();
    }
    m_lru.push_front(page);
    return &(m_pages[page] = std::move(rows.value()));
}

const ContactListRow* ContactListModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    if (!m_query.isEmpty())
        return &m_found.at(row);
    const QList<ContactListRow>* page = browsePage(row / PageSize);
    if (!page)
        return nullptr;
    const int within = row % PageSize;
    return within < page->size() ? &page->at(within) : nullptr;
}

QVariant ContactListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != IdRole && role != SortKeyRole)
        return {};
    const ContactListRow* r = rowAt(index.row());
    if (!r)
        return role == Qt::DisplayRole && index.column() == NameColumn ? QVariant(tr("Loading…")) : QVariant();
    if (role == IdRole)
        return r->id;
    if (role == SortKeyRole)
        return r->sortKey;
    switch (index.column()) {
    case NameColumn:
        return r->displayName();
    case EmailColumn:
        return r->email;
    case PhoneColumn:
        return r->phone;
    case CompanyColumn:
        return r->company;
    case CityColumn:
        return r->country.isEmpty() || r->city.isEmpty() ? r->city : r->city + QStringLiteral(" (") + r->country + QLatin1Char(')');
    default:
        return {};
    }
}

QVariant ContactListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("E-mail");
    case PhoneColumn:
        return tr("Phone");
    case CompanyColumn:
        return tr("Company");
    case CityColumn:
        return tr("City");
    default:
        return {};
    }
}

bool ContactListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_query.isEmpty() && !m_exhausted;
}

void ContactListModel::fetchMore(const QModelIndex& parent)
{
    // Not while this model is telling of a change: listeners (QAbstractItemModelTester does) call
    // fetchMore() from modelReset / rowsAboutToBeInserted / rowsInserted, and rows inserted then would reach
    // the listeners connected later before the change itself (and the next page starts after rows not yet
    // appended). A view asks again later.
    if (!canFetchMore(parent) || m_found.isEmpty() || m_changing)
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    const ContactListRow& last = m_found.last();
    auto more = m_repository.search(m_query, ContactCursor{last.sortKey, last.rid}, PageSize);
    if (!more) {
        m_exhausted = true;
        emit loadFailed(more.message());
        return;
    }
    m_exhausted = more->size() < PageSize;
    if (!more->isEmpty()) {
        const int first = static_cast<int>(m_found.size());
        beginInsertRows({}, first, first + static_cast<int>(more->size()) - 1);
        m_found.append(std::move(more.value()));
        endInsertRows();
    }
    if (m_exhausted && m_total != m_found.size()) {
        m_total = m_found.size();
        emit totalChanged(m_total);
    }
}

QHash<int, QByteArray> ContactListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(IdRole, "contactId");
    roles.insert(SortKeyRole, "sortKey");
    return roles;
}

QString ContactListModel::idAt(int row) const
{
    const ContactListRow* r = rowAt(row);
    return r ? r->id : QString();
}

int ContactListModel::rowOfId(const QString& id)
{
    if (id.isEmpty())
        return -1;
    if (m_query.isEmpty()) {
        auto pos = m_repository.positionOf(id);
        return pos && pos.value() >= 0 && pos.value() < m_browseRows ? static_cast<int>(pos.value()) : -1;
    }
    for (;;) {
        for (int i = 0; i < m_found.size(); ++i) {
            if (m_found.at(i).id == id)
                return i;
        }
        if (!canFetchMore({}))
            return -1;
        fetchMore({});
    }
}

void ContactListModel::onEntitiesChanged(const EntityChanges& changes)
{
    bool touchesContacts = false;
    for (const auto& c : changes) {
        if (c.entity == QLatin1String("contact")) {
            touchesContacts = true;
            break;
        }
    }
    if (!touchesContacts)
        return;
    if (m_query.isEmpty()) {
        const QScopedValueRollback<bool> changing(m_changing, true);
        // Rows may have moved in the name order: drop the cache and adjust the size.
        auto count = m_repository.count();
        const int newRows = count ? static_cast<int>(std::min<qint64>(count.value(), std::numeric_limits<int>::max())) : 0;
        m_pages.clear();
        m_lru.clear();
        if (newRows > m_browseRows) {
            beginInsertRows({}, m_browseRows, newRows - 1);
            m_browseRows = newRows;
            endInsertRows();
        } else if (newRows < m_browseRows) {
            beginRemoveRows({}, newRows, m_browseRows - 1);
            m_browseRows = newRows;
            endRemoveRows();
        }
        m_total = count ? count.value() : m_total;
        if (m_browseRows > 0)
            emit dataChanged(index(0, 0), index(m_browseRows - 1, ColumnCount - 1));
        emit totalChanged(m_total);
        return;
    }
    reload();
}

} // namespace outpost
