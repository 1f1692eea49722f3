#include "commissions/CommissionStore.h"

#include "storage/FastQuery.h"
#include "storage/SqlCipherDriver.h"
#include "storage/SqlExec.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include <sqlite3.h>

namespace outpost::commissions {

namespace {

thread_local const RunControl* t_control = nullptr;
thread_local qint64 t_perOrderLimit = 0; // 0: CommissionStore::kPerOrderLimit

constexpr qint64 kNoPrevious = std::numeric_limits<qint64>::min();
constexpr int kCheckEvery = 65536; // rows between cancel checks and progress reports

Error dbError(const QString& what, const QString& detail)
{
    return Error(ErrorCode::Database, CommissionStore::tr("%1: %2").arg(what, detail));
}

Error cancelledError()
{
    return Error(ErrorCode::Cancelled, CommissionStore::tr("The commission run was cancelled; nothing was written."));
}

DistributorStatus statusFromText(const QByteArray& s)
{
    if (s.startsWith('i'))
        return DistributorStatus::Inactive;
    if (s.startsWith('t'))
        return DistributorStatus::Terminated;
    return DistributorStatus::Active;
}

// Hashes fixed-width integers through a buffer (SHA-256 of a long stream, fed in large pieces).
class DigestWriter
{
public:
    void add(qint64 v)
    {
        m_buffer.append(reinterpret_cast<const char*>(&v), sizeof v);
        if (m_buffer.size() >= 1 << 20) {
            m_hash.addData(m_buffer);
            m_buffer.clear();
        }
    }
    QByteArray result()
    {
        m_hash.addData(m_buffer);
        m_buffer.clear();
        return m_hash.result().toHex();
    }

private:
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QByteArray m_buffer;
};

QByteArray inputDigest(const PeriodInput& in)
{
    DigestWriter w;
    w.add(in.periodStart);
    w.add(in.periodEnd);
    w.add(qint64(in.distributors.size()));
    for (const DistributorInput& d : in.distributors) {
        w.add(d.rid);
        w.add(d.joinDate);
        w.add(d.sponsor);
        w.add(d.placement);
        w.add(d.rankAchieved);
        w.add(qint64(d.status));
    }
    w.add(qint64(in.orders.size()));
    for (const OrderInput& o : in.orders) {
        w.add(o.id);
        w.add(o.date);
        w.add(o.distributor);
        w.add(o.pv);
        w.add(o.cv);
    }
    w.add(qint64(in.returns.size()));
    for (const ReturnInput& r : in.returns) {
        w.add(r.id);
        w.add(r.orderId);
        w.add(r.date);
        w.add(r.distributor);
        w.add(r.pv);
        w.add(r.orderCv);
        w.add(r.returnedCv);
        w.add(r.previouslyReturnedCv);
        w.add(r.paidLineCount);
    }
    for (const PayoutLine& p : in.paidLines) {
        w.add(p.amount);
        w.add(p.earner);
        w.add(qint64(p.rule));
        w.add(p.levelCompressed);
    }
    return w.result();
}

// ---- the distributor snapshot: fixed records, compressed ----

QByteArray encodeSnapshot(const std::vector<DistributorInput>& ds)
{
    QByteArray raw;
    QDataStream out(&raw, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out << quint32(1) << quint64(ds.size());
    for (const DistributorInput& d : ds)
        out << d.rid << d.joinDate << d.sponsor << d.placement << d.rankAchieved << quint8(d.status);
    return qCompress(raw, 1);
}

bool decodeSnapshot(const QByteArray& blob, std::vector<DistributorInput>* ds)
{
    const QByteArray raw = qUncompress(blob);
    QDataStream in(raw);
    in.setByteOrder(QDataStream::LittleEndian);
    quint32 version = 0;
    quint64 n = 0;
    in >> version >> n;
    if (version != 1 || n > quint64(raw.size()))
        return false;
    ds->resize(size_t(n));
    for (DistributorInput& d : *ds) {
        quint8 status = 0;
        in >> d.rid >> d.joinDate >> d.sponsor >> d.placement >> d.rankAchieved >> status;
        d.status = DistributorStatus(std::min<quint8>(status, 2));
    }
    return in.status() == QDataStream::Ok;
}

std::vector<qint32> indexOf(const std::vector<DistributorInput>& ds)
{
    qint64 maxRid = 0;
    for (const DistributorInput& d : ds)
        maxRid = std::max(maxRid, d.rid);
    std::vector<qint32> index(size_t(maxRid) + 1, -1);
    for (size_t i = 0; i < ds.size(); ++i)
        index[size_t(ds[i].rid)] = qint32(i);
    return index;
}

qint32 lookup(const std::vector<qint32>& indexOfRid, qint64 rid)
{
    return rid > 0 && rid < qint64(indexOfRid.size()) ? indexOfRid[size_t(rid)] : -1;
}

PeriodRow periodFrom(const QSqlQuery& q)
{
    PeriodRow p;
    p.rid = q.value(0).toLongLong();
    p.id = q.value(1).toString();
    p.name = q.value(2).toString();
    p.startsAt = q.value(3).toLongLong();
    p.endsAt = q.value(4).toLongLong();
    p.state = q.value(5).toString();
    p.planId = q.value(6).toString();
    p.planJson = q.value(7).toByteArray();
    p.runCount = q.value(8).toLongLong();
    p.resultDigest = q.value(9).toString();
    p.previousDigest = q.value(10).toString();
    p.inputDigest = q.value(11).toString();
    p.totalPaid = q.value(12).toLongLong();
    p.lineCount = q.value(13).toLongLong();
    return p;
}

const QString kPeriodColumns = QStringLiteral(
    "rid, id, name, starts_at, ends_at, state, plan_id, plan_json, run_count, result_digest, previous_digest, "
    "input_digest, total_paid, line_count");

Result<std::optional<PeriodRow>> readPeriodWhere(QSqlDatabase& db, const QString& where, const QVariantList& values)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT ") + kPeriodColumns + QStringLiteral(" FROM commission_periods WHERE ") + where,
                   values))
        return dbError(CommissionStore::tr("Could not read the commission period"), q.lastError().text());
    if (!q.next())
        return std::optional<PeriodRow>();
    return std::optional<PeriodRow>(periodFrom(q));
}

