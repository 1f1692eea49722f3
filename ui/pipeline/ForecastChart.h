#pragma once

#include "pipeline/DealRepository.h"

#include <QChartView>

namespace outpost {

// The weighted forecast as bars: one group per month of expected close, one bar per currency (in the currency's
// units). Deals without a close date are in the table only.
class ForecastChart : public QChartView
{
    Q_OBJECT
public:
    explicit ForecastChart(QWidget* parent = nullptr);
    void setRows(const QList<DealRepository::ForecastRow>& rows);
};

} // namespace outpost
