#include "pipeline/ForecastModel.h"

#include "pipeline/Money.h"

#include <QLocale>

namespace outpost {

ForecastModel::ForecastModel(DealRepository& repository, const QTimeZone& zone, QObject* parent)
    : QAbstractTableModel(parent), m_repository(repository), m_zone(zone)
{
}

void ForecastModel::setPipeline(const QString& pipelineId)
{
    m_pipelineId = pipelineId;
    reload();
}

void ForecastModel::reload()
{
    beginResetModel();
    auto rows = m_repository.forecast(m_pipelineId, m_zone);
    m_rows = rows ? rows.value() : QList<DealRepository::ForecastRow>();
    endResetModel();
    if (!rows)
        emit loadFailed(rows.message());
}

int ForecastModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ForecastModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ForecastModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DealRepository::ForecastRow& r = m_rows[index.row()];
    if (role == Qt::TextAlignmentRole)
        return index.column() >= DealsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case MonthColumn:
        return r.month.isValid() ? locale.toString(r.month, QStringLiteral("MMMM yyyy")) : tr("No close date");
    case CurrencyColumn:
        return r.currency;
    case DealsColumn:
        return locale.toString(r.deals);
    case ValueColumn:
        return money::format(r.amountMinor, r.currency);
    case WeightedColumn:
        return money::format(r.weightedMinor, r.currency);
    default:
        return {};
    }
}

QVariant ForecastModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MonthColumn:
        return tr("Expected close");
    case CurrencyColumn:
        return tr("Currency");
    case DealsColumn:
        return tr("Open deals");
    case ValueColumn:
        return tr("Value");
    case WeightedColumn:
        return tr("Weighted (value × probability)");
    default:
        return {};
    }
}

} // namespace outpost
