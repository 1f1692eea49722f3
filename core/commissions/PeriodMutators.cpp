#include "commissions/PeriodMutators.h"

#include "commissions/CommissionStore.h"
#include "commissions/PeriodGuard.h"
#include "mutations/MutationRegistry.h"
#include "storage/SqlExec.h"
#include "util/JsonNumber.h"
#include "util/Uuid.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

using V = CommissionValidation;
using namespace commissions;

const QString kPeriodEntity = QStringLiteral("commission_period");

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

Result<PeriodRow> requirePeriod(MutationContext& ctx, const QString& key = QStringLiteral("id"))
{
    auto id = requireId(ctx.args(), key, V::tr("The commission period id is missing or malformed."));
    if (!id)
        return id.error();
    auto period = CommissionStore::readPeriod(ctx.db(), id.value());
    if (!period)
        return period.error();
    if (!period.value())
        return Error(ErrorCode::NotFound, V::tr("The commission period does not exist."));
    return *period.value();
}

QJsonObject periodState(const PeriodRow& p)
{
    return QJsonObject{{QStringLiteral("state"), p.state},
                       {QStringLiteral("planId"), p.planId},
                       {QStringLiteral("resultDigest"), p.resultDigest},
                       {QStringLiteral("totalPaid"), double(p.totalPaid)}};
}

Status setState(MutationContext& ctx, const PeriodRow& p, const QString& state, const QString& timeColumn)
{
    QSqlQuery q(ctx.db());
    if (!execBound(q,
                   QStringLiteral("UPDATE commission_periods SET state = ?, %1 = ?, updated_at = ?, updated_by = ? WHERE rid = ?")
                       .arg(timeColumn),
                   {state, ctx.nowMs(), ctx.nowMs(), ctx.mutation().actor, p.rid}))
        return dbError(V::tr("Could not save the commission period"), q);
    PeriodRow after = p;
    after.state = state;
    ctx.recordChange(kPeriodEntity, p.id, EntityChange::Kind::Updated, periodState(p), periodState(after));
    return {};
}

class UpdatePlan final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("plan.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args(), QStringLiteral("id"), V::tr("The plan id is missing or malformed."));
        if (!id)
            return id.error();
        const QString planName = ctx.args().value(QStringLiteral("name")).toString().trimmed();
        if (planName.isEmpty() || planName.size() > 200)
            return invalid(V::tr("A plan needs a name of at most 200 characters."));
        const QJsonValue planValue = ctx.args().value(QStringLiteral("plan"));
        if (!planValue.isObject())
            return invalid(V::tr("\"plan\" must be the plan as a JSON object."));
        auto plan = CommissionPlan::fromJson(planValue.toObject());
        if (!plan)
            return invalid(V::tr("The plan is not valid: %1").arg(plan.message()));
        const QString json = QString::fromUtf8(QJsonDocument(planValue.toObject()).toJson(QJsonDocument::Compact));

        QSqlQuery q(ctx.db());
        q.setForwardOnly(true);
        if (!execBound(q, QStringLiteral("SELECT name, plan_json FROM commission_plans WHERE id = ?"), {id.value()}))
            return dbError(V::tr("Could not read the plan"), q);
        const bool existed = q.next();
        const QString oldName = existed ? q.value(0).toString() : QString();
        const QString oldJson = existed ? q.value(1).toString() : QString();
        q.finish();
        if (existed && oldName == planName && oldJson == json)
            return {}; // replay
        if (existed && oldJson != json) {
            if (Status s = PeriodGuard::requirePlanEditable(ctx.db(), id.value()); !s)
                return s;
        }
        QVariantList values{planName, json, plan->currency, ctx.nowMs(), ctx.mutation().actor, id.value()};
        if (!existed)
            values << ctx.nowMs();
        if (!execBound(q,
                       existed ? QStringLiteral("UPDATE commission_plans SET name = ?, plan_json = ?, currency = ?, "
                                                "updated_at = ?, updated_by = ? WHERE id = ?")
                               : QStringLiteral("INSERT INTO commission_plans(name, plan_json, currency, updated_at, "
                                                "updated_by, id, created_at) VALUES(?,?,?,?,?,?,?)"),
                       values))
            return dbError(V::tr("Could not save the plan"), q);
        ctx.recordChange(QStringLiteral("commission_plan"), id.value(),
                         existed ? EntityChange::Kind::Updated : EntityChange::Kind::Created,
                         existed ? QJsonObject{{QStringLiteral("name"), oldName}} : QJsonObject{},
                         QJsonObject{{QStringLiteral("name"), planName}, {QStringLiteral("plan"), planValue}});
        return {};
    }
};

