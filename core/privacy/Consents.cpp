#include "privacy/Consents.h"
#include "mutations/ArgReader.h"
#include "storage/SqlDialect.h"

#include "contacts/ContactSql.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "util/JsonNumber.h"
#include "util/Uuid.h"
#include "storage/SqlExec.h"

#include <QJsonValue>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

const QString kEntity = QStringLiteral("consent");
const QString kColumns = QStringLiteral(
    "id, contact_id, purpose, source, given_at, withdrawn_at, expires_at, created_at, updated_at, updated_by");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

Error dbError(const QSqlQuery& q)
{
    return Error(ErrorCode::Database, Consents::tr("Could not save the consent: %1").arg(q.lastError().text()));
}

QJsonValue timeJson(const std::optional<qint64>& t)
{
    return t ? QJsonValue(double(*t)) : QJsonValue(QJsonValue::Null);
}

Consent consentFrom(const QSqlQuery& q)
{
    Consent c;
    c.id = q.value(0).toString();
    c.contactId = q.value(1).toString();
    c.purpose = q.value(2).toString();
    c.source = q.value(3).toString();
    c.givenAt = q.value(4).toLongLong();
    if (!q.value(5).isNull())
        c.withdrawnAt = q.value(5).toLongLong();
    if (!q.value(6).isNull())
        c.expiresAt = q.value(6).toLongLong();
    c.createdAt = q.value(7).toLongLong();
    c.updatedAt = q.value(8).toLongLong();
    c.updatedBy = q.value(9).toString();
    return c;
}

Result<QString> requireId(const QJsonObject& args, const char* name, const QString& what)
{
    const QString id = args.value(QLatin1String(name)).toString();
    if (!isUuid(id))
        return invalid(Consents::tr("The %1 id is missing or malformed.").arg(what));
    return id;
}

// Reads a text argument (trimmed); `required` refuses an empty one.
Result<QString> readText(const QJsonValue& v, const QString& label, bool required)
{
    if (!v.isString())
        return invalid(Consents::tr("The %1 must be text.").arg(label));
    const QString s = v.toString().trimmed();
    if (required && s.isEmpty())
        return invalid(Consents::tr("The %1 cannot be empty.").arg(label));
    if (s.size() > 200)
        return invalid(Consents::tr("The %1 is too long (at most 200 characters).").arg(label));
    return s;
}

Result<qint64> readTime(const QJsonValue& v, const QString& label)
{
    auto t = jsonWholeNumber(v);
    if (!t || *t <= 0)
        return invalid(Consents::tr("The %1 must be a time (UTC milliseconds).").arg(label));
    return *t;
}

Status checkTimes(const Consent& c)
{
    if (c.expiresAt && *c.expiresAt <= c.givenAt)
        return invalid(Consents::tr("A consent must expire after it was given."));
    if (c.withdrawnAt && *c.withdrawnAt < c.givenAt)
        return invalid(Consents::tr("A consent cannot be withdrawn before it was given."));
    return {};
}

Status applyEdit(const QJsonObject& set, Consent* c)
{
    for (auto it = set.begin(); it != set.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("purpose") || key == QLatin1String("source")) {
            auto text = readText(it.value(), key == QLatin1String("purpose") ? Consents::tr("purpose")
                                                                             : Consents::tr("source"),
                                 key == QLatin1String("purpose"));
            if (!text)
                return text.error();
            (key == QLatin1String("purpose") ? c->purpose : c->source) = text.value();
        } else if (key == QLatin1String("givenAt")) {
            auto t = readTime(it.value(), Consents::tr("time it was given"));
            if (!t)
                return t.error();
            c->givenAt = t.value();
        } else if (key == QLatin1String("expiresAt")) {
            if (it.value().isNull()) {
                c->expiresAt.reset();
                continue;
            }
            auto t = readTime(it.value(), Consents::tr("expiry"));
            if (!t)
                return t.error();
            c->expiresAt = t.value();
        } else {
            return invalid(Consents::tr("Consents have no field \"%1\".").arg(key));
        }
    }
    return checkTimes(*c);
}

