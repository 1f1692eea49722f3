#include "contacts/ContactListModel.h"

#include "storage/Database.h"

#include <QLoggingCategory>

#include <algorithm>

namespace outpost {

Q_LOGGING_CATEGORY(lcContactModel, "outpost.ui.contacts", QtInfoMsg)

ContactListModel::ContactListModel(ContactRepository& repository, Database& database, QObject* parent)
    : KeysetPagedModel(PageSize, parent)
    , m_repository(repository)
    , m_database(database)
{
    m_countPool.setMaxThreadCount(1);
    reload();
}

ContactListModel::~ContactListModel()
{
    // The worker uses the database, which goes soon after this model (the window before the workspace):
    // drop the counts still queued and wait for the one running.
    cancelCount();
    m_countPool.waitForDone();
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
    cancelCount();
    if (m_query.isEmpty()) {
        const Result<qint64> count = m_repository.count();
        restart(false, [&] { resetBrowse(count); });
        if (!count)
            emit loadFailed(count.message());
    } else {
        // The first page of matches (a failure leaves none, and a total of 0).
        restart(true, [this] {
            resetBrowse(qint64(0));
            updateSearchTotal();
        });
    }
    emit totalChanged(m_total);
}

void ContactListModel::resetBrowse(const Result<qint64>& count)
{
    m_pages.clear();
    m_lru.clear();
    m_failedPages.clear();
    m_total = count ? count.value() : 0;
    m_browseRows = static_cast<int>(std::min<qint64>(m_total, std::numeric_limits<int>::max()));
}

Result<QList<ContactListRow>> ContactListModel::readPage(const ContactListRow* after, int limit)
{
    return m_repository.search(m_query, cursorAfter<ContactCursor>(after), limit);
}

void ContactListModel::updateSearchTotal()
{
    if (exhausted()) {
        m_total = rows().size();
        return;
    }
    // More pages to come: count on a worker thread, with its own connection, so typing stays fluid.
    m_total = -1;
    const quint64 generation = m_countGeneration;
    Database* database = &m_database;
    m_countPool.start([this, database, query = m_query, generation] {
        const Result<qint64> count = ContactRepository(*database).searchCount(query);
        database->releaseThreadConnection();
        // The destructor waits for this task, so this object still exists; if it is destroyed before the
        // call is delivered, the call is dropped with it.
        QMetaObject::invokeMethod(
            this, [this, generation, count] { countArrived(generation, count); }, Qt::QueuedConnection);
    });
}

void ContactListModel::cancelCount()
{
    ++m_countGeneration; // a count running now is dropped when it arrives
    m_countPool.clear(); // one not started yet never runs
    m_countFailed = false;
}

void ContactListModel::countArrived(quint64 generation, const Result<qint64>& count)
{
    if (generation != m_countGeneration)
        return; // for an earlier search, or from before a change
    if (count) {
        m_total = count.value();
    } else {
        qCWarning(lcContactModel) << "counting matches failed:" << count.message();
        m_countFailed = true;
        emit loadFailed(count.message());
    }
    emit totalChanged(m_total);
}

int ContactListModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return m_query.isEmpty() ? m_browseRows : static_cast<int>(rows().size());
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
    if (m_failedPages.contains(page))
        return nullptr; // told once; tried again at the next reload, not at every paint

    // Keyset from a cached neighbour (the page before when scrolling down, the page after when
    // scrolling up): cheap at any depth. Only a jump to an uncached region pays an offset scan.
    Result<QList<ContactListRow>> rows = Error();
    auto prev = m_pages.constFind(page - 1);
    auto next = m_pages.constFind(page + 1);
    if (prev != m_pages.constEnd() && prev->size() == PageSize)
        rows = m_repository.pageAfter({prev->last().sortKey, prev->last().rid}, PageSize);
    else if (next != m_pages.constEnd() && !next->isEmpty())
        rows = m_repository.pageBefore({next->first().sortKey, next->first().rid}, PageSize);
    else
        rows = m_repository.pageAt(static_cast<qint64>(page) * PageSize, PageSize);
    if (!rows) {
        qCWarning(lcContactModel) << "loading page" << page << "failed:" << rows.message();
        m_failedPages.insert(page, rows.message());
        emit const_cast<ContactListModel*>(this)->loadFailed(rows.message());
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
        return &rows().at(row);
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
    if (!r) {
        if (index.column() != NameColumn)
            return {};
        const auto failed = m_query.isEmpty() ? m_failedPages.constFind(index.row() / PageSize)
                                              : m_failedPages.constEnd();
        if (failed == m_failedPages.constEnd())
            return role == Qt::DisplayRole ? QVariant(tr("Loading…")) : QVariant();
        if (role == Qt::DisplayRole)
            return tr("Could not be read");
        if (role == Qt::ToolTipRole)
            return failed.value();
        return {};
    }
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
        if (r->country.isEmpty() || r->city.isEmpty())
            return r->city;
        //: The city column of the contacts list: a city and its ISO country code, e.g. "Lyon (FR)".
        return tr("%1 (%2)").arg(r->city, r->country);
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

void ContactListModel::pageAppended()
{
    if (exhausted() && m_total != rows().size()) {
        cancelCount(); // every match is here: that is the count
        m_total = rows().size();
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

void ContactListModel::onEntitiesChanged(const EntityChanges& changes)
{
    const bool touchesContacts = std::any_of(changes.cbegin(), changes.cend(), [](const EntityChange& c) {
        return c.entity == QLatin1String("contact");
    });
    // Rows may have come, gone or moved anywhere in the name order: read again rather than guess which
    // rows to insert or remove (persistent indexes would end up on other contacts).
    if (touchesContacts)
        reload();
}

} // namespace outpost
