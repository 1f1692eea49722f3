#include "commerce/CommerceMutators.h"
#include "storage/SqlDialect.h"

#include "commissions/PeriodGuard.h"
#include "genealogy/GenealogyRepository.h"
#include "mutations/MutationRegistry.h"
#include "util/JsonNumber.h"
#include "util/Uuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <vector>

namespace outpost {

namespace {

using V = CommerceValidation;
using commissions::PeriodGuard;

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

Error dbError(const QString& what, const QSqlQuery& q)
{
    return Error(ErrorCode::Database, V::tr("%1: %2").arg(what, q.lastError().text()));
}

Result<QString> requireId(const QJsonObject& args, const QString& key, const QString& message)
{
    const QString id = args.value(key).toString();
    if (!isUuid(id))
        return invalid(message);
    return id;
}

bool isCurrency(const QString& c)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z]{3}$"));
    return re.match(c).hasMatch();
}

// ---- products ----

const QStringList& productFields()
{
    static const QStringList names = {QStringLiteral("sku"), QStringLiteral("name"),  QStringLiteral("priceMinor"),
                                      QStringLiteral("currency"), QStringLiteral("pv"), QStringLiteral("cvMinor"),
                                      QStringLiteral("active")};
    return names;
}

QString productColumn(const QString& field)
{
    if (field == QLatin1String("priceMinor"))
        return QStringLiteral("price_minor");
    if (field == QLatin1String("cvMinor"))
        return QStringLiteral("cv_minor");
    return field; // sku, name, currency, pv, active
}

// A user-readable problem with one product field, or an empty string.
QString productProblem(const QString& field, const QJsonValue& v)
{
    if (field == QLatin1String("sku") || field == QLatin1String("name")) {
        const QString s = v.toString().trimmed();
        if (!v.isString() || s.isEmpty())
            return field == QLatin1String("sku") ? V::tr("A product needs a SKU.") : V::tr("A product needs a name.");
        if (s.size() > 200)
            return V::tr("The product's %1 is too long (at most 200 characters).").arg(field);
        return {};
    }
    if (field == QLatin1String("currency"))
        return isCurrency(v.toString()) ? QString() : V::tr("The currency must be an ISO code of three capital letters, "
                                                            "e.g. EUR.");
    if (field == QLatin1String("active"))
        return v.isBool() ? QString() : V::tr("\"active\" must be true or false.");
    const std::optional<qint64> n = jsonWholeNumber(v);
    if (!n || *n < 0)
        return V::tr("\"%1\" must be a whole number, zero or more (money in minor units, e.g. cents).").arg(field);
    return {};
}

Status readProductFields(const QJsonObject& obj, bool requireAll, QJsonObject* out)
{
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (!productFields().contains(it.key()))
            return invalid(V::tr("Products have no field \"%1\".").arg(it.key()));
        QJsonValue v = it.value();
        if (v.isString())
            v = v.toString().trimmed();
        if (const QString p = productProblem(it.key(), v); !p.isEmpty())
            return invalid(p);
        out->insert(it.key(), v);
    }
    if (requireAll) {
        for (const QString& f : productFields()) {
            if (f != QLatin1String("active") && !out->contains(f))
                return invalid(productProblem(f, QJsonValue()));
        }
    }
    return {};
}

Result<std::optional<QJsonObject>> readProduct(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT sku, name, price_minor, currency, pv, cv_minor, active FROM products WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(V::tr("Could not read the product"), q);
    if (!q.next())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(QJsonObject{{QStringLiteral("sku"), q.value(0).toString()},
                                                  {QStringLiteral("name"), q.value(1).toString()},
                                                  {QStringLiteral("priceMinor"), q.value(2).toLongLong()},
                                                  {QStringLiteral("currency"), q.value(3).toString()},
                                                  {QStringLiteral("pv"), q.value(4).toLongLong()},
                                                  {QStringLiteral("cvMinor"), q.value(5).toLongLong()},
                                                  {QStringLiteral("active"), q.value(6).toInt() != 0}});
}

Status requireUniqueSku(QSqlDatabase& db, const QString& id, const QString& sku)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT name FROM products WHERE sku = ? AND id <> ?"));
    q.addBindValue(sku);
    q.addBindValue(id);
    if (!q.exec())
        return dbError(V::tr("Could not read the products"), q);
    if (q.next())
        return Error(ErrorCode::AlreadyExists,
                     V::tr("The SKU %1 already belongs to \"%2\". Choose another SKU.").arg(sku, q.value(0).toString()));
    return {};
}

