#pragma once

#include "customfields/CustomField.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

namespace outpost {

class MessageLabel;

// Editors for a record's custom fields, one row per definition: a line for text, numbers (C-locale digits)
// and dates (yyyy-mm-dd), a list for a single choice, check boxes for a multiple choice. Each value is
// checked as it is typed with the same rules the mutators apply (CustomFields::normalize), the problem
// shown under its field.
class CustomFieldsForm : public QWidget
{
    Q_OBJECT
public:
    CustomFieldsForm(const QList<CustomField>& fields, const QJsonObject& values, QWidget* parent = nullptr);

    bool isEmpty() const { return m_fields.isEmpty(); }
    // The "custom.<key>" members whose value differs from the one loaded (null for a cleared value).
    QJsonObject changedValues() const;
    // Every value as it stands (the wire form; cleared ones left out).
    QJsonObject currentValues() const;
    // A required value missing counts only when `creating` (see CustomValueEdit::prepare).
    bool isValid(bool creating) const;
    void validate(bool creating);

    // A value as the detail panels show it ("Skin, Hair", "1,250", "1990-04-12").
    static QString displayText(const QJsonValue& value);

    // For tests and form state: set a value from its wire form.
    void setValue(const QString& key, const QJsonValue& value);

signals:
    void changed();

private:
    QJsonValue rawValue(const CustomField& field) const; // as typed, before normalising
    QString problemWith(const CustomField& field, bool creating) const;

    QList<CustomField> m_fields;
    QJsonObject m_original;
    QHash<QString, QWidget*> m_editors; // key -> editor
    QHash<QString, MessageLabel*> m_errors;
};

} // namespace outpost
