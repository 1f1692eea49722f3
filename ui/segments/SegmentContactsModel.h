#pragma once

#include "contacts/ContactRepository.h"
#include "segments/SegmentFilter.h"
#include "widgets/KeysetPagedModel.h"

#include <QAbstractTableModel>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

namespace outpost {

class Database;

// The contacts of a segment in name order, read page by page as the view scrolls (canFetchMore /
// fetchMore): never the whole segment in memory. The first page is read on a worker thread (its own
// connection): a rule no index answers scans the table, seconds at a million contacts. A newer segment
// interrupts the read of an older one and drops its page.
class SegmentContactsModel : public KeysetPagedModel<QAbstractTableModel, ContactListRow>
{
    Q_OBJECT
public:
    enum Column { NameColumn, EmailColumn, CityColumn, CountryColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };
    static constexpr int PageSize = 100;

    // `repository` reads the next pages on this thread; `database` (the one under it) serves the first page
    // on the worker. Both must outlive this model; its destructor waits for a read still running.
    SegmentContactsModel(ContactRepository& repository, Database& database, QObject* parent = nullptr);
    ~SegmentContactsModel() override;

    // Shows the contacts of `sql` (nothing: no segment): no rows while the first page is read, then it.
    void setSegment(const std::optional<SegmentFilter::Sql>& sql);
    // The first page is being read.
    bool isLoading() const { return m_loading; }
    // The first page could not be read (loadFailed said why).
    bool firstPageFailed() const { return m_firstPageFailed; }
    QString idAt(int row) const;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString& message);
    void loadingChanged(bool loading);

private:
    Result<QList<ContactListRow>> readPage(const ContactListRow* after, int limit) override;
    void pageFailed(const QString& message) override { emit loadFailed(message); }
    void dropRunning();
    void firstPageArrived(quint64 generation, const Result<QList<ContactListRow>>& page);
    void setLoading(bool loading);

    ContactRepository& m_repository;
    Database& m_database;
    std::optional<SegmentFilter::Sql> m_sql;
    // One worker: a newer read waits for the interrupted older one; a page arriving for an older generation
    // is dropped.
    QThreadPool m_pool;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel; // of the read started last
    bool m_loading = false;
    bool m_firstPageFailed = false;
};

} // namespace outpost
