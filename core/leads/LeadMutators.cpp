#include "leads/LeadMutators.h"
#include "mutations/ArgReader.h"

#include "contacts/Contact.h"
#include "leads/Lead.h"
#include "leads/ScoringRule.h"
#include "mutations/MutationRegistry.h"
#include "util/JsonNumber.h"
#include "util/Uuid.h"

namespace outpost {

namespace {

const QString kLead = QStringLiteral("lead");
const QString kRule = QStringLiteral("scoring_rule");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

Error saveError(const Error& e)
{
    return Error(ErrorCode::Database, Lead::tr("Could not save the lead: %1").arg(e.message));
}

Result<QString> requireId(const QJsonObject& args, const char* key = "id")
{
    const QString id = args.value(QLatin1String(key)).toString();
    if (!isUuid(id))
        return invalid(Lead::tr("\"%1\" is missing or is not an id.").arg(QLatin1String(key)));
    return id;
}

Status readFields(const QJsonValue& value, const char* argName, QHash<QString, QString>* out)
{
    if (!value.isObject())
        return invalid(Lead::tr("\"%1\" must be an object of lead fields.").arg(QLatin1String(argName)));
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!Lead::fieldNames().contains(it.key()))
            return invalid(Lead::tr("Leads have no field \"%1\".").arg(it.key()));
        if (!it.value().isString())
            return invalid(Lead::tr("The field \"%1\" must be text.").arg(it.key()));
        const QString v = it.value().toString().trimmed();
        if (const QString problem = Lead::problemWith(it.key(), v); !problem.isEmpty())
            return invalid(problem);
        out->insert(it.key(), v);
    }
    return {};
}

Result<std::optional<StoredLead>> loadLead(MutationContext& ctx, const QString& id)
{
    auto row = leadsql::load(ctx.db(), id);
    if (!row)
        return saveError(row.error());
    return row;
}

Result<StoredLead> requireLead(MutationContext& ctx, const QString& id)
{
    auto row = loadLead(ctx, id);
    if (!row)
        return row.error();
    if (!row->has_value())
        return Error(ErrorCode::NotFound,
                     Lead::tr("This lead no longer exists; it may have been deleted on another device."));
    return std::move(*row.value());
}

// Writes `next` when it differs from what is stored and records the fields that changed.
Status save(MutationContext& ctx, const Lead& next, const std::optional<StoredLead>& existing)
{
    if (next.displayName().isEmpty())
        return invalid(Lead::tr("A lead needs at least a name, a company or an e-mail address."));
    const QJsonObject after = next.toJson();
    QJsonObject b, a;
    if (existing) {
        changedFields(existing->lead.toJson(), after, &b, &a);
        if (a.isEmpty())
            return {}; // a replay of what is already there
    } else {
        a = after;
    }
    const qint64 createdAt = existing ? existing->createdAt : ctx.nowMs();
    if (Status s = leadsql::write(ctx.db(), next, createdAt, ctx.nowMs(), ctx.mutation().actor); !s)
        return saveError(s.error());
    ctx.recordChange(kLead, next.id, existing ? EntityChange::Kind::Updated : EntityChange::Kind::Created, b, a);
    return {};
}

Status refuseClosed(const Lead& l)
{
    if (l.status == QLatin1String("converted"))
        return Error(ErrorCode::Rejected, Lead::tr("This lead was converted; work on its contact instead."));
    return {};
}

class CreateLead final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("lead.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        QHash<QString, QString> fields;
        if (Status s = readFields(ctx.args().value(QStringLiteral("fields")), "fields", &fields); !s)
            return s;
        auto existing = loadLead(ctx, id.value());
        if (!existing)
            return existing.error();
        Lead next;
        next.id = id.value();
        if (existing.value())
            next = existing.value()->lead;
        for (auto it = fields.begin(); it != fields.end(); ++it)
            next.fields.insert(it.key(), it.value());
        return save(ctx, next, existing.value());
    }
};

class UpdateLead final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("lead.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        QHash<QString, QString> fields;
        if (Status s = readFields(ctx.args().value(QStringLiteral("set")), "set", &fields); !s)
            return s;
        if (fields.isEmpty())
            return invalid(Lead::tr("Nothing to change: \"set\" is empty."));
        auto existing = requireLead(ctx, id.value());
        if (!existing)
            return existing.error();
        Lead next = existing->lead;
        for (auto it = fields.begin(); it != fields.end(); ++it)
            next.fields.insert(it.key(), it.value());
        return save(ctx, next, existing.value());
    }
};

