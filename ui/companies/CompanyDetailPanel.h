#pragma once

#include "companies/Company.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QListView;
class QPushButton;
class QStackedWidget;

namespace outpost {

class CompanyContactsModel;
class CompanyRepository;
struct CustomField;

// The selected company, read-only, with Edit and Delete, its custom values and the (lazily listed)
// contacts linked to it. Shows a hint while nothing is selected.
class CompanyDetailPanel : public QWidget
{
    Q_OBJECT
public:
    CompanyDetailPanel(CompanyRepository& companies, QWidget* parent = nullptr);

    // `fields`: the company custom field definitions, to label `custom` ("custom.<key>" -> value).
    void showCompany(const std::optional<Company>& company, const QList<CustomField>& fields = {},
                     const QJsonObject& custom = {});
    const std::optional<Company>& company() const { return m_company; }
    CompanyContactsModel* contactsModel() const { return m_contacts; }
    QListView* contactsView() const { return m_contactsView; }

signals:
    void editRequested();
    void deleteRequested();
    void contactActivated(const QString& contactId);

private:
    QLabel* addRow(const QString& label, const QString& objectName);
    void setRow(QLabel* value, const QString& text);

    std::optional<Company> m_company;
    QStackedWidget* m_stack;
    QLabel* m_name;
    QLabel* m_subtitle;
    QGridLayout* m_form;
    QLabel* m_domain;
    QLabel* m_phone;
    QLabel* m_email;
    QLabel* m_address;
    QLabel* m_notes;
    QLabel* m_custom;
    QLabel* m_contactsCaption;
    CompanyContactsModel* m_contacts;
    QListView* m_contactsView;
    QHash<QLabel*, QLabel*> m_captions;
};

} // namespace outpost
