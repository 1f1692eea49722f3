#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace outpost {

// Words for the contact fields an import can fill (Contact::fieldNames()), as the import and export
// screens show them.
class ContactFieldLabels
{
    Q_DECLARE_TR_FUNCTIONS(ContactFieldLabels)
public:
    // "First name" for "firstName"; the name itself when unknown.
    static QString label(const QString& field);
    // The fields an import column can go into, in the order the column choices list them.
    static QStringList importableFields();
};

} // namespace outpost