QVariant sqlValue(const QString& field, const QJsonValue& v)
{
    if (field == QLatin1String("active"))
        return v.toBool() ? 1 : 0;
    if (v.isString())
        return v.toString();
    return jsonWholeNumber(v).value_or(0);
}

// Writes the fields of `wanted` that differ from `current` (a replayed change writes nothing).
Status updateProduct(MutationContext& ctx, const QString& id, const QJsonObject& current, const QJsonObject& wanted)
{
    QJsonObject before, after;
    QStringList sets;
    QVariantList values;
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
        if (current.value(it.key()) == it.value())
            continue;
        before.insert(it.key(), current.value(it.key()));
        after.insert(it.key(), it.value());
        sets << productColumn(it.key()) + QStringLiteral(" = ?");
        values << sqlValue(it.key(), it.value());
    }
    if (after.isEmpty())
        return {};
    if (after.contains(QStringLiteral("sku"))) {
        if (Status s = requireUniqueSku(ctx.db(), id, after.value(QStringLiteral("sku")).toString()); !s)
            return s;
    }
    sets << QStringLiteral("updated_at = ?") << QStringLiteral("updated_by = ?");
    values << ctx.nowMs() << ctx.mutation().actor;
    QSqlQuery q(ctx.db());
    q.prepare(QStringLiteral("UPDATE products SET ") + sets.join(QStringLiteral(", ")) + QStringLiteral(" WHERE id = ?"));
    for (const QVariant& v : std::as_const(values))
        q.addBindValue(v);
    q.addBindValue(id);
    if (!q.exec())
        return dbError(V::tr("Could not save the product"), q);
    ctx.recordChange(QStringLiteral("product"), id, EntityChange::Kind::Updated, before, after);
    return {};
}

class CreateProduct final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("product.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args(), QStringLiteral("id"), V::tr("The product id is missing or malformed."));
        if (!id)
            return id.error();
        QJsonObject given = ctx.args();
        given.remove(QStringLiteral("id"));
        QJsonObject fields;
        if (Status s = readProductFields(given, true, &fields); !s)
            return s;
        if (!fields.contains(QStringLiteral("active")))
            fields.insert(QStringLiteral("active"), true);
        auto existing = readProduct(ctx.db(), id.value());
        if (!existing)
            return existing.error();
        if (existing.value())
            return updateProduct(ctx, id.value(), *existing.value(), fields);
        if (Status s = requireUniqueSku(ctx.db(), id.value(), fields.value(QStringLiteral("sku")).toString()); !s)
            return s;
        QSqlQuery q(ctx.db());
        q.prepare(QStringLiteral("INSERT INTO products(id, sku, name, price_minor, currency, pv, cv_minor, active, "
                                 "created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
        q.addBindValue(id.value());
        for (const QString& f : productFields())
            q.addBindValue(sqlValue(f, fields.value(f)));
        q.addBindValue(ctx.nowMs());
        q.addBindValue(ctx.nowMs());
        q.addBindValue(ctx.mutation().actor);
        if (!q.exec())
            return dbError(V::tr("Could not save the product"), q);
        ctx.recordChange(QStringLiteral("product"), id.value(), EntityChange::Kind::Created, {}, fields);
        return {};
    }
};

class UpdateProduct final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("product.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args(), QStringLiteral("id"), V::tr("The product id is missing or malformed."));
        if (!id)
            return id.error();
        const QJsonValue set = ctx.args().value(QStringLiteral("set"));
        if (!set.isObject() || set.toObject().isEmpty())
            return invalid(V::tr("Nothing to change: \"set\" must be an object of product fields."));
        QJsonObject fields;
        if (Status s = readProductFields(set.toObject(), false, &fields); !s)
            return s;
        auto existing = readProduct(ctx.db(), id.value());
        if (!existing)
            return existing.error();
        if (!existing.value())
            return Error(ErrorCode::NotFound, V::tr("This product no longer exists."));
        return updateProduct(ctx, id.value(), *existing.value(), fields);
    }
};

// ---- orders ----

struct PricedLine
{
    QString productId;
    qint64 quantity = 0;
    qint64 unitPrice = 0, unitPv = 0, unitCv = 0;
};

