#include "leads/ScoringRuleModel.h"

#include "storage/Database.h"

#include <QGuiApplication>
#include <QPalette>

namespace outpost {

ScoringRuleModel::ScoringRuleModel(Database& database, QObject* parent) : QAbstractTableModel(parent), m_db(database)
{
    reload();
}

void ScoringRuleModel::reload()
{
    QSqlDatabase conn = m_db.connection();
    auto rules = scoringrulesql::loadAll(conn);
    beginResetModel();
    m_rules.clear();
    m_thresholds.clear();
    if (rules) {
        for (const ScoringRule& r : rules.value())
            (r.kind == QLatin1String("threshold") ? m_thresholds : m_rules).append(r);
    }
    endResetModel();
    if (!rules)
        emit loadFailed(rules.message());
}

void ScoringRuleModel::onEntitiesChanged(const EntityChanges& changes)
{
    for (const EntityChange& c : changes) {
        if (c.entity == QLatin1String("scoring_rule")) {
            reload();
            return;
        }
    }
}

const ScoringRule* ScoringRuleModel::ruleAt(int row) const
{
    return row >= 0 && row < m_rules.size() ? &m_rules[row] : nullptr;
}

int ScoringRuleModel::rowOf(const QString& id) const
{
    for (int i = 0; i < m_rules.size(); ++i) {
        if (m_rules[i].id == id)
            return i;
    }
    return -1;
}

std::optional<ScoringRule> ScoringRuleModel::threshold(const QString& which) const
{
    for (const ScoringRule& r : m_thresholds) {
        if (r.value == which)
            return r;
    }
    return std::nullopt;
}

int ScoringRuleModel::nextPosition() const
{
    int p = 0;
    for (const ScoringRule& r : m_rules)
        p = std::max(p, r.position + 1);
    return p;
}

int ScoringRuleModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int ScoringRuleModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScoringRuleModel::data(const QModelIndex& index, int role) const
{
    const ScoringRule* r = index.isValid() ? ruleAt(index.row()) : nullptr;
    if (!r)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case LabelColumn:
            return r->enabled ? r->label : tr("%1 (off)").arg(r->label);
        case RuleColumn:
            return r->describe();
        case PointsColumn:
            return QString((r->points > 0 ? QStringLiteral("+") : QString()) + QString::number(r->points));
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && !r->enabled)
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    if (role == Qt::TextAlignmentRole && index.column() == PointsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ScoringRuleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LabelColumn:
        return tr("Explanation");
    case RuleColumn:
        return tr("Rule");
    case PointsColumn:
        return tr("Points");
    default:
        return {};
    }
}

} // namespace outpost
