#include "contacts/ContactMutators.h"

#include "contacts/Contact.h"
#include "contacts/ContactSql.h"
#include "contacts/LabelledValues.h"
#include "customfields/CustomField.h"
#include "mutations/MutationRegistry.h"
#include "storage/SqlDialect.h"
#include "util/Uuid.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace outpost {

namespace {

const QString kEntity = QStringLiteral("contact");

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

// Reads and validates a { field: string } object into `out`, in canonical form; "custom.<key>" members go
// to `custom` (checked against their definitions later).
Status readFields(const QJsonValue& value, const char* argName, QHash<QString, QString>* out, QJsonObject* custom)
{
    if (!value.isObject())
        return invalid(ContactValidation::tr("\"%1\" must be an object of contact fields.").arg(QLatin1String(argName)));
    const QJsonObject obj = value.toObject();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (it.key().startsWith(CustomField::kPrefix)) {
            custom->insert(it.key(), it.value());
            continue;
        }
        if (!Contact::fieldNames().contains(it.key()))
            return invalid(ContactValidation::tr("Contacts have no field \"%1\".").arg(it.key()));
        if (!it.value().isString())
            return invalid(ContactValidation::tr("The field \"%1\" must be text.").arg(it.key()));
        QString problem;
        const QString v = ContactValidation::normalize(it.key(), it.value().toString(), &problem);
        if (!problem.isEmpty())
            return invalid(problem);
        out->insert(it.key(), v);
    }
    return {};
}

Result<std::optional<Contact>> loadContact(QSqlDatabase& db, const QString& id)
{
    auto row = contactsql::loadRow(db, id);
    if (!row)
        return row.error();
    if (!row->has_value())
        return std::optional<Contact>();
    return std::optional<Contact>(std::move(row->value().contact));
}

Status requireIdentity(const Contact& c)
{
    if (c.firstName.isEmpty() && c.lastName.isEmpty() && c.company.isEmpty() && c.email.isEmpty())
        return invalid(ContactValidation::tr("A contact needs at least a name, a company or an e-mail address."));
    return {};
}

// `contactValues`: contactsql::contactValues(c) when the caller has them already (NewContact), or empty.
Status insertContact(MutationContext& ctx, const Contact& c, const QVariantList& contactValues)
{
    QSqlQuery q(ctx.db());
    q.prepare(sql::forDialect(ctx.db(), contactsql::insertStatement()));
    if (contactValues.isEmpty())
        contactsql::bindInsert(q, c, ctx.nowMs(), ctx.nowMs(), ctx.mutation().actor);
    else
        contactsql::bindInsert(q, contactValues, ctx.nowMs(), ctx.nowMs(), ctx.mutation().actor);
    if (!q.exec())
        return Error(ErrorCode::Database, ContactValidation::tr("Could not save the contact: %1").arg(q.lastError().text()));
    return {};
}

// Writes only the columns that change (contactsql::updateFor says why).
Status updateContact(MutationContext& ctx, const Contact& old, const Contact& next)
{
    const contactsql::RowUpdate u = contactsql::updateFor(old, next, {0, ctx.nowMs(), ctx.mutation().actor});
    QSqlQuery q(ctx.db());
    q.prepare(sql::forDialect(ctx.db(), u.sql));
    PositionalBinder b(q);
    for (const QVariant& v : u.values)
        b << v;
    if (!q.exec())
        return Error(ErrorCode::Database, ContactValidation::tr("Could not save the contact: %1").arg(q.lastError().text()));
    return {};
}

Result<QString> requireId(const QJsonObject& args)
{
    const QString id = args.value(QStringLiteral("id")).toString();
    if (!isUuid(id))
        return invalid(ContactValidation::tr("The contact id is missing or malformed."));
    return id;
}