// Reads the orders dated in [start, end) into `in` (orders in rid order), each with the PV and CV of its lines
// net of returns dated before `end`. Distributor rids are mapped through `indexOfRid`. Lines are summed as
// they are read and not kept: a 10,000,000-line period holds one 32-byte record per order.
Status loadOrders(QSqlDatabase& db, qint64 start, qint64 end, const std::vector<qint32>& indexOfRid, PeriodInput* in,
                  const RunControl* control, int fromPermille, int toPermille)
{
    const QString readFailed = CommissionStore::tr("Could not read the orders");
    FastQuery q(db);
    if (!q.prepare(QStringLiteral("SELECT rid, order_date, distributor_rid FROM orders "
                                  "WHERE order_date >= ? AND order_date < ?")))
        return dbError(readFailed, q.lastError());
    q.bind(1, start);
    q.bind(2, end);
    if (!q.exec())
        return dbError(readFailed, q.lastError());
    in->orders.clear();
    while (q.next()) {
        const qint32 d = lookup(indexOfRid, q.int64(2));
        if (d < 0)
            return Error(ErrorCode::Database,
                         CommissionStore::tr("An order refers to a distributor that does not exist (row %1).")
                             .arg(q.int64(2)));
        in->orders.push_back({q.int64(0), q.int64(1), 0, 0, d});
    }
    if (!q.lastError().isEmpty())
        return dbError(readFailed, q.lastError());
    std::sort(in->orders.begin(), in->orders.end(), [](const OrderInput& a, const OrderInput& b) { return a.id < b.id; });
    if (control && control->cancelled())
        return cancelledError();

    CommissionStore::ReturnedQuantities returned;
    if (!q.prepare(QStringLiteral("SELECT r.order_rid, r.lines FROM order_returns r JOIN orders o ON o.rid = r.order_rid "
                                  "WHERE o.order_date >= ? AND o.order_date < ? AND r.return_date < ?")))
        return dbError(readFailed, q.lastError());
    q.bind(1, start);
    q.bind(2, end);
    q.bind(3, end);
    if (!q.exec())
        return dbError(readFailed, q.lastError());
    while (q.next())
        CommissionStore::addReturnedLines(&returned, q.int64(0), q.bytes(1));

    std::vector<OrderInput>& orders = in->orders;
    if (orders.empty())
        return {};
    const qint64 span = orders.back().id - orders.front().id + 1;
    const bool rangeScan = span <= 4 * qint64(orders.size());
    const QString linesSql = QStringLiteral("SELECT order_rid, line_no, quantity, unit_pv, unit_cv "
                                            "FROM order_lines WHERE ")
                             + (rangeScan ? QStringLiteral("order_rid >= ? AND order_rid <= ?")
                                          : QStringLiteral("order_rid = ?"));
    if (!q.prepare(linesSql))
        return dbError(readFailed, q.lastError());

    // Lines arrive in (order rid, line) order. Each is added to its order's sums and forgotten.
    size_t k = 0;
    qint64 rows = 0;
    const auto addLine = [&](OrderInput& order, qint64 lineNo, qint64 qty, qint64 pv, qint64 cv) -> Status {
        qty = CommissionStore::netQuantity(returned, order.id, lineNo, qty);
        if (qty <= 0)
            return {};
        if (pv < 0 || cv < 0 || pv > (kMaxOrderPv - order.pv) / qty || cv > (kMaxMoney - order.cv) / qty)
            return Error(ErrorCode::Database, CommissionStore::tr("Order row %1 has a line (%2) with a negative or too "
                                                                  "large quantity, PV or CV.")
                                                  .arg(order.id)
                                                  .arg(lineNo));
        order.pv += qint32(pv * qty);
        order.cv += cv * qty;
        return {};
    };
    const auto progress = [&](size_t done) {
        if (control)
            control->report(fromPermille + int(qint64(toPermille - fromPermille) * qint64(done) / qint64(orders.size())),
                            CommissionStore::tr("Reading orders"));
    };
    if (rangeScan) {
        q.bind(1, orders.front().id);
        q.bind(2, orders.back().id);
        if (!q.exec())
            return dbError(readFailed, q.lastError());
        while (q.next()) {
            const qint64 rid = q.int64(0);
            while (k < orders.size() && orders[k].id < rid)
                ++k;
            if (k >= orders.size())
                break;
            if (orders[k].id == rid)
                if (Status s = addLine(orders[k], q.int64(1), q.int64(2), q.int64(3), q.int64(4)); !s)
                    return s;
            if (++rows % kCheckEvery == 0) {
                if (control && control->cancelled())
                    return cancelledError();
                progress(k);
            }
        }
        if (!q.lastError().isEmpty())
            return dbError(readFailed, q.lastError());
    } else {
        for (k = 0; k < orders.size(); ++k) {
            q.bind(1, orders[k].id);
            if (!q.exec())
                return dbError(readFailed, q.lastError());
            while (q.next())
                if (Status s = addLine(orders[k], q.int64(1), q.int64(2), q.int64(3), q.int64(4)); !s)
                    return s;
            if (k % 4096 == 0) {
                if (control && control->cancelled())
                    return cancelledError();
                progress(k);
            }
        }
    }
    return {};
}

