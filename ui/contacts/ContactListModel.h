#pragma once

#include "contacts/ContactRepository.h"
#include "mutations/Mutation.h"
#include "widgets/KeysetPagedModel.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QThreadPool>

#include <list>

namespace outpost {

class Database;

// The contacts list. Never loads the table: without a search it is a window over the name order
// (rowCount is the total, rows come in pages of PageSize kept in a small LRU cache, each page found
// from a cached neighbour by keyset or else by offset); with a search it grows page by page through
// canFetchMore()/fetchMore() in name order, and the number of matches is counted on a worker thread.
class ContactListModel : public KeysetPagedModel<QAbstractTableModel, ContactListRow>
{
    Q_OBJECT
public:
    enum Column { NameColumn, EmailColumn, PhoneColumn, CompanyColumn, CityColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, SortKeyRole };
    static constexpr int PageSize = 200;
    static constexpr int MaxCachedPages = 64;

    // `repository` reads on this thread; `database` (the one under it) serves the background count, which
    // gets its own connection on the worker thread. Both must outlive this model; its destructor waits for
    // a count still running.
    ContactListModel(ContactRepository& repository, Database& database, QObject* parent = nullptr);
    ~ContactListModel() override;

    void setSearchText(const QString& text);
    QString searchText() const { return m_query.text; }
    bool isSearching() const { return !m_query.isEmpty(); }
    // Contacts matching the current search (or all), -1 while not yet known (the count is running, or failed).
    qint64 totalMatches() const { return m_total; }
    // The count of the current search failed; loadFailed() said why.
    bool countFailed() const { return m_countFailed; }

    QString idAt(int row) const;

    // Re-reads everything (keeps the search).
    void reload();
    // Reacts to mutations: re-reads what is shown (a reset; the page selects its contact again by id).
    void onEntitiesChanged(const outpost::EntityChanges& changes);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void totalChanged(qint64 total);
    void loadFailed(const QString& message);

private:
    Result<QList<ContactListRow>> readPage(const ContactListRow* after, int limit) override;
    void pageFailed(const QString& message) override { emit loadFailed(message); }
    void pageAppended() override;
    const ContactListRow* rowAt(int row) const;
    const QList<ContactListRow>* browsePage(int page) const;
    void resetBrowse(const Result<qint64>& count);
    void updateSearchTotal();
    void cancelCount();
    void countArrived(quint64 generation, const Result<qint64>& count);

    ContactRepository& m_repository;
    Database& m_database;
    ContactQuery m_query;
    qint64 m_total = 0;

    // Browse mode: page index -> rows, with LRU order; pages that failed to load, with why (not retried
    // until the next reload).
    mutable QHash<int, QList<ContactListRow>> m_pages;
    mutable std::list<int> m_lru;
    mutable QHash<int, QString> m_failedPages;
    int m_browseRows = 0;

    // Search mode: the rows fetched so far are KeysetPagedModel's (none while browsing).

    // The background count: one worker, so counts run one at a time; a count that arrives for an older
    // generation (an earlier search, or data that has changed since) is dropped.
    QThreadPool m_countPool;
    quint64 m_countGeneration = 0;
    bool m_countFailed = false;
};

} // namespace outpost
