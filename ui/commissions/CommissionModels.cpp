#include "commissions/CommissionModels.h"

#include "commissions/CommissionStore.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QScopedValueRollback>

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

StatementLinesModel::StatementLinesModel(Database& db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_reads(db)
{
}

Status StatementLinesModel::setStatement(const Statement& header)
{
    QSqlDatabase conn = m_db.connection();
    auto period = CommissionStore::readPeriod(conn, header.periodId);
    if (!period)
        return period.error();
    if (!period.value())
        return Error(ErrorCode::NotFound, tr("The commission period does not exist."));
    auto pager = StatementPager::open(conn, **period, header.distributorId);
    if (!pager)
        return pager.error();
    pager->setConnection({}); // it reads on the worker, through the worker's connection
    m_reads.drop();           // an older statement's page
    {
        const QScopedValueRollback<bool> changing(m_changing, true);
        beginResetModel();
        m_pager = std::make_shared<StatementPager>(std::move(pager.value()));
        m_atEnd = m_pager->atEnd();
        m_fetching = false;
        m_currency = header.currency;
        m_rows.clear();
        endResetModel();
    }
    fetchMore({});
    return {};
}

int StatementLinesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + (m_fetching ? 1 : 0);
}

int StatementLinesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool StatementLinesModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_pager && !m_atEnd && !m_fetching;
}

void StatementLinesModel::fetchMore(const QModelIndex& parent)
{
    // Not while this model is telling of a change: listeners (QAbstractItemModelTester does) call fetchMore()
    // from modelReset / rowsInserted, and rows inserted then would reach the listeners connected later before
    // the change itself. A view asks again later.
    if (!canFetchMore(parent) || m_changing)
        return;
    {
        const QScopedValueRollback<bool> changing(m_changing, true);
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_fetching = true;
        endInsertRows();
    }
    m_reads.start(
        this,
        [pager = m_pager](Database& database) {
            pager->setConnection(database.connection());
            Page page{pager->next(kPageSize), pager->atEnd()};
            pager->setConnection({}); // the worker's connection closes after the read
            return page;
        },
        [this](const Page& page) { pageArrived(page); });
}

void StatementLinesModel::pageArrived(const Page& page)
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginRemoveRows({}, int(m_rows.size()), int(m_rows.size())); // the placeholder
    m_fetching = false;
    endRemoveRows();
    if (!page.lines) {
        m_pager.reset(); // nothing more is fetched after a failure
        m_atEnd = true;
        emit loadFailed(page.lines.message());
        return;
    }
    m_atEnd = page.atEnd;
    if (page.lines->isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.lines->size()) - 1);
    m_rows.append(page.lines.value());
    endInsertRows();
}

Qt::ItemFlags StatementLinesModel::flags(const QModelIndex& index) const
{
    if (index.isValid() && !index.parent().isValid() && index.row() == m_rows.size())
        return Qt::NoItemFlags; // the placeholder: not selectable, never current
    return QAbstractTableModel::flags(index);
}

QVariant StatementLinesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.row() == m_rows.size()) { // the placeholder of the page being read
        return loadingRowData(role, index.column(), Rule, tr("Loading…"));
    }
    const StatementLine& l = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() >= Level)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Level)
        return tr("Tree distance %1 (counting the distributors compression skipped)").arg(l.levelRaw);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Rule:
        return l.ruleText();
    case Order:
        return l.orderId.isEmpty() ? tr("%n order(s)", nullptr, l.orderCount) : l.orderId;
    case From:
        return l.sourceName;
    case Level:
        return l.level;
    case Percent:
        return l.percentText();
    case Base:
        return Statement::money(l.base, m_currency);
    case Amount:
        return Statement::money(l.amount, m_currency);
    default:
        return {};
    }
}

QVariant StatementLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Rule:
        return tr("Rule");
    case Order:
        return tr("Order");
    case From:
        return tr("From");
    case Level:
        return tr("Level");
    case Percent:
        return tr("Percent");
    case Base:
        return tr("Base");
    case Amount:
        return tr("Amount");
    default:
        return {};
    }
}

} // namespace outpost
