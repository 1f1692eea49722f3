#include "pipeline/ForecastChart.h"

#include "pipeline/Money.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLocale>
#include <QMap>
#include <QValueAxis>

namespace outpost {

ForecastChart::ForecastChart(QWidget* parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
}

void ForecastChart::setRows(const QList<DealRepository::ForecastRow>& rows)
{
    QList<QDate> months;
    QMap<QString, QMap<QDate, double>> byCurrency; // currency → month → weighted, in the currency's units
    for (const DealRepository::ForecastRow& r : rows) {
        if (!r.month.isValid())
            continue;
        if (!months.contains(r.month))
            months.append(r.month);
        double scale = 1;
        for (int i = 0; i < money::decimals(r.currency); ++i)
            scale *= 10;
        byCurrency[r.currency][r.month] = double(r.weightedMinor) / scale;
    }
    std::sort(months.begin(), months.end());
    auto* chart = new QChart;
    chart->setTitle(tr("Weighted forecast by expected close month"));
    chart->legend()->setVisible(byCurrency.size() > 1);
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto* series = new QBarSeries(chart);
    double top = 0;
    for (auto it = byCurrency.cbegin(); it != byCurrency.cend(); ++it) {
        auto* set = new QBarSet(it.key(), series);
        for (const QDate& m : months) {
            *set << it->value(m);
            top = std::max(top, it->value(m));
        }
        series->append(set);
    }
    chart->addSeries(series);
    QStringList labels;
    const QLocale locale;
    for (const QDate& m : months)
        labels << locale.toString(m, QStringLiteral("MMM yyyy"));
    auto* x = new QBarCategoryAxis(chart);
    x->append(labels);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = new QValueAxis(chart);
    y->setRange(0, top > 0 ? top * 1.1 : 1);
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    QChart* old = this->chart();
    setChart(chart);
    if (old != chart)
        delete old;
}

} // namespace outpost
