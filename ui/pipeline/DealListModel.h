#pragma once

#include "pipeline/DealRepository.h"

#include <QAbstractTableModel>

namespace outpost {

// The deal list: every deal matching a filter, sorted by any column (the database sorts), read a page at a
// time through canFetchMore/fetchMore. Empty until setQuery() or reload() (the page reads it when it is shown).
class DealListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TitleColumn,
        StageColumn,
        ValueColumn,
        WeightedColumn,
        CloseColumn,
        OwnerColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Role
    {
        DealIdRole = Qt::UserRole + 1
    };
    static constexpr int PageSize = 200;

    explicit DealListModel(DealRepository& repository, QObject* parent = nullptr);

    void setQuery(const DealRepository::ListQuery& query);
    const DealRepository::ListQuery& query() const { return m_query; }
    qint64 total() const { return m_total; }
    void reload();
    QString dealIdAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order) override;

signals:
    void totalChanged(qint64 total);
    void loadFailed(const QString& message);

private:
    DealRepository& m_repository;
    DealRepository::ListQuery m_query;
    QList<DealRepository::ListRow> m_rows;
    qint64 m_total = 0;
    // A reset or an insertion is being announced: views and testers that react by asking for more get
    // nothing until it is done (a nested fetchMore would read the same page twice).
    bool m_changing = false;
    bool m_loaded = false; // read once: a new sort order reads again
};

} // namespace outpost
