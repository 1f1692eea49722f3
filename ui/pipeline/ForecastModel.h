#pragma once

#include "pipeline/DealRepository.h"

#include <QAbstractTableModel>

namespace outpost {

// The weighted forecast: per month of expected close (in the user's time zone) and currency, the open deals,
// their value and their value weighted by their stage's probability. One row per month and currency (a
// bounded table: months × currencies), deals without a close date last.
class ForecastModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        MonthColumn,
        CurrencyColumn,
        DealsColumn,
        ValueColumn,
        WeightedColumn,
        ColumnCount
    };

    ForecastModel(DealRepository& repository, const QTimeZone& zone, QObject* parent = nullptr);

    void setPipeline(const QString& pipelineId);
    void reload();
    const QList<DealRepository::ForecastRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString& message);

private:
    DealRepository& m_repository;
    QTimeZone m_zone;
    QString m_pipelineId;
    QList<DealRepository::ForecastRow> m_rows;
};

} // namespace outpost
