#include "service/Visibility.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSet>

namespace outpost::server {

namespace {

bool isOneOf(const QString& role, std::initializer_list<const char*> roles)
{
    for (const char* r : roles) {
        if (role == QLatin1String(r))
            return true;
    }
    return false;
}

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, q.lastError().text());
}

Result<QStringList> column(QSqlDatabase& db, const QString& sql, const QString& arg)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(arg);
    if (!q.exec())
        return dbError(q);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

// A contact's audience: its owner and the users it is shared with; nullopt for the team pool (no owner).
Result<std::optional<QStringList>> contactAudience(QSqlDatabase& db, const QString& contactId)
{
    auto owner = column(db, QStringLiteral("SELECT owner_id FROM contacts WHERE id = ?"), contactId);
    if (!owner)
        return owner.error();
    if (owner->isEmpty() || owner->first().isEmpty())
        return std::optional<QStringList>();
    auto shared = column(db, QStringLiteral("SELECT user_id FROM contact_shares WHERE contact_id = ?"), contactId);
    if (!shared)
        return shared.error();
    return std::optional<QStringList>(QStringList{owner->first()} + shared.value());
}

// Leads, activities and scoring rules. A lead is its owner's (unowned: the team's pool); an activity follows its
// subject's audience (a contact's owner and shares, a lead's owner, and whatever rule a company or deal has).
// Sales see their own; support sees every activity (it logs them on any contact) but no leads; compliance reads
// both; finance neither. Every role that scores leads receives the rules (scores are computed on each device).
Visibility::Scope leadScope(const QString& role, const QString& entity)
{
    if (isOneOf(role, {"owner", "admin", "manager"}))
        return Visibility::Scope::All;
    if (entity == QLatin1String("scoring_rule"))
        return role == QLatin1String("sales") ? Visibility::Scope::All : Visibility::Scope::None;
    if (role == QLatin1String("sales"))
        return Visibility::Scope::Audience;
    if (role == QLatin1String("compliance"))
        return Visibility::Scope::All;
    if (role == QLatin1String("support") && entity == QLatin1String("activity"))
        return Visibility::Scope::All;
    return Visibility::Scope::None;
}

// A row owned by one user (a deal, or its stage history through the deal): its owner; nullopt for the team's
// pool (no owner); nobody when the row is gone.
Result<std::optional<QStringList>> ownerAudience(QSqlDatabase& db, const QString& sql, const QString& id)
{
    auto owner = column(db, sql, id);
    if (!owner)
        return owner.error();
    if (owner->isEmpty())
        return std::optional<QStringList>(QStringList{});
    if (owner->first().isEmpty())
        return std::optional<QStringList>();
    return std::optional<QStringList>(QStringList{owner->first()});
}

} // namespace