Status loadReturns(QSqlDatabase& db, const PeriodRow& period, const std::vector<qint32>& indexOfRid, PeriodInput* in);

// Per-order lines paid in a committed period on the given orders, reproduced by re-running the period
// from its snapshot (its orders can no longer change); also each order's CV as it counted there.
struct PaidOnOrders
{
    std::vector<DistributorInput> distributors; // the snapshot (earner indexes of `lines` refer to it)
    std::map<qint64, std::vector<PayoutLine>> lines;
    std::map<qint64, Money> orderCv;
};

Result<PaidOnOrders> paidOnOrders(QSqlDatabase& db, const PeriodRow& period, const std::set<qint64>& orderRids)
{
    auto plan = CommissionPlan::fromJson(period.planJson);
    if (!plan)
        return Error(ErrorCode::Database, CommissionStore::tr("The plan stored with period %1 cannot be read: %2")
                                              .arg(period.name, plan.message()));
    auto snapshot = CommissionStore::snapshot(db, period);
    if (!snapshot)
        return snapshot.error();
    PaidOnOrders out;
    out.distributors = std::move(snapshot.value());
    PeriodInput in;
    in.periodStart = period.startsAt;
    in.periodEnd = period.endsAt;
    in.distributors = out.distributors;
    const std::vector<qint32> index = indexOf(in.distributors);
    if (Status s = loadOrders(db, period.startsAt, period.endsAt, index, &in, nullptr, 0, 0); !s)
        return s.error();
    if (Status s = loadReturns(db, period, index, &in); !s) // its own clawbacks shaped its volumes and ranks
        return s.error();
    // Only the returned orders matter for their lines; the rest still shape volumes and ranks. A period that
    // stored per-order lines is re-run whole and must reproduce its digest; a larger one is re-run for the
    // returned orders' lines alone (all of its per-order lines would not fit in memory at 10M order lines).
    const bool perOrder = qint64(in.orders.size()) <= CommissionStore::perOrderLimit();
    auto result = CommissionEngine::run(plan.value(), in, RunOptions{LineDetail::PerOrder, perOrder ? nullptr : &orderRids});
    if (!result)
        return result.error();
    if (perOrder && QString::fromLatin1(result->digest()) != period.resultDigest)
        return Error(ErrorCode::Database, CommissionStore::tr("Period %1 cannot be reproduced from what is stored (its "
                                                              "result differs): the clawback cannot be computed.")
                                              .arg(period.name));
    for (const OrderInput& o : in.orders) {
        if (!orderRids.count(o.id))
            continue;
        out.orderCv[o.id] = o.cv;
    }
    for (const PayoutLine& l : result->lines) {
        if (l.rule != PayoutRule::Clawback && orderRids.count(l.sourceOrderId))
            out.lines[l.sourceOrderId].push_back(l);
    }
    return out;
}

