#include "pipeline/DealListModel.h"

#include "pipeline/Money.h"

#include <QDateTime>
#include <QLocale>

namespace outpost {

DealListModel::DealListModel(DealRepository& repository, QObject* parent)
    : QAbstractTableModel(parent), m_repository(repository)
{
}

void DealListModel::setQuery(const DealRepository::ListQuery& query)
{
    m_query = query;
    reload();
}

void DealListModel::reload()
{
    m_loaded = true;
    m_changing = true;
    beginResetModel();
    m_rows.clear();
    auto total = m_repository.countDeals(m_query);
    m_total = total ? total.value() : 0;
    if (!total)
        emit loadFailed(total.message());
    auto page = m_repository.listDeals(m_query, 0, PageSize);
    if (page)
        m_rows = page.value();
    else
        emit loadFailed(page.message());
    endResetModel();
    m_changing = false;
    emit totalChanged(m_total);
}

QString DealListModel::dealIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].deal.id : QString();
}

int DealListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DealListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DealListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DealRepository::ListRow& row = m_rows[index.row()];
    const Deal& d = row.deal;
    if (role == DealIdRole)
        return d.id;
    if (role == Qt::TextAlignmentRole)
        return index.column() == ValueColumn || index.column() == WeightedColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case TitleColumn:
        return d.title;
    case StageColumn:
        switch (row.kind) {
        case PipelineStage::Kind::Won:
            return d.closeReason.isEmpty() ? tr("%1 (won)").arg(row.stageName)
                                           : tr("%1 (won: %2)").arg(row.stageName, d.closeReason);
        case PipelineStage::Kind::Lost:
            return d.closeReason.isEmpty() ? tr("%1 (lost)").arg(row.stageName)
                                           : tr("%1 (lost: %2)").arg(row.stageName, d.closeReason);
        case PipelineStage::Kind::Open:
            break;
        }
        return tr("%1 (%2 %)").arg(row.stageName).arg(row.probability);
    case ValueColumn:
        return money::format(d.amountMinor, d.currency);
    case WeightedColumn:
        if (row.kind != PipelineStage::Kind::Open)
            return QString();
        return money::format((d.amountMinor * row.probability + 50) / 100, d.currency);
    case CloseColumn:
        return d.expectedCloseAt ? locale.toString(QDateTime::fromMSecsSinceEpoch(*d.expectedCloseAt).date(), QLocale::ShortFormat)
                                 : QString();
    case OwnerColumn:
        return d.ownerId;
    case UpdatedColumn:
        return locale.toString(QDateTime::fromMSecsSinceEpoch(d.updatedAt), QLocale::ShortFormat);
    default:
        return {};
    }
}

QVariant DealListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Deal");
    case StageColumn:
        return tr("Stage");
    case ValueColumn:
        return tr("Value");
    case WeightedColumn:
        return tr("Weighted");
    case CloseColumn:
        return tr("Expected close");
    case OwnerColumn:
        return tr("Owner");
    case UpdatedColumn:
        return tr("Updated");
    default:
        return {};
    }
}

bool DealListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_changing && m_rows.size() < m_total;
}

void DealListModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    auto page = m_repository.listDeals(m_query, int(m_rows.size()), PageSize);
    if (!page) {
        emit loadFailed(page.message());
        m_total = m_rows.size(); // stop asking
        return;
    }
    if (page->isEmpty()) {
        m_total = m_rows.size(); // fewer than counted: deals went away meanwhile
        return;
    }
    m_changing = true;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
    m_rows += page.value();
    endInsertRows();
    m_changing = false;
}

void DealListModel::sort(int column, Qt::SortOrder order)
{
    static const DealRepository::SortKey keys[] = {DealRepository::SortKey::Title,     DealRepository::SortKey::Stage,
                                                   DealRepository::SortKey::Amount,    DealRepository::SortKey::Amount,
                                                   DealRepository::SortKey::CloseDate, DealRepository::SortKey::Owner,
                                                   DealRepository::SortKey::Updated};
    if (column < 0 || column >= ColumnCount)
        return;
    m_query.sort = keys[column];
    m_query.descending = order == Qt::DescendingOrder;
    if (m_loaded) // a view sets its sort order when the model is attached, before anything is to be read
        reload();
}

} // namespace outpost
