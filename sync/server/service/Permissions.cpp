#include "service/Permissions.h"

#include <QHash>
#include <QSet>

namespace outpost::server {

namespace {
// Mutation areas (the part before the dot) each role may change.
const QHash<QString, QSet<QString>>& areasByRole()
{
    // Companies are edited by the roles that edit contacts; custom field definitions only by owners and admins.
    static const QHash<QString, QSet<QString>> map = {
        {QStringLiteral("owner"), {QStringLiteral("contact"), QStringLiteral("company"), QStringLiteral("customfield"),
                                   QStringLiteral("distributor"), QStringLiteral("conflict"), QStringLiteral("consent"),
                                   QStringLiteral("segment")}},
        {QStringLiteral("admin"), {QStringLiteral("contact"), QStringLiteral("company"), QStringLiteral("customfield"),
                                   QStringLiteral("distributor"), QStringLiteral("conflict"), QStringLiteral("consent"),
                                   QStringLiteral("segment")}},
        {QStringLiteral("manager"), {QStringLiteral("contact"), QStringLiteral("company"), QStringLiteral("distributor"),
                                     QStringLiteral("conflict"), QStringLiteral("consent"), QStringLiteral("segment")}},
        {QStringLiteral("sales"), {QStringLiteral("contact"), QStringLiteral("company"), QStringLiteral("conflict"),
                                   QStringLiteral("consent"), QStringLiteral("segment")}},
        {QStringLiteral("support"), {QStringLiteral("contact"), QStringLiteral("company"), QStringLiteral("conflict"),
                                     QStringLiteral("consent"), QStringLiteral("segment")}},
        {QStringLiteral("finance"), {QStringLiteral("distributor"), QStringLiteral("conflict")}},
        {QStringLiteral("compliance"), {QStringLiteral("conflict"), QStringLiteral("consent"), QStringLiteral("segment")}},
    };
    return map;
}

// Leads, activities and lead scoring (kept apart from the map above so each area's rule reads on its own):
// sales work leads (the visibility write rule keeps a rep to the leads they own and the unowned pool) and log
// activities; support logs activities on the contacts they serve but has no leads; only owner, admin and
// manager edit the scoring rules, whose edit re-scores every lead. Finance and compliance change none of them
// (compliance reads activities and leads, see Visibility).
const QHash<QString, QSet<QString>>& leadAreasByRole()
{
    static const QSet<QString> all = {QStringLiteral("activity"), QStringLiteral("lead"), QStringLiteral("scoring_rule")};
    static const QHash<QString, QSet<QString>> map = {
        {QStringLiteral("owner"), all},
        {QStringLiteral("admin"), all},
        {QStringLiteral("manager"), all},
        {QStringLiteral("sales"), {QStringLiteral("activity"), QStringLiteral("lead")}},
        {QStringLiteral("support"), {QStringLiteral("activity")}},
    };
    return map;
}

// Pipelines, deals and tasks (crm3): pipelines and their stages are configured by those who manage the team;
// deals are changed by the sales side (a rep only the deals they can see, i.e. their own: the visibility write
// rule); tasks by everyone who has tasks. Finance reads deals (Visibility) without changing them.
const QHash<QString, QSet<QString>>& pipelineAreasByRole()
{
    static const QSet<QString> managing = {QStringLiteral("pipeline"), QStringLiteral("stage"), QStringLiteral("deal"),
                                           QStringLiteral("task")};
    static const QHash<QString, QSet<QString>> map = {
        {QStringLiteral("owner"), managing},
        {QStringLiteral("admin"), managing},
        {QStringLiteral("manager"), managing},
        {QStringLiteral("sales"), {QStringLiteral("deal"), QStringLiteral("task")}},
        {QStringLiteral("support"), {QStringLiteral("task")}},
        {QStringLiteral("finance"), {QStringLiteral("task")}},
        {QStringLiteral("compliance"), {QStringLiteral("task")}},
    };
    return map;
}

// Commerce and commissions (issue 4), in addition: sales may place orders and returns; the product catalogue
// belongs to managers and finance; only finance, owner and admin edit plans, run commission periods and pay out.
const QHash<QString, QSet<QString>>& commissionAreasByRole()
{
    static const QSet<QString> all = {QStringLiteral("product"), QStringLiteral("order"), QStringLiteral("plan"),
                                      QStringLiteral("period"), QStringLiteral("payout")};
    static const QHash<QString, QSet<QString>> map = {
        {QStringLiteral("owner"), all},
        {QStringLiteral("admin"), all},
        {QStringLiteral("finance"), all},
        {QStringLiteral("manager"), {QStringLiteral("product"), QStringLiteral("order")}},
        {QStringLiteral("sales"), {QStringLiteral("order")}},
    };
    return map;
}

// Mutations allowed by name rather than by area: those that change rows of more than one kind.
// Merging contacts (and taking a merge back) deletes or re-creates a contact and re-points its shares and
// distributor links: allowed to the roles that may create, edit and delete contacts. Every row it changes is
// still held to the visibility write rule (SyncService): a user may merge only contacts they can see, and a
// sales rep, who never sees distributors, cannot merge a contact a distributor is linked to.
const QHash<QString, QSet<QString>>& rolesByMutation()
{
    static const QSet<QString> contactKeepers = {QStringLiteral("owner"), QStringLiteral("admin"),
                                                 QStringLiteral("manager"), QStringLiteral("sales"),
                                                 QStringLiteral("support")};
    // Erasing a person removes their values from every record and history for good: owners, admins, managers
    // and compliance (who handle erasure requests), not the sales and support roles.
    static const QSet<QString> erasers = {QStringLiteral("owner"), QStringLiteral("admin"), QStringLiteral("manager"),
                                          QStringLiteral("compliance")};
    static const QHash<QString, QSet<QString>> map = {
        {QStringLiteral("contact.merge"), contactKeepers},
        {QStringLiteral("contact.unmerge"), contactKeepers},
        // An import's chunks: many creates (or their undo's deletes) in one mutation, for those who create and
        // delete contacts one by one; every row is held to the visibility write rule as a single one would be.
        {QStringLiteral("contact.createMany"), contactKeepers},
        {QStringLiteral("contact.deleteMany"), contactKeepers},
        {QStringLiteral("contact.erase"), erasers},
    };
    return map;
}
} // namespace

const QStringList& Permissions::roles()
{
    static const QStringList list = {QStringLiteral("owner"),   QStringLiteral("admin"),   QStringLiteral("manager"),
                                     QStringLiteral("sales"),   QStringLiteral("support"), QStringLiteral("finance"),
                                     QStringLiteral("compliance")};
    return list;
}

bool Permissions::isRole(const QString& role)
{
    return roles().contains(role);
}

bool Permissions::mayApply(const QString& role, const QString& mutationName)
{
    if (auto it = rolesByMutation().constFind(mutationName); it != rolesByMutation().constEnd())
        return it->contains(role);
    const QString area = mutationName.section(QLatin1Char('.'), 0, 0);
    return areasByRole().value(role).contains(area) || leadAreasByRole().value(role).contains(area)
           || pipelineAreasByRole().value(role).contains(area) || commissionAreasByRole().value(role).contains(area);
}

bool Permissions::mayAdminister(const QString& role)
{
    return role == QLatin1String("owner") || role == QLatin1String("admin");
}

} // namespace outpost::server
