#include "replication/CommerceRowCodecs.h"

#include "replication/TableRowCodec.h"
#include "util/JsonNumber.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace outpost {

namespace {

using C = CommerceRowCodecs;
using Column = TableRowCodec::Column;
using T = TableRowCodec::Type;

// Commerce rows are lenient: a missing field is written empty (as they always were).
std::unique_ptr<RowCodec> tableCodec(const QString& entity, const QString& table, QList<Column> columns)
{
    return std::make_unique<TableRowCodec>(entity, table, std::move(columns), TableRowCodec::Fields::Lenient);
}

// order: { distributorId, customerName, orderDate, currency, totals, lines: [{productId, quantity, unitPrice,
// unitPv, unitCv}] }. Lines are written with the order (orders never change after they are placed).
class OrderCodec final : public TableRowCodec
{
public:
    OrderCodec()
        : TableRowCodec(QStringLiteral("order"), QStringLiteral("orders"),
                        {{QStringLiteral("distributorRid"), QStringLiteral("distributor_rid"), T::Integer},
                         {QStringLiteral("customerName"), QStringLiteral("customer_name"), T::Text},
                         {QStringLiteral("orderDate"), QStringLiteral("order_date"), T::Integer},
                         {QStringLiteral("currency"), QStringLiteral("currency"), T::Text},
                         {QStringLiteral("totalMinor"), QStringLiteral("total_minor"), T::Integer},
                         {QStringLiteral("totalPv"), QStringLiteral("total_pv"), T::Integer},
                         {QStringLiteral("totalCv"), QStringLiteral("total_cv"), T::Integer},
                         {QStringLiteral("lineCount"), QStringLiteral("line_count"), T::Integer}},
                        Fields::Lenient)
    {
    }

protected:
    Status readExtra(QSqlDatabase& db, const QString& id, QJsonObject* row) const override
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT d.id FROM distributors d WHERE d.rid = ?"));
        q.addBindValue(row->take(QStringLiteral("distributorRid")).toInteger());
        if (!q.exec())
            return dbError(q);
        row->insert(QStringLiteral("distributorId"), q.next() ? q.value(0).toString() : QString());
        q.finish();
        q.prepare(QStringLiteral("SELECT l.product_id, l.quantity, l.unit_price, l.unit_pv, l.unit_cv FROM order_lines l "
                                 "JOIN orders o ON o.rid = l.order_rid WHERE o.id = ? ORDER BY l.line_no"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(q);
        QJsonArray lines;
        while (q.next())
            lines.append(QJsonObject{{QStringLiteral("productId"), q.value(0).toString()},
                                     {QStringLiteral("quantity"), q.value(1).toLongLong()},
                                     {QStringLiteral("unitPrice"), q.value(2).toLongLong()},
                                     {QStringLiteral("unitPv"), q.value(3).toLongLong()},
                                     {QStringLiteral("unitCv"), q.value(4).toLongLong()}});
        row->insert(QStringLiteral("lines"), lines);
        return {};
    }
    Status resolveReferences(QSqlDatabase& db, QJsonObject* row) const override
    {
        auto rid = ridOf(db, QStringLiteral("distributors"), row->value(QStringLiteral("distributorId")).toString(), C::tr("distributor"));
        if (!rid)
            return rid.error();
        row->insert(QStringLiteral("distributorRid"), double(rid.value()));
        return {};
    }
    Status writeExtra(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override
    {
        auto rid = ridOf(db, QStringLiteral("orders"), id, C::tr("order"));
        if (!rid)
            return rid.error();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM order_lines WHERE order_rid = ?"));
        q.addBindValue(rid.value());
        if (!q.exec())
            return dbError(q);
        q.prepare(QStringLiteral("INSERT INTO order_lines(order_rid, line_no, product_id, quantity, unit_price, unit_pv, "
                                 "unit_cv) VALUES(?,?,?,?,?,?,?)"));
        int n = 0;
        for (const QJsonValue& v : row.value(QStringLiteral("lines")).toArray()) {
            const QJsonObject l = v.toObject();
            q.addBindValue(rid.value());
            q.addBindValue(++n);
            q.addBindValue(l.value(QStringLiteral("productId")).toString());
            for (const char* k : {"quantity", "unitPrice", "unitPv", "unitCv"})
                q.addBindValue(jsonWholeNumber(l.value(QLatin1String(k))).value_or(0));
            if (!q.exec())
                return dbError(q);
        }
        return {};
    }
    Status removeExtra(QSqlDatabase& db, const QString& id) const override
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM order_lines WHERE order_rid = (SELECT rid FROM orders WHERE id = ?)"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(q);
        return {};
    }
};

class ReturnCodec final : public TableRowCodec
{
public:
    ReturnCodec()
        : TableRowCodec(QStringLiteral("order_return"), QStringLiteral("order_returns"),
                        {{QStringLiteral("orderRid"), QStringLiteral("order_rid"), T::Integer},
                         {QStringLiteral("returnDate"), QStringLiteral("return_date"), T::Integer},
                         {QStringLiteral("reason"), QStringLiteral("reason"), T::Text},
                         {QStringLiteral("lines"), QStringLiteral("lines"), T::Text},
                         {QStringLiteral("returnedPv"), QStringLiteral("returned_pv"), T::Integer},
                         {QStringLiteral("returnedCv"), QStringLiteral("returned_cv"), T::Integer},
                         {QStringLiteral("refundMinor"), QStringLiteral("refund_minor"), T::Integer}},
                        Fields::Lenient)
    {
    }

protected:
    Status readExtra(QSqlDatabase& db, const QString&, QJsonObject* row) const override
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT id FROM orders WHERE rid = ?"));
        q.addBindValue(row->take(QStringLiteral("orderRid")).toInteger());
        if (!q.exec())
            return dbError(q);
        row->insert(QStringLiteral("orderId"), q.next() ? q.value(0).toString() : QString());
        return {};
    }
    Status resolveReferences(QSqlDatabase& db, QJsonObject* row) const override
    {
        auto rid = ridOf(db, QStringLiteral("orders"), row->value(QStringLiteral("orderId")).toString(), C::tr("order"));
        if (!rid)
            return rid.error();
        row->insert(QStringLiteral("orderRid"), double(rid.value()));
        return {};
    }
};

} // namespace

