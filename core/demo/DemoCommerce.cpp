#include "demo/DemoCommerce.h"

#include "storage/Database.h"
#include "storage/RawStatement.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <random>
#include <vector>

namespace outpost {

namespace {

const char* const kDropForBulk = R"SQL(
DROP INDEX orders_date;
DROP INDEX orders_distributor;
)SQL";
// Must match migration 15 (ClientSchema.cpp).
const char* const kRestoreAfterBulk = R"SQL(
CREATE INDEX orders_date ON orders(order_date, distributor_rid, line_count);
CREATE INDEX orders_distributor ON orders(distributor_rid, order_date);
)SQL";

const char* const kDemoPlan = R"({
  "currency": "EUR", "maxPayoutBp": 6000,
  "qualification": { "legVolumeCap": 40000 },
  "ranks": [
    { "id": "member", "name": "Member", "minPv": 50 },
    { "id": "bronze", "name": "Bronze", "minPv": 100 },
    { "id": "silver", "name": "Silver", "minPv": 100, "minGv": 1000, "maxLegShareBp": 6000 },
    { "id": "gold", "name": "Gold", "minPv": 100, "minGv": 3000, "maxLegShareBp": 5000, "legs": { "count": 2, "rank": "silver" } },
    { "id": "platinum", "name": "Platinum", "minPv": 150, "minGv": 10000, "maxLegShareBp": 4000, "legs": { "count": 3, "rank": "gold" } },
    { "id": "diamond", "name": "Diamond", "minPv": 200, "minGv": 50000, "maxLegShareBp": 3000, "legs": { "count": 4, "rank": "platinum" } }
  ],
  "compression": { "skipInactive": true, "minPv": 50 },
  "unilevel": { "tree": "placement", "levels": [
    { "percentBp": 500 }, { "percentBp": 500, "minRank": "bronze" }, { "percentBp": 400, "minRank": "silver" },
    { "percentBp": 300, "minRank": "gold" }, { "percentBp": 300, "minRank": "platinum" },
    { "percentBp": 200, "minRank": "platinum" }, { "percentBp": 200, "minRank": "diamond" } ] },
  "fastStart": { "percentBp": 1000, "days": 30 },
  "matching": { "generationRank": "silver", "generations": [
    { "percentBp": 1000, "minRank": "silver" }, { "percentBp": 500, "minRank": "gold" },
    { "percentBp": 500, "minRank": "platinum" } ] }
})";

struct Product
{
    QString id;
    qint64 price, pv, cv;
};

} // namespace

QJsonObject DemoCommerce::demoPlanJson()
{
    return QJsonDocument::fromJson(QByteArray(kDemoPlan)).object();
}

