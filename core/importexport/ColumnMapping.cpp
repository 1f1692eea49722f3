#include "importexport/ColumnMapping.h"

#include "contacts/Contact.h"
#include "util/TextFold.h"

#include <QHash>
#include <QRegularExpression>

namespace outpost {

namespace {

// Header names, normalised (folded, letters and digits only, digits removed), to fields.
const QHash<QString, QString>& knownNames()
{
    static const QHash<QString, QString> map = [] {
        QHash<QString, QString> m;
        auto add = [&m](const char* field, std::initializer_list<const char*> names) {
            for (const char* n : names)
                m.insert(QString::fromLatin1(n), QString::fromLatin1(field));
        };
        add("firstName", {"firstname", "first", "givenname", "given", "forename", "vorname", "prenom", "nombre",
                          "nome", "voornaam", "fornavn", "fornamn", "imie", "christianname"});
        add("lastName", {"lastname", "last", "surname", "familyname", "family", "nachname", "familienname", "nom",
                         "nomdefamille", "apellido", "apellidos", "cognome", "achternaam", "efternavn", "efternamn",
                         "nazwisko"});
        add("email", {"email", "emailaddress", "mail", "mailaddress", "emailadresse", "mailadresse", "courriel",
                      "adressemail", "adresseemail", "correo", "correoelectronico", "posta", "postaelettronica",
                      "emailadres", "epost", "epostadresse", "emailid"});
        add("phone", {"phone", "phonenumber", "telephone", "telephonenumber", "tel", "mobile", "mobilephone",
                      "mobilenumber", "cell", "cellphone", "cellular", "handy", "handynummer", "telefon",
                      "telefonnummer", "mobil", "mobiltelefon", "mobilnummer", "rufnummer", "telefono", "movil",
                      "cellulare", "portable", "telephoneportable", "numero", "telefoon", "mobiel", "voice",
                      "callbackphone", "carphone", "assistantsphone", "radiophone"});
        add("company", {"company", "companyname", "organization", "organisation", "organizationname",
                        "organisationname", "org", "firma", "firmenname", "unternehmen", "societe", "entreprise",
                        "empresa", "azienda", "bedrijf", "account", "accountname", "employer"});
        add("street", {"street", "streetaddress", "address", "addressline", "strasse", "strasseundhausnummer",
                       "anschrift", "adresse", "rue", "calle", "direccion", "via", "indirizzo", "straat", "adres"});
        add("postalCode", {"zip", "zipcode", "postalcode", "postcode", "plz", "postleitzahl", "codepostal", "cp",
                           "codigopostal", "cap", "postcodenummer", "zippostalcode"});
        add("city", {"city", "town", "locality", "ort", "stadt", "wohnort", "ville", "ciudad", "localidad", "citta",
                     "localita", "plaats", "woonplaats", "by"});
        add("country", {"country", "countryregion", "countrycode", "land", "pays", "pais", "paese", "nation", "staat"});
        add("notes", {"notes", "note", "notizen", "notiz", "bemerkung", "bemerkungen", "anmerkung", "anmerkungen",
                      "kommentar", "comments", "comment", "remarks", "description", "beschreibung", "remarques",
                      "notas", "nota", "opmerkingen"});
        add("ownerId", {"ownerid"});
        return m;
    }();
    return map;
}

// Words that mark a column as something we do not import (a type or label column next to a value,
// a fax number, a job title, a formatted duplicate of the address, …).
bool isIgnoredName(const QString& n)
{
    static const char* const words[] = {"type", "label", "fax", "phonetic", "formatted", "title", "department",
                                        "region", "pobox", "postbox", "middle", "nickname", "suffix", "prefix",
                                        "birthday", "anniversary", "website", "url", "photo", "gender", "language",
                                        "priority", "sensitivity", "category", "categories", "pager", "telex",
                                        "isdn", "bundesland", "state", "province", "initials"};
    for (const char* w : words) {
        if (n.contains(QLatin1String(w)))
            return true;
    }
    return false;
}

QString normalizeHeader(const QString& name)
{
    const QString folded = foldText(name.trimmed());
    QString out;
    out.reserve(folded.size());
    for (QChar c : folded) {
        if (c.isLetter())
            out += c.toLower();
    }
    return out;
}

} // namespace

ColumnMapping::ColumnMapping(QStringList header)
    : m_header(std::move(header))
{
    for (int i = 0; i < m_header.size(); ++i)
        m_fields << QString();
}

QString ColumnMapping::guessField(const QString& headerName)
{
    // Our own export writes the field names: take them as they are.
    const QString trimmed = headerName.trimmed();
    for (const QString& f : Contact::fieldNames()) {
        if (trimmed.compare(f, Qt::CaseInsensitive) == 0)
            return f;
    }
    QString n = normalizeHeader(headerName); // digits dropped: "Phone 1 - Value" → "phonevalue"
    n.replace(QLatin1String("countryregion"), QLatin1String("country")); // Outlook's "Country/Region"
    if (n.isEmpty() || isIgnoredName(n))
        return {};
    if (auto it = knownNames().constFind(n); it != knownNames().constEnd())
        return it.value();
    // Google's "… - Value", Outlook's "E-mail 2 Address", then a leading qualifier ("Business", "Home",
    // "Address 1 -", "Organization 1 -") that says where, not what.
    static const char* const suffixes[] = {"value", "address", "adresse", "number", "nummer"};
    static const char* const prefixes[] = {"business", "home", "work", "other", "primary", "private", "privat",
                                           "personal", "main", "company", "office", "dienstlich", "geschaftlich",
                                           "address", "adresse", "organization", "organisation", "contact",
                                           "kontakt", "billing", "shipping", "mailing", "postal"};
    for (int round = 0; round < 3; ++round) {
        bool changed = false;
        for (const char* s : suffixes) {
            const QLatin1String suffix(s);
            if (n.size() > suffix.size() && n.endsWith(suffix)) {
                const QString rest = n.left(n.size() - suffix.size());
                if (auto it = knownNames().constFind(rest); it != knownNames().constEnd())
                    return it.value();
            }
        }
        for (const char* p : prefixes) {
            const QLatin1String prefix(p);
            if (n.size() > prefix.size() && n.startsWith(prefix)) {
                n = n.mid(prefix.size());
                changed = true;
                if (auto it = knownNames().constFind(n); it != knownNames().constEnd())
                    return it.value();
                break;
            }
        }
        if (!changed)
            break;
    }
    return {};
}

ColumnMapping ColumnMapping::guess(const QStringList& header)
{
    ColumnMapping m(header);
    for (int i = 0; i < header.size(); ++i)
        m.m_fields[i] = guessField(header.at(i));
    return m;
}

QString ColumnMapping::fieldFor(int column) const
{
    return column >= 0 && column < m_fields.size() ? m_fields.at(column) : QString();
}

void ColumnMapping::setField(int column, const QString& field)
{
    while (m_fields.size() <= column) {
        m_fields << QString();
        if (m_header.size() < m_fields.size())
            m_header << QString();
    }
    m_fields[column] = field;
}

QList<int> ColumnMapping::columnsFor(const QString& field) const
{
    QList<int> out;
    for (int i = 0; i < m_fields.size(); ++i) {
        if (m_fields.at(i) == field)
            out << i;
    }
    return out;
}

bool ColumnMapping::isEmpty() const
{
    return std::all_of(m_fields.cbegin(), m_fields.cend(), [](const QString& f) { return f.isEmpty(); });
}

Status ColumnMapping::apply(const QString& spec)
{
    const int eq = spec.lastIndexOf(QLatin1Char('='));
    if (eq <= 0)
        return Error(ErrorCode::InvalidArgument, tr("A column mapping looks like COLUMN=FIELD, not \"%1\".").arg(spec));
    const QString column = spec.left(eq).trimmed();
    QString field = spec.mid(eq + 1).trimmed();
    if (field.compare(QLatin1String("ignore"), Qt::CaseInsensitive) == 0 || field == QLatin1String("-"))
        field.clear();
    if (!field.isEmpty()) {
        bool known = false;
        for (const QString& f : Contact::fieldNames()) {
            if (f.compare(field, Qt::CaseInsensitive) == 0) {
                field = f;
                known = true;
            }
        }
        if (!known)
            return Error(ErrorCode::InvalidArgument, tr("Contacts have no field \"%1\"; the fields are: %2.")
                                                         .arg(field, Contact::fieldNames().join(QStringLiteral(", "))));
    }
    int index = -1;
    for (int i = 0; i < m_header.size(); ++i) {
        if (m_header.at(i).trimmed().compare(column, Qt::CaseInsensitive) == 0) {
            index = i;
            break;
        }
    }
    if (index < 0) {
        bool ok = false;
        const int number = column.toInt(&ok);
        if (ok && number >= 1 && number <= m_header.size())
            index = number - 1;
    }
    if (index < 0)
        return Error(ErrorCode::InvalidArgument, tr("The file has no column \"%1\".").arg(column));
    setField(index, field);
    return {};
}

QString ColumnMapping::describe() const
{
    QStringList parts;
    for (int i = 0; i < m_fields.size(); ++i) {
        if (!m_fields.at(i).isEmpty())
            parts << tr("%1 → %2").arg(m_header.value(i), m_fields.at(i));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace outpost