Visibility::Scope Visibility::scope(const QString& role, const QString& entity)
{
    const bool manages = isOneOf(role, {"owner", "admin", "manager"});
    // Consents and erasures belong to a contact and are seen by whoever sees it.
    if (entity == QLatin1String("contact") || entity == QLatin1String("contact_share")
        || entity == QLatin1String("consent") || entity == QLatin1String("erasure")) {
        if (role == QLatin1String("sales"))
            return Scope::Audience;
        return isOneOf(role, {"owner", "admin", "manager", "support", "finance", "compliance"}) ? Scope::All : Scope::None;
    }
    // Saved segments are filters, not contact data: shared with everyone who works with contacts.
    if (entity == QLatin1String("segment"))
        return isOneOf(role, {"owner", "admin", "manager", "sales", "support", "compliance"}) ? Scope::All : Scope::None;
    // Companies and the custom field definitions are team-wide: every role that sees contacts sees all of
    // them (a sales rep sees the companies of colleagues' contacts too; a company holds no personal data
    // beyond its switchboard). Their rows have no audience.
    if (entity == QLatin1String("company") || entity == QLatin1String("customfield"))
        return isOneOf(role, {"owner", "admin", "manager", "sales", "support", "finance", "compliance"}) ? Scope::All
                                                                                                       : Scope::None;
    if (entity == QLatin1String("distributor"))
        return isOneOf(role, {"owner", "admin", "manager", "support", "finance", "compliance"}) ? Scope::All : Scope::None;
    if (entity == QLatin1String("conflict"))
        return manages ? Scope::All : Scope::Audience;
    if (entity == QLatin1String("lead") || entity == QLatin1String("activity") || entity == QLatin1String("scoring_rule"))
        return leadScope(role, entity);
    // crm3. Pipelines and stages are the board's shape: everyone who works with deals sees them. A deal follows
    // its owner like a contact (an unowned deal is the team's pool), and its stage history follows the deal;
    // finance reads every deal. A task goes to its assignee and its creator; managers see all tasks.
    if (entity == QLatin1String("pipeline") || entity == QLatin1String("pipeline_stage"))
        return isOneOf(role, {"owner", "admin", "manager", "sales", "support", "finance"}) ? Scope::All : Scope::None;
    if (entity == QLatin1String("deal") || entity == QLatin1String("deal_stage_change")) {
        if (role == QLatin1String("sales"))
            return Scope::Audience;
        return isOneOf(role, {"owner", "admin", "manager", "finance"}) ? Scope::All : Scope::None;
    }
    if (entity == QLatin1String("task"))
        return manages ? Scope::All : Scope::Audience;
    // Commerce: everyone who sells or supports sees the catalogue. Orders and returns go to the roles that see
    // the genealogy: an order belongs to a distributor (a device cannot store one whose distributor it does not
    // have, and a sales rep never receives distributors) and carries the volumes commissions are paid on.
    // Commission plans, periods and payouts: finance, compliance and the owners.
    if (entity == QLatin1String("product"))
        return Scope::All;
    if (entity == QLatin1String("order") || entity == QLatin1String("order_return"))
        return scope(role, QStringLiteral("distributor"));
    if (entity == QLatin1String("commission_plan") || entity == QLatin1String("commission_period")
        || entity == QLatin1String("payout_batch"))
        return isOneOf(role, {"owner", "admin", "finance", "compliance"}) ? Scope::All : Scope::None;
    return Scope::None; // an entity nobody has classified is sent to nobody
}

Result<std::optional<QStringList>> Visibility::audienceOf(QSqlDatabase& db, const QString& entity, const QString& id)
{
    if (entity == QLatin1String("contact"))
        return contactAudience(db, id);
    if (entity == QLatin1String("contact_share")) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT s.user_id, c.owner_id FROM contact_shares s "
                                 "LEFT JOIN contacts c ON c.id = s.contact_id WHERE s.id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(q);
        if (!q.next())
            return std::optional<QStringList>(QStringList{});
        QStringList users{q.value(0).toString()};
        if (!q.value(1).toString().isEmpty())
            users << q.value(1).toString();
        return std::optional<QStringList>(users);
    }
    if (entity == QLatin1String("consent") || entity == QLatin1String("erasure")) {
        auto contact = column(db,
                              entity == QLatin1String("consent")
                                  ? QStringLiteral("SELECT contact_id FROM consents WHERE id = ?")
                                  : QStringLiteral("SELECT contact_id FROM erasures WHERE id = ?"),
                              id);
        if (!contact)
            return contact.error();
        if (contact->isEmpty())
            return std::optional<QStringList>(QStringList{});
        return contactAudience(db, contact->first());
    }
    if (entity == QLatin1String("conflict")) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT winner, loser FROM sync_conflicts WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(q);
        if (!q.next())
            return std::optional<QStringList>(QStringList{});
        return std::optional<QStringList>(QStringList{q.value(0).toString(), q.value(1).toString()});
    }
    if (entity == QLatin1String("lead"))
        return ownerAudience(db, QStringLiteral("SELECT owner_id FROM leads WHERE id = ?"), id);
    if (entity == QLatin1String("activity")) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT subject_type, subject_id FROM activities WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(q);
        if (!q.next())
            return std::optional<QStringList>(QStringList{});
        const QString subjectType = q.value(0).toString();
        const QString subjectId = q.value(1).toString();
        return audienceOf(db, subjectType, subjectId);
    }
    if (entity == QLatin1String("deal"))
        return ownerAudience(db, QStringLiteral("SELECT owner_id FROM deals WHERE id = ?"), id);
    if (entity == QLatin1String("deal_stage_change"))
        return ownerAudience(db, QStringLiteral("SELECT d.owner_id FROM deal_stage_changes c JOIN deals d ON d.id = c.deal_id "
                                                "WHERE c.id = ?"),
                             id);
    if (entity == QLatin1String("task")) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT assignee_id, created_by FROM tasks WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(q);
        if (!q.next())
            return std::optional<QStringList>(QStringList{});
        QStringList users;
        for (int i = 0; i < 2; ++i) {
            if (!q.value(i).toString().isEmpty())
                users << q.value(i).toString();
        }
        if (users.isEmpty())
            return std::optional<QStringList>(); // nobody's task: the team's
        return std::optional<QStringList>(users);
    }
    return std::optional<QStringList>();
}

