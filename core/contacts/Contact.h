#pragma once

#include "util/JsonText.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace outpost {

// A person in the CRM.
struct Contact
{
    Q_DECLARE_TR_FUNCTIONS(Contact)
public:
    QString id;
    QString firstName;
    QString lastName;
    QString email;
    QString phone;
    QString company;
    QString street;
    QString postalCode;
    QString city;
    QString country;      // ISO 3166-1 alpha-2
    QString notes;
    QString ownerId;
    QString companyId;      // the linked company's id, or empty
    QString otherEmails;    // JSON [{label, value}] besides `email` (LabelledValues)
    QString otherPhones;    // JSON [{label, value}] besides `phone`
    QString otherAddresses; // JSON [{label, street, postalCode, city, country}] besides the primary address
    QString tags;           // "tag1,tag2" (Contact::normalizeTags)
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;

    QString displayName() const;

    // The editable fields by their wire names (firstName, lastName, …), in a stable order.
    static const QStringList& fieldNames();
    QString field(const QString& name) const;
    bool setField(const QString& name, const QString& value); // false for an unknown name
    QJsonObject fieldsToJson() const;                         // every editable field
    JsonTextObject fieldsJson() const;                        // the same, with its compact text

    // Derived columns.
    static QString sortKeyFor(const QString& firstName, const QString& lastName, const QString& company,
                              const QString& email);
    static QString phoneSearchFor(const QString& phone);
    // The digit forms of the primary and the other phones, as the full-text index sees them.
    QString phoneSearch() const;
    // Folded words of the name, e-mails, company, city and tags, as the full-text index sees them.
    QString searchText() const;

    // Tags: trimmed, without empty ones and case-insensitive repeats, joined by commas.
    static QStringList tagList(const QString& tags);
    static QString normalizeTags(const QString& tags);
    static QString displayNameFor(const QString& firstName, const QString& lastName, const QString& company,
                                  const QString& email);
};

} // namespace outpost
