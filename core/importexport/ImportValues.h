#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

namespace outpost {

// Cleans imported values into what the contact fields accept, and collects a row's values field by field.
class ImportValues
{
    Q_DECLARE_TR_FUNCTIONS(ImportValues)
public:
    // ISO 3166-1 alpha-2 code for a code in any case ("de"), an English or native country name
    // ("Germany", "Deutschland", "Österreich") or a common alias ("USA", "UK"); empty when unknown.
    static QString countryCode(const QString& value);
    // "mailto:Anna@Example.com " → "Anna@Example.com".
    static QString cleanEmail(const QString& value);
    // "tel:+1-555-0100;ext=12" → "+1-555-0100 ext. 12"; a "'" put before a number by a spreadsheet goes.
    static QString cleanPhone(const QString& value);
    // The phone number's national significant digits (without country code or trunk 0), which every
    // stored form of the same number contains as a token of phone_search; empty when too short to match.
    static QString phoneKey(const QString& phone);

    // A row being assembled: the first non-empty value of each field wins; further e-mails and phones
    // (and further values of other fields) are kept as lines for the notes.
    class Row
    {
    public:
        void add(const QString& field, const QString& value, const QString& label = {});
        void addNote(const QString& line);
        // The fields with their values; notes joined with the extra lines.
        QHash<QString, QString> fields() const;
        bool isEmpty() const { return m_values.isEmpty() && m_notes.isEmpty(); }

    private:
        QHash<QString, QString> m_values;
        QStringList m_notes;
        QStringList m_extra;
    };
};

} // namespace outpost
