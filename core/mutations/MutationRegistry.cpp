#include "mutations/MutationRegistry.h"

#include "activities/ActivityMutators.h"
#include "companies/CompanyMutators.h"
#include "commerce/CommerceMutators.h"
#include "commissions/PayoutMutators.h"
#include "commissions/PeriodMutators.h"
#include "contacts/ContactMerge.h"
#include "contacts/ContactMutators.h"
#include "contacts/ContactShares.h"
#include "customfields/CustomFieldMutators.h"
#include "genealogy/GenealogyMutators.h"
#include "leads/LeadMutators.h"
#include "privacy/Consents.h"
#include "privacy/PersonErasure.h"
#include "segments/SegmentMutators.h"
#include "pipeline/DealMutators.h"
#include "pipeline/PipelineMutators.h"
#include "replication/ConflictMutators.h"
#include "tasks/TaskMutators.h"

#include <QStringList>

namespace outpost {

void MutationRegistry::add(std::unique_ptr<Mutator> mutator)
{
    const QString name = mutator->name();
    const int version = mutator->version();
    m_mutators.insert(name + QLatin1Char('@') + QString::number(version), std::shared_ptr<Mutator>(std::move(mutator)));
    m_latest[name] = std::max(m_latest.value(name), version);
}

const Mutator* MutationRegistry::find(const QString& name, int version) const
{
    auto it = m_mutators.constFind(name + QLatin1Char('@') + QString::number(version));
    return it == m_mutators.constEnd() ? nullptr : it.value().get();
}

int MutationRegistry::latestVersion(const QString& name) const
{
    return m_latest.value(name);
}

QStringList MutationRegistry::names() const
{
    QStringList out = m_mutators.keys();
    out.sort();
    return out;
}

const MutationRegistry& MutationRegistry::standard()
{
    static const MutationRegistry registry = [] {
        MutationRegistry r;
        registerContactMutators(r);
        registerContactShareMutators(r);
        registerContactMergeMutators(r);
        registerGenealogyMutators(r);
        registerConflictMutators(r);
        registerActivityMutators(r);
        registerLeadMutators(r);
        registerConsentMutators(r);
        registerErasureMutators(r);
        registerSegmentMutators(r);
        registerPipelineMutators(r);
        registerDealMutators(r);
        registerTaskMutators(r);
        registerCompanyMutators(r);
        registerCustomFieldMutators(r);
        registerCommerceMutators(r);
        registerCommissionMutators(r);
        registerPayoutMutators(r);
        return r;
    }();
    return registry;
}

} // namespace outpost
