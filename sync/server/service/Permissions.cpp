#include "service/Permissions.h"

#include <QHash>
#include <QSet>

namespace outpost::server {

namespace {
// Mutation areas (the part before the dot) each role may change.
const QHash<QString, QSet<QString>>& areasByRole()
{
    static const QHash<QString, QSet<QString>> map = {
        {QStringLiteral("owner"), {QStringLiteral("contact"), QStringLiteral("distributor"), QStringLiteral("conflict")}},
        {QStringLiteral("admin"), {QStringLiteral("contact"), QStringLiteral("distributor"), QStringLiteral("conflict")}},
        {QStringLiteral("manager"), {QStringLiteral("contact"), QStringLiteral("distributor"), QStringLiteral("conflict")}},
        {QStringLiteral("sales"), {QStringLiteral("contact"), QStringLiteral("conflict")}},
        {QStringLiteral("support"), {QStringLiteral("contact"), QStringLiteral("conflict")}},
        {QStringLiteral("finance"), {QStringLiteral("distributor"), QStringLiteral("conflict")}},
        {QStringLiteral("compliance"), {QStringLiteral("conflict")}},
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
    static const QHash<QString, QSet<QString>> map = {
        {QStringLiteral("contact.merge"), contactKeepers},
        {QStringLiteral("contact.unmerge"), contactKeepers},
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
    return areasByRole().value(role).contains(area) || commissionAreasByRole().value(role).contains(area);
}

bool Permissions::mayAdminister(const QString& role)
{
    return role == QLatin1String("owner") || role == QLatin1String("admin");
}

} // namespace outpost::server