// The company a contact links to must exist (sync carries companies before the contacts that link to them,
// in the order they were made).
Status requireCompany(MutationContext& ctx, const Contact& current, const Contact& next)
{
    if (next.companyId.isEmpty() || next.companyId == current.companyId)
        return {};
    QSqlQuery q(ctx.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT 1 FROM companies WHERE id = ?"));
    q.addBindValue(next.companyId);
    if (!q.exec())
        return Error(ErrorCode::Database, ContactValidation::tr("Could not read the company: %1").arg(q.lastError().text()));
    if (!q.next())
        return Error(ErrorCode::NotFound, ContactValidation::tr("The company this contact should link to no longer "
                                                                "exists; it may have been deleted on another device."));
    return {};
}

// A contact change checked and ready to write: prepareFields() reads and validates, writeFields() writes. A
// mutation of several contacts prepares them all before it writes any (a refused one writes nothing).
struct PreparedFields
{
    Contact current;
    Contact next;
    bool exists = false;
    QJsonObject before, after;
    QByteArray beforeText, afterText; // their compact text (custom values are added to the objects only)
    std::optional<CustomValueEdit> custom;
    QVariantList contactValues; // contactsql::contactValues(next) of a new contact, when computed already
    bool nothingToDo() const { return exists && after.isEmpty() && custom->isEmpty(); }
};

// Applies `fields` over `current` and keeps the before/after of what really changes; checks what needs no
// database. `knownAfter`, if given, is the after object and text the caller has already (equal to what would be
// written: a new contact whose every field is set and stays as given).
Result<PreparedFields> diffFields(Contact current, bool exists, const QHash<QString, QString>& fields,
                                  const JsonTextObject* knownAfter = nullptr)
{
    PreparedFields p;
    p.exists = exists;
    p.next = current;
    QList<std::pair<QString, QString>> before, after;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QString was = current.field(it.key());
        if (was != it.value()) {
            if (exists) // a new contact records no before
                before.append({it.key(), was});
            after.append({it.key(), it.value()});
            p.next.setField(it.key(), it.value());
        }
    }
    if (!before.isEmpty()) {
        JsonTextObject b = jsonTextObject(std::move(before));
        p.before = std::move(b.object);
        p.beforeText = std::move(b.text);
    }
    if (!after.isEmpty()) {
        JsonTextObject a = knownAfter ? *knownAfter : jsonTextObject(std::move(after));
        p.after = std::move(a.object);
        p.afterText = std::move(a.text);
    }
    if (Status s = requireIdentity(p.next); !s)
        return s.error();
    p.current = std::move(current);
    return p;
}

// What diffFields() leaves to the database: the company link, the custom values.
Status checkWithDatabase(MutationContext& ctx, PreparedFields& p, const QJsonObject& custom)
{
    if (Status s = requireCompany(ctx, p.current, p.next); !s)
        return s;
    auto customEdit = CustomValueEdit::prepare(ctx.db(), kEntity, p.next.id, custom, !p.exists);
    if (!customEdit)
        return customEdit.error();
    p.custom = std::move(customEdit.value());
    return {};
}

// Applies `fields` and `custom` values over `current` and keeps the before/after of what really changes.
// Everything is checked; nothing is written.
Result<PreparedFields> prepareFields(MutationContext& ctx, Contact current, bool exists,
                                     const QHash<QString, QString>& fields, const QJsonObject& custom)
{
    auto p = diffFields(std::move(current), exists, fields);
    if (!p)
        return p;
    if (Status s = checkWithDatabase(ctx, p.value(), custom); !s)
        return s.error();
    return p;
}

// Writes a prepared change and records its before/after.
Status writeFields(MutationContext& ctx, PreparedFields& p)
{
    if (p.nothingToDo())
        return {}; // replay of a change already present: nothing to do
    if (Status s = p.exists ? updateContact(ctx, p.current, p.next) : insertContact(ctx, p.next, p.contactValues); !s)
        return s;
    if (Status s = p.custom->apply(ctx.db(), &p.before, &p.after); !s)
        return s;
    // The texts hold the contact's fields only: given when no custom value joined the objects.
    const bool fieldsOnly = p.custom->isEmpty();
    const QByteArray beforeText = fieldsOnly ? p.beforeText : QByteArray();
    const QByteArray afterText = fieldsOnly ? p.afterText : QByteArray();
    if (p.exists)
        ctx.recordChange(kEntity, p.next.id, EntityChange::Kind::Updated, p.before, p.after, beforeText, afterText);
    else
        ctx.recordChange(kEntity, p.next.id, EntityChange::Kind::Created, {}, p.after, QByteArray(), afterText);
    return {};
}

Status applyFields(MutationContext& ctx, Contact current, bool exists, const QHash<QString, QString>& fields,
                   const QJsonObject& custom)
{
    auto p = prepareFields(ctx, std::move(current), exists, fields, custom);
    if (!p)
        return p.error();
    return writeFields(ctx, p.value());
}

