#pragma once

#include "mutations/Mutation.h"
#include "widgets/KeysetPagedModel.h"

#include <QAbstractTableModel>

namespace outpost {

class Database;

// A row of the leads list (its score and effective status from lead_scores).
struct LeadListRow
{
    QString id;
    int score = 0;
    QString status;
    QString name;
    QString company;
    QString source;
};

// Leads by score, best first, optionally of one status and matching a search, read a page at a time by keyset on (score, id) through
// the lead_scores indexes, so the first page of 100,000 leads costs one indexed query. Reads again on changes.
class LeadListModel : public KeysetPagedModel<QAbstractTableModel, LeadListRow>
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        CompanyColumn,
        StatusColumn,
        ScoreColumn,
        SourceColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        StatusRole,
        ScoreRole
    };
    static constexpr int PageSize = 200;

    explicit LeadListModel(Database& database, QObject* parent = nullptr);

    // Only leads of this effective status (empty: all).
    void setStatusFilter(const QString& status);
    QString statusFilter() const { return m_status; }
    // Only leads whose name, company or e-mail contains every word of `text` (case-insensitive for ASCII).
    void setSearchText(const QString& text);
    QString searchText() const { return m_search; }
    void reload();
    void onEntitiesChanged(const outpost::EntityChanges& changes);

    QString idAt(int row) const;
    int rowOf(const QString& id) const;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString& message);
    // reload() is done and its first page is in.
    void reloaded();

private:
    Result<QList<LeadListRow>> readPage(const LeadListRow* after, int limit) override;
    void pageFailed(const QString& message) override { emit loadFailed(message); }

    Database& m_db;
    QString m_status;
    QString m_search;
};

} // namespace outpost
