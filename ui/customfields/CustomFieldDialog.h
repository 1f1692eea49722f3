#pragma once

#include "customfields/CustomField.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace outpost {

class MessageLabel;
class MutationEngine;

// Defines a custom field (customfield.define) or edits one (customfield.update: label, choices, required,
// rules; the key and type of an existing field are shown but fixed, because stored values depend on them).
class CustomFieldDialog : public QDialog
{
    Q_OBJECT
public:
    // `existing` null: a new field of `entity`.
    CustomFieldDialog(MutationEngine& mutations, const QString& entity, const CustomField* existing,
                      QWidget* parent = nullptr);

    QLineEdit* labelEdit() const { return m_label; }
    QLineEdit* keyEdit() const { return m_key; }
    QComboBox* typeCombo() const { return m_type; }
    QPlainTextEdit* optionsEdit() const { return m_options; }
    MessageLabel* message() const { return m_message; }

signals:
    void saved(const QString& id);

private:
    CustomField::Type type() const;
    QJsonObject editable() const; // label, options, required, rules as the mutations take them
    void updateForType();
    void save();

    MutationEngine& m_mutations;
    QString m_entity;
    std::optional<CustomField> m_existing;
    QLineEdit* m_label;
    QLineEdit* m_key;
    QComboBox* m_type;
    QPlainTextEdit* m_options;
    QCheckBox* m_required;
    QLineEdit* m_min;
    QLineEdit* m_max;
    QLineEdit* m_maxLength;
    QLineEdit* m_regex;
    MessageLabel* m_message;
    bool m_keyEdited = false;
};

} // namespace outpost
