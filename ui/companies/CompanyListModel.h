#pragma once

#include "companies/CompanyRepository.h"
#include "mutations/Mutation.h"
#include "widgets/KeysetPagedModel.h"

#include <QAbstractTableModel>

namespace outpost {

// The companies list: name order, read PageSize rows at a time as the view scrolls (canFetchMore /
// fetchMore with a keyset cursor), optionally narrowed by a search (each typed word starts a word of the
// name, domain, city or industry).
class CompanyListModel : public KeysetPagedModel<QAbstractTableModel, CompanyListRow>
{
    Q_OBJECT
public:
    enum Column { NameColumn, IndustryColumn, CityColumn, CountryColumn, DomainColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };
    static constexpr int PageSize = 200;

    explicit CompanyListModel(CompanyRepository& repository, QObject* parent = nullptr);

    void setSearchText(const QString& text);
    QString searchText() const { return m_search; }
    // Companies matching the search (or all).
    qint64 total() const { return m_total; }
    QString idAt(int row) const;
    int rowOf(const QString& id) const; // among the rows fetched so far, or -1

    void reload();
    void onEntitiesChanged(const outpost::EntityChanges& changes);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void totalChanged(qint64 total);
    void loadFailed(const QString& message);

private:
    Result<QList<CompanyListRow>> readPage(const CompanyListRow* after, int limit) override;
    void pageFailed(const QString& message) override { emit loadFailed(message); }

    CompanyRepository& m_repository;
    QString m_search;
    qint64 m_total = 0;
};

} // namespace outpost