void CommerceRowCodecs::addTo(RowCodecRegistry& r)
{
    r.add(tableCodec(QStringLiteral("product"), QStringLiteral("products"),
                     {{QStringLiteral("sku"), QStringLiteral("sku"), T::Text},
                      {QStringLiteral("name"), QStringLiteral("name"), T::Text},
                      {QStringLiteral("priceMinor"), QStringLiteral("price_minor"), T::Integer},
                      {QStringLiteral("currency"), QStringLiteral("currency"), T::Text},
                      {QStringLiteral("pv"), QStringLiteral("pv"), T::Integer},
                      {QStringLiteral("cvMinor"), QStringLiteral("cv_minor"), T::Integer},
                      {QStringLiteral("active"), QStringLiteral("active"), T::Bool}}));
    r.add(std::make_unique<OrderCodec>());
    r.add(std::make_unique<ReturnCodec>());
    r.add(tableCodec(QStringLiteral("commission_plan"), QStringLiteral("commission_plans"),
                     {{QStringLiteral("name"), QStringLiteral("name"), T::Text},
                      {QStringLiteral("plan"), QStringLiteral("plan_json"), T::Json},
                      {QStringLiteral("currency"), QStringLiteral("currency"), T::Text}}));
    r.add(tableCodec(QStringLiteral("commission_period"), QStringLiteral("commission_periods"),
                     {{QStringLiteral("name"), QStringLiteral("name"), T::Text},
                      {QStringLiteral("startsAt"), QStringLiteral("starts_at"), T::Integer},
                      {QStringLiteral("endsAt"), QStringLiteral("ends_at"), T::Integer},
                      {QStringLiteral("state"), QStringLiteral("state"), T::Text},
                      {QStringLiteral("planId"), QStringLiteral("plan_id"), T::Text},
                      {QStringLiteral("runCount"), QStringLiteral("run_count"), T::Integer},
                      {QStringLiteral("resultDigest"), QStringLiteral("result_digest"), T::Text},
                      {QStringLiteral("totalPaid"), QStringLiteral("total_paid"), T::Integer}}));
    r.add(tableCodec(QStringLiteral("payout_batch"), QStringLiteral("payout_batches"),
                     {{QStringLiteral("periodId"), QStringLiteral("period_id"), T::Text},
                      {QStringLiteral("currency"), QStringLiteral("currency"), T::Text},
                      {QStringLiteral("minimum"), QStringLiteral("minimum"), T::Integer},
                      {QStringLiteral("totalPaid"), QStringLiteral("total_paid"), T::Integer},
                      {QStringLiteral("totalHeld"), QStringLiteral("total_held"), T::Integer},
                      {QStringLiteral("totalCarried"), QStringLiteral("total_carried"), T::Integer}}));
}

} // namespace outpost
