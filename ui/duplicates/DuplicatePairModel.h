#pragma once

#include "duplicates/DuplicateScanner.h"
#include "mutations/Mutation.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace outpost {

class Database;

// The candidate pairs of a duplicate scan, best first. A scan of a million contacts can find a great many
// pairs; the result itself is compact (row ids and scores), and the model shows it in pages of PageSize
// through canFetchMore()/fetchMore(), reading the names of only the contacts of the rows it shows.
//
// It follows changes: a contact that is deleted or merged away takes its pairs with it, an edited one is
// shown as it is now (onEntitiesChanged).
class DuplicatePairModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ScoreColumn,
        FirstColumn,
        SecondColumn,
        ReasonsColumn,
        ColumnCount
    };
    enum Role
    {
        ScoreRole = Qt::UserRole + 1,
        FirstIdRole,
        SecondIdRole
    };
    static constexpr int PageSize = 100;

    explicit DuplicatePairModel(Database& database, QObject* parent = nullptr);

    // Shows a new scan result (a reset; the first page is read at once).
    void setPairs(QList<DuplicatePair> pairs);
    void clear();

    // Every pair of the result, shown or not yet.
    const QList<DuplicatePair>& pairs() const { return m_pairs; }
    qsizetype totalPairs() const { return m_pairs.size(); }
    qsizetype pairsScoringAtLeast(int score) const;
    const DuplicatePair* pairAt(int row) const;
    // The id of the first / second contact of a shown row (empty if unknown).
    QString idAt(int row, int which) const;

    void onEntitiesChanged(const outpost::EntityChanges& changes);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadFailed(const QString& message);
    // Pairs went away because a contact of theirs did.
    void pairsRemoved();

private:
    struct Summary
    {
        QString id;
        QString name;
        QString detail;  // e-mail, phone, company: the first few that are set
        QString tooltip; // every identifying field
    };
    // Reads the contacts of these row ids into the cache; returns the ones that no longer exist.
    QSet<qint64> load(const QList<qint64>& rids);
    // Drops every pair involving one of these contacts, telling views about the shown rows.
    void removeContacts(const QSet<qint64>& rids);
    const Summary* summary(qint64 rid) const;
    // Exposes the next page of pairs (reading their contacts).
    void showNextPage();

    Database& m_database;
    QList<DuplicatePair> m_pairs;
    int m_shown = 0;                // rows exposed through fetchMore
    QHash<qint64, Summary> m_cache; // contacts of the shown rows
    bool m_changing = false;        // telling listeners of a change (see fetchMore())
};

} // namespace outpost
