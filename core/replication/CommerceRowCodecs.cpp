#include "replication/CommerceRowCodecs.h"

#include "util/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <vector>

namespace outpost {

namespace {

using C = CommerceRowCodecs;

Error dbError(const QString& entity, const QSqlQuery& q)
{
    return Error(ErrorCode::Database, C::tr("Could not sync a row of %1: %2").arg(entity, q.lastError().text()));
}

enum class Kind { Text, Integer, Bool, Json };

struct Column
{
    const char* json;
    const char* column;
    Kind kind;
};

QJsonValue toJson(const QVariant& v, Kind kind)
{
    switch (kind) {
    case Kind::Text:
        return v.toString();
    case Kind::Integer:
        return double(v.toLongLong());
    case Kind::Bool:
        return v.toLongLong() != 0;
    case Kind::Json:
        return QJsonDocument::fromJson(v.toByteArray()).object();
    }
    return {};
}

QVariant toSql(const QJsonValue& v, Kind kind)
{
    switch (kind) {
    case Kind::Text:
        return v.toString();
    case Kind::Integer:
        return jsonWholeNumber(v).value_or(0);
    case Kind::Bool:
        return v.toBool() ? 1 : 0;
    case Kind::Json:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

// A table keyed by `id` whose columns map one to one onto JSON fields (plus hooks for references).
class TableCodec : public RowCodec
{
public:
    TableCodec(QString entity, QString table, std::vector<Column> columns)
        : m_entity(std::move(entity)), m_table(std::move(table)), m_columns(std::move(columns))
    {
    }
    QString entity() const override { return m_entity; }

    Result<std::optional<QJsonObject>> read(QSqlDatabase& db, const QString& id) const override
    {
        QStringList cols;
        for (const Column& c : m_columns)
            cols << QLatin1String(c.column);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT ") + cols.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + m_table
                  + QStringLiteral(" WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(m_entity, q);
        if (!q.next())
            return std::optional<QJsonObject>();
        QJsonObject row;
        for (int i = 0; i < int(m_columns.size()); ++i)
            row.insert(QLatin1String(m_columns[size_t(i)].json), toJson(q.value(i), m_columns[size_t(i)].kind));
        q.finish();
        if (Status s = readExtra(db, id, &row); !s)
            return s.error();
        return std::optional<QJsonObject>(row);
    }

    Status write(QSqlDatabase& db, const QString& id, const QJsonObject& given) const override
    {
        QJsonObject row = given;
        if (Status s = resolveReferences(db, &row); !s)
            return s;
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT 1 FROM ") + m_table + QStringLiteral(" WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(m_entity, q);
        const bool exists = q.next();
        q.finish();
        QStringList cols;
        for (const Column& c : m_columns)
            cols << QLatin1String(c.column) + (exists ? QStringLiteral(" = ?") : QString());
        if (exists)
            q.prepare(QStringLiteral("UPDATE ") + m_table + QStringLiteral(" SET ") + cols.join(QStringLiteral(", "))
                      + QStringLiteral(" WHERE id = ?"));
        else
            q.prepare(QStringLiteral("INSERT INTO ") + m_table + QStringLiteral("(") + cols.join(QStringLiteral(", "))
                      + QStringLiteral(", id) VALUES(") + QStringList(cols.size() + 1, QStringLiteral("?")).join(QLatin1Char(','))
                      + QStringLiteral(")"));
        for (const Column& c : m_columns)
            q.addBindValue(toSql(row.value(QLatin1String(c.json)), c.kind));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(m_entity, q);
        return writeExtra(db, id, row);
    }

    Status remove(QSqlDatabase& db, const QString& id) const override
    {
        if (Status s = removeExtra(db, id); !s)
            return s;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM ") + m_table + QStringLiteral(" WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(m_entity, q);
        return {};
    }

protected:
    // Turns wire references (ids) into local columns before the write, e.g. distributorId → distributor_rid.
    virtual Status resolveReferences(QSqlDatabase&, QJsonObject*) const { return {}; }
    virtual Status readExtra(QSqlDatabase&, const QString&, QJsonObject*) const { return {}; }
    virtual Status writeExtra(QSqlDatabase&, const QString&, const QJsonObject&) const { return {}; }
    virtual Status removeExtra(QSqlDatabase&, const QString&) const { return {}; }

    // The local row id of the row of `table` with UUID `id`.
    Result<qint64> ridOf(QSqlDatabase& db, const char* table, const QString& id, const QString& what) const
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT rid FROM %1 WHERE id = ?").arg(QLatin1String(table)));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(m_entity, q);
        if (!q.next())
            return Error(ErrorCode::NotFound, C::tr("A synced %1 refers to a %2 this device does not have yet.")
                                                  .arg(m_entity, what));
        return q.value(0).toLongLong();
    }

    QString m_entity;
    QString m_table;
    std::vector<Column> m_columns;
};

// order: { distributorId, customerName, orderDate, currency, totals, lines: [{productId, quantity, unitPrice,
// unitPv, unitCv}] }. Lines are written with the order (orders never change after they are placed).
class OrderCodec final : public TableCodec
{
public:
    OrderCodec()
        : TableCodec(QStringLiteral("order"), QStringLiteral("orders"),
                     {{"distributorRid", "distributor_rid", Kind::Integer},
                      {"customerName", "customer_name", Kind::Text},
                      {"orderDate", "order_date", Kind::Integer},
                      {"currency", "currency", Kind::Text},
                      {"totalMinor", "total_minor", Kind::Integer},
                      {"totalPv", "total_pv", Kind::Integer},
                      {"totalCv", "total_cv", Kind::Integer},
                      {"lineCount", "line_count", Kind::Integer},
                      {"createdAt", "created_at", Kind::Integer},
                      {"updatedAt", "updated_at", Kind::Integer},
                      {"updatedBy", "updated_by", Kind::Text}})
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
            return dbError(m_entity, q);
        row->insert(QStringLiteral("distributorId"), q.next() ? q.value(0).toString() : QString());
        q.finish();
        q.prepare(QStringLiteral("SELECT l.product_id, l.quantity, l.unit_price, l.unit_pv, l.unit_cv FROM order_lines l "
                                 "JOIN orders o ON o.rid = l.order_rid WHERE o.id = ? ORDER BY l.line_no"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(m_entity, q);
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
        auto rid = ridOf(db, "distributors", row->value(QStringLiteral("distributorId")).toString(), C::tr("distributor"));
        if (!rid)
            return rid.error();
        row->insert(QStringLiteral("distributorRid"), double(rid.value()));
        return {};
    }
    Status writeExtra(QSqlDatabase& db, const QString& id, const QJsonObject& row) const override
    {
        auto rid = ridOf(db, "orders", id, C::tr("order"));
        if (!rid)
            return rid.error();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM order_lines WHERE order_rid = ?"));
        q.addBindValue(rid.value());
        if (!q.exec())
            return dbError(m_entity, q);
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
                return dbError(m_entity, q);
        }
        return {};
    }
    Status removeExtra(QSqlDatabase& db, const QString& id) const override
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM order_lines WHERE order_rid = (SELECT rid FROM orders WHERE id = ?)"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(m_entity, q);
        return {};
    }
};

class ReturnCodec final : public TableCodec
{
public:
    ReturnCodec()
        : TableCodec(QStringLiteral("order_return"), QStringLiteral("order_returns"),
                     {{"orderRid", "order_rid", Kind::Integer},
                      {"returnDate", "return_date", Kind::Integer},
                      {"reason", "reason", Kind::Text},
                      {"lines", "lines", Kind::Text},
                      {"returnedPv", "returned_pv", Kind::Integer},
                      {"returnedCv", "returned_cv", Kind::Integer},
                      {"refundMinor", "refund_minor", Kind::Integer},
                      {"createdAt", "created_at", Kind::Integer},
                      {"updatedAt", "updated_at", Kind::Integer},
                      {"updatedBy", "updated_by", Kind::Text}})
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
            return dbError(m_entity, q);
        row->insert(QStringLiteral("orderId"), q.next() ? q.value(0).toString() : QString());
        return {};
    }
    Status resolveReferences(QSqlDatabase& db, QJsonObject* row) const override
    {
        auto rid = ridOf(db, "orders", row->value(QStringLiteral("orderId")).toString(), C::tr("order"));
        if (!rid)
            return rid.error();
        row->insert(QStringLiteral("orderRid"), double(rid.value()));
        return {};
    }
};

} // namespace

void CommerceRowCodecs::addTo(RowCodecRegistry& r)
{
    r.add(std::make_unique<TableCodec>(QStringLiteral("product"), QStringLiteral("products"),
                                       std::vector<Column>{{"sku", "sku", Kind::Text},
                                                           {"name", "name", Kind::Text},
                                                           {"priceMinor", "price_minor", Kind::Integer},
                                                           {"currency", "currency", Kind::Text},
                                                           {"pv", "pv", Kind::Integer},
                                                           {"cvMinor", "cv_minor", Kind::Integer},
                                                           {"active", "active", Kind::Bool},
                                                           {"createdAt", "created_at", Kind::Integer},
                                                           {"updatedAt", "updated_at", Kind::Integer},
                                                           {"updatedBy", "updated_by", Kind::Text}}));
    r.add(std::make_unique<OrderCodec>());
    r.add(std::make_unique<ReturnCodec>());
    r.add(std::make_unique<TableCodec>(QStringLiteral("commission_plan"), QStringLiteral("commission_plans"),
                                       std::vector<Column>{{"name", "name", Kind::Text},
                                                           {"plan", "plan_json", Kind::Json},
                                                           {"currency", "currency", Kind::Text},
                                                           {"createdAt", "created_at", Kind::Integer},
                                                           {"updatedAt", "updated_at", Kind::Integer},
                                                           {"updatedBy", "updated_by", Kind::Text}}));
    r.add(std::make_unique<TableCodec>(QStringLiteral("commission_period"), QStringLiteral("commission_periods"),
                                       std::vector<Column>{{"name", "name", Kind::Text},
                                                           {"startsAt", "starts_at", Kind::Integer},
                                                           {"endsAt", "ends_at", Kind::Integer},
                                                           {"state", "state", Kind::Text},
                                                           {"planId", "plan_id", Kind::Text},
                                                           {"runCount", "run_count", Kind::Integer},
                                                           {"resultDigest", "result_digest", Kind::Text},
                                                           {"totalPaid", "total_paid", Kind::Integer},
                                                           {"createdAt", "created_at", Kind::Integer},
                                                           {"updatedAt", "updated_at", Kind::Integer},
                                                           {"updatedBy", "updated_by", Kind::Text}}));
    r.add(std::make_unique<TableCodec>(QStringLiteral("payout_batch"), QStringLiteral("payout_batches"),
                                       std::vector<Column>{{"periodId", "period_id", Kind::Text},
                                                           {"currency", "currency", Kind::Text},
                                                           {"minimum", "minimum", Kind::Integer},
                                                           {"totalPaid", "total_paid", Kind::Integer},
                                                           {"totalHeld", "total_held", Kind::Integer},
                                                           {"totalCarried", "total_carried", Kind::Integer},
                                                           {"createdAt", "created_at", Kind::Integer},
                                                           {"updatedAt", "updated_at", Kind::Integer},
                                                           {"updatedBy", "updated_by", Kind::Text}}));
}

} // namespace outpost
