#pragma once

#include "contacts/Contact.h"

#include <QDialog>
#include <QHash>
#include <QVariantMap>

#include <memory>

class QDialogButtonBox;
class QGridLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace outpost {

class CompanyPicker;
class CompanyRepository;
class CountryComboBox;
class CustomFieldsForm;
class LabelledValuesEditor;
class MessageLabel;
class MutationEngine;
class Workspace;

// Creates or edits a contact. Every field is checked as it is typed (ContactValidation::problemWith) with
// the problem shown under the field; Save is enabled once the form is valid and differs from what was
// loaded. Saving submits contact.create / contact.update; if that fails the message is shown here and the
// form keeps what was typed. Tabs: the contact (with its company link and tags), its other e-mails, phones
// and addresses, and the custom fields an admin defined (only when there are some).
class ContactEditDialog : public QDialog
{
    Q_OBJECT
public:
    // A contact with an empty id is a new one.
    ContactEditDialog(Workspace& workspace, const Contact& contact, QWidget* parent = nullptr);
    ~ContactEditDialog() override;

    bool isNew() const { return m_original.id.isEmpty(); }
    // The contact's id once saved.
    QString savedId() const { return m_savedId; }
    Contact currentValues() const;
    bool hasChanges() const;
    bool isValid() const;

    // The form as it stands (the contact it started from and every field as typed), to open it again the
    // same way after a lock. Personal data: keep it in memory only, never in settings.
    QVariantMap formState() const;
    // A dialog showing `state` again (from formState()); null if `state` holds no form.
    static ContactEditDialog* fromFormState(Workspace& workspace, const QVariantMap& state,
                                            QWidget* parent = nullptr);

    CompanyPicker* companyPicker() const { return m_companyPicker; }
    LabelledValuesEditor* otherEmailsEditor() const { return m_otherEmails; }
    CustomFieldsForm* customFields() const { return m_custom; }
    QTabWidget* tabs() const { return m_tabs; }

    void reject() override;

signals:
    void saved(const QString& id);

private:
    QLineEdit* addLine(const QString& field, const QString& label, int maxLength);
    void addRow(const QString& label, QWidget* field);
    void addErrorRow(const QString& field);
    void addGap();
    void validate();
    void save();

    MutationEngine& m_mutations;
    std::unique_ptr<CompanyRepository> m_companies;
    Contact m_original;
    QString m_savedId;
    QGridLayout* m_form;
    QHash<QString, QLineEdit*> m_lines;
    QHash<QString, MessageLabel*> m_errors;
    CountryComboBox* m_country;
    QPlainTextEdit* m_notes;
    CompanyPicker* m_companyPicker;
    LabelledValuesEditor* m_otherEmails;
    LabelledValuesEditor* m_otherPhones;
    LabelledValuesEditor* m_otherAddresses;
    CustomFieldsForm* m_custom = nullptr;
    QTabWidget* m_tabs;
    MessageLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_save;
    bool m_discardConfirmed = false;
};

} // namespace outpost
