#include "io/VCard.h"

namespace outpost {

namespace {

QStringList cleanTypes(const VCardProperty& property, bool dropInternet)
{
    QStringList types;
    for (const QString& type : property.types()) {
        if (type == u"pref" || (dropInternet && (type == u"internet" || type == u"x400")) ||
            types.contains(type))
            continue;
        types.append(type);
    }
    return types;
}

QString joinedComponent(const QList<QStringList>& components, qsizetype index)
{
    if (index >= components.size())
        return {};
    QStringList values = components[index];
    for (QString& value : values)
        value = value.trimmed();
    values.removeAll(QString());
    return values.join(u' ');
}

int number(QStringView text)
{
    bool ok = false;
    const int n = text.toInt(&ok);
    return ok ? n : -1;
}

} // namespace

bool VCard::Name::isEmpty() const
{
    return family.isEmpty() && given.isEmpty() && additional.isEmpty() && prefix.isEmpty() &&
           suffix.isEmpty();
}

VCard::Date VCard::Date::parse(QStringView text)
{
    QStringView s = text.trimmed();
    const qsizetype t = s.indexOf(u'T');
    if (t >= 0)
        s = s.first(t);
    Date date;
    QString digits;
    if (s.startsWith(u"--")) { // no year: --MMDD or --MM-DD
        digits = s.sliced(2).toString().remove(u'-');
        if (digits.size() != 4)
            return {};
        date.month = number(QStringView(digits).first(2));
        date.day = number(QStringView(digits).sliced(2));
    } else {
        digits = s.toString().remove(u'-');
        if (digits.size() != 8)
            return {};
        date.year = number(QStringView(digits).first(4));
        date.month = number(QStringView(digits).sliced(4, 2));
        date.day = number(QStringView(digits).sliced(6, 2));
        if (date.year <= 0)
            return {};
    }
    if (!date.isValid())
        return {};
    if (date.year > 0 && !QDate(date.year, date.month, date.day).isValid())
        return {};
    return date;
}

QList<VCardProperty> VCard::properties(const QString& name) const
{
    QList<VCardProperty> result;
    const QString key = name.toUpper();
    for (const VCardProperty& property : m_properties) {
        if (property.name() == key)
            result.append(property);
    }
    return result;
}

const VCardProperty* VCard::property(const QString& name) const
{
    const QString key = name.toUpper();
    for (const VCardProperty& property : m_properties) {
        if (property.name() == key)
            return &property;
    }
    return nullptr;
}

QString VCard::formattedName() const
{
    if (const VCardProperty* fn = property(QStringLiteral("FN"))) {
        const QString text = fn->text().trimmed();
        if (!text.isEmpty())
            return text;
    }
    const Name n = name();
    QStringList parts{n.prefix, n.given, n.additional, n.family, n.suffix};
    parts.removeAll(QString());
    if (!parts.isEmpty())
        return parts.join(u' ');
    const QString org = organization().name;
    if (!org.isEmpty())
        return org;
    const QList<Email> mails = emails();
    return mails.isEmpty() ? QString() : mails.front().address;
}

VCard::Name VCard::name() const
{
    const VCardProperty* n = property(QStringLiteral("N"));
    if (!n)
        return {};
    const QList<QStringList> c = n->componentValues();
    return Name{joinedComponent(c, 0), joinedComponent(c, 1), joinedComponent(c, 2), joinedComponent(c, 3),
                joinedComponent(c, 4)};
}

QList<VCard::Email> VCard::emails() const
{
    QList<Email> result;
    for (const VCardProperty& property : m_properties) {
        if (property.name() != u"EMAIL")
            continue;
        QString address = property.text().trimmed();
        if (address.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive))
            address.remove(0, 7);
        if (address.isEmpty())
            continue;
        result.append(Email{address, cleanTypes(property, true), property.preference(), labelFor(property)});
    }
    return result;
}

