#include "segments/SegmentContactsModel.h"

#include "contacts/CountryComboBox.h"
#include "storage/Database.h"
#include "storage/QueryInterrupt.h"

namespace outpost {

SegmentContactsModel::SegmentContactsModel(ContactRepository& repository, Database& database, QObject* parent)
    : KeysetPagedModel(PageSize, parent)
    , m_repository(repository)
    , m_database(database)
{
    m_pool.setMaxThreadCount(1);
}

SegmentContactsModel::~SegmentContactsModel()
{
    dropRunning();
    m_pool.waitForDone();
}

void SegmentContactsModel::setSegment(const std::optional<SegmentFilter::Sql>& sql)
{
    dropRunning();
    m_sql = sql;
    m_firstPageFailed = false;
    restart(false);
    setLoading(sql.has_value());
    if (!sql)
        return;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    Database* database = &m_database;
    m_pool.start([this, database, sql = *sql, generation = m_generation, cancel = m_cancel] {
        const Result<QList<ContactListRow>> page = [&] {
            const QueryInterrupt interrupt(database->connection(), cancel.get());
            return ContactRepository(*database).segmentPage(sql.where, sql.binds, std::nullopt, PageSize);
        }();
        database->releaseThreadConnection();
        // The destructor waits for this task, so `this` still exists; a call delivered after it is gone is dropped.
        QMetaObject::invokeMethod(
            this, [this, generation, page] { firstPageArrived(generation, page); }, Qt::QueuedConnection);
    });
}

void SegmentContactsModel::dropRunning()
{
    ++m_generation; // a page still to come is for an older segment
    m_pool.clear(); // a read not started yet never runs
    if (m_cancel)
        m_cancel->store(true); // one running stops at SQLite's next check
}

void SegmentContactsModel::firstPageArrived(quint64 generation, const Result<QList<ContactListRow>>& page)
{
    if (generation != m_generation)
        return; // an older segment's (interrupted or not)
    m_firstPageFailed = !restartWith(page);
    setLoading(false);
}

void SegmentContactsModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

Result<QList<ContactListRow>> SegmentContactsModel::readPage(const ContactListRow* after, int limit)
{
    return m_repository.segmentPage(m_sql->where, m_sql->binds, cursorAfter<ContactCursor>(after), limit);
}

QString SegmentContactsModel::idAt(int row) const
{
    return row >= 0 && row < rows().size() ? rows().at(row).id : QString();
}

int SegmentContactsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentContactsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
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
