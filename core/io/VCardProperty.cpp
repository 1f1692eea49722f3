#include "io/VCardProperty.h"

namespace outpost {

VCardProperty::VCardProperty(QString name, QString rawValue)
    : m_name(std::move(name).toUpper())
    , m_rawValue(std::move(rawValue))
{}

VCardProperty VCardProperty::makeText(const QString& name, const QString& text, const QStringList& types)
{
    const ValueKind kind = valueKind(name.toUpper());
    VCardProperty property(name, kind == ValueKind::Uri ? text : escapeText(text, false));
    for (const QString& type : types)
        property.addType(type);
    return property;
}

VCardProperty VCardProperty::makeStructured(const QString& name, const QStringList& components,
                                            const QStringList& types)
{
    QStringList escaped;
    escaped.reserve(components.size());
    for (const QString& component : components)
        escaped.append(escapeText(component));
    VCardProperty property(name, escaped.join(u';'));
    for (const QString& type : types)
        property.addType(type);
    return property;
}

VCardProperty VCardProperty::makeList(const QString& name, const QStringList& values)
{
    QStringList escaped;
    escaped.reserve(values.size());
    for (const QString& value : values)
        escaped.append(escapeText(value));
    return VCardProperty(name, escaped.join(u','));
}

void VCardProperty::addParam(const QString& name, const QString& value)
{
    const QString key = name.toUpper();
    // Insert after the values already there: QMultiMap would otherwise put the newest first.
    m_params.insert(m_params.upperBound(key), key, value);
}

void VCardProperty::removeParam(const QString& name)
{
    m_params.remove(name.toUpper());
}

QString VCardProperty::param(const QString& name) const
{
    const auto it = m_params.constFind(name.toUpper());
    return it == m_params.cend() ? QString() : it.value();
}

QStringList VCardProperty::paramValues(const QString& name) const
{
    QStringList values;
    const QString key = name.toUpper();
    for (auto it = m_params.constFind(key); it != m_params.cend() && it.key() == key; ++it)
        values.append(it.value());
    return values;
}

bool VCardProperty::hasType(const QString& type) const
{
    return types().contains(type, Qt::CaseInsensitive);
}

int VCardProperty::preference() const
{
    bool ok = false;
    const int pref = param(QStringLiteral("PREF")).toInt(&ok);
    if (ok && pref >= 1)
        return std::min(pref, 100);
    return hasType(QStringLiteral("pref")) ? 1 : 0;
}

QString VCardProperty::mediaType() const
{
    const QString declared = param(QStringLiteral("MEDIATYPE"));
    if (!declared.isEmpty())
        return declared.toLower();
    for (const QString& type : types()) {
        if (type == u"jpeg" || type == u"jpg")
            return QStringLiteral("image/jpeg");
        if (type == u"png" || type == u"gif" || type == u"bmp" || type == u"tiff" || type == u"heic")
            return QStringLiteral("image/") + type;
        if (type.contains(u'/'))
            return type;
    }
    return {};
}

QString VCardProperty::text() const
{
    return unescapeText(m_rawValue);
}

QStringList VCardProperty::components() const
{
    QStringList parts = splitEscaped(m_rawValue, u';');
    for (QString& part : parts)
        part = unescapeText(part);
    return parts;
}

QList<QStringList> VCardProperty::componentValues() const
{
    QList<QStringList> result;
    const QStringList parts = splitEscaped(m_rawValue, u';');
    for (const QString& part : parts) {
        QStringList values = splitEscaped(part, u',');
        for (QString& value : values)
            value = unescapeText(value);
        result.append(values);
    }
    return result;
}

QStringList VCardProperty::listValues() const
{
    QStringList values = splitEscaped(m_rawValue, u',');
    for (QString& value : values)
        value = unescapeText(value);
    return values;
}

VCardProperty::ValueKind VCardProperty::valueKind(const QString& name)
{
    if (name == u"N" || name == u"ADR" || name == u"ORG" || name == u"GENDER" || name == u"CLIENTPIDMAP")
        return ValueKind::Structured;
    if (name == u"CATEGORIES" || name == u"NICKNAME")
        return ValueKind::List;
    if (name == u"PHOTO" || name == u"LOGO" || name == u"SOUND" || name == u"KEY")
        return ValueKind::Binary;
    if (name == u"URL" || name == u"SOURCE" || name == u"MEMBER" || name == u"RELATED" || name == u"IMPP" ||
        name == u"GEO" || name == u"FBURL" || name == u"CALURI" || name == u"CALADRURI")
        return ValueKind::Uri;
    return ValueKind::Text;
}

QString VCardProperty::escapeText(const QString& text, bool escapeSemicolon)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\\') {
            out += QLatin1String("\\\\");
        } else if (c == u',') {
            out += QLatin1String("\\,");
        } else if (c == u';' && escapeSemicolon) {
            out += QLatin1String("\\;");
        } else if (c == u'\r') {
            out += QLatin1String("\\n");
            if (i + 1 < text.size() && text[i + 1] == u'\n')
                ++i;
        } else if (c == u'\n') {
            out += QLatin1String("\\n");
        } else {
            out += c;
        }
    }
    return out;
}

QString VCardProperty::unescapeText(QStringView raw)
{
    if (!raw.contains(u'\\'))
        return raw.toString();
    QString out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw[i];
        if (c != u'\\' || i + 1 == raw.size()) {
            out += c;
            continue;
        }
        const QChar next = raw[i + 1];
        if (next == u'n' || next == u'N') {
            out += u'\n';
            ++i;
        } else if (next == u'\\' || next == u',' || next == u';' || next == u':') {
            out += next;
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

QStringList VCardProperty::splitEscaped(QStringView raw, QChar separator)
{
    QStringList parts;
    qsizetype start = 0;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw[i] == u'\\') {
            ++i; // the escaped character never separates
        } else if (raw[i] == separator) {
            parts.append(raw.sliced(start, i - start).toString());
            start = i + 1;
        }
    }
    parts.append(raw.sliced(start).toString());
    return parts;
}

} // namespace outpost