// What create and update both read: the contact id, the field values under `argName`, and the
// contact as it is now (if it exists).
struct FieldChange
{
    QString id;
    QHash<QString, QString> fields;
    QJsonObject custom; // "custom.<key>" -> value
    std::optional<Contact> existing;
};

Result<FieldChange> readFieldChange(MutationContext& ctx, const QJsonObject& args, const char* argName)
{
    auto id = requireId(args);
    if (!id)
        return id.error();
    FieldChange change;
    change.id = id.value();
    if (Status s = readFields(args.value(QLatin1String(argName)), argName, &change.fields, &change.custom); !s)
        return s.error();
    auto existing = loadContact(ctx.db(), change.id);
    if (!existing)
        return existing.error();
    change.existing = std::move(existing.value());
    return change;
}

class CreateContact final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("contact.create"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto change = readFieldChange(ctx, ctx.args(), "fields");
        if (!change)
            return change.error();
        Contact base;
        base.id = change->id;
        // Create with a given id is replay-safe: if it is already there, the fields are set again.
        return applyFields(ctx, change->existing.value_or(base), change->existing.has_value(), change->fields,
                           change->custom);
    }
};

class UpdateContact final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("contact.update"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto change = readFieldChange(ctx, ctx.args(), "set");
        if (!change)
            return change.error();
        if (change->fields.isEmpty() && change->custom.isEmpty())
            return invalid(ContactValidation::tr("Nothing to change: \"set\" is empty."));
        if (!change->existing)
            return Error(ErrorCode::NotFound, ContactValidation::tr("This contact no longer exists; it may have been "
                                                                    "deleted on another device."));
        return applyFields(ctx, *change->existing, true, change->fields, change->custom);
    }
};

// A contact deletion read and ready to write (see PreparedFields): its state, custom values and shares.
struct PreparedDelete
{
    QString id;
    std::optional<Contact> existing; // none: already gone
    QJsonObject custom;
    QList<std::pair<QString, QString>> shares; // share id, user id
};

// Reads the deletions of `ids` (distinct), in their order: each contact, its custom values and its shares, a few
// hundred contacts per statement.
Result<QList<PreparedDelete>> prepareDeletes(MutationContext& ctx, const QStringList& ids)
{
    auto rows = contactsql::loadRows(ctx.db(), ids);
    if (!rows)
        return Error(ErrorCode::Database, ContactValidation::tr("Could not read the contacts: %1").arg(rows.message()));
    QStringList existing;
    existing.reserve(rows->size());
    for (const QString& id : ids) {
        if (rows->contains(id))
            existing << id;
    }
    auto custom = CustomFields::valuesOf(ctx.db(), existing);
    if (!custom)
        return custom.error();
    QHash<QString, QList<std::pair<QString, QString>>> shares;
    QSqlQuery q(ctx.db());
    if (!execInLists(q,
                     QStringLiteral("SELECT contact_id, id, user_id FROM contact_shares WHERE contact_id IN (%1) "
                                    "ORDER BY contact_id, user_id"),
                     existing, [&](const QSqlQuery& row) {
                         shares[row.value(0).toString()].append({row.value(1).toString(), row.value(2).toString()});
                         return true;
                     }))
        return Error(ErrorCode::Database,
                     ContactValidation::tr("Could not delete the contact: %1").arg(q.lastError().text()));
    QList<PreparedDelete> out;
    out.reserve(ids.size());
    for (const QString& id : ids) {
        PreparedDelete p;
        p.id = id;
        if (auto row = rows->find(id); row != rows->end()) {
            p.existing = std::move(row->contact);
            p.custom = custom->value(id);
            p.shares = shares.value(id);
        }
        out.append(std::move(p));
    }
    return out;
}

