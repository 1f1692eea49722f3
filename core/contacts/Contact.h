#pragma once

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
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;

    QString displayName() const;

    // The editable fields by their wire names (firstName, lastName, …), in a stable order.
    static const QStringList& fieldNames();
    QString field(const QString& name) const;
    bool setField(const QString& name, const QString& value); // false for an unknown name
    QJsonObject fieldsToJson() const;                         // every editable field

    // Derived columns.
    static QString sortKeyFor(const QString& firstName, const QString& lastName, const QString& company,
                              const QString& email);
    static QString phoneSearchFor(const QString& phone);
    // Folded words of the name, e-mail, company and city, as the full-text index sees them.
    QString searchText() const;
    static QString displayNameFor(const QString& firstName, const QString& lastName, const QString& company,
                                  const QString& email);
};

} // namespace outpost
