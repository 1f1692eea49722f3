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

} // namespace

Visibility::Scope Visibility::scope(const QString& role, const QString& entity)
{
    const bool manages = isOneOf(role, {"owner", "admin", "manager"});
    if (entity == QLatin1String("contact") || entity == QLatin1String("contact_share")) {
        if (role == QLatin1String("sales"))
            return Scope::Audience;
        return isOneOf(role, {"owner", "admin", "manager", "support", "finance", "compliance"}) ? Scope::All : Scope::None;
    }
    if (entity == QLatin1String("distributor"))
        return isOneOf(role, {"owner", "admin", "manager", "support", "finance", "compliance"}) ? Scope::All : Scope::None;
    if (entity == QLatin1String("conflict"))
        return manages ? Scope::All : Scope::Audience;
    // Commerce: everyone who sells or supports sees the catalogue; orders and returns go to those who place
    // them or account for them. Commission plans, periods and payouts: finance, compliance and the owners.
    if (entity == QLatin1String("product"))
        return Scope::All;
    if (entity == QLatin1String("order") || entity == QLatin1String("order_return"))
        return isOneOf(role, {"owner", "admin", "manager", "sales", "support", "finance", "compliance"}) ? Scope::All
                                                                                                     : Scope::None;
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
    return std::optional<QStringList>();
}

Result<QList<Visibility::RowRef>> Visibility::dependents(QSqlDatabase& db, const QString& entity, const QString& id,
                                                         const QJsonObject& before, const QJsonObject& after)
{
    QList<RowRef> out;
    if (entity == QLatin1String("contact_share")) {
        // The contact it now shares, and the one it shared before: a share moved by a merge (or moved back by
        // its undo) changes who sees both.
        const QString now = after.value(QStringLiteral("contactId")).toString();
        const QString was = before.value(QStringLiteral("contactId")).toString();
        if (!now.isEmpty())
            out.append({QStringLiteral("contact"), now});
        if (!was.isEmpty() && was != now)
            out.append({QStringLiteral("contact"), was});
    } else if (entity == QLatin1String("contact") && before.contains(QStringLiteral("ownerId"))) {
        auto shares = column(db, QStringLiteral("SELECT id FROM contact_shares WHERE contact_id = ?"), id);
        if (!shares)
            return shares.error();
        for (const QString& s : shares.value())
            out.append({QStringLiteral("contact_share"), s});
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
