#pragma once

#include "leads/ScoringRule.h"
#include "mutations/Mutation.h"

#include <QAbstractTableModel>

namespace outpost {

class Database;

// The scoring rules (not the thresholds) in their order, for the rules editor. A team has tens of rules: read whole.
class ScoringRuleModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        LabelColumn,
        RuleColumn,
        PointsColumn,
        ColumnCount
    };

    explicit ScoringRuleModel(Database& database, QObject* parent = nullptr);

    void reload();
    void onEntitiesChanged(const outpost::EntityChanges& changes);
    const ScoringRule* ruleAt(int row) const;
    int rowOf(const QString& id) const;
    // The thresholds in force (rules of kind "threshold"), or nothing.
    std::optional<ScoringRule> threshold(const QString& which) const;
    int nextPosition() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString& message);

private:
    Database& m_db;
    QList<ScoringRule> m_rules;
    QList<ScoringRule> m_thresholds;
};

} // namespace outpost