// Returns dated in the period of orders dated before it: clawbacks of what their committed periods paid.
// A fixed number of statements whatever the number of returns: the returns, the periods their orders fall
// in, the lines of the returned orders and every return of those orders.
Status loadReturns(QSqlDatabase& db, const PeriodRow& period, const std::vector<qint32>& indexOfRid, PeriodInput* in)
{
    const QString readFailed = CommissionStore::tr("Could not read the returns");
    const QString returnedOrders = QStringLiteral(
        "FROM order_returns r JOIN orders o ON o.rid = r.order_rid "
        "WHERE r.return_date >= ? AND r.return_date < ? AND o.order_date < ?");
    FastQuery q(db);
    // Runs `head` + the returned orders of the period + `tail` on q.
    const auto selectOverReturns = [&](const QString& head, const QString& tail) -> Status {
        if (!q.prepare(head + returnedOrders + tail))
            return dbError(readFailed, q.lastError());
        q.bind(1, period.startsAt);
        q.bind(2, period.endsAt);
        q.bind(3, period.startsAt);
        if (!q.exec())
            return dbError(readFailed, q.lastError());
        return {};
    };
    if (Status s = selectOverReturns(QStringLiteral("SELECT r.rid, r.order_rid, r.return_date, r.lines, o.distributor_rid, o.order_date "),
                                     QStringLiteral(" ORDER BY r.return_date, r.rid"));
        !s)
        return s;
    struct R { qint64 rid, orderRid, date; QByteArray lines; qint64 distributor, orderDate; };
    std::vector<R> rows;
    qint64 firstOrderDate = std::numeric_limits<qint64>::max();
    while (q.next()) {
        rows.push_back({q.int64(0), q.int64(1), q.int64(2), q.bytes(3), q.int64(4), q.int64(5)});
        firstOrderDate = std::min(firstOrderDate, rows.back().orderDate);
    }
    if (!q.lastError().isEmpty())
        return dbError(readFailed, q.lastError());
    if (rows.empty())
        return {};

    // The periods the returned orders were dated in; each must be committed.
    std::vector<PeriodRow> periods;
    {
        QSqlQuery pq(db);
        pq.setForwardOnly(true);
        if (!execBound(pq,
                       QStringLiteral("SELECT ") + kPeriodColumns
                           + QStringLiteral(" FROM commission_periods WHERE ends_at > ? AND starts_at < ? ORDER BY starts_at"),
                       {firstOrderDate, period.startsAt}))
            return dbError(CommissionStore::tr("Could not read the commission period"), pq.lastError().text());
        while (pq.next())
            periods.push_back(periodFrom(pq));
    }
    const auto periodOf = [&](qint64 date) -> const PeriodRow* {
        for (const PeriodRow& p : periods)
            if (p.startsAt <= date && date < p.endsAt)
                return &p;
        return nullptr;
    };
    std::map<const PeriodRow*, std::set<qint64>> ordersByPeriod; // returned orders by the period they are dated in
    std::map<qint64, const PeriodRow*> periodOfOrder;            // order rid → its period (absent: nothing was paid)
    for (const R& r : rows) {
        const PeriodRow* p = periodOf(r.orderDate);
        if (!p)
            continue;
        if (p->state != QLatin1String("committed"))
            return Error(ErrorCode::Rejected,
                         CommissionStore::tr("A return in this period takes back an order of period %1, which is not "
                                             "committed yet. Commit %1 first, then calculate this period.")
                             .arg(p->name));
        ordersByPeriod[p].insert(r.orderRid);
        periodOfOrder[r.orderRid] = p;
    }
    std::map<const PeriodRow*, PaidOnOrders> paid;
    for (const auto& [p, orders] : ordersByPeriod) {
        auto got = paidOnOrders(db, *p, orders);
        if (!got)
            return got.error();
        paid.emplace(p, std::move(got.value()));
    }

    // The unit PV and CV of the returned orders' lines, and every return of those orders (by date, then rid).
    std::map<qint64, std::map<qint64, std::pair<qint64, qint64>>> unitOf; // order → line → (pv, cv)
    if (Status s = selectOverReturns(QStringLiteral("SELECT order_rid, line_no, unit_pv, unit_cv FROM order_lines "
                                                    "WHERE order_rid IN (SELECT r.order_rid "),
                                     QStringLiteral(")"));
        !s)
        return s;
    while (q.next())
        unitOf[q.int64(0)][q.int64(1)] = {q.int64(2), q.int64(3)};
    if (!q.lastError().isEmpty())
        return dbError(readFailed, q.lastError());
    struct Earlier { qint64 rid, date; QByteArray lines; };
    std::map<qint64, std::vector<Earlier>> returnsOf;
    if (Status s = selectOverReturns(QStringLiteral("SELECT rid, order_rid, return_date, lines FROM order_returns "
                                                    "WHERE order_rid IN (SELECT r.order_rid "),
                                     QStringLiteral(") ORDER BY return_date, rid"));
        !s)
        return s;
    while (q.next())
        returnsOf[q.int64(1)].push_back({q.int64(0), q.int64(2), q.bytes(3)});
    if (!q.lastError().isEmpty())
        return dbError(readFailed, q.lastError());

    for (const R& r : rows) {
        auto po = periodOfOrder.find(r.orderRid);
        if (po == periodOfOrder.end())
            continue;
        const PaidOnOrders& p = paid.at(po->second);
        const auto& unit = unitOf[r.orderRid];
        const auto cvOf = [&](const QByteArray& json, Volume* pv) {
            Money cv = 0;
            for (const QJsonValue& v : QJsonDocument::fromJson(json).array()) {
                const QJsonObject line = v.toObject();
                const auto u = unit.find(line.value(QStringLiteral("line")).toInteger());
                if (u == unit.end())
                    continue;
                const qint64 n = line.value(QStringLiteral("quantity")).toInteger();
                if (pv)
                    *pv += u->second.first * n;
                cv += u->second.second * n;
            }
            return cv;
        };
        // CV of the order returned by earlier returns dated after the order's period (already clawed back).
        Money previously = 0;
        for (const Earlier& e : returnsOf[r.orderRid]) {
            if (e.rid == r.rid)
                break;
            if (e.date >= po->second->endsAt)
                previously += cvOf(e.lines, nullptr);
        }
        ReturnInput ri;
        ri.id = r.rid;
        ri.orderId = r.orderRid;
        ri.date = r.date;
        ri.distributor = lookup(indexOfRid, r.distributor);
        ri.returnedCv = cvOf(r.lines, &ri.pv);
        ri.previouslyReturnedCv = previously;
        const auto cv = p.orderCv.find(r.orderRid);
        ri.orderCv = cv == p.orderCv.end() ? 0 : cv->second;
        if (ri.distributor < 0 || ri.orderCv <= 0 || ri.returnedCv <= 0)
            continue; // nothing was paid on it (fully returned in its own period, or no CV)
        ri.returnedCv = std::min(ri.returnedCv, ri.orderCv - ri.previouslyReturnedCv);
        ri.firstPaidLine = qint32(in->paidLines.size());
        if (auto it = p.lines.find(r.orderRid); it != p.lines.end()) {
            for (PayoutLine l : it->second) {
                l.earner = lookup(indexOfRid, p.distributors[size_t(l.earner)].rid);
                if (l.sourceDistributor >= 0)
                    l.sourceDistributor = lookup(indexOfRid, p.distributors[size_t(l.sourceDistributor)].rid);
                if (l.earner < 0)
                    continue;
                in->paidLines.push_back(l);
            }
        }
        ri.paidLineCount = qint32(in->paidLines.size()) - ri.firstPaidLine;
        if (ri.returnedCv > 0)
            in->returns.push_back(ri);
    }
    return {};
}

} // namespace

