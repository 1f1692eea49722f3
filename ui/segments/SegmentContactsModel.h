#pragma once

#include "contacts/ContactRepository.h"
#include "segments/SegmentFilter.h"
#include "widgets/KeysetPagedModel.h"
#include "widgets/WorkerReads.h"

#include <QAbstractTableModel>

#include <optional>

namespace outpost {

// The contacts of a segment in name order, read page by page as the view scrolls (canFetchMore /
// fetchMore): never the whole segment in memory. Every page is read on a worker thread (its own connection):
// a rule no index answers scans the table, and one page of few matches can scan most of a million contacts.
// While the first page is read the model is empty (isLoading()); while a later one is, a trailing "Loading
// more contacts…" row stands where it will go (isFetchingMore()) and no other fetch starts. A newer segment
// interrupts the read of an older one (first or later page) and drops its page; so does the destructor.
class SegmentContactsModel : public KeysetPagedModel<QAbstractTableModel, ContactListRow>
{
    Q_OBJECT
public:
    enum Column { NameColumn, EmailColumn, CityColumn, CountryColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };
    static constexpr int PageSize = 100;

    // `database` must outlive this model; its destructor waits for a read still running.
    explicit SegmentContactsModel(Database& database, QObject* parent = nullptr);

    // Shows the contacts of `sql` (nothing: no segment): no rows while the first page is read, then it.
    void setSegment(const std::optional<SegmentFilter::Sql>& sql);
    // The first page is being read.
    bool isLoading() const { return m_loading; }
    // A page after the first is being read (the last row is its placeholder).
    bool isFetchingMore() const { return m_fetching; }
    // The first page could not be read (loadFailed said why).
    bool firstPageFailed() const { return m_firstPageFailed; }
    // The contact at `row`; empty for the placeholder row.
    QString idAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString& message);
    void loadingChanged(bool loading);

private:
    static Result<QList<ContactListRow>> read(Database& database, const SegmentFilter::Sql& sql,
                                              const std::optional<ContactCursor>& after, int limit);
    // The same read on this thread (KeysetPagedModel's synchronous path, which this model does not take).
    Result<QList<ContactListRow>> readPage(const ContactListRow* after, int limit) override;
    void pageFailed(const QString& message) override { emit loadFailed(message); }
    void firstPageArrived(const Result<QList<ContactListRow>>& page);
    void nextPageArrived(const Result<QList<ContactListRow>>& page);

    Database& m_database;
    std::optional<SegmentFilter::Sql> m_sql;
    bool m_loading = false;
    bool m_fetching = false;
    bool m_changingPlaceholder = false; // telling listeners of the placeholder: no nested fetch
    bool m_firstPageFailed = false;
    WorkerReads m_reads; // last: destroyed (waiting for a running read) before the state its results change
};

} // namespace outpost