QList<VCard::Phone> VCard::phones() const
{
    QList<Phone> result;
    for (const VCardProperty& property : m_properties) {
        if (property.name() != u"TEL")
            continue;
        QString number = property.text().trimmed();
        if (number.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive))
            number.remove(0, 4);
        if (number.isEmpty())
            continue;
        result.append(Phone{number, cleanTypes(property, false), property.preference(), labelFor(property)});
    }
    return result;
}

QList<VCard::Address> VCard::addresses() const
{
    QList<Address> result;
    for (const VCardProperty& property : m_properties) {
        if (property.name() != u"ADR")
            continue;
        QStringList c = property.components();
        for (QString& component : c)
            component = component.trimmed();
        while (c.size() < 7)
            c.append(QString());
        Address address{c[0],
                        c[1],
                        c[2],
                        c[3],
                        c[4],
                        c[5],
                        c[6],
                        cleanTypes(property, false),
                        property.preference(),
                        labelFor(property)};
        if (c.mid(0, 7).join(QString()).isEmpty())
            continue;
        result.append(address);
    }
    return result;
}

VCard::Organization VCard::organization() const
{
    const VCardProperty* org = property(QStringLiteral("ORG"));
    if (!org)
        return {};
    QStringList c = org->components();
    for (QString& component : c)
        component = component.trimmed();
    Organization result;
    result.name = c.value(0);
    for (qsizetype i = 1; i < c.size(); ++i) {
        if (!c[i].isEmpty())
            result.units.append(c[i]);
    }
    return result;
}

QString VCard::title() const
{
    const VCardProperty* p = property(QStringLiteral("TITLE"));
    return p ? p->text().trimmed() : QString();
}

QString VCard::note() const
{
    QStringList notes;
    for (const VCardProperty& property : m_properties) {
        if (property.name() == u"NOTE") {
            const QString text = property.text().trimmed();
            if (!text.isEmpty())
                notes.append(text);
        }
    }
    return notes.join(QLatin1String("\n\n"));
}

QStringList VCard::categories() const
{
    QStringList result;
    for (const VCardProperty& property : m_properties) {
        if (property.name() != u"CATEGORIES")
            continue;
        for (const QString& value : property.listValues()) {
            const QString category = value.trimmed();
            if (!category.isEmpty() && !result.contains(category))
                result.append(category);
        }
    }
    return result;
}

QString VCard::uid() const
{
    const VCardProperty* p = property(QStringLiteral("UID"));
    return p ? p->text().trimmed() : QString();
}

VCard::Date VCard::birthday() const
{
    const VCardProperty* p = property(QStringLiteral("BDAY"));
    if (!p)
        return {};
    Date date = Date::parse(p->text());
    // iOS writes a birthday without a year as 1604-MM-DD with X-APPLE-OMIT-YEAR=1604.
    const QString omitted = p->param(QStringLiteral("X-APPLE-OMIT-YEAR"));
    if (!omitted.isEmpty() && number(omitted) == date.year)
        date.year = 0;
    return date;
}

VCard::Photo VCard::photo() const
{
    const VCardProperty* p = property(QStringLiteral("PHOTO"));
    if (!p)
        return {};
    Photo photo;
    photo.data = p->data();
    photo.mediaType = p->mediaType();
    const QString value = p->text().trimmed();
    if (photo.data.isEmpty() && !value.isEmpty() &&
        !value.startsWith(QLatin1String("data:"), Qt::CaseInsensitive))
        photo.url = value;
    return photo;
}

QString VCard::labelFor(const VCardProperty& property) const
{
    if (property.group().isEmpty())
        return {};
    for (const VCardProperty& other : m_properties) {
        if (other.name() == u"X-ABLABEL" &&
            other.group().compare(property.group(), Qt::CaseInsensitive) == 0) {
            QString label = other.text().trimmed();
            if (label.startsWith(QLatin1String("_$!<")) && label.endsWith(QLatin1String(">!$_")))
                label = label.mid(4, label.size() - 8);
            return label;
        }
    }
    return {};
}

} // namespace outpost