class OpenPeriod final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("period.open"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        const QJsonObject& args = ctx.args();
        auto id = requireId(args, QStringLiteral("id"), V::tr("The commission period id is missing or malformed."));
        if (!id)
            return id.error();
        auto existing = CommissionStore::readPeriod(ctx.db(), id.value());
        if (!existing)
            return existing.error();
        if (existing.value())
            return {}; // replay
        const QString periodName = args.value(QStringLiteral("name")).toString().trimmed();
        if (periodName.isEmpty() || periodName.size() > 100)
            return invalid(V::tr("A period needs a name of at most 100 characters, e.g. \"2026-03\"."));
        const auto starts = jsonWholeNumber(args.value(QStringLiteral("startsAt")));
        const auto ends = jsonWholeNumber(args.value(QStringLiteral("endsAt")));
        if (!starts || !ends || *starts <= 0 || *ends <= *starts)
            return invalid(V::tr("A period needs a start and an end after it (UTC milliseconds)."));
        auto planId = requireId(args, QStringLiteral("planId"), V::tr("Choose the commission plan of the period."));
        if (!planId)
            return planId.error();
        if (auto plan = CommissionStore::readPlan(ctx.db(), planId.value()); !plan)
            return plan.error();

        QSqlQuery q(ctx.db());
        q.setForwardOnly(true);
        if (!execBound(q,
                       QStringLiteral("SELECT name FROM commission_periods WHERE starts_at < ? AND ends_at > ? LIMIT 1"),
                       {*ends, *starts}))
            return dbError(V::tr("Could not read the commission periods"), q);
        if (q.next())
            return Error(ErrorCode::Rejected, V::tr("The period overlaps period %1; periods cannot overlap.")
                                                  .arg(q.value(0).toString()));
        q.finish();
        if (!execBound(q,
                       QStringLiteral("INSERT INTO commission_periods(id, name, starts_at, ends_at, state, plan_id, created_at, "
                                      "updated_at, updated_by) VALUES(?,?,?,?,'open',?,?,?,?)"),
                       {id.value(), periodName, *starts, *ends, planId.value(), ctx.nowMs(), ctx.nowMs(), ctx.mutation().actor}))
            return dbError(V::tr("Could not save the commission period"), q);
        ctx.recordChange(kPeriodEntity, id.value(), EntityChange::Kind::Created, {},
                         QJsonObject{{QStringLiteral("name"), periodName},
                                     {QStringLiteral("startsAt"), double(*starts)},
                                     {QStringLiteral("endsAt"), double(*ends)},
                                     {QStringLiteral("state"), QStringLiteral("open")},
                                     {QStringLiteral("planId"), planId.value()}});
        return {};
    }
};