class QualifyLead final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("lead.qualify"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        const QString status = ctx.args().value(QStringLiteral("status")).toString();
        if (status != QLatin1String("mql") && status != QLatin1String("sql") && status != QLatin1String("auto"))
            return invalid(Lead::tr("A lead is qualified as \"mql\" or \"sql\", or \"auto\" to follow its score."));
        auto existing = requireLead(ctx, id.value());
        if (!existing)
            return existing.error();
        if (Status s = refuseClosed(existing->lead); !s)
            return s;
        Lead next = existing->lead;
        next.statusByHand = status != QLatin1String("auto");
        next.status = next.statusByHand ? status : QStringLiteral("new"); // "new": the score's stage applies
        next.disqualifyReason.clear();
        return save(ctx, next, existing.value());
    }
};

class DisqualifyLead final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("lead.disqualify"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        const QString reason = ctx.args().value(QStringLiteral("reason")).toString().trimmed();
        if (reason.isEmpty())
            return invalid(Lead::tr("Say why the lead is disqualified."));
        if (reason.size() > 200)
            return invalid(Lead::tr("The reason is too long (at most 200 characters)."));
        auto existing = requireLead(ctx, id.value());
        if (!existing)
            return existing.error();
        if (Status s = refuseClosed(existing->lead); !s)
            return s;
        Lead next = existing->lead;
        next.status = QStringLiteral("disqualified");
        next.statusByHand = true;
        next.disqualifyReason = reason;
        return save(ctx, next, existing.value());
    }
};

// Runs another mutator inside this mutation (as contact.merge does) and records its changes as this mutation's.
Status delegate(MutationContext& ctx, const Mutator& mutator, const QJsonObject& args)
{
    Mutation inner = ctx.mutation();
    inner.name = mutator.name();
    inner.version = mutator.version();
    inner.args = args;
    MutationContext innerCtx(ctx.db(), inner, ctx.nowMs());
    if (Status s = mutator.apply(innerCtx); !s)
        return s;
    for (const auto& r : innerCtx.recorded())
        ctx.recordChange(r.entity, r.id, r.kind, r.before, r.after, r.beforeText, r.afterText);
    return {};
}

const Mutator* requireDelegate(const QString& name, Error* error)
{
    const Mutator* m = MutationRegistry::standard().find(name, 1);
    if (!m)
        *error = Error(ErrorCode::Unknown, Lead::tr("This Outpost cannot create the %1 yet (\"%2\" is not available); "
                                                    "convert without it.")
                                               .arg(name.startsWith(QLatin1String("company")) ? Lead::tr("company")
                                                                                                : Lead::tr("deal"),
                                                    name + QStringLiteral("@1")));
    return m;
}

class ConvertLead final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("lead.convert"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        // Everything is checked before the first write.
        const QJsonObject& args = ctx.args();
        auto id = requireId(args);
        if (!id)
            return id.error();
        auto contactId = requireId(args, "contactId");
        if (!contactId)
            return contactId.error();
        auto existing = requireLead(ctx, id.value());
        if (!existing)
            return existing.error();
        const Lead& lead = existing->lead;
        if (lead.status == QLatin1String("converted"))
            return {}; // a replay: the contact, company and deal were made the first time
        if (lead.status == QLatin1String("disqualified"))
            return Error(ErrorCode::Rejected, Lead::tr("A disqualified lead cannot be converted; qualify it first."));

        Error error;
        QJsonObject company, deal;
        const Mutator* companyCreate = nullptr;
        const Mutator* dealCreate = nullptr;
        if (args.contains(QStringLiteral("company"))) {
            company = args.value(QStringLiteral("company")).toObject();
            if (!isUuid(company.value(QStringLiteral("id")).toString())
                || company.value(QStringLiteral("name")).toString().trimmed().isEmpty())
                return invalid(Lead::tr("The company to create needs an id and a name."));
            if (!(companyCreate = requireDelegate(QStringLiteral("company.create"), &error)))
                return error;
        }
        if (args.contains(QStringLiteral("deal"))) {
            deal = args.value(QStringLiteral("deal")).toObject();
            if (!isUuid(deal.value(QStringLiteral("id")).toString())
                || deal.value(QStringLiteral("title")).toString().trimmed().isEmpty())
                return invalid(Lead::tr("The deal to create needs an id and a title."));
            if (!(dealCreate = requireDelegate(QStringLiteral("deal.create"), &error)))
                return error;
        }

        // The company first, so the new contact can link to it (company.create takes {id, fields}).
        if (companyCreate) {
            QJsonObject companyFields = company;
            companyFields.remove(QStringLiteral("id"));
            if (Status s = delegate(ctx, *companyCreate, {{QStringLiteral("id"), company.value(QStringLiteral("id"))},
                                                          {QStringLiteral("fields"), companyFields}});
                !s)
                return s;
        }
        const QString linked = lead.field(QStringLiteral("contactId"));
        const QString contact = linked.isEmpty() ? contactId.value() : linked;
        if (linked.isEmpty()) {
            QJsonObject fields;
            for (const QString& f : {QStringLiteral("firstName"), QStringLiteral("lastName"), QStringLiteral("email"),
                                     QStringLiteral("phone"), QStringLiteral("company"), QStringLiteral("country"),
                                     QStringLiteral("notes"), QStringLiteral("ownerId")}) {
                if (!lead.field(f).isEmpty())
                    fields.insert(f, lead.field(f));
            }
            if (companyCreate)
                fields.insert(QStringLiteral("companyId"), company.value(QStringLiteral("id")));
            const Mutator* contactCreate = MutationRegistry::standard().find(QStringLiteral("contact.create"), 1);
            if (Status s = delegate(ctx, *contactCreate, {{QStringLiteral("id"), contact},
                                                          {QStringLiteral("fields"), fields}});
                !s)
                return s;
        }
        if (dealCreate) {
            deal.insert(QStringLiteral("contactId"), contact);
            if (companyCreate)
                deal.insert(QStringLiteral("companyId"), company.value(QStringLiteral("id")));
            if (!deal.contains(QStringLiteral("ownerId")))
                deal.insert(QStringLiteral("ownerId"), lead.field(QStringLiteral("ownerId")));
            if (Status s = delegate(ctx, *dealCreate, deal); !s)
                return s;
        }
        Lead next = lead;
        next.status = QStringLiteral("converted");
        next.statusByHand = true;
        next.fields.insert(QStringLiteral("contactId"), contact);
        next.convertedAt = ctx.nowMs();
        next.convertedContactId = contact;
        next.convertedCompanyId = company.value(QStringLiteral("id")).toString();
        next.convertedDealId = deal.value(QStringLiteral("id")).toString();
        return save(ctx, next, existing.value());
    }
};