ScopedRunControl::ScopedRunControl(const RunControl* control) : m_previous(t_control)
{
    t_control = control;
}

ScopedRunControl::~ScopedRunControl()
{
    t_control = m_previous;
}

const RunControl* ScopedRunControl::current()
{
    return t_control;
}

ScopedPerOrderLimit::ScopedPerOrderLimit(qint64 limit) : m_previous(t_perOrderLimit)
{
    t_perOrderLimit = limit;
}

ScopedPerOrderLimit::~ScopedPerOrderLimit()
{
    t_perOrderLimit = m_previous;
}

qint64 CommissionStore::perOrderLimit()
{
    return t_perOrderLimit > 0 ? t_perOrderLimit : kPerOrderLimit;
}

Result<std::optional<PeriodRow>> CommissionStore::readPeriod(QSqlDatabase& db, const QString& id)
{
    return readPeriodWhere(db, QStringLiteral("id = ?"), {id});
}

Result<std::optional<PeriodRow>> CommissionStore::periodAt(QSqlDatabase& db, qint64 dateMs)
{
    return readPeriodWhere(db, QStringLiteral("starts_at <= ? AND ends_at > ?"), {dateMs, dateMs});
}

Result<CommissionPlan> CommissionStore::readPlan(QSqlDatabase& db, const QString& planId, QByteArray* json)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT plan_json FROM commission_plans WHERE id = ?"), {planId}))
        return dbError(tr("Could not read the commission plan"), q.lastError().text());
    if (!q.next())
        return Error(ErrorCode::NotFound, tr("The commission plan does not exist."));
    const QByteArray text = q.value(0).toByteArray();
    if (json)
        *json = text;
    return CommissionPlan::fromJson(text);
}