Result<QList<Visibility::RowRef>> Visibility::dependents(QSqlDatabase& db, const QString& entity, const QString& id,
                                                         const QJsonObject& before, const QJsonObject& after)
{
    QList<RowRef> out;
    // Every `what` row the query finds for `arg`.
    auto addAll = [&](const char* what, const char* sql, const QString& arg) -> Status {
        auto ids = column(db, QString::fromLatin1(sql), arg);
        if (!ids)
            return ids.error();
        for (const QString& found : ids.value())
            out.append({QString::fromLatin1(what), found});
        return {};
    };
    const char* const kConsentsOf = "SELECT id FROM consents WHERE contact_id = ?"; // seen by whoever sees the contact
    if (entity == QLatin1String("contact_share")) {
        // The contact it now shares, and the one it shared before: a share moved by a merge (or moved back by
        // its undo) changes who sees both.
        const QString now = after.value(QStringLiteral("contactId")).toString();
        const QString was = before.value(QStringLiteral("contactId")).toString();
        for (const QString& contactId : {now, was == now ? QString() : was}) {
            if (contactId.isEmpty())
                continue;
            out.append({QStringLiteral("contact"), contactId});
            if (Status s = addAll("consent", kConsentsOf, contactId); !s)
                return s.error();
        }
    } else if (entity == QLatin1String("contact") && before.contains(QStringLiteral("ownerId"))) {
        if (Status s = addAll("contact_share", "SELECT id FROM contact_shares WHERE contact_id = ?", id); !s)
            return s.error();
        if (Status s = addAll("consent", kConsentsOf, id); !s)
            return s.error();
    } else if (entity == QLatin1String("deal") && before.contains(QStringLiteral("ownerId"))) {
        // A deal's stage history follows it to its new owner.
        if (Status s = addAll("deal_stage_change", "SELECT id FROM deal_stage_changes WHERE deal_id = ?", id); !s)
            return s.error();
    }
    // An activity follows its subject: whatever changes who sees a contact or a lead re-sends its activities.
    QStringList subjects;
    if (entity == QLatin1String("contact_share")) {
        for (const RowRef& r : out) {
            if (r.entity == QLatin1String("contact"))
                subjects << r.id;
        }
    } else if ((entity == QLatin1String("contact") || entity == QLatin1String("lead") || entity == QLatin1String("deal"))
               && before.contains(QStringLiteral("ownerId"))) {
        subjects << id;
    }
    for (const QString& subject : subjects) {
        if (Status s = addAll("activity", "SELECT id FROM activities WHERE subject_id = ?", subject); !s)
            return s.error();
    }
    return out;
}

QString Visibility::encode(const QStringList& users)
{
    QStringList unique;
    QSet<QString> seen;
    for (const QString& u : users) {
        if (!u.isEmpty() && !seen.contains(u)) {
            seen.insert(u);
            unique << u;
        }
    }
    if (unique.isEmpty())
        return QString();
    return QLatin1Char(' ') + unique.join(QLatin1Char(' ')) + QLatin1Char(' ');
}

bool Visibility::contains(const QString& encoded, const QString& userId)
{
    if (encoded.contains(QStringLiteral(" * ")))
        return true;
    return !userId.isEmpty() && encoded.contains(QLatin1Char(' ') + userId + QLatin1Char(' '));
}

QString Visibility::merge(const QString& encoded, const QStringList& users)
{
    return encode(encoded.split(QLatin1Char(' '), Qt::SkipEmptyParts) + users);
}

} // namespace outpost::server
