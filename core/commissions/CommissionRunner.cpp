#include "commissions/CommissionRunner.h"

#include "mutations/MutationEngine.h"

namespace outpost::commissions {

Result<Mutation> CommissionRunner::calculate(MutationEngine& engine, const QString& periodId, const QString& planId,
                                             const RunControl& control)
{
    QJsonObject args{{QStringLiteral("id"), periodId}};
    if (!planId.isEmpty())
        args.insert(QStringLiteral("planId"), planId);
    ScopedRunControl scope(&control);
    return engine.submit(QStringLiteral("period.calculate"), args);
}

Result<Mutation> CommissionRunner::lock(MutationEngine& engine, const QString& periodId, const RunControl& control)
{
    ScopedRunControl scope(&control);
    return engine.submit(QStringLiteral("period.lock"), QJsonObject{{QStringLiteral("id"), periodId}});
}

} // namespace outpost::commissions
