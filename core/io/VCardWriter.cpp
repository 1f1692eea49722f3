#include "io/VCardWriter.h"

#include <QIODevice>

namespace outpost {

namespace {

constexpr qsizetype kMaxLineOctets = 75;

bool isDroppedIn4(const QString& name)
{
    return name == u"VERSION" || name == u"BEGIN" || name == u"END" || name == u"FN" || name == u"LABEL" ||
           name == u"AGENT" || name == u"NAME" || name == u"MAILER" || name == u"PROFILE" ||
           name == u"CLASS" || name == u"SORT-STRING";
}

// RFC 6868 for parameter values, and quotes where the value holds , ; or :.
QString paramValue(const QString& value, bool list)
{
    QString v = value;
    v.replace(u'^', QLatin1String("^^"));
    v.replace(u'"', QLatin1String("^'"));
    v.replace(QLatin1String("\r\n"), QLatin1String("^n"));
    v.replace(u'\n', QLatin1String("^n"));
    v.replace(u'\r', QLatin1String("^n"));
    const bool needsQuotes = v.contains(u';') || v.contains(u':') || (!list && v.contains(u','));
    return needsQuotes ? u'"' + v + u'"' : v;
}

// Re-escapes a value read from any version into 4.0 form.
QString valueFor4(const VCardProperty& property)
{
    const QString& name = property.name();
    if (name.startsWith(QLatin1String("X-"))) {
        // Extensions may be structured (X-ANDROID-CUSTOM): their escapes pass through untouched.
        QString raw = property.rawValue();
        raw.replace(QLatin1String("\r\n"), QLatin1String("\\n"));
        raw.replace(u'\n', QLatin1String("\\n"));
        return raw;
    }
    switch (VCardProperty::valueKind(name)) {
    case VCardProperty::ValueKind::Structured: {
        QStringList components;
        for (const QStringList& values : property.componentValues()) {
            QStringList escaped;
            for (const QString& value : values)
                escaped.append(VCardProperty::escapeText(value));
            components.append(escaped.join(u','));
        }
        return components.join(u';');
    }
    case VCardProperty::ValueKind::List: {
        QStringList escaped;
        for (const QString& value : property.listValues())
            escaped.append(VCardProperty::escapeText(value));
        return escaped.join(u',');
    }
    case VCardProperty::ValueKind::Uri:
    case VCardProperty::ValueKind::Binary: {
        QString text = property.text();
        text.replace(u'\n', QLatin1String("\\n"));
        return text;
    }
    case VCardProperty::ValueKind::Text:
        break;
    }
    if (name == u"BDAY" || name == u"ANNIVERSARY") {
        const VCard::Date date = VCard::Date::parse(property.text());
        const QString omitted = property.param(QStringLiteral("X-APPLE-OMIT-YEAR"));
        if (date.isValid()) {
            const bool noYear = date.year == 0 || (!omitted.isEmpty() && omitted.toInt() == date.year);
            const QString monthDay = QStringLiteral("%1%2")
                                         .arg(date.month, 2, 10, QLatin1Char('0'))
                                         .arg(date.day, 2, 10, QLatin1Char('0'));
            return noYear ? QStringLiteral("--") + monthDay
                          : QStringLiteral("%1").arg(date.year, 4, 10, QLatin1Char('0')) + monthDay;
        }
    }
    return VCardProperty::escapeText(property.text(), false);
}

} // namespace

VCardWriter::VCardWriter(QIODevice* device)
    : m_device(device)
{}

QByteArray VCardWriter::fold(const QByteArray& line)
{
    QByteArray out;
    out.reserve(line.size() + line.size() / 70 * 3 + 2);
    qsizetype pos = 0;
    bool first = true;
    while (pos < line.size()) {
        const qsizetype room =
            first ? kMaxLineOctets : kMaxLineOctets - 1; // continuation starts with a space
        qsizetype end = std::min(line.size(), pos + room);
        // Never split a UTF-8 sequence: step back over continuation bytes (10xxxxxx).
        while (end < line.size() && end > pos && (static_cast<quint8>(line[end]) & 0xC0) == 0x80)
            --end;
        if (end == pos) // cannot happen with valid UTF-8; keep going rather than loop
            end = std::min(line.size(), pos + room);
        if (!first)
            out += ' ';
        out.append(line.constData() + pos, end - pos);
        out += "\r\n";
        pos = end;
        first = false;
    }
    if (first)
        out += "\r\n";
    return out;
}

QByteArray VCardWriter::toVCard4(const VCard& card)
{
    QByteArray out;
    out += "BEGIN:VCARD\r\nVERSION:4.0\r\n";
    out += fold(QByteArray("FN:") + VCardProperty::escapeText(card.formattedName(), false).toUtf8());

    for (const VCardProperty& property : card.properties()) {
        const QString name = property.name();
        if (isDroppedIn4(name))
            continue;
        const bool binary = VCardProperty::valueKind(name) == VCardProperty::ValueKind::Binary;
        if (binary && property.data().isEmpty() && property.text().trimmed().isEmpty())
            continue; // a photo whose bytes were not kept

        QString line;
        if (!property.group().isEmpty())
            line += property.group() + u'.';
        line += name;

        // Parameters, brought forward to 4.0.
        QStringList types;
        for (const QString& type : property.types()) {
            if (type == u"pref" || (name == u"EMAIL" && (type == u"internet" || type == u"x400")))
                continue;
            if (binary)
                continue; // JPEG, PNG in older versions: 4.0 says it with a media type
            if (!types.contains(type))
                types.append(type);
        }
        QString pref = property.param(QStringLiteral("PREF"));
        if (pref.isEmpty() && property.hasType(QStringLiteral("pref")))
            pref = QStringLiteral("1");
        if (!types.isEmpty())
            line += QLatin1String(";TYPE=") + paramValue(types.join(u','), true);
        if (!pref.isEmpty())
            line += QLatin1String(";PREF=") + paramValue(pref, false);
        const QString mediaType = binary ? property.mediaType() : QString();
        if (binary && property.data().isEmpty() && !mediaType.isEmpty())
            line += QLatin1String(";MEDIATYPE=") + paramValue(mediaType, false);
        QString lastKey;
        for (auto it = property.params().cbegin(); it != property.params().cend(); ++it) {
            const QString& key = it.key();
            if (key == u"TYPE" || key == u"PREF" || key == u"CHARSET" || key == u"ENCODING" ||
                key == u"X-APPLE-OMIT-YEAR" || (binary && (key == u"VALUE" || key == u"MEDIATYPE")))
                continue;
            QString value = it.value();
            if (key == u"VALUE" && value.compare(QLatin1String("url"), Qt::CaseInsensitive) == 0)
                value = QStringLiteral("uri");
            if (key == lastKey) {
                line += u',' + paramValue(value, false);
            } else {
                line += u';' + key + u'=' + paramValue(value, false);
                lastKey = key;
            }
        }

        line += u':';
        if (binary && !property.data().isEmpty()) {
            line += QLatin1String("data:") +
                    (mediaType.isEmpty() ? QStringLiteral("application/octet-stream") : mediaType) +
                    QLatin1String(";base64,") + QString::fromLatin1(property.data().toBase64());
        } else {
            line += valueFor4(property);
        }
        out += fold(line.toUtf8());
    }
    out += "END:VCARD\r\n";
    return out;
}

Status VCardWriter::write(const VCard& card)
{
    if (!m_status)
        return m_status;
    if (!m_device || !m_device->isWritable()) {
        m_status = Error(ErrorCode::Io, tr("The export file is not open for writing."));
        return m_status;
    }
    const QByteArray bytes = toVCard4(card);
    if (m_device->write(bytes) != bytes.size()) {
        m_status = Error(ErrorCode::Io, tr("The export file could not be written: %1. Check that the disk "
                                           "has space and the folder can be written to.")
                                            .arg(m_device->errorString()));
    }
    return m_status;
}

} // namespace outpost
