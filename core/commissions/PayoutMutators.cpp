#include "commissions/PayoutMutators.h"

#include "commissions/CommissionStore.h"
#include "mutations/MutationRegistry.h"
#include "storage/FastQuery.h"
#include "storage/SqlExec.h"
#include "util/JsonNumber.h"
#include "util/Uuid.h"

#include <QSqlError>
#include <QSqlQuery>

#include <map>

namespace outpost {

namespace {

using V = PayoutValidation;
using namespace commissions;

Error dbError(const QString& detail)
{
    return Error(ErrorCode::Database, V::tr("Could not create the payout batch: %1").arg(detail));
}

class CreatePayoutBatch final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("payout.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        const QJsonObject& args = ctx.args();
        const QString id = args.value(QStringLiteral("id")).toString();
        if (!isUuid(id))
            return Error(ErrorCode::InvalidArgument, V::tr("The payout batch id is missing or malformed."));
        const QString periodId = args.value(QStringLiteral("periodId")).toString();
        if (!isUuid(periodId))
            return Error(ErrorCode::InvalidArgument, V::tr("Choose the committed period to pay out."));
        const auto minimum = jsonWholeNumber(args.value(QStringLiteral("minimum")));
        if (!minimum || *minimum < 0)
            return Error(ErrorCode::InvalidArgument,
                         V::tr("The minimum payout must be a whole amount in minor units, zero or more."));

        QSqlQuery q(ctx.db());
        q.setForwardOnly(true);
        if (!execBound(q,
                       QStringLiteral("SELECT id FROM payout_batches WHERE id = ? OR period_id = ?"),
                       {id, periodId}))
            return dbError(q.lastError().text());
        if (q.next()) {
            if (q.value(0).toString() == id)
                return {}; // replay
            return Error(ErrorCode::Rejected, V::tr("This period has already been paid out."));
        }
        q.finish();
        auto period = CommissionStore::readPeriod(ctx.db(), periodId);
        if (!period)
            return period.error();
        if (!period.value())
            return Error(ErrorCode::NotFound, V::tr("The commission period does not exist."));
        const PeriodRow& p = *period.value();
        if (p.state != QLatin1String("committed"))
            return Error(ErrorCode::Rejected,
                         V::tr("Period %1 is not committed yet: only committed periods are paid out.").arg(p.name));
        auto plan = CommissionPlan::fromJson(p.planJson);
        if (!plan)
            return plan.error();

        // Earnings of the period and balances carried from earlier batches, per distributor, with KYC.
        struct Item { qint64 earned = 0, carried = 0; bool kycApproved = false; };
        std::map<qint64, Item> items;
        FastQuery f(ctx.db());
        if (!f.prepare(QStringLiteral("SELECT r.distributor_rid, r.total_minor, d.kyc_status FROM commission_results r "
                                      "JOIN distributors d ON d.rid = r.distributor_rid "
                                      "WHERE r.period_rid = ? AND r.total_minor <> 0")))
            return dbError(f.lastError());
        f.bind(1, p.rid);
        if (!f.exec())
            return dbError(f.lastError());
        while (f.next()) {
            Item& it = items[f.int64(0)];
            it.earned = f.int64(1);
            it.kycApproved = f.text(2) == QLatin1String("approved");
        }
        if (!f.prepare(QStringLiteral("SELECT b.distributor_rid, b.amount, d.kyc_status FROM payout_balances b "
                                      "JOIN distributors d ON d.rid = b.distributor_rid WHERE b.amount <> 0")))
            return dbError(f.lastError());
        if (!f.exec())
            return dbError(f.lastError());
        while (f.next()) {
            Item& it = items[f.int64(0)];
            it.carried = f.int64(1);
            it.kycApproved = f.text(2) == QLatin1String("approved");
        }

        // Validated; now write.
        qint64 paid = 0, held = 0, carried = 0;
        if (!f.prepare(QStringLiteral("INSERT INTO payout_items(batch_id, distributor_rid, earned, carried_in, amount, "
                                      "status) VALUES(?,?,?,?,?,?)")))
            return dbError(f.lastError());
        // Every balance carried in is consumed by this batch (it is an item), and so is any left for someone
        // with earnings in the period: one statement, not one per distributor. Only balances of distributors
        // on file, as the items were read: a balance whose distributor row is gone stays where it is.
        FastQuery balance(ctx.db());
        if (!balance.prepare(QStringLiteral("DELETE FROM payout_balances WHERE distributor_rid IN "
                                            "(SELECT rid FROM distributors) AND (amount <> 0 OR distributor_rid IN "
                                            "(SELECT distributor_rid FROM commission_results WHERE period_rid = ? "
                                            "AND total_minor <> 0))")))
            return dbError(balance.lastError());
        balance.bind(1, p.rid);
        if (!balance.exec())
            return dbError(balance.lastError());
        FastQuery keep(ctx.db());
        if (!keep.prepare(QStringLiteral("INSERT INTO payout_balances(distributor_rid, amount, batch_id) VALUES(?,?,?)")))
            return dbError(keep.lastError());
        for (const auto& [rid, it] : items) {
            const qint64 amount = it.earned + it.carried;
            QString status;
            if (!it.kycApproved) {
                status = QStringLiteral("held");
                held += amount;
            } else if (amount < *minimum || amount <= 0) {
                status = QStringLiteral("carried");
                carried += amount;
            } else {
                status = QStringLiteral("payable");
                paid += amount;
            }
            f.bind(1, id);
            f.bind(2, rid);
            f.bind(3, it.earned);
            f.bind(4, it.carried);
            f.bind(5, amount);
            f.bind(6, status);
            if (!f.exec())
                return dbError(f.lastError());
            if (status != QLatin1String("payable") && amount != 0) {
                keep.bind(1, rid);
                keep.bind(2, amount);
                keep.bind(3, id);
                if (!keep.exec())
                    return dbError(keep.lastError());
            }
        }
        if (!execBound(q,
                       QStringLiteral("INSERT INTO payout_batches(id, period_id, currency, minimum, total_paid, total_held, "
                                      "total_carried, created_at, updated_at, updated_by) VALUES(?,?,?,?,?,?,?,?,?,?)"),
                       {id, periodId, plan->currency, *minimum, paid, held, carried, ctx.nowMs(), ctx.nowMs(), ctx.mutation().actor}))
            return dbError(q.lastError().text());
        ctx.recordChange(QStringLiteral("payout_batch"), id, EntityChange::Kind::Created, {},
                         QJsonObject{{QStringLiteral("periodId"), periodId},
                                     {QStringLiteral("minimum"), double(*minimum)},
                                     {QStringLiteral("totalPaid"), double(paid)},
                                     {QStringLiteral("totalHeld"), double(held)},
                                     {QStringLiteral("totalCarried"), double(carried)}});
        return {};
    }
};

} // namespace

void registerPayoutMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<CreatePayoutBatch>());
}

} // namespace outpost