bool exists(QSqlDatabase& db, const QString& sql, const QString& id, QString* error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return q.next();
}

class PlaceOrder final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("order.place"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        const QJsonObject& args = ctx.args();
        auto id = requireId(args, QStringLiteral("id"), V::tr("The order id is missing or malformed."));
        if (!id)
            return id.error();
        QString err;
        if (exists(ctx.db(), QStringLiteral("SELECT 1 FROM orders WHERE id = ?"), id.value(), &err))
            return {}; // orders never change: a replay has no second effect
        if (!err.isEmpty())
            return Error(ErrorCode::Database, V::tr("Could not read the orders: %1").arg(err));
        auto distributorId = requireId(args, QStringLiteral("distributorId"),
                                       V::tr("The order needs the distributor who buys or to whom the sale is "
                                             "attributed."));
        if (!distributorId)
            return distributorId.error();
        const std::optional<qint64> date = jsonWholeNumber(args.value(QStringLiteral("orderDate")));
        if (!date || *date <= 0)
            return invalid(V::tr("The order needs an order date (UTC milliseconds)."));
        const QString customer = args.value(QStringLiteral("customerName")).toString().trimmed();
        if (customer.size() > 200)
            return invalid(V::tr("The customer's name is too long (at most 200 characters)."));
        const QJsonArray lines = args.value(QStringLiteral("lines")).toArray();
        if (lines.isEmpty())
            return invalid(V::tr("An order needs at least one line."));
        if (lines.size() > 1000)
            return invalid(V::tr("An order has at most 1,000 lines."));

        auto buyer = GenealogyRepository::findOn(ctx.db(), distributorId.value());
        if (!buyer)
            return buyer.error();
        if (!buyer.value())
            return Error(ErrorCode::NotFound, V::tr("The distributor of this order does not exist; they may have been "
                                                    "removed on another device."));
        if (Status s = PeriodGuard::requireOpenAt(ctx.db(), *date, PeriodGuard::Change::Order); !s)
            return s;

        std::vector<PricedLine> priced;
        QString currency;
        qint64 total = 0, totalPv = 0, totalCv = 0;
        for (const QJsonValue& v : lines) {
            const QJsonObject line = v.toObject();
            PricedLine p;
            p.productId = line.value(QStringLiteral("productId")).toString();
            const std::optional<qint64> qty = jsonWholeNumber(line.value(QStringLiteral("quantity")));
            if (!qty || *qty <= 0 || *qty > 1'000'000)
                return invalid(V::tr("Line %1: the quantity must be a whole number from 1 to 1,000,000.")
                                   .arg(priced.size() + 1));
            p.quantity = *qty;
            auto product = isUuid(p.productId) ? readProduct(ctx.db(), p.productId)
                                               : Result<std::optional<QJsonObject>>(std::optional<QJsonObject>());
            if (!product)
                return product.error();
            if (!product.value())
                return Error(ErrorCode::NotFound,
                             V::tr("Line %1: the product does not exist.").arg(priced.size() + 1));
            const QJsonObject& prod = *product.value();
            if (!prod.value(QStringLiteral("active")).toBool())
                return Error(ErrorCode::Rejected, V::tr("Line %1: %2 is no longer sold (inactive).")
                                                      .arg(priced.size() + 1)
                                                      .arg(prod.value(QStringLiteral("name")).toString()));
            const QString c = prod.value(QStringLiteral("currency")).toString();
            if (!currency.isEmpty() && c != currency)
                return invalid(V::tr("All lines of an order must be in one currency (%1 and %2 are mixed).")
                                   .arg(currency, c));
            currency = c;
            p.unitPrice = jsonWholeNumber(prod.value(QStringLiteral("priceMinor"))).value_or(0);
            p.unitPv = jsonWholeNumber(prod.value(QStringLiteral("pv"))).value_or(0);
            p.unitCv = jsonWholeNumber(prod.value(QStringLiteral("cvMinor"))).value_or(0);
            total += p.unitPrice * p.quantity;
            totalPv += p.unitPv * p.quantity;
            totalCv += p.unitCv * p.quantity;
            priced.push_back(p);
        }

        QSqlQuery q(ctx.db());
        q.prepare(sql::returningKey(ctx.db(),
                                    QStringLiteral("INSERT INTO orders(id, distributor_rid, customer_name, order_date, "
                                                   "currency, total_minor, total_pv, total_cv, line_count, created_at, "
                                                   "updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"),
                                    QStringLiteral("rid")));
        q.addBindValue(id.value());
        q.addBindValue(buyer.value()->rid);
        q.addBindValue(sql::text(customer));
        q.addBindValue(*date);
        q.addBindValue(currency);
        q.addBindValue(total);
        q.addBindValue(totalPv);
        q.addBindValue(totalCv);
        q.addBindValue(qint64(priced.size()));
        q.addBindValue(ctx.nowMs());
        q.addBindValue(ctx.nowMs());
        q.addBindValue(ctx.mutation().actor);
        if (!q.exec())
            return dbError(V::tr("Could not save the order"), q);
        const qint64 orderRid = sql::insertedKey(q);
        q.prepare(QStringLiteral("INSERT INTO order_lines(order_rid, line_no, product_id, quantity, unit_price, "
                                 "unit_pv, unit_cv) VALUES(?,?,?,?,?,?,?)"));
        QJsonArray lineJson;
        for (size_t i = 0; i < priced.size(); ++i) {
            const PricedLine& p = priced[i];
            q.addBindValue(orderRid);
            q.addBindValue(qint64(i + 1));
            q.addBindValue(p.productId);
            q.addBindValue(p.quantity);
            q.addBindValue(p.unitPrice);
            q.addBindValue(p.unitPv);
            q.addBindValue(p.unitCv);
            if (!q.exec())
                return dbError(V::tr("Could not save the order"), q);
            lineJson.append(QJsonObject{{QStringLiteral("productId"), p.productId},
                                        {QStringLiteral("quantity"), p.quantity},
                                        {QStringLiteral("unitPrice"), p.unitPrice},
                                        {QStringLiteral("unitPv"), p.unitPv},
                                        {QStringLiteral("unitCv"), p.unitCv}});
        }
        ctx.recordChange(QStringLiteral("order"), id.value(), EntityChange::Kind::Created, {},
                         QJsonObject{{QStringLiteral("distributorId"), distributorId.value()},
                                     {QStringLiteral("customerName"), customer},
                                     {QStringLiteral("orderDate"), double(*date)},
                                     {QStringLiteral("currency"), currency},
                                     {QStringLiteral("totalMinor"), double(total)},
                                     {QStringLiteral("lines"), lineJson}});
        return {};
    }
};