// Writes a prepared deletion; `deleteRow` false leaves the contacts row to the caller (contact.deleteMany
// deletes many in one statement).
Status writeDelete(MutationContext& ctx, const PreparedDelete& p, bool deleteRow = true)
{
    if (!p.existing)
        return {}; // already gone: deleting twice has no second effect
    // Its shares go with it, each as a change of its own so every device drops them too.
    if (!p.shares.isEmpty()) {
        QSqlQuery d(ctx.db());
        d.prepare(QStringLiteral("DELETE FROM contact_shares WHERE contact_id = ?"));
        d.addBindValue(p.id);
        if (!d.exec())
            return Error(ErrorCode::Database,
                         ContactValidation::tr("Could not delete the contact: %1").arg(d.lastError().text()));
    }
    for (const auto& [shareId, userId] : p.shares)
        ctx.recordChange(QStringLiteral("contact_share"), shareId, EntityChange::Kind::Deleted,
                         QJsonObject{{QStringLiteral("contactId"), p.id}, {QStringLiteral("userId"), userId}}, {});
    if (deleteRow) {
        QSqlQuery q(ctx.db());
        q.prepare(QStringLiteral("DELETE FROM contacts WHERE id = ?")); // its custom values go by trigger
        q.bindValue(0, p.id);
        if (!q.exec())
            return Error(ErrorCode::Database,
                         ContactValidation::tr("Could not delete the contact: %1").arg(q.lastError().text()));
    }
    JsonTextObject before = p.existing->fieldsJson();
    if (!p.custom.isEmpty()) {
        for (auto it = p.custom.begin(); it != p.custom.end(); ++it)
            before.object.insert(it.key(), it.value());
        before.text = QByteArray(); // the fields' only
    }
    ctx.recordChange(kEntity, p.id, EntityChange::Kind::Deleted, before.object, {}, before.text, QByteArray());
    return {};
}

class DeleteContact final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("contact.delete"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto id = requireId(ctx.args());
        if (!id)
            return id.error();
        auto p = prepareDeletes(ctx, {id.value()});
        if (!p)
            return p.error();
        return writeDelete(ctx, p->first());
    }
};

// The members of a many-contacts mutation's array `argName`, checked for size.
Result<QJsonArray> readMany(const QJsonObject& args, const char* argName)
{
    const QJsonValue v = args.value(QLatin1String(argName));
    if (!v.isArray() || v.toArray().isEmpty())
        return invalid(ContactValidation::tr("\"%1\" must be a non-empty list.").arg(QLatin1String(argName)));
    if (v.toArray().size() > ContactValidation::kMaxContactsPerMutation)
        return invalid(ContactValidation::tr("At most %1 contacts can be changed by one change; this one has %2.")
                           .arg(ContactValidation::kMaxContactsPerMutation)
                           .arg(v.toArray().size()));
    return v.toArray();
}

// Whether any of `ids` is a contact already: one statement per few hundred ids.
Result<bool> anyContactExists(QSqlDatabase& db, const QStringList& ids)
{
    bool found = false;
    QSqlQuery q(db);
    if (!execInLists(q, QStringLiteral("SELECT 1 FROM contacts WHERE id IN (%1) LIMIT 1"), ids,
                     [&](const QSqlQuery&) {
                         found = true;
                         return false; // one is enough
                     }))
        return Error(ErrorCode::Database,
                     ContactValidation::tr("Could not read the contacts: %1").arg(q.lastError().text()));
    return found;
}

// Creates many contacts in one mutation (an import's chunk): one outbox entry and one mutation's bookkeeping for
// all of them, one audit entry and one sync change per contact as contact.create writes. Each member is
// { "id", "fields" } as contact.create takes them, and replays the same way (an id already there gets its fields
// set). Every member is checked before any is written: one refused member refuses the whole mutation, naming it.
class CreateContacts final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("contact.createMany"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto members = readMany(ctx.args(), "contacts");
        if (!members)
            return members.error();
        auto prepared = preparedMembers(ctx, members.value());
        if (!prepared)
            return prepared.error();
        if (prepared->isEmpty()) { // not given, or not usable
            prepared = readMembers(ctx, members.value());
            if (!prepared)
                return prepared.error();
        }
        for (PreparedFields& p : prepared.value()) {
            if (Status s = writeFields(ctx, p); !s)
                return s;
        }
        return {};
    }