Result<DemoCommerce::Loaded> DemoCommerce::load(Database& db, const Options& options, qint64 nowMs,
                                                const std::function<void(qint64, qint64)>& progress)
{
    static const char* const names[] = {"Vitamin C", "Omega-3",  "Protein Shake", "Green Tea",   "Collagen",
                                        "Probiotic", "Magnesium", "Face Serum",   "Night Cream", "Shampoo",
                                        "Toothpaste", "Energy Bar"};
    std::mt19937_64 rng(options.seed);
    Loaded out;
    QSqlDatabase conn = db.connection();
    Transaction tx(conn);
    if (!tx.isActive())
        return tx.error();
    const auto fail = [](const QString& what, const QString& detail) {
        return Error(ErrorCode::Database, tr("%1: %2").arg(what, detail));
    };

    std::vector<qint64> rids;
    std::vector<bool> active;
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT rid, status FROM distributors ORDER BY rid")))
        return fail(tr("Could not read the distributors"), q.lastError().text());
    while (q.next()) {
        rids.push_back(q.value(0).toLongLong());
        active.push_back(q.value(1).toString() == QLatin1String("active"));
    }
    q.finish();
    if (rids.empty())
        return Error(ErrorCode::InvalidArgument, tr("Add demo distributors first: orders are placed by distributors."));

    // The catalogue.
    std::vector<Product> products;
    q.prepare(QStringLiteral("INSERT INTO products(id, sku, name, price_minor, currency, pv, cv_minor, active, created_at, "
                             "updated_at, updated_by) VALUES(?,?,?,?,'EUR',?,?,1,?,?,'demo')"));
    for (int i = 0; i < options.products; ++i) {
        const qint64 price = 1000 + qint64(rng() % 90) * 100; // 10.00 – 99.00
        Product p{formatUuidV7(nowMs, quint16(rng()), rng()), price, price / 100, price * 8 / 10};
        q.addBindValue(p.id);
        q.addBindValue(QStringLiteral("DEMO-%1").arg(i + 1, 3, 10, QLatin1Char('0')));
        q.addBindValue(QStringLiteral("%1 %2").arg(QLatin1String(names[i % 12])).arg(i / 12 + 1));
        q.addBindValue(p.price);
        q.addBindValue(p.pv);
        q.addBindValue(p.cv);
        q.addBindValue(nowMs);
        q.addBindValue(nowMs);
        if (!q.exec())
            return fail(tr("Could not add the demo products"), q.lastError().text());
        products.push_back(p);
    }
    out.products = qint64(products.size());

    if (!q.exec(QStringLiteral("SELECT coalesce(max(rid), 0), count(*) FROM orders")) || !q.next())
        return fail(tr("Could not read the orders"), q.lastError().text());
    qint64 orderRid = q.value(0).toLongLong();
    const qint64 existing = q.value(1).toLongLong();
    q.finish();
    const qint64 linesPerMonth = options.linesPerMonth > 0 ? options.linesPerMonth : qint64(rids.size()) * 10;
    const qint64 total = linesPerMonth * options.months;
    const bool rebuild = total / 3 > existing && total > 30000;
    if (rebuild) {
        if (Status s = db.execScript(QString::fromUtf8(kDropForBulk)); !s)
            return fail(tr("Could not prepare the demo orders"), s.message());
    }

    sqlite3* handle = db.nativeHandle();
    RawStatement order(handle, "INSERT INTO orders(rid, id, distributor_rid, customer_name, order_date, currency, total_minor, "
                               "total_pv, total_cv, line_count, created_at, updated_at, updated_by) "
                               "VALUES(?,?,?,?,?,'EUR',?,?,?,?,?,?,'demo')");
    RawStatement line(handle, "INSERT INTO order_lines(order_rid, line_no, product_id, quantity, unit_price, unit_pv, unit_cv) "
                              "VALUES(?,?,?,?,?,?,?)");
    if (!order.ok() || !line.ok())
        return fail(tr("Could not prepare the demo orders"), order.ok() ? line.error() : order.error());
    std::vector<QByteArray> productIds;
    for (const Product& p : products)
        productIds.push_back(p.id.toUtf8());
    const QByteArray retail = tr("Retail customer").toUtf8();

    QDateTime month = QDateTime::fromMSecsSinceEpoch(options.firstMonthStart, Qt::UTC);
    out.monthStarts << month.toMSecsSinceEpoch();
    qint64 written = 0;
    for (int m = 0; m < options.months; ++m) {
        const qint64 start = month.toMSecsSinceEpoch();
        month = month.addMonths(1);
        const qint64 end = month.toMSecsSinceEpoch();
        out.monthStarts << end;
        qint64 lines = 0;
        while (lines < linesPerMonth) {
            // Active distributors buy four times as often as the others.
            size_t who = size_t(rng() % rids.size());
            if (!active[who] && rng() % 4 != 0)
                who = size_t(rng() % rids.size());
            const int count = int(std::min<qint64>(1 + qint64(rng() % 5), linesPerMonth - lines));
            const qint64 date = start + qint64(rng() % quint64(end - start));
            ++orderRid;
            qint64 sum = 0, pv = 0, cv = 0;
            std::pair<size_t, qint64> picked[5]; // (product, quantity): the order row goes first (foreign key)
            for (int l = 0; l < count; ++l) {
                picked[l] = {size_t(rng() % products.size()), 1 + qint64(rng() % 3)};
                const Product& p = products[picked[l].first];
                sum += p.price * picked[l].second;
                pv += p.pv * picked[l].second;
                cv += p.cv * picked[l].second;
            }
            order.bind(1, orderRid);
            order.bindText(2, formatUuidV7(date, quint16(rng()), rng()).toUtf8());
            order.bind(3, rids[who]);
            order.bindText(4, rng() % 5 == 0 ? retail : QByteArray(""));
            order.bind(5, date);
            order.bind(6, sum);
            order.bind(7, pv);
            order.bind(8, cv);
            order.bind(9, count);
            order.bind(10, nowMs);
            order.bind(11, nowMs);
            if (!order.exec())
                return fail(tr("Could not add the demo orders"), order.error());
            for (int l = 0; l < count; ++l) {
                const Product& p = products[picked[l].first];
                line.bind(1, orderRid);
                line.bind(2, l + 1);
                line.bindText(3, productIds[picked[l].first]);
                line.bind(4, picked[l].second);
                line.bind(5, p.price);
                line.bind(6, p.pv);
                line.bind(7, p.cv);
                if (!line.exec())
                    return fail(tr("Could not add the demo orders"), line.error());
            }
            ++out.orders;
            lines += count;
            written += count;
            if (progress && out.orders % 50000 == 0)
                progress(written, total);
        }
        out.lines += lines;
    }
    if (rebuild) {
        if (Status s = db.execScript(QString::fromUtf8(kRestoreAfterBulk)); !s)
            return fail(tr("Could not index the demo orders"), s.message());
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    if (progress)
        progress(total, total);
    return out;
}

} // namespace outpost