class ReturnOrder final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("order.return"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        const QJsonObject& args = ctx.args();
        auto id = requireId(args, QStringLiteral("id"), V::tr("The return id is missing or malformed."));
        if (!id)
            return id.error();
        QString err;
        if (exists(ctx.db(), QStringLiteral("SELECT 1 FROM order_returns WHERE id = ?"), id.value(), &err))
            return {}; // a replay has no second effect
        if (!err.isEmpty())
            return Error(ErrorCode::Database, V::tr("Could not read the returns: %1").arg(err));
        auto orderId = requireId(args, QStringLiteral("orderId"), V::tr("The return must name the order it returns."));
        if (!orderId)
            return orderId.error();
        const std::optional<qint64> date = jsonWholeNumber(args.value(QStringLiteral("returnDate")));
        if (!date || *date <= 0)
            return invalid(V::tr("The return needs a date (UTC milliseconds)."));
        const QString reason = args.value(QStringLiteral("reason")).toString().trimmed();
        if (reason.size() > 2000)
            return invalid(V::tr("The reason is too long (at most 2,000 characters)."));
        const QJsonArray wanted = args.value(QStringLiteral("lines")).toArray();
        if (wanted.isEmpty())
            return invalid(V::tr("Say which lines are returned, and how many of each."));

        QSqlQuery q(ctx.db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT rid, order_date, total_minor FROM orders WHERE id = ?"));
        q.addBindValue(orderId.value());
        if (!q.exec())
            return dbError(V::tr("Could not read the order"), q);
        if (!q.next())
            return Error(ErrorCode::NotFound, V::tr("The returned order does not exist."));
        const qint64 orderRid = q.value(0).toLongLong();
        const qint64 orderDate = q.value(1).toLongLong();
        q.finish();
        if (*date < orderDate)
            return invalid(V::tr("A return cannot be dated before its order."));
        if (Status s = PeriodGuard::requireOpenAt(ctx.db(), *date, PeriodGuard::Change::Return); !s)
            return s;

        // What is still unreturned per line.
        struct Line { qint64 quantity = 0, left = 0, unitPrice = 0, unitPv = 0, unitCv = 0; };
        std::vector<Line> lines;
        q.prepare(QStringLiteral("SELECT quantity, unit_price, unit_pv, unit_cv FROM order_lines WHERE order_rid = ? "
                                 "ORDER BY line_no"));
        q.addBindValue(orderRid);
        if (!q.exec())
            return dbError(V::tr("Could not read the order"), q);
        while (q.next())
            lines.push_back({q.value(0).toLongLong(), q.value(0).toLongLong(), q.value(1).toLongLong(),
                             q.value(2).toLongLong(), q.value(3).toLongLong()});
        q.prepare(QStringLiteral("SELECT lines FROM order_returns WHERE order_rid = ?"));
        q.addBindValue(orderRid);
        if (!q.exec())
            return dbError(V::tr("Could not read the returns"), q);
        while (q.next()) {
            for (const QJsonValue& v : QJsonDocument::fromJson(q.value(0).toByteArray()).array()) {
                const qint64 n = v.toObject().value(QStringLiteral("line")).toInteger();
                if (n >= 1 && n <= qint64(lines.size()))
                    lines[size_t(n - 1)].left -= v.toObject().value(QStringLiteral("quantity")).toInteger();
            }
        }

        qint64 pv = 0, cv = 0, refund = 0;
        QJsonArray stored;
        std::vector<bool> seen(lines.size(), false);
        for (const QJsonValue& v : wanted) {
            const std::optional<qint64> n = jsonWholeNumber(v.toObject().value(QStringLiteral("line")));
            const std::optional<qint64> qty = jsonWholeNumber(v.toObject().value(QStringLiteral("quantity")));
            if (!n || *n < 1 || *n > qint64(lines.size()))
                return invalid(V::tr("The order has no line %1.").arg(v.toObject().value(QStringLiteral("line")).toInteger()));
            if (seen[size_t(*n - 1)])
                return invalid(V::tr("Line %1 is listed twice in the return.").arg(*n));
            seen[size_t(*n - 1)] = true;
            const Line& l = lines[size_t(*n - 1)];
            if (!qty || *qty <= 0)
                return invalid(V::tr("Line %1: the returned quantity must be a whole number above zero.").arg(*n));
            if (*qty > l.left)
                return Error(ErrorCode::Rejected, V::tr("Line %1: %2 returned, but only %3 of %4 are not returned yet.")
                                                      .arg(*n)
                                                      .arg(*qty)
                                                      .arg(l.left)
                                                      .arg(l.quantity));
            pv += *qty * l.unitPv;
            cv += *qty * l.unitCv;
            refund += *qty * l.unitPrice;
            stored.append(QJsonObject{{QStringLiteral("line"), *n}, {QStringLiteral("quantity"), *qty}});
        }

        QSqlQuery w(ctx.db());
        w.prepare(QStringLiteral("INSERT INTO order_returns(id, order_rid, return_date, reason, lines, returned_pv, "
                                 "returned_cv, refund_minor, created_at, updated_at, updated_by) "
                                 "VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
        w.addBindValue(id.value());
        w.addBindValue(orderRid);
        w.addBindValue(*date);
        w.addBindValue(sql::text(reason));
        w.addBindValue(QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
        w.addBindValue(pv);
        w.addBindValue(cv);
        w.addBindValue(refund);
        w.addBindValue(ctx.nowMs());
        w.addBindValue(ctx.nowMs());
        w.addBindValue(ctx.mutation().actor);
        if (!w.exec())
            return dbError(V::tr("Could not save the return"), w);
        ctx.recordChange(QStringLiteral("order_return"), id.value(), EntityChange::Kind::Created, {},
                         QJsonObject{{QStringLiteral("orderId"), orderId.value()},
                                     {QStringLiteral("returnDate"), double(*date)},
                                     {QStringLiteral("reason"), reason},
                                     {QStringLiteral("lines"), stored},
                                     {QStringLiteral("refundMinor"), double(refund)}});
        return {};
    }
};

} // namespace

void registerCommerceMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<CreateProduct>());
    registry.add(std::make_unique<UpdateProduct>());
    registry.add(std::make_unique<PlaceOrder>());
    registry.add(std::make_unique<ReturnOrder>());
}

} // namespace outpost