class SetScoringRule final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("scoring_rule.set"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        for (const char* key : {"points", "halfLifeDays", "windowDays", "maxPoints", "position"}) {
            const QJsonValue v = ctx.args().value(QLatin1String(key));
            if (!v.isUndefined() && !jsonWholeNumber(v))
                return invalid(ScoringRule::tr("\"%1\" must be a whole number.").arg(QLatin1String(key)));
        }
        const ScoringRule next = ScoringRule::fromJson(id.value(), ctx.args());
        if (const QString problem = next.problem(); !problem.isEmpty())
            return invalid(problem);
        auto existing = scoringrulesql::load(ctx.db(), id.value());
        auto meta = scoringrulesql::loadMeta(ctx.db(), id.value());
        if (!existing || !meta)
            return Error(ErrorCode::Database, ScoringRule::tr("Could not save the scoring rule: %1")
                                                  .arg(existing ? meta.message() : existing.message()));
        QJsonObject b, a;
        const QJsonObject after = next.toJson();
        if (existing.value()) {
            changedFields(existing.value()->toJson(), after, &b, &a);
            if (a.isEmpty())
                return {};
        } else {
            a = after;
        }
        const qint64 createdAt = meta.value() ? meta.value()->createdAt : ctx.nowMs();
        if (Status s = scoringrulesql::write(ctx.db(), next, createdAt, ctx.nowMs(), ctx.mutation().actor); !s)
            return Error(ErrorCode::Database, ScoringRule::tr("Could not save the scoring rule: %1").arg(s.message()));
        ctx.recordChange(kRule, next.id,
                         existing.value() ? EntityChange::Kind::Updated : EntityChange::Kind::Created, b, a);
        return {};
    }
};

class DeleteScoringRule final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("scoring_rule.delete"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        auto existing = scoringrulesql::load(ctx.db(), id.value());
        if (!existing)
            return Error(ErrorCode::Database,
                         ScoringRule::tr("Could not delete the scoring rule: %1").arg(existing.message()));
        if (!existing.value())
            return {};
        if (Status s = scoringrulesql::remove(ctx.db(), id.value()); !s)
            return Error(ErrorCode::Database, ScoringRule::tr("Could not delete the scoring rule: %1").arg(s.message()));
        ctx.recordChange(kRule, id.value(), EntityChange::Kind::Deleted, existing.value()->toJson(), {});
        return {};
    }
};

} // namespace

void registerLeadMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<CreateLead>());
    registry.add(std::make_unique<UpdateLead>());
    registry.add(std::make_unique<QualifyLead>());
    registry.add(std::make_unique<DisqualifyLead>());
    registry.add(std::make_unique<ConvertLead>());
    registry.add(std::make_unique<SetScoringRule>());
    registry.add(std::make_unique<DeleteScoringRule>());
}

} // namespace outpost
