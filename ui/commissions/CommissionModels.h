#pragma once

#include "commissions/CommissionStatement.h"
#include "commissions/StatementPager.h"
#include "widgets/WorkerReads.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>

namespace outpost {

class Database;

// The commission periods, newest first, with their state and last run (a handful of rows per year: read at
// once and re-read after each step).
class CommissionPeriodModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, From, To, State, Runs, TotalPaid, LastRun, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1;
    static constexpr int StateRole = Qt::UserRole + 2;

    explicit CommissionPeriodModel(Database& db, QObject* parent = nullptr);
    Status reload();
    const commissions::PeriodListRow* row(int r) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString stateText(const QString& state); // translated

private:
    Database& m_db;
    QList<commissions::PeriodListRow> m_rows;
};

// The preview of a calculated period: per distributor the total of the last run, the previous run's total
// and the difference, biggest changes first. Bounded (the top rows of a windowed query), never the table.
class CommissionPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Distributor, Total, Previous, Difference, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1;
    static constexpr int kRowLimit = 500;

    explicit CommissionPreviewModel(Database& db, QObject* parent = nullptr);
    Status setPeriod(const QString& periodId, const QString& currency);
    QString periodId() const { return m_periodId; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Database& m_db;
    QString m_periodId;
    QString m_currency;
    QList<commissions::PreviewRow> m_rows;
};

// One distributor's statement with one line per order (StatementPager: summary lines of a large run are
// itemised), fetched a page at a time as the view scrolls (canFetchMore/fetchMore), whatever the size of the
// period. Each page is read on a worker thread (its own connection): one summary line that folds 100,000+
// orders (a leader's matching line) is itemised whole before its page is complete. Meanwhile a trailing
// "Loading…" row stands where the page will go (isFetching()) and no other fetch starts; a new statement or
// the destructor interrupts the read. A page that cannot be read stops the fetching and is reported through
// loadFailed().
class StatementLinesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Rule, Order, From, Level, Percent, Base, Amount, ColumnCount };
    static constexpr int kPageSize = 200;

    explicit StatementLinesModel(Database& db, QObject* parent = nullptr);
    // Shows the statement `header` describes (its period and distributor), from its first page (read on the
    // worker).
    Status setStatement(const commissions::Statement& header);
    // A page is being read on the worker (the last row is its placeholder).
    bool isFetching() const { return m_fetching; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadFailed(const QString& message);

private:
    struct Page
    {
        Result<QList<commissions::StatementLine>> lines;
        bool atEnd = false;
    };
    void pageArrived(const Page& page);

    Database& m_db;
    // Used by the worker alone while a page is read; without a connection between reads.
    std::shared_ptr<commissions::StatementPager> m_pager;
    bool m_atEnd = true;
    bool m_fetching = false;
    QString m_currency;
    QList<commissions::StatementLine> m_rows;
    bool m_changing = false; // inside a reset, an insertion or a removal: no nested fetch
    WorkerReads m_reads; // last: destroyed (waiting for a running read) before the state its results change
};

} // namespace outpost