RankIndex CommissionStore::rankFromText(const CommissionPlan& plan, const QString& text)
{
    if (text.isEmpty())
        return kNoRank;
    for (int i = 0; i < plan.rankCount(); ++i) {
        const RankDefinition& r = plan.ranks[size_t(i)];
        if (r.id.compare(text, Qt::CaseInsensitive) == 0 || r.name.compare(text, Qt::CaseInsensitive) == 0)
            return i;
    }
    return kNoRank;
}

Result<LoadedInput> CommissionStore::loadInput(QSqlDatabase& db, const PeriodRow& period, const CommissionPlan& plan,
                                               const RunControl* control)
{
    LoadedInput out;
    PeriodInput& in = out.input;
    in.periodStart = period.startsAt;
    in.periodEnd = period.endsAt;
    if (control)
        control->report(0, tr("Reading distributors"));

    const QString readFailed = tr("Could not read the distributors");
    FastQuery q(db);
    if (!q.prepare(QStringLiteral("SELECT rid, join_date, sponsor_rid, placement_rid, status, rank_achieved "
                                  "FROM distributors ORDER BY rid")))
        return dbError(readFailed, q.lastError());
    if (!q.exec())
        return dbError(readFailed, q.lastError());
    QHash<QByteArray, RankIndex> ranks;
    qint64 rows = 0;
    while (q.next()) {
        DistributorInput d;
        d.rid = q.int64(0);
        d.joinDate = q.int64(1);
        d.sponsor = qint32(q.int64(2)); // a rid for now; mapped below (0 = root)
        d.placement = qint32(q.int64(3));
        d.status = statusFromText(q.bytes(4));
        const QByteArray rank = q.bytes(5);
        auto it = ranks.constFind(rank);
        if (it == ranks.constEnd())
            it = ranks.insert(rank, rankFromText(plan, QString::fromUtf8(rank)));
        d.rankAchieved = *it;
        in.distributors.push_back(d);
        if (++rows % kCheckEvery == 0 && control && control->cancelled())
            return cancelledError();
    }
    if (!q.lastError().isEmpty())
        return dbError(readFailed, q.lastError());
    out.indexOfRid = indexOf(in.distributors);
    for (DistributorInput& d : in.distributors) {
        d.sponsor = lookup(out.indexOfRid, d.sponsor);
        d.placement = lookup(out.indexOfRid, d.placement);
    }
    if (control)
        control->report(150, tr("Reading orders"));
    if (Status s = loadOrders(db, period.startsAt, period.endsAt, out.indexOfRid, &in, control, 150, 550); !s)
        return s.error();
    if (Status s = loadReturns(db, period, out.indexOfRid, &in); !s)
        return s.error();
    out.digest = inputDigest(in);
    return out;
}

