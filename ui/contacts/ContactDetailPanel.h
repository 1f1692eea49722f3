#pragma once

#include "contacts/Contact.h"
#include "customfields/CustomField.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QVBoxLayout;

namespace outpost {

// The selected contact, read-only, with Edit and Delete. Shows a hint while nothing is selected.
class ContactDetailPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ContactDetailPanel(QWidget* parent = nullptr);

    // What the panel shows besides the contact's own row: the linked company's name, and the custom
    // field definitions with the contact's values ("custom.<key>" -> value).
    struct Extras
    {
        QString companyName;
        QList<CustomField> fields;
        QJsonObject custom;
    };
    void showContact(const std::optional<Contact>& contact, const Extras& extras = {});
    const std::optional<Contact>& contact() const { return m_contact; }
    // A section shown below the fields (the consents).
    void addSection(QWidget* section);

signals:
    void editRequested();
    void deleteRequested();
    void exportPersonRequested();
    void erasePersonRequested();
    // A tag was clicked (the page filters the list by it).
    void tagActivated(const QString& tag);

private:
    QLabel* addRow(const QString& label, const QString& objectName);
    void setRow(QLabel* value, const QString& text);

    std::optional<Contact> m_contact;
    QStackedWidget* m_stack;
    QLabel* m_placeholder;
    QLabel* m_name;
    QLabel* m_subtitle;
    QPushButton* m_edit;
    QPushButton* m_delete;
    QToolButton* m_privacy;
    QVBoxLayout* m_sections;
    QGridLayout* m_form;
    QLabel* m_email;
    QLabel* m_phone;
    QLabel* m_company;
    QLabel* m_linkedCompany;
    QLabel* m_otherEmails;
    QLabel* m_otherPhones;
    QLabel* m_address;
    QLabel* m_otherAddresses;
    QLabel* m_tags;
    QLabel* m_custom;
    QLabel* m_country;
    QLabel* m_notes;
    QLabel* m_created;
    QLabel* m_updated;
    QHash<QLabel*, QLabel*> m_captions; // value -> its caption
};

} // namespace outpost
