#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace outpost {

// An organisation in the CRM; contacts link to it through their companyId.
struct Company
{
    QString id;
    QString name;
    QString domain;     // web site or mail domain
    QString phone;
    QString email;
    QString street;
    QString postalCode;
    QString city;
    QString country;    // ISO 3166-1 alpha-2
    QString industry;
    QString notes;
    QString ownerId;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString updatedBy;

    // The editable fields by their wire names (name, domain, …), in a stable order, and their columns.
    static const QStringList& fieldNames();
    static const QStringList& columnNames();
    QString field(const QString& fieldName) const;
    bool setField(const QString& fieldName, const QString& value); // false for an unknown name
    QJsonObject fieldsToJson() const;

    // Derived columns.
    QString sortKey() const;
    QString searchText() const; // folded words of the name, domain, city and industry
};

} // namespace outpost