// The fields that differ between two states, as audit before/after objects.
void diff(const Consent& a, const Consent& b, QJsonObject* before, QJsonObject* after)
{
    changedFields(a.toJson(), b.toJson(), before, after);
}

Status save(MutationContext& ctx, Consent c, const std::optional<Consent>& old)
{
    QJsonObject before, after;
    if (old) {
        diff(*old, c, &before, &after);
        for (const char* meta : {"createdAt", "updatedAt", "updatedBy"}) {
            before.remove(QLatin1String(meta));
            after.remove(QLatin1String(meta));
        }
        if (after.isEmpty())
            return {}; // a replay: already so
        c.createdAt = old->createdAt;
    } else {
        c.createdAt = ctx.nowMs();
        after = c.toJson();
        for (const char* meta : {"createdAt", "updatedAt", "updatedBy"})
            after.remove(QLatin1String(meta));
    }
    c.updatedAt = ctx.nowMs();
    c.updatedBy = ctx.mutation().actor;
    if (Status s = Consents::write(ctx.db(), c); !s)
        return s;
    ctx.recordChange(kEntity, c.id, old ? EntityChange::Kind::Updated : EntityChange::Kind::Created, before, after);
    return {};
}

Result<Consent> requireConsent(MutationContext& ctx, const QString& id)
{
    auto existing = Consents::find(ctx.db(), id);
    if (!existing)
        return existing.error();
    if (!existing.value())
        return Error(ErrorCode::NotFound, Consents::tr("This consent record no longer exists."));
    return *existing.value();
}

class GiveConsent final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("consent.give"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        const QJsonObject& a = ctx.args();
        auto id = requireId(a, "id", Consents::tr("consent"));
        if (!id)
            return id.error();
        auto contactId = requireId(a, "contactId", Consents::tr("contact"));
        if (!contactId)
            return contactId.error();
        Consent c;
        c.id = id.value();
        c.contactId = contactId.value();
        QJsonObject fields = a;
        fields.remove(QStringLiteral("id"));
        fields.remove(QStringLiteral("contactId"));
        if (!fields.contains(QStringLiteral("purpose")))
            return invalid(Consents::tr("The purpose cannot be empty."));
        if (!fields.contains(QStringLiteral("givenAt")))
            return invalid(Consents::tr("The time it was given must be a time (UTC milliseconds)."));
        if (Status s = applyEdit(fields, &c); !s)
            return s;
        auto contact = contactsql::loadRow(ctx.db(), c.contactId);
        if (!contact)
            return Error(ErrorCode::Database, Consents::tr("Could not read the contact: %1").arg(contact.message()));
        if (!contact->has_value())
            return Error(ErrorCode::NotFound, Consents::tr("This contact no longer exists; it may have been deleted "
                                                           "on another device."));
        auto existing = Consents::find(ctx.db(), c.id);
        if (!existing)
            return existing.error();
        if (existing.value()) {
            if (existing.value()->contactId != c.contactId)
                return invalid(Consents::tr("This consent record belongs to another contact."));
            c.withdrawnAt = existing.value()->withdrawnAt; // giving again (a replay) does not undo a withdrawal
        }
        return save(ctx, c, existing.value());
    }
};

class UpdateConsent final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("consent.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args(), "id", Consents::tr("consent"));
        if (!id)
            return id.error();
        const QJsonValue set = ctx.args().value(QStringLiteral("set"));
        if (!set.isObject() || set.toObject().isEmpty())
            return invalid(Consents::tr("Nothing to change: \"set\" is missing or empty."));
        auto old = requireConsent(ctx, id.value());
        if (!old)
            return old.error();
        Consent c = old.value();
        if (Status s = applyEdit(set.toObject(), &c); !s)
            return s;
        return save(ctx, c, old.value());
    }
};

