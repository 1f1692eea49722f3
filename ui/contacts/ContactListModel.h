#pragma once

#include "contacts/ContactRepository.h"
#include "mutations/Mutation.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <list>

namespace outpost {

// The contacts list. Never loads the table: without a search it is a window over the name order
// (rowCount is the total, rows come in pages of PageSize kept in a small LRU cache, each page found
// from a cached neighbour by keyset or else by offset); with a search it grows page by page through
// canFetchMore()/fetchMore() in name order.
class ContactListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, EmailColumn, PhoneColumn, CompanyColumn, CityColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, SortKeyRole };
    static constexpr int PageSize = 200;
    static constexpr int MaxCachedPages = 64;

    explicit ContactListModel(ContactRepository& repository, QObject* parent = nullptr);

    void setSearchText(const QString& text);
    QString searchText() const { return m_query.text; }
    bool isSearching() const { return !m_query.isEmpty(); }
    // Contacts matching the current search (or all), -1 while not yet known.
    qint64 totalMatches() const { return m_total; }

    QString idAt(int row) const;
    // The row showing `id` in the current view, loading pages as needed; -1 if not in it.
    int rowOfId(const QString& id);

    // Re-reads everything (keeps the search).
    void reload();
    // Reacts to mutations: re-reads what is shown, keeping the view where it is.
    void onEntitiesChanged(const outpost::EntityChanges& changes);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void totalChanged(qint64 total);
    void loadFailed(const QString& message);

private:
    const ContactListRow* rowAt(int row) const;
    const QList<ContactListRow>* browsePage(int page) const;
    void resetBrowse();
    void resetSearch();
    void updateSearchTotal();

    ContactRepository& m_repository;
    ContactQuery m_query;
    qint64 m_total = 0;

    // Browse mode: page index -> rows, with LRU order.
    mutable QHash<int, QList<ContactListRow>> m_pages;
    mutable std::list<int> m_lru;
    int m_browseRows = 0;

    // Search mode: rows fetched so far.
    QList<ContactListRow> m_found;
    bool m_exhausted = true;
    bool m_changing = false; // telling listeners of a change (see fetchMore())
};

} // namespace outpost
