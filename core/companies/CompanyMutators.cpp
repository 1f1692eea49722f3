#include "companies/CompanyMutators.h"

#include "companies/CompanySql.h"
#include "contacts/ContactMutators.h"
#include "customfields/CustomField.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "util/Uuid.h"

#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

const QString kEntity = QStringLiteral("company");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

Error saveError(const QString& detail)
{
    return Error(ErrorCode::Database, CompanyValidation::tr("Could not save the company: %1").arg(detail));
}

// What create and update read: the id, the field values, the custom values and the company as it is now.
struct Change
{
    QString id;
    QHash<QString, QString> fields;
    QJsonObject custom;
    std::optional<companysql::StoredRow> existing;
};

Result<Change> readChange(MutationContext& ctx, const char* argName)
{
    using T = CompanyValidation;
    Change c;
    c.id = ctx.args().value(QStringLiteral("id")).toString();
    if (!isUuid(c.id))
        return invalid(T::tr("The company id is missing or malformed."));
    const QJsonValue value = ctx.args().value(QLatin1String(argName));
    if (!value.isObject())
        return invalid(T::tr("\"%1\" must be an object of company fields.").arg(QLatin1String(argName)));
    const QJsonObject obj = value.toObject();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (it.key().startsWith(CustomField::kPrefix)) {
            c.custom.insert(it.key(), it.value());
            continue;
        }
        if (!Company::fieldNames().contains(it.key()))
            return invalid(T::tr("Companies have no field \"%1\".").arg(it.key()));
        if (!it.value().isString())
            return invalid(T::tr("The field \"%1\" must be text.").arg(it.key()));
        const QString v = it.value().toString().trimmed();
        if (const QString problem = T::problemWith(it.key(), v); !problem.isEmpty())
            return invalid(problem);
        c.fields.insert(it.key(), v);
    }
    auto existing = companysql::loadRow(ctx.db(), c.id);
    if (!existing)
        return Error(ErrorCode::Database, T::tr("Could not read the company: %1").arg(existing.message()));
    c.existing = std::move(existing.value());
    return c;
}

// Validates everything first (fields, then custom values), then writes the row and the values.
Status applyChange(MutationContext& ctx, const Change& change)
{
    const bool exists = change.existing.has_value();
    Company current;
    current.id = change.id;
    if (exists)
        current = change.existing->company;
    Company next = current;
    QJsonObject before, after;
    for (auto it = change.fields.begin(); it != change.fields.end(); ++it) {
        if (current.field(it.key()) != it.value()) {
            before.insert(it.key(), current.field(it.key()));
            after.insert(it.key(), it.value());
            next.setField(it.key(), it.value());
        }
    }
    if (next.name.isEmpty())
        return invalid(CompanyValidation::tr("A company needs a name."));
    auto custom = CustomValueEdit::prepare(ctx.db(), kEntity, change.id, change.custom, !exists);
    if (!custom)
        return custom.error();
    if (exists && after.isEmpty() && custom->isEmpty())
        return {}; // a replay: nothing changes
    const companysql::Meta meta{ctx.nowMs(), ctx.nowMs(), ctx.mutation().actor};
    Status s = exists ? companysql::update(ctx.db(), current, next, meta) : companysql::insert(ctx.db(), next, meta);
    if (!s)
        return saveError(s.message());
    if (Status cs = custom->apply(ctx.db(), &before, &after); !cs)
        return cs;
    if (exists)
        ctx.recordChange(kEntity, next.id, EntityChange::Kind::Updated, before, after);
    else
        ctx.recordChange(kEntity, next.id, EntityChange::Kind::Created, {}, after);
    return {};
}

class CreateCompany final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("company.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto change = readChange(ctx, "fields");
        if (!change)
            return change.error();
        return applyChange(ctx, change.value()); // with a given id: a replay sets the fields again
    }
};