class CalculatePeriod final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("period.calculate"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto period = requirePeriod(ctx);
        if (!period)
            return period.error();
        PeriodRow p = period.value();
        if (p.state == QLatin1String("locked") || p.state == QLatin1String("committed"))
            return Error(ErrorCode::Rejected,
                         p.state == QLatin1String("locked")
                             ? V::tr("Period %1 is locked for payment and cannot be calculated again.").arg(p.name)
                             : V::tr("Period %1 is committed: its commissions are final.").arg(p.name));
        QString planId = p.planId;
        if (ctx.args().contains(QStringLiteral("planId"))) {
            auto chosen = requireId(ctx.args(), QStringLiteral("planId"), V::tr("The plan id is malformed."));
            if (!chosen)
                return chosen.error();
            planId = chosen.value();
        }
        QByteArray planJson;
        auto plan = CommissionStore::readPlan(ctx.db(), planId, &planJson);
        if (!plan)
            return plan.error();
        const RunControl* control = ScopedRunControl::current();
        std::optional<CalculationSummary> done;
        QByteArray inputDigest;
        {
            ScopedRunPageCache smallCache(ctx.db());
            auto loaded = CommissionStore::loadInput(ctx.db(), p, plan.value(), control);
            if (!loaded)
                return loaded.error();
            inputDigest = loaded->digest;
            auto calculated = CommissionStore::calculate(ctx.db(), p, plan.value(), loaded.value(), control);
            if (!calculated)
                return calculated.error();
            done = std::move(calculated.value());
        } // the input is released here, before the period row is written

        QSqlQuery q(ctx.db());
        if (!execBound(q,
                       QStringLiteral("UPDATE commission_periods SET state = 'calculated', plan_id = ?, plan_json = ?, "
                                      "run_count = run_count + 1, last_run_at = ?, previous_digest = result_digest, "
                                      "result_digest = ?, input_digest = ?, total_paid = ?, line_count = ?, updated_at = ?, "
                                      "updated_by = ? WHERE rid = ?"),
                       {planId, QString::fromUtf8(planJson), ctx.nowMs(), done->digest, QString::fromLatin1(inputDigest), done->totalPaid, done->lineCount, ctx.nowMs(), ctx.mutation().actor, p.rid}))
            return dbError(V::tr("Could not save the commission period"), q);
        PeriodRow after = p;
        after.state = QStringLiteral("calculated");
        after.planId = planId;
        after.resultDigest = done->digest;
        after.totalPaid = done->totalPaid;
        ctx.recordChange(kPeriodEntity, p.id, EntityChange::Kind::Updated, periodState(p), periodState(after));
        return {};
    }
};

class LockPeriod final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("period.lock"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto period = requirePeriod(ctx);
        if (!period)
            return period.error();
        const PeriodRow& p = period.value();
        if (p.state == QLatin1String("locked"))
            return {}; // replay
        if (p.state == QLatin1String("committed"))
            return Error(ErrorCode::Rejected, V::tr("Period %1 is already committed.").arg(p.name));
        if (p.state == QLatin1String("open"))
            return Error(ErrorCode::Rejected,
                         V::tr("Period %1 has not been calculated yet: calculate it and check the preview before "
                               "locking.")
                             .arg(p.name));
        QByteArray planJson;
        auto plan = CommissionStore::readPlan(ctx.db(), p.planId, &planJson);
        if (!plan)
            return plan.error();
        auto loaded = CommissionStore::loadInput(ctx.db(), p, plan.value(), ScopedRunControl::current());
        if (!loaded)
            return loaded.error();
        if (QString::fromLatin1(loaded->digest) != p.inputDigest || planJson != p.planJson)
            return Error(ErrorCode::Rejected, V::tr("Orders, returns, the genealogy or the plan of period %1 changed "
                                                    "since it was last calculated. Calculate it again, check the "
                                                    "preview, then lock it.")
                                                  .arg(p.name));
        return setState(ctx, p, QStringLiteral("locked"), QStringLiteral("locked_at"));
    }
};

class CommitPeriod final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("period.commit"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto period = requirePeriod(ctx);
        if (!period)
            return period.error();
        const PeriodRow& p = period.value();
        if (p.state == QLatin1String("committed"))
            return {}; // replay
        if (p.state != QLatin1String("locked"))
            return Error(ErrorCode::Rejected,
                         V::tr("Period %1 must be locked before it is committed.").arg(p.name));
        auto plan = CommissionPlan::fromJson(p.planJson);
        if (!plan)
            return plan.error();
        if (Status s = CommissionStore::writeRanks(ctx.db(), p, plan.value()); !s)
            return s;
        return setState(ctx, p, QStringLiteral("committed"), QStringLiteral("committed_at"));
    }
};

} // namespace

void registerCommissionMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<UpdatePlan>());
    registry.add(std::make_unique<OpenPeriod>());
    registry.add(std::make_unique<CalculatePeriod>());
    registry.add(std::make_unique<LockPeriod>());
    registry.add(std::make_unique<CommitPeriod>());
}

} // namespace outpost
