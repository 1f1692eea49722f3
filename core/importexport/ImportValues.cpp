#include "importexport/ImportValues.h"

#include "contacts/Contact.h"
#include "util/TextFold.h"

#include <QLocale>
#include <QRegularExpression>

namespace outpost {

namespace {

const QHash<QString, QString>& countryNames()
{
    static const QHash<QString, QString> names = [] {
        QHash<QString, QString> m;
        const QList<QLocale> locales =
            QLocale::matchingLocales(QLocale::AnyLanguage, QLocale::AnyScript, QLocale::AnyTerritory);
        for (const QLocale& l : locales) {
            const QString code = QLocale::territoryToCode(l.territory());
            if (code.size() != 2)
                continue;
            m.insert(foldText(QLocale::territoryToString(l.territory())), code);
            const QString native = l.nativeTerritoryName();
            if (!native.isEmpty())
                m.insert(foldText(native), code);
        }
        const QList<QPair<const char*, const char*>> aliases = {
            {"usa", "US"},          {"u.s.a.", "US"},       {"u.s.", "US"},      {"united states of america", "US"},
            {"america", "US"},      {"uk", "GB"},           {"u.k.", "GB"},      {"great britain", "GB"},
            {"england", "GB"},      {"scotland", "GB"},     {"wales", "GB"},     {"britain", "GB"},
            {"holland", "NL"},      {"the netherlands", "NL"}, {"czech republic", "CZ"}, {"russia", "RU"},
            {"south korea", "KR"},  {"korea", "KR"},        {"turkey", "TR"},    {"deutschland", "DE"},
            {"brd", "DE"},          {"schweiz", "CH"},      {"suisse", "CH"},    {"svizzera", "CH"},
            {"osterreich", "AT"},   {"ivory coast", "CI"},  {"vatican", "VA"},
        };
        for (const auto& a : aliases)
            m.insert(QString::fromLatin1(a.first), QString::fromLatin1(a.second));
        return m;
    }();
    return names;
}

QString fieldLabel(const QString& field)
{
    if (field == QLatin1String("email"))
        return ImportValues::tr("E-mail");
    if (field == QLatin1String("phone"))
        return ImportValues::tr("Phone");
    if (field == QLatin1String("street"))
        return ImportValues::tr("Street");
    if (field == QLatin1String("city"))
        return ImportValues::tr("City");
    if (field == QLatin1String("postalCode"))
        return ImportValues::tr("Postal code");
    if (field == QLatin1String("country"))
        return ImportValues::tr("Country");
    if (field == QLatin1String("company"))
        return ImportValues::tr("Company");
    return field;
}

} // namespace

QString ImportValues::countryCode(const QString& value)
{
    const QString v = value.trimmed();
    if (v.isEmpty())
        return {};
    if (v.size() == 2 && v.at(0).isLetter() && v.at(1).isLetter()) {
        const QString upper = v.toUpper();
        if (QLocale::codeToTerritory(upper) != QLocale::AnyTerritory)
            return upper;
    }
    return countryNames().value(foldText(v));
}

QString ImportValues::cleanEmail(const QString& value)
{
    QString v = value.trimmed();
    if (v.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive))
        v = v.mid(7).trimmed();
    return v;
}

QString ImportValues::cleanPhone(const QString& value)
{
    QString v = value.trimmed();
    if (v.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive))
        v = v.mid(4);
    if (v.startsWith(QLatin1Char('\'')))
        v = v.mid(1);
    static const QRegularExpression ext(QStringLiteral(";\\s*ext=(\\d+)"), QRegularExpression::CaseInsensitiveOption);
    v.replace(ext, QStringLiteral(" ext. \\1"));
    static const QRegularExpression params(QStringLiteral(";.*$")); // other tel: URI parameters
    v.remove(params);
    return v.trimmed();
}

QString ImportValues::phoneKey(const QString& phone)
{
    // phoneSearchFor lists the full digits, then (when different) the national number without trunk 0.
    const QStringList forms = Contact::phoneSearchFor(cleanPhone(phone)).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (forms.isEmpty())
        return {};
    QString key = forms.size() >= 2 ? forms.at(1) : forms.at(0);
    if (key.startsWith(QLatin1Char('0')))
        key = key.mid(1);
    return key.size() >= 5 ? key : QString();
}

void ImportValues::Row::add(const QString& field, const QString& value, const QString& label)
{
    const QString v = value.trimmed();
    if (v.isEmpty())
        return;
    if (field == QLatin1String("notes")) {
        m_notes << v;
        return;
    }
    auto it = m_values.find(field);
    if (it == m_values.end()) {
        m_values.insert(field, v);
        return;
    }
    if (it.value() == v)
        return;
    const QString name = label.isEmpty() ? fieldLabel(field) : QStringLiteral("%1 (%2)").arg(fieldLabel(field), label);
    m_extra << QStringLiteral("%1: %2").arg(name, v);
}

void ImportValues::Row::addNote(const QString& line)
{
    if (!line.trimmed().isEmpty())
        m_extra << line.trimmed();
}

QHash<QString, QString> ImportValues::Row::fields() const
{
    QHash<QString, QString> out = m_values;
    QStringList notes = m_notes;
    notes += m_extra;
    if (!notes.isEmpty())
        out.insert(QStringLiteral("notes"), notes.join(QLatin1Char('\n')));
    return out;
}

} // namespace outpost