class UpdateCompany final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("company.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto change = readChange(ctx, "set");
        if (!change)
            return change.error();
        if (change->fields.isEmpty() && change->custom.isEmpty())
            return invalid(CompanyValidation::tr("Nothing to change: \"set\" is empty."));
        if (!change->existing)
            return Error(ErrorCode::NotFound, CompanyValidation::tr("This company no longer exists; it may have been "
                                                                    "deleted on another device."));
        return applyChange(ctx, change.value());
    }
};

class DeleteCompany final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("company.delete"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        using T = CompanyValidation;
        const QString id = ctx.args().value(QStringLiteral("id")).toString();
        if (!isUuid(id))
            return invalid(T::tr("The company id is missing or malformed."));
        auto existing = companysql::loadRow(ctx.db(), id);
        if (!existing)
            return Error(ErrorCode::Database, T::tr("Could not read the company: %1").arg(existing.message()));
        if (!existing.value())
            return {}; // already gone: deleting twice has no second effect
        QSqlQuery linked(ctx.db());
        linked.setForwardOnly(true);
        linked.prepare(QStringLiteral("SELECT count(*) FROM contacts WHERE company_id = ?"));
        linked.addBindValue(id);
        if (!linked.exec() || !linked.next())
            return Error(ErrorCode::Database, T::tr("Could not read the company: %1").arg(linked.lastError().text()));
        const qint64 n = linked.value(0).toLongLong();
        linked.finish();
        if (n > 0)
            return Error(ErrorCode::Rejected,
                         T::tr("\u201c%1\u201d still has %n linked contact(s); link them to another company or "
                               "remove their link before deleting it.", nullptr, int(n))
                             .arg(existing.value()->company.name));
        linked.prepare(QStringLiteral("SELECT count(*) FROM deals WHERE company_id = ?"));
        linked.addBindValue(id);
        if (!linked.exec() || !linked.next())
            return Error(ErrorCode::Database, T::tr("Could not read the company: %1").arg(linked.lastError().text()));
        const qint64 deals = linked.value(0).toLongLong();
        linked.finish();
        if (deals > 0)
            return Error(ErrorCode::Rejected,
                         T::tr("\u201c%1\u201d still has %n deal(s); move them to another company or delete them "
                               "before deleting it.", nullptr, int(deals))
                             .arg(existing.value()->company.name));
        auto custom = CustomFields::valuesOf(ctx.db(), id);
        if (!custom)
            return custom.error();
        QSqlQuery q(ctx.db());
        q.prepare(QStringLiteral("DELETE FROM companies WHERE id = ?")); // its custom values go by trigger
        q.addBindValue(id);
        if (!q.exec())
            return Error(ErrorCode::Database, T::tr("Could not delete the company: %1").arg(q.lastError().text()));
        QJsonObject before = existing.value()->company.fieldsToJson();
        for (auto it = custom->begin(); it != custom->end(); ++it)
            before.insert(it.key(), it.value());
        ctx.recordChange(kEntity, id, EntityChange::Kind::Deleted, before, {});
        return {};
    }
};

} // namespace

QString CompanyValidation::problemWith(const QString& field, const QString& value)
{
    if (field == QLatin1String("name")) {
        if (value.size() > 200)
            return tr("The company name is too long (at most 200 characters).");
        return {};
    }
    if (field == QLatin1String("domain")) {
        static const QRegularExpression re(QStringLiteral(R"(^(https?://)?[^\s/@]+\.[^\s/@]+(/\S*)?$)"),
                                           QRegularExpression::CaseInsensitiveOption);
        if (!value.isEmpty() && (value.size() > 200 || !re.match(value).hasMatch()))
            return tr("\u201c%1\u201d is not a web site or domain (such as example.com).").arg(value);
        return {};
    }
    // The fields a company shares with contacts follow the contacts' rules.
    return ContactValidation::problemWith(field, value);
}

void registerCompanyMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<CreateCompany>());
    registry.add(std::make_unique<UpdateCompany>());
    registry.add(std::make_unique<DeleteCompany>());
}

} // namespace outpost