class WithdrawConsent final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("consent.withdraw"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args(), "id", Consents::tr("consent"));
        if (!id)
            return id.error();
        auto at = readTime(ctx.args().value(QStringLiteral("withdrawnAt")), Consents::tr("time of withdrawal"));
        if (!at)
            return at.error();
        auto old = requireConsent(ctx, id.value());
        if (!old)
            return old.error();
        if (old->withdrawnAt)
            return {}; // withdrawn already: the first withdrawal stands
        Consent c = old.value();
        c.withdrawnAt = at.value();
        if (Status s = checkTimes(c); !s)
            return s;
        return save(ctx, c, old.value());
    }
};

} // namespace

Consent::State Consent::stateAt(qint64 nowMs) const
{
    if (withdrawnAt && *withdrawnAt <= nowMs)
        return State::Withdrawn;
    if (expiresAt && *expiresAt <= nowMs)
        return State::Expired;
    return State::Active;
}

QJsonObject Consent::toJson() const
{
    return QJsonObject{{QStringLiteral("contactId"), contactId},
                       {QStringLiteral("purpose"), purpose},
                       {QStringLiteral("source"), source},
                       {QStringLiteral("givenAt"), double(givenAt)},
                       {QStringLiteral("withdrawnAt"), timeJson(withdrawnAt)},
                       {QStringLiteral("expiresAt"), timeJson(expiresAt)},
                       {QStringLiteral("createdAt"), double(createdAt)},
                       {QStringLiteral("updatedAt"), double(updatedAt)},
                       {QStringLiteral("updatedBy"), updatedBy}};
}

void registerConsentMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<GiveConsent>());
    registry.add(std::make_unique<UpdateConsent>());
    registry.add(std::make_unique<WithdrawConsent>());
}

Result<QList<Consent>> Consents::forContact(QSqlDatabase& db, const QString& contactId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM consents WHERE contact_id = ? ORDER BY given_at DESC, id").arg(kColumns));
    q.addBindValue(contactId);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the consents: %1").arg(q.lastError().text()));
    QList<Consent> out;
    while (q.next())
        out.append(consentFrom(q));
    return out;
}

Result<std::optional<Consent>> Consents::find(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM consents WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    if (!q.exec())
        return Error(ErrorCode::Database, tr("Could not read the consents: %1").arg(q.lastError().text()));
    if (!q.next())
        return std::optional<Consent>();
    return std::optional<Consent>(consentFrom(q));
}

Status Consents::write(QSqlDatabase& db, const Consent& c)
{
    // Delete, then insert: INSERT OR REPLACE is SQLite's (the same two statements run on PostgreSQL).
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM consents WHERE id = ?"));
    q.addBindValue(c.id);
    if (!q.exec())
        return dbError(q);
    q.prepare(QStringLiteral("INSERT INTO consents(%1) VALUES(?,?,?,?,?,?,?,?,?,?)").arg(kColumns));
    q.addBindValue(c.id);
    q.addBindValue(sql::text(c.contactId));
    q.addBindValue(sql::text(c.purpose));
    q.addBindValue(sql::text(c.source));
    q.addBindValue(c.givenAt);
    q.addBindValue(nullableTime(c.withdrawnAt));
    q.addBindValue(nullableTime(c.expiresAt));
    q.addBindValue(c.createdAt);
    q.addBindValue(c.updatedAt);
    q.addBindValue(c.updatedBy);
    if (!q.exec())
        return dbError(q);
    return {};
}

QString Consents::stateName(Consent::State state)
{
    switch (state) {
    case Consent::State::Active:
        return tr("In force");
    case Consent::State::Withdrawn:
        return tr("Withdrawn");
    case Consent::State::Expired:
        return tr("Expired");
    }
    return {};
}

} // namespace outpost
