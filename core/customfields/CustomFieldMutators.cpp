#include "customfields/CustomFieldMutators.h"
#include "mutations/ArgReader.h"

#include "customfields/CustomField.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Mutator.h"
#include "util/Uuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace outpost {

namespace {

const QString kEntity = QStringLiteral("customfield");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

QString compact(const QJsonValue& v)
{
    return QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                         : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

// The editable part of a definition as the audit log and sync carry it.
QJsonObject editableJson(const CustomField& f)
{
    return {{QStringLiteral("label"), f.label},
            {QStringLiteral("options"), QJsonArray::fromStringList(f.options)},
            {QStringLiteral("required"), f.required},
            {QStringLiteral("rules"), f.rulesToJson()},
            {QStringLiteral("position"), f.position}};
}

// Reads the editable members present in `o` over `f`, checking each.
Status readEditable(const QJsonObject& o, CustomField* f)
{
    using T = CustomFieldValidation;
    if (o.contains(QStringLiteral("label"))) {
        f->label = o.value(QStringLiteral("label")).toString().simplified();
        if (f->label.isEmpty() || f->label.size() > 80)
            return invalid(T::tr("A custom field needs a label of 1 to 80 characters."));
    }
    if (o.contains(QStringLiteral("options"))) {
        const QJsonValue v = o.value(QStringLiteral("options"));
        if (!v.isArray())
            return invalid(T::tr("\"options\" must be a list of texts."));
        f->options.clear();
        for (const QJsonValue& opt : v.toArray()) {
            const QString text = opt.toString().simplified();
            if (!opt.isString() || text.isEmpty() || text.size() > 100)
                return invalid(T::tr("Each choice must be a text of 1 to 100 characters."));
            if (f->options.contains(text))
                return invalid(T::tr("The choice \u201c%1\u201d is listed twice.").arg(text));
            f->options << text;
        }
    }
    if (o.contains(QStringLiteral("required"))) {
        if (!o.value(QStringLiteral("required")).isBool())
            return invalid(T::tr("\"required\" must be true or false."));
        f->required = o.value(QStringLiteral("required")).toBool();
    }
    if (o.contains(QStringLiteral("rules"))) {
        const QJsonValue v = o.value(QStringLiteral("rules"));
        if (!v.isObject())
            return invalid(T::tr("\"rules\" must be an object."));
        const QJsonObject r = v.toObject();
        for (auto it = r.begin(); it != r.end(); ++it) {
            if (!QStringList{QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("maxLength"),
                             QStringLiteral("regex")}
                     .contains(it.key()))
                return invalid(T::tr("Unknown rule \"%1\" (known: min, max, maxLength, regex).").arg(it.key()));
        }
        f->min.reset();
        f->max.reset();
        if (r.contains(QStringLiteral("min"))) {
            if (!r.value(QStringLiteral("min")).isDouble())
                return invalid(T::tr("The minimum must be a number."));
            f->min = r.value(QStringLiteral("min")).toDouble();
        }
        if (r.contains(QStringLiteral("max"))) {
            if (!r.value(QStringLiteral("max")).isDouble())
                return invalid(T::tr("The maximum must be a number."));
            f->max = r.value(QStringLiteral("max")).toDouble();
        }
        if (f->min && f->max && *f->min > *f->max)
            return invalid(T::tr("The minimum is greater than the maximum."));
        f->maxLength = r.value(QStringLiteral("maxLength")).toInt();
        if (f->maxLength < 0 || f->maxLength > 20000)
            return invalid(T::tr("The maximum length must be between 1 and 20,000."));
        f->regex = r.value(QStringLiteral("regex")).toString();
        if (!f->regex.isEmpty() && !QRegularExpression(f->regex).isValid())
            return invalid(T::tr("The pattern \u201c%1\u201d is not a valid regular expression: %2")
                               .arg(f->regex, QRegularExpression(f->regex).errorString()));
    }
    if (o.contains(QStringLiteral("position"))) {
        if (!o.value(QStringLiteral("position")).isDouble())
            return invalid(T::tr("\"position\" must be a whole number."));
        f->position = o.value(QStringLiteral("position")).toInt();
    }
    const bool choice = f->type == CustomField::Type::Choice || f->type == CustomField::Type::MultiChoice;
    if (choice && f->options.isEmpty())
        return invalid(T::tr("A choice field needs at least one choice."));
    if (!choice && !f->options.isEmpty())
        return invalid(T::tr("Only choice fields have choices."));
    const bool number = f->type == CustomField::Type::Number;
    if (!number && (f->min || f->max))
        return invalid(T::tr("Only number fields have a minimum or maximum."));
    if (f->type != CustomField::Type::Text && (f->maxLength > 0 || !f->regex.isEmpty()))
        return invalid(T::tr("Only text fields have a maximum length or a pattern."));
    return {};
}

Status write(MutationContext& ctx, const CustomField& f, bool exists)
{
    QSqlQuery q(ctx.db());
    if (exists) {
        q.prepare(QStringLiteral("UPDATE custom_fields SET label = ?, options = ?, required = ?, rules = ?, "
                                 "position = ?, retired = ?, updated_at = ?, updated_by = ? WHERE id = ?"));
    } else {
        q.prepare(QStringLiteral("INSERT INTO custom_fields(label, options, required, rules, position, retired, "
                                 "updated_at, updated_by, id, entity, key, type, created_at) "
                                 "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    }
    q.addBindValue(f.label);
    q.addBindValue(compact(QJsonArray::fromStringList(f.options)));
    q.addBindValue(f.required ? 1 : 0);
    q.addBindValue(compact(f.rulesToJson()));
    q.addBindValue(f.position);
    q.addBindValue(f.retired ? 1 : 0);
    q.addBindValue(ctx.nowMs());
    q.addBindValue(ctx.mutation().actor);
    q.addBindValue(f.id);
    if (!exists) {
        q.addBindValue(f.entity);
        q.addBindValue(f.key);
        q.addBindValue(f.typeName());
        q.addBindValue(ctx.nowMs());
    }
    if (!q.exec())
        return Error(ErrorCode::Database,
                     CustomFieldValidation::tr("Could not save the custom field: %1").arg(q.lastError().text()));
    return {};
}

Result<std::optional<CustomField>> loadFor(MutationContext& ctx)
{
    const QString id = ctx.args().value(QStringLiteral("id")).toString();
    if (!isUuid(id))
        return invalid(CustomFieldValidation::tr("The custom field id is missing or malformed."));
    return CustomFields::find(ctx.db(), id);
}

class DefineCustomField final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("customfield.define"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        using T = CustomFieldValidation;
        auto existing = loadFor(ctx);
        if (!existing)
            return existing.error();
        const QJsonObject& a = ctx.args();
        CustomField f;
        f.id = a.value(QStringLiteral("id")).toString();
        f.entity = a.value(QStringLiteral("entity")).toString();
        if (f.entity != QLatin1String("contact") && f.entity != QLatin1String("company"))
            return invalid(T::tr("Custom fields are for contacts or companies (\"entity\": \"contact\" or \"company\")."));
        f.key = a.value(QStringLiteral("key")).toString();
        static const QRegularExpression keyRe(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
        if (!keyRe.match(f.key).hasMatch())
            return invalid(T::tr("The key \u201c%1\u201d must start with a lower-case letter and hold only a-z, 0-9 and _ "
                                 "(at most 40).").arg(f.key));
        const auto type = CustomField::typeFrom(a.value(QStringLiteral("type")).toString());
        if (!type)
            return invalid(T::tr("The type must be one of text, number, date, choice, multichoice."));
        f.type = *type;
        if (!a.contains(QStringLiteral("label")))
            return invalid(T::tr("A custom field needs a label of 1 to 80 characters."));
        if (Status s = readEditable(a, &f); !s)
            return s;
        if (existing.value()) {
            const CustomField& old = *existing.value();
            if (old.entity == f.entity && old.key == f.key && old.type == f.type)
                return {}; // replayed (a later update may have changed its label since: leave it)
            return invalid(T::tr("This custom field id is already used for another field."));
        }
        QSqlQuery dup(ctx.db());
        dup.setForwardOnly(true);
        dup.prepare(QStringLiteral("SELECT label FROM custom_fields WHERE entity = ? AND key = ?"));
        dup.addBindValue(f.entity);
        dup.addBindValue(f.key);
        if (!dup.exec())
            return Error(ErrorCode::Database, dup.lastError().text());
        if (dup.next())
            return Error(ErrorCode::AlreadyExists,
                         T::tr("There is already a field with the key \u201c%1\u201d (\u201c%2\u201d).")
                             .arg(f.key, dup.value(0).toString()));
        dup.finish();
        if (Status s = write(ctx, f, false); !s)
            return s;
        QJsonObject after = editableJson(f);
        after.insert(QStringLiteral("entity"), f.entity);
        after.insert(QStringLiteral("key"), f.key);
        after.insert(QStringLiteral("type"), f.typeName());
        ctx.recordChange(kEntity, f.id, EntityChange::Kind::Created, {}, after);
        return {};
    }
};

class UpdateCustomField final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("customfield.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        using T = CustomFieldValidation;
        auto existing = loadFor(ctx);
        if (!existing)
            return existing.error();
        if (!existing.value())
            return Error(ErrorCode::NotFound, T::tr("This custom field no longer exists."));
        const QJsonValue set = ctx.args().value(QStringLiteral("set"));
        if (!set.isObject() || set.toObject().isEmpty())
            return invalid(T::tr("Nothing to change: \"set\" is empty."));
        for (const QString& k : set.toObject().keys()) {
            if (!QStringList{QStringLiteral("label"), QStringLiteral("options"), QStringLiteral("required"),
                             QStringLiteral("rules"), QStringLiteral("position")}
                     .contains(k))
                return invalid(T::tr("A custom field's \"%1\" cannot be changed (only label, options, required, "
                                     "rules and position).").arg(k));
        }
        CustomField next = *existing.value();
        if (Status s = readEditable(set.toObject(), &next); !s)
            return s;
        const QJsonObject oldJson = editableJson(*existing.value());
        const QJsonObject newJson = editableJson(next);
        QJsonObject before, after;
        changedFields(oldJson, newJson, &before, &after);
        if (after.isEmpty())
            return {};
        if (Status s = write(ctx, next, true); !s)
            return s;
        ctx.recordChange(kEntity, next.id, EntityChange::Kind::Updated, before, after);
        return {};
    }
};

class RetireCustomField final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("customfield.retire"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto existing = loadFor(ctx);
        if (!existing)
            return existing.error();
        if (!existing.value())
            return Error(ErrorCode::NotFound, CustomFieldValidation::tr("This custom field no longer exists."));
        if (existing.value()->retired)
            return {};
        CustomField next = *existing.value();
        next.retired = true;
        if (Status s = write(ctx, next, true); !s)
            return s;
        ctx.recordChange(kEntity, next.id, EntityChange::Kind::Updated, {{QStringLiteral("retired"), false}},
                         {{QStringLiteral("retired"), true}});
        return {};
    }
};

} // namespace

void registerCustomFieldMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<DefineCustomField>());
    registry.add(std::make_unique<UpdateCustomField>());
    registry.add(std::make_unique<RetireCustomField>());
}

} // namespace outpost
