#pragma once

#include "io/VCardProperty.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace outpost {

// One contact card as VCardReader yields it (or as VCardWriter writes it): the properties in file order plus
// accessors for what an importer maps. Types in the accessors leave out "pref" (see preference) and, for
// e-mail, the meaningless "internet"; labels come from Apple's "itemN.X-ABLabel" in the same group.
class VCard
{
public:
    struct Name
    {
        QString family, given, additional, prefix, suffix; // list values joined with a space
        bool isEmpty() const;
    };
    struct Email
    {
        QString address;
        QStringList types;  // "home", "work", …
        int preference = 0; // VCardProperty::preference()
        QString label;
    };
    struct Phone
    {
        QString number;    // a 4.0 "tel:" URI loses its scheme
        QStringList types; // "cell", "home", "work", "fax", "voice", …
        int preference = 0;
        QString label;
    };
    struct Address
    {
        QString poBox, extended, street, locality, region, postalCode, country;
        QStringList types;
        int preference = 0;
        QString label;
    };
    struct Organization
    {
        QString name;
        QStringList units;
    };
    // A birthday or anniversary; the year is 0 when the card leaves it out (--0412, iOS's 1604).
    struct Date
    {
        int year = 0;
        int month = 0;
        int day = 0;
        bool isValid() const { return month >= 1 && month <= 12 && day >= 1 && day <= 31; }
        QDate toDate() const { return year > 0 ? QDate(year, month, day) : QDate(); }
        // Parses 1985-04-12, 19850412, --04-12, --0412, with or without a time (1985-04-12T00:00:00Z).
        static Date parse(QStringView text);
        bool operator==(const Date&) const = default;
    };
    struct Photo
    {
        QByteArray data;   // empty unless VCardReader::Options::keepBinaryData
        QString mediaType; // "image/jpeg"
        QString url;       // for a photo given by URL
    };

    QString version() const { return m_version; } // "2.1", "3.0", "4.0"; empty if the card has none
    void setVersion(const QString& version) { m_version = version; }

    const QList<VCardProperty>& properties() const { return m_properties; }
    void addProperty(const VCardProperty& property) { m_properties.append(property); }
    QList<VCardProperty> properties(const QString& name) const;
    const VCardProperty* property(const QString& name) const; // the first with that name, or nullptr

    // FN, or when it is missing a name made from N, ORG or EMAIL.
    QString formattedName() const;
    Name name() const;
    QList<Email> emails() const;
    QList<Phone> phones() const;
    QList<Address> addresses() const;
    Organization organization() const;
    QString title() const;
    QString note() const; // several NOTEs are joined with a blank line
    QStringList categories() const;
    QString uid() const;
    Date birthday() const;
    Photo photo() const;
    // The X-ABLabel of a property's group ("_$!<Mobile>!$_" becomes "Mobile"), else empty.
    QString labelFor(const VCardProperty& property) const;

    // Where the card was in the file, and what went wrong reading it.
    int firstLine() const { return m_firstLine; }
    int lastLine() const { return m_lastLine; }
    void setLines(int first, int last)
    {
        m_firstLine = first;
        m_lastLine = last;
    }
    // Set when the card could not be read whole (no END:VCARD, text outside any card): translated,
    // "Line 12: …". The properties read so far are kept.
    QString errorMessage() const { return m_error; }
    void setErrorMessage(const QString& message) { m_error = message; }
    bool isValid() const { return m_error.isEmpty(); }
    // Lines of the card that were skipped (translated, "Line 15: …"); the rest of the card is fine.
    const QStringList& warnings() const { return m_warnings; }
    void addWarning(const QString& warning) { m_warnings.append(warning); }

private:
    QString m_version;
    QList<VCardProperty> m_properties;
    int m_firstLine = 0;
    int m_lastLine = 0;
    QString m_error;
    QStringList m_warnings;
};

} // namespace outpost
