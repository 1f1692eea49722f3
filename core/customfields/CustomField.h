#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace outpost {

// A field an admin defines for contacts or companies (customfield.define@1). Its values travel with their
// record as "custom.<key>" members: in the record's mutations (contact.update {set: {"custom.size": 12}}),
// audit entries and synced rows.
struct CustomField
{
    Q_DECLARE_TR_FUNCTIONS(CustomField)
public:
    enum class Type { Text, Number, Date, Choice, MultiChoice };

    QString id;
    QString entity;      // "contact" or "company"
    QString key;         // [a-z][a-z0-9_]*, unique per entity, never changes
    QString label;
    Type type = Type::Text;
    QStringList options; // the choices (Choice, MultiChoice)
    bool required = false;
    // Validation: Number: min/max of the value. Text: maxLength, regex (the whole value must match).
    std::optional<double> min;
    std::optional<double> max;
    int maxLength = 0;   // 0: the default, 1,000
    QString regex;
    int position = 0;
    bool retired = false;

    static QString typeName(Type type);
    static std::optional<Type> typeFrom(const QString& name);
    QString typeName() const { return typeName(type); }
    QString memberName() const { return kPrefix + key; } // "custom.<key>"
    QJsonObject rulesToJson() const;

    static inline const QString kPrefix = QStringLiteral("custom.");
};

// A value made ready for storage, or nothing (the field is cleared).
struct CustomValue
{
    QJsonValue wire;     // as mutations, audit entries and sync carry it
    QString text;        // custom_values.value_text
    std::optional<double> number; // custom_values.value_num
};

class CustomFields
{
    Q_DECLARE_TR_FUNCTIONS(CustomFields)
public:
    // The fields of an entity in display order (retired ones only when asked).
    static Result<QList<CustomField>> definitions(QSqlDatabase& db, const QString& entity, bool withRetired = false);
    static Result<std::optional<CustomField>> find(QSqlDatabase& db, const QString& id);

    // Checks a value against its field and returns its stored form, nothing for a clear (null, "" or []),
    // or an error that names the field.
    static Result<std::optional<CustomValue>> normalize(const CustomField& field, const QJsonValue& value);

    // A record's values as "custom.<key>" members (the wire form).
    static Result<QJsonObject> valuesOf(QSqlDatabase& db, const QString& recordId);
    // valuesOf() for many records, a few hundred per statement; a record without values has no entry.
    static Result<QHash<QString, QJsonObject>> valuesOf(QSqlDatabase& db, const QStringList& recordIds);
    // One stored `wire` column back as its JSON value.
    static QJsonValue wireValue(const QString& wire);

    // Sets (or with nothing, clears) one value.
    static Status store(QSqlDatabase& db, const QString& entity, const QString& recordId, const QString& key,
                        const std::optional<CustomValue>& value);
    // The stored form of a wire value, without its definition (numbers and yyyy-MM-dd dates also fill
    // value_num).
    static CustomValue fromWire(const QJsonValue& wire);

    // Makes a record's values equal the "custom.<key>" members of a synced row (others are removed).
    static Status replaceFromRow(QSqlDatabase& db, const QString& entity, const QString& recordId,
                                 const QJsonObject& row);
};

// What a record mutator does with the "custom.<key>" members of its arguments: validate them all first
// (prepare), then write (apply) and record the before/after of what changed.
class CustomValueEdit
{
public:
    // `requested`: member name -> value. `creating`: the record is new (a required field must then be given
    // whenever any custom value is). Fails naming the first unknown, retired or invalid field.
    static Result<CustomValueEdit> prepare(QSqlDatabase& db, const QString& entity, const QString& recordId,
                                           const QJsonObject& requested, bool creating);

    bool isEmpty() const { return m_items.isEmpty(); }
    // Writes the changed values and adds their old and new wire values to before/after.
    Status apply(QSqlDatabase& db, QJsonObject* before, QJsonObject* after) const;

private:
    struct Item
    {
        CustomField field;
        QJsonValue old;
        std::optional<CustomValue> next;
    };
    QString m_entity;
    QString m_recordId;
    QList<Item> m_items;
};

} // namespace outpost
