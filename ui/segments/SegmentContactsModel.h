#pragma once

#include "contacts/ContactRepository.h"
#include "segments/SegmentFilter.h"

#include <QAbstractTableModel>

#include <optional>

namespace outpost {

// The contacts of a segment in name order, read page by page as the view scrolls (canFetchMore /
// fetchMore): never the whole segment in memory.
class SegmentContactsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, EmailColumn, CityColumn, CountryColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };
    static constexpr int PageSize = 100;

    explicit SegmentContactsModel(ContactRepository& repository, QObject* parent = nullptr);

    // Shows the contacts of `sql` (nothing: no segment) from the first page.
    void setSegment(const std::optional<SegmentFilter::Sql>& sql);
    QString idAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadFailed(const QString& message);

private:
    ContactRepository& m_repository;
    std::optional<SegmentFilter::Sql> m_sql;
    QList<ContactListRow> m_rows;
    bool m_exhausted = true;
    bool m_changing = false; // telling listeners of a change (see fetchMore())
};

} // namespace outpost