private:
    // Every member read and checked here.
    static Result<QList<PreparedFields>> readMembers(MutationContext& ctx, const QJsonArray& members)
    {
        QList<PreparedFields> prepared;
        prepared.reserve(members.size());
        QSet<QString> ids;
        for (qsizetype i = 0; i < members.size(); ++i) {
            auto change = readFieldChange(ctx, members.at(i).toObject(), "fields");
            if (!change)
                return memberError(i, members.size(), change.error());
            if (ids.contains(change->id))
                return memberError(i, members.size(),
                                   invalid(ContactValidation::tr("the contact id %1 is given twice.").arg(change->id)));
            ids.insert(change->id);
            Contact base;
            base.id = change->id;
            const bool exists = change->existing.has_value();
            auto p = prepareFields(ctx, exists ? std::move(*change->existing) : base, exists, change->fields,
                                   change->custom);
            if (!p)
                return memberError(i, members.size(), p.error());
            prepared.append(std::move(p.value()));
        }
        return prepared;
    }

    // The members as the caller prepared them (PreparedNewContacts), with what needs the database checked here;
    // none (an empty list) when they were not given, do not match the members, or a contact exists already.
    static Result<QList<PreparedFields>> preparedMembers(MutationContext& ctx, const QJsonArray& members)
    {
        const auto* given = ctx.prepared<PreparedNewContacts>();
        if (!given || given->members.size() != members.size())
            return QList<PreparedFields>();
        QStringList ids;
        ids.reserve(members.size());
        QSet<QString> distinct;
        distinct.reserve(members.size());
        for (qsizetype i = 0; i < members.size(); ++i) {
            const NewContact& n = given->members.at(i);
            const QString& id = n.contact.id;
            const QJsonObject member = members.at(i).toObject();
            // Usually the very object the caller prepared from (implicitly shared), which compares equal at once.
            if (member.value(QLatin1String("id")).toString() != id || distinct.contains(id)
                || member.value(QLatin1String("fields")).toObject() != n.fields)
                return QList<PreparedFields>();
            distinct.insert(id);
            ids << id;
        }
        auto exists = anyContactExists(ctx.db(), ids);
        if (!exists)
            return exists.error();
        if (exists.value())
            return QList<PreparedFields>();
        QList<PreparedFields> prepared;
        prepared.reserve(members.size());
        for (qsizetype i = 0; i < members.size(); ++i) {
            const NewContact& n = given->members.at(i);
            PreparedFields p;
            p.current.id = n.contact.id;
            p.next = n.contact;
            p.after = n.after;
            p.afterText = n.afterText;
            p.contactValues = n.rowValues;
            if (Status s = checkWithDatabase(ctx, p, QJsonObject()); !s)
                return memberError(i, members.size(), s.error());
            prepared.append(std::move(p));
        }
        return prepared;
    }

    static Error memberError(qsizetype index, qsizetype count, const Error& e)
    {
        return Error(e.code, ContactValidation::tr("Contact %1 of %2: %3").arg(index + 1).arg(count).arg(e.message));
    }
};

// Deletes many contacts in one mutation (the undo of an import's chunk), as contact.delete deletes each:
// { "ids": [...] }; an id already gone is no error (replay-safe). All are read before any is deleted.
class DeleteContacts final : public Mutator
{
public:
    QString name() const override { return QStringLiteral("contact.deleteMany"); }
    int version() const override { return 1; }
    Status apply(MutationContext& ctx) const override
    {
        auto members = readMany(ctx.args(), "ids");
        if (!members)
            return members.error();
        QStringList ids;
        ids.reserve(members->size());
        QSet<QString> distinct;
        distinct.reserve(members->size());
        for (const QJsonValue& v : std::as_const(members.value())) {
            const QString id = v.toString();
            if (!isUuid(id))
                return invalid(ContactValidation::tr("The contact id \"%1\" is malformed.").arg(id));
            if (distinct.contains(id))
                continue;
            distinct.insert(id);
            ids << id;
        }
        auto read = prepareDeletes(ctx, ids);
        if (!read)
            return read.error();
        const QList<PreparedDelete>& prepared = read.value();
        // The rows go a few hundred per statement: with foreign keys on, a DELETE inside a transaction keeps a
        // statement journal (it fires an ON DELETE action, so it may abort), which SQLCipher encrypts page by
        // page — once per page per statement, so one statement for many rows copies each shared page once, not
        // once per row. The distributors linked to them are unlinked here first, as `distributors.contact_id …
        // ON DELETE SET NULL` would do: the same on every backend, and still done when the caller runs with
        // foreign keys off to save those journals (ImportHistory::undo, ForeignKeysOff).
        QStringList existingIds;
        for (const PreparedDelete& p : std::as_const(prepared)) {
            if (Status s = writeDelete(ctx, p, false); !s)
                return s;
            if (p.existing)
                existingIds << p.id;
        }
        for (const QString& statement : {QStringLiteral("UPDATE distributors SET contact_id = NULL WHERE contact_id IN (%1)"),
                                         QStringLiteral("DELETE FROM contacts WHERE id IN (%1)")}) {
            QSqlQuery q(ctx.db());
            if (!execInLists(q, statement, existingIds, [](const QSqlQuery&) { return true; }))
                return Error(ErrorCode::Database,
                             ContactValidation::tr("Could not delete the contacts: %1").arg(q.lastError().text()));
        }
        return {};
    }
};

} // namespace

