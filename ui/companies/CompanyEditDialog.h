#pragma once

#include "companies/Company.h"

#include <QDialog>
#include <QHash>

class QGridLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace outpost {

class CountryComboBox;
class CustomFieldsForm;
class MessageLabel;
class Workspace;

// Creates or edits a company. Each field is checked as it is typed (CompanyValidation::problemWith, and the
// custom fields' own rules); Save submits company.create / company.update and on failure shows the reason
// and keeps what was typed.
class CompanyEditDialog : public QDialog
{
    Q_OBJECT
public:
    // A company with an empty id is a new one.
    CompanyEditDialog(Workspace& workspace, const Company& company, QWidget* parent = nullptr);

    bool isNew() const { return m_original.id.isEmpty(); }
    QString savedId() const { return m_savedId; }
    Company currentValues() const;
    bool hasChanges() const;
    bool isValid() const;
    QLineEdit* line(const QString& field) const { return m_lines.value(field); }
    CustomFieldsForm* customFields() const { return m_custom; }

signals:
    void saved(const QString& id);

private:
    QLineEdit* addLine(const QString& field, const QString& label, int maxLength);
    void addRow(const QString& label, QWidget* field);
    void addErrorRow(const QString& field);
    void validate();
    void save();

    Workspace& m_workspace;
    Company m_original;
    QString m_savedId;
    QGridLayout* m_form;
    QHash<QString, QLineEdit*> m_lines;
    QHash<QString, MessageLabel*> m_errors;
    CountryComboBox* m_country;
    QPlainTextEdit* m_notes;
    CustomFieldsForm* m_custom = nullptr;
    MessageLabel* m_message;
    QPushButton* m_save;
};

} // namespace outpost
