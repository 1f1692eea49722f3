#include "io/TextEncoding.h"

namespace outpost {

QString textEncodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Auto:
        return QStringLiteral("auto");
    case TextEncoding::Utf8:
        return QStringLiteral("UTF-8");
    case TextEncoding::Utf16LE:
        return QStringLiteral("UTF-16LE");
    case TextEncoding::Utf16BE:
        return QStringLiteral("UTF-16BE");
    case TextEncoding::Utf32LE:
        return QStringLiteral("UTF-32LE");
    case TextEncoding::Utf32BE:
        return QStringLiteral("UTF-32BE");
    case TextEncoding::Latin1:
        return QStringLiteral("ISO-8859-1");
    case TextEncoding::Windows1252:
        return QStringLiteral("windows-1252");
    }
    return {};
}

std::optional<TextEncoding> textEncodingFromName(QStringView name)
{
    QString key = name.trimmed().toString().toLower();
    key.remove(QLatin1Char('-')).remove(QLatin1Char('_')).remove(QLatin1Char(' '));
    if (key == u"utf8" || key == u"usascii" || key == u"ascii")
        return TextEncoding::Utf8;
    if (key == u"utf16le" || key == u"utf16") // a bare "UTF-16" label in a vCard is little-endian in practice
        return TextEncoding::Utf16LE;
    if (key == u"utf16be" || key == u"unicodefffe")
        return TextEncoding::Utf16BE;
    if (key == u"utf32le" || key == u"utf32")
        return TextEncoding::Utf32LE;
    if (key == u"utf32be")
        return TextEncoding::Utf32BE;
    if (key == u"iso88591" || key == u"latin1" || key == u"l1" || key == u"windows1252" || key == u"cp1252" ||
        key == u"ansi" || key == u"xansi")
        return TextEncoding::Windows1252;
    if (key == u"auto")
        return TextEncoding::Auto;
    return std::nullopt;
}

} // namespace outpost