Result<CalculationSummary> CommissionStore::calculate(QSqlDatabase& db, const PeriodRow& period,
                                                      const CommissionPlan& plan, LoadedInput& loaded,
                                                      const RunControl* control)
{
    PeriodInput& in = loaded.input;
    CalculationSummary summary;
    const LineDetail detail = qint64(in.orders.size()) > perOrderLimit() ? LineDetail::Summary : LineDetail::PerOrder;
    if (control) {
        if (control->cancelled())
            return cancelledError();
        control->report(600, tr("Calculating"));
    }
    auto result = CommissionEngine::run(plan, in, RunOptions{detail});
    if (!result)
        return result.error();
    std::vector<OrderInput>().swap(in.orders);
    std::vector<PayoutLine>().swap(in.paidLines);
    if (control) {
        if (control->cancelled())
            return cancelledError();
        control->report(750, tr("Writing the ledger"));
    }
    summary.digest = QString::fromLatin1(result->digest());
    summary.totalPaid = result->totalPaid;
    summary.lineCount = qint64(result->lines.size());

    const QString writeFailed = tr("Could not write the commission ledger");
    const size_t n = in.distributors.size();
    std::vector<qint64> previous(n, kNoPrevious);
    FastQuery q(db);
    if (!q.prepare(QStringLiteral("SELECT distributor_rid, total_minor FROM commission_results WHERE period_rid = ?")))
        return dbError(writeFailed, q.lastError());
    q.bind(1, period.rid);
    if (!q.exec())
        return dbError(writeFailed, q.lastError());
    while (q.next()) {
        const qint32 i = lookup(loaded.indexOfRid, q.int64(0));
        if (i >= 0)
            previous[size_t(i)] = q.int64(1);
    }
    // The previous draft goes in slices of distributors: a statement that deletes many rows keeps a statement
    // journal of every page it touches until it ends (in memory: temp_store = MEMORY), so one DELETE of a 1M
    // run's draft would hold hundreds of MB.
    const qint64 lastRid = n ? in.distributors.back().rid : 0;
    constexpr qint64 kDeleteSlice = 20'000;
    for (const char* sql : {"DELETE FROM commission_results WHERE period_rid = ? AND distributor_rid >= ? AND "
                            "distributor_rid < ?",
                            "DELETE FROM commission_lines WHERE period_rid = ? AND earner_rid >= ? AND earner_rid < ?"}) {
        if (!q.prepare(QString::fromLatin1(sql)))
            return dbError(writeFailed, q.lastError());
        for (qint64 from = 0; from <= lastRid; from += kDeleteSlice) {
            q.bind(1, period.rid);
            q.bind(2, from);
            q.bind(3, from + kDeleteSlice);
            if (!q.exec())
                return dbError(writeFailed, q.lastError());
        }
    }
    if (!q.prepare(QStringLiteral("DELETE FROM commission_snapshots WHERE period_rid = ?")))
        return dbError(writeFailed, q.lastError());
    q.bind(1, period.rid);
    if (!q.exec())
        return dbError(writeFailed, q.lastError());

    if (!q.prepare(QStringLiteral("INSERT INTO commission_results(period_rid, distributor_rid, pv, gv, paid_as_rank, "
                                  "total_minor, previous_total) VALUES(?,?,?,?,?,?,?)")))
        return dbError(writeFailed, q.lastError());
    std::vector<QString> rankIds;
    for (const RankDefinition& r : plan.ranks)
        rankIds.push_back(r.id);
    for (size_t i = 0; i < n; ++i) {
        const DistributorResult& r = result->distributors[i];
        const bool hadPrevious = previous[i] != kNoPrevious;
        if (r.pv == 0 && r.gv == 0 && r.total == 0 && r.paidAsRank == kNoRank && !hadPrevious)
            continue;
        q.bind(1, period.rid);
        q.bind(2, in.distributors[i].rid);
        q.bind(3, r.pv);
        q.bind(4, r.gv);
        q.bind(5, r.paidAsRank == kNoRank ? QString() : rankIds[size_t(r.paidAsRank)]);
        q.bind(6, r.total);
        if (hadPrevious)
            q.bind(7, previous[i]);
        else
            q.bindNull(7);
        if (!q.exec())
            return dbError(writeFailed, q.lastError());
    }
    std::vector<DistributorResult>().swap(result->distributors); // written: the ledger lines go next
    std::vector<qint64>().swap(previous);
    if (control && control->cancelled())
        return cancelledError();

    if (!q.prepare(QStringLiteral("INSERT INTO commission_lines(period_rid, earner_rid, seq, rule, clawed_rule, "
                                  "source_order_rid, source_rid, level_raw, level, bp, base_minor, amount_minor, "
                                  "order_count) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)")))
        return dbError(writeFailed, q.lastError());
    qint32 earner = -1;
    qint64 seq = 0;
    const qint64 lineCount = qint64(result->lines.size());
    for (qint64 k = 0; k < lineCount; ++k) {
        const PayoutLine& l = result->lines[size_t(k)];
        seq = l.earner == earner ? seq + 1 : 0;
        earner = l.earner;
        q.bind(1, period.rid);
        q.bind(2, in.distributors[size_t(l.earner)].rid);
        q.bind(3, seq);
        q.bind(4, qint64(l.rule));
        q.bind(5, qint64(l.clawedRule));
        q.bind(6, l.sourceOrderId);
        q.bind(7, l.sourceDistributor >= 0 ? in.distributors[size_t(l.sourceDistributor)].rid : 0);
        q.bind(8, l.levelRaw);
        q.bind(9, l.levelCompressed);
        q.bind(10, l.bp);
        q.bind(11, l.base);
        q.bind(12, l.amount);
        q.bind(13, l.orderCount);
        if (!q.exec())
            return dbError(writeFailed, q.lastError());
        if ((k + 1) % kCheckEvery == 0 && control) {
            if (control->cancelled())
                return cancelledError();
            control->report(750 + int(230 * (k + 1) / lineCount), tr("Writing the ledger"));
        }
    }

    std::vector<PayoutLine>().swap(result->lines); // written: the snapshot is encoded without them
    if (!q.prepare(QStringLiteral("INSERT INTO commission_snapshots(period_rid, distributors) VALUES(?, ?)")))
        return dbError(writeFailed, q.lastError());
    q.bind(1, period.rid);
    q.bindBlob(2, encodeSnapshot(in.distributors));
    if (!q.exec())
        return dbError(writeFailed, q.lastError());
    if (control)
        control->report(1000, tr("Done"));
    return summary;
}

