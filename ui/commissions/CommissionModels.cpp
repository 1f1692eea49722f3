#include "commissions/CommissionModels.h"

#include "storage/Database.h"

#include <QDateTime>
#include <QLocale>

namespace outpost {

using namespace commissions;

namespace {
QString dateText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date(), QLocale::ShortFormat);
}
} // namespace

CommissionPeriodModel::CommissionPeriodModel(Database& db, QObject* parent) : QAbstractTableModel(parent), m_db(db) {}

Status CommissionPeriodModel::reload()
{
    QSqlDatabase conn = m_db.connection();
    auto rows = CommissionReports::periods(conn);
    if (!rows)
        return rows.error();
    beginResetModel();
    m_rows = rows.value();
    endResetModel();
    return {};
}

const PeriodListRow* CommissionPeriodModel::row(int r) const
{
    return r >= 0 && r < m_rows.size() ? &m_rows.at(r) : nullptr;
}

int CommissionPeriodModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CommissionPeriodModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CommissionPeriodModel::stateText(const QString& state)
{
    if (state == QLatin1String("open"))
        return tr("Open");
    if (state == QLatin1String("calculated"))
        return tr("Calculated");
    if (state == QLatin1String("locked"))
        return tr("Locked");
    if (state == QLatin1String("committed"))
        return tr("Committed");
    return state;
}

QVariant CommissionPeriodModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PeriodListRow& r = m_rows.at(index.row());
    if (role == IdRole)
        return r.id;
    if (role == StateRole)
        return r.state;
    if (role == Qt::TextAlignmentRole && (index.column() == Runs || index.column() == TotalPaid))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return r.name;
    case From:
        return dateText(r.startsAt);
    case To:
        return dateText(r.endsAt - 1);
    case State:
        return stateText(r.state);
    case Runs:
        return QLocale().toString(r.runCount);
    case TotalPaid:
        return r.runCount ? Statement::money(r.totalPaid, QString()).trimmed() : QString();
    case LastRun:
        if (r.runCount == 0)
            return tr("not calculated");
        if (r.previousDigest.isEmpty())
            return tr("first run");
        return r.previousDigest == r.resultDigest ? tr("same as the run before") : tr("differs from the run before");
    default:
        return {};
    }
}

QVariant CommissionPeriodModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Period");
    case From:
        return tr("From");
    case To:
        return tr("To");
    case State:
        return tr("State");
    case Runs:
        return tr("Runs");
    case TotalPaid:
        return tr("Total paid");
    case LastRun:
        return tr("Last run");
    default:
        return {};
    }
}

CommissionPreviewModel::CommissionPreviewModel(Database& db, QObject* parent) : QAbstractTableModel(parent), m_db(db) {}

Status CommissionPreviewModel::setPeriod(const QString& periodId, const QString& currency)
{
    QList<PreviewRow> rows;
    if (!periodId.isEmpty()) {
        QSqlDatabase conn = m_db.connection();
        auto read = CommissionReports::preview(conn, periodId, kRowLimit);
        if (!read)
            return read.error();
        rows = read.value();
    }
    beginResetModel();
    m_periodId = periodId;
    m_currency = currency;
    m_rows = rows;
    endResetModel();
    return {};
}

int CommissionPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CommissionPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CommissionPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PreviewRow& r = m_rows.at(index.row());
    if (role == IdRole)
        return r.distributorId;
    if (role == Qt::TextAlignmentRole && index.column() != Distributor)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Distributor:
        return r.name;
    case Total:
        return Statement::money(r.total, m_currency);
    case Previous:
        return r.previousTotal ? Statement::money(*r.previousTotal, m_currency) : tr("new");
    case Difference: {
        const qint64 d = r.difference();
        return d == 0 ? tr("unchanged") : (d > 0 ? QStringLiteral("+") : QString()) + Statement::money(d, m_currency);
    }
    default:
        return {};
    }
}

QVariant CommissionPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Distributor:
        return tr("Distributor");
    case Total:
        return tr("This run");
    case Previous:
        return tr("Previous run");
    case Difference:
        return tr("Difference");
    default:
        return {};
    }
}

} // namespace outpost