bool ContactValidation::isValidEmail(const QString& email)
{
    static const QRegularExpression re(QStringLiteral(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)"));
    return email.size() <= 254 && re.match(email).hasMatch();
}

QString ContactValidation::normalize(const QString& field, const QString& value, QString* problem)
{
    if (field == QLatin1String("otherEmails") || field == QLatin1String("otherPhones")
        || field == QLatin1String("otherAddresses"))
        return LabelledValues::normalize(field, value, problem);
    QString v = value.trimmed();
    if (field == QLatin1String("tags"))
        v = Contact::normalizeTags(v);
    *problem = problemWith(field, v);
    return v;
}

QString ContactValidation::problemWith(const QString& field, const QString& value)
{
    if (field == QLatin1String("otherEmails") || field == QLatin1String("otherPhones")
        || field == QLatin1String("otherAddresses")) {
        QString problem;
        LabelledValues::normalize(field, value, &problem);
        return problem;
    }
    if (field == QLatin1String("companyId")) {
        if (!value.isEmpty() && !isUuid(value))
            return tr("The company id \"%1\" is malformed.").arg(value);
        return {};
    }
    if (field == QLatin1String("tags")) {
        const QStringList tags = Contact::tagList(value);
        if (tags.size() > 50)
            return tr("A contact has at most 50 tags.");
        for (const QString& t : tags) {
            if (t.size() > 40)
                return tr("The tag \"%1\" is too long (at most 40 characters).").arg(t);
        }
        return {};
    }
    if (field == QLatin1String("email")) {
        if (!value.isEmpty() && !isValidEmail(value))
            return tr("\"%1\" is not a valid e-mail address.").arg(value);
        return {};
    }
    if (field == QLatin1String("phone")) {
        static const QRegularExpression re(QStringLiteral(R"(^[0-9+()\-./ ]*(?:\s*(?:ext\.?|x)\s*[0-9]+)?$)"),
                                           QRegularExpression::CaseInsensitiveOption);
        if (value.size() > 40 || !re.match(value).hasMatch())
            return tr("\"%1\" is not a valid phone number (digits, spaces, + ( ) - / . and an extension are "
                      "allowed).")
                .arg(value);
        return {};
    }
    if (field == QLatin1String("country")) {
        static const QRegularExpression re(QStringLiteral("^[A-Z]{2}$"));
        if (!value.isEmpty() && !re.match(value).hasMatch())
            return tr("The country must be a two-letter ISO code such as DE or FR.");
        return {};
    }
    if (field == QLatin1String("notes")) {
        if (value.size() > 20000)
            return tr("The notes are too long (at most 20,000 characters).");
        return {};
    }
    if (value.size() > 200)
        return tr("The field \"%1\" is too long (at most 200 characters).").arg(field);
    return {};
}

std::optional<NewContact> prepareNewContact(const QString& id, const QJsonObject& fields, const QByteArray& fieldsText)
{
    QHash<QString, QString> values;
    QJsonObject custom;
    if (!isUuid(id) || !readFields(fields, "fields", &values, &custom) || !custom.isEmpty())
        return std::nullopt;
    // When reading changed no value and none is empty, the audit's `after` is the fields as given, and their text
    // (if the caller has it) need not be written and parsed again.
    bool asGiven = !fieldsText.isEmpty() && values.size() == fields.size();
    for (auto it = values.cbegin(); asGiven && it != values.cend(); ++it)
        asGiven = !it.value().isEmpty() && fields.value(it.key()).toString() == it.value();
    const JsonTextObject given{fieldsText, fields};
    Contact base;
    base.id = id;
    auto p = diffFields(std::move(base), false, values, asGiven ? &given : nullptr);
    if (!p)
        return std::nullopt;
    NewContact n;
    n.fields = fields;
    n.rowValues = contactsql::contactValues(p->next);
    n.contact = std::move(p->next);
    n.after = std::move(p->after);
    n.afterText = std::move(p->afterText);
    return n;
}

void registerContactMutators(MutationRegistry& registry)
{
    registry.add(std::make_unique<CreateContact>());
    registry.add(std::make_unique<UpdateContact>());
    registry.add(std::make_unique<DeleteContact>());
    registry.add(std::make_unique<CreateContacts>());
    registry.add(std::make_unique<DeleteContacts>());
}

} // namespace outpost