Result<std::vector<DistributorInput>> CommissionStore::snapshot(QSqlDatabase& db, const PeriodRow& period)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execBound(q, QStringLiteral("SELECT distributors FROM commission_snapshots WHERE period_rid = ?"), {period.rid}))
        return dbError(tr("Could not read the period snapshot"), q.lastError().text());
    std::vector<DistributorInput> out;
    if (!q.next() || !decodeSnapshot(q.value(0).toByteArray(), &out))
        return Error(ErrorCode::Database, tr("Period %1 has no readable snapshot of its distributors.").arg(period.name));
    return out;
}

qint64 CommissionStore::netQuantity(const ReturnedQuantities& returned, qint64 orderRid, qint64 lineNo, qint64 quantity)
{
    if (auto it = returned.constFind(orderRid); it != returned.constEnd()) {
        for (const auto& [line, n] : *it)
            if (line == lineNo)
                quantity -= n;
    }
    return quantity;
}

void CommissionStore::addReturnedLines(ReturnedQuantities* out, qint64 orderRid, const QByteArray& linesJson)
{
    for (const QJsonValue& v : QJsonDocument::fromJson(linesJson).array()) {
        const QJsonObject o = v.toObject();
        (*out)[orderRid].emplace_back(o.value(QStringLiteral("line")).toInteger(),
                                      o.value(QStringLiteral("quantity")).toInteger());
    }
}

Status CommissionStore::writeRanks(QSqlDatabase& db, const PeriodRow& period, const CommissionPlan& plan)
{
    const QString failed = tr("Could not write the ranks back to the distributors");
    QSqlQuery q(db);
    const QString paidAs = QStringLiteral("coalesce((SELECT r.paid_as_rank FROM commission_results r WHERE "
                                          "r.period_rid = ? AND r.distributor_rid = distributors.rid), '')");
    if (!execBound(q,
                   QStringLiteral("UPDATE distributors SET paid_as_rank = ") + paidAs + QStringLiteral(" WHERE paid_as_rank <> ")
                       + paidAs,
                   {period.rid, period.rid}))
        return dbError(failed, q.lastError().text());
    q.setForwardOnly(true);
    if (!execBound(q,
                   QStringLiteral("SELECT d.rid, d.rank_achieved, r.paid_as_rank FROM commission_results r JOIN distributors d "
                                  "ON d.rid = r.distributor_rid WHERE r.period_rid = ? AND r.paid_as_rank <> ''"),
                   {period.rid}))
        return dbError(failed, q.lastError().text());
    std::vector<std::pair<qint64, QString>> raised;
    while (q.next()) {
        const RankIndex achieved = rankFromText(plan, q.value(1).toString());
        const RankIndex paid = rankFromText(plan, q.value(2).toString());
        if (paid > achieved)
            raised.emplace_back(q.value(0).toLongLong(), plan.ranks[size_t(paid)].id);
    }
    q.finish();
    QSqlQuery w(db);
    w.prepare(QStringLiteral("UPDATE distributors SET rank_achieved = ? WHERE rid = ?"));
    for (const auto& [rid, rank] : raised) {
        w.addBindValue(rank);
        w.addBindValue(rid);
        if (!w.exec())
            return dbError(failed, w.lastError().text());
    }
    return {};
}

} // namespace outpost::commissions
