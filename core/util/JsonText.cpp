#include "util/JsonText.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace outpost {

void appendJsonString(QByteArray& out, QStringView s)
{
    static const char hex[] = "0123456789abcdef";
    // Written in place: at most 6 bytes per UTF-16 unit (an escaped control character; UTF-8 needs at most 3,
    // or 4 for a surrogate pair of two units), then cut to what was written.
    const qsizetype start = out.size();
    out.resize(start + 2 + 6 * s.size());
    char* p = out.data() + start;
    *p++ = '"';
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s.at(i).unicode();
        if (u < 0x80) {
            if (u >= 0x20 && u != u'"' && u != u'\\') {
                *p++ = char(u);
                continue;
            }
            *p++ = '\\';
            switch (u) {
            case u'"': *p++ = '"'; break;
            case u'\\': *p++ = '\\'; break;
            case u'\b': *p++ = 'b'; break;
            case u'\f': *p++ = 'f'; break;
            case u'\n': *p++ = 'n'; break;
            case u'\r': *p++ = 'r'; break;
            case u'\t': *p++ = 't'; break;
            default:
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hex[u >> 4];
                *p++ = hex[u & 0xf];
            }
        } else if (u < 0x800) {
            *p++ = char(0xc0 | (u >> 6));
            *p++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && i + 1 < s.size() && QChar::isLowSurrogate(s.at(i + 1).unicode())) {
            const char32_t c = QChar::surrogateToUcs4(u, s.at(++i).unicode());
            *p++ = char(0xf0 | (c >> 18));
            *p++ = char(0x80 | ((c >> 12) & 0x3f));
            *p++ = char(0x80 | ((c >> 6) & 0x3f));
            *p++ = char(0x80 | (c & 0x3f));
        } else if (QChar::isSurrogate(u)) {
            *p++ = '\\'; // a lone surrogate is escaped, as QJsonDocument does
            *p++ = 'u';
            *p++ = hex[u >> 12];
            *p++ = hex[(u >> 8) & 0xf];
            *p++ = hex[(u >> 4) & 0xf];
            *p++ = hex[u & 0xf];
        } else {
            *p++ = char(0xe0 | (u >> 12));
            *p++ = char(0x80 | ((u >> 6) & 0x3f));
            *p++ = char(0x80 | (u & 0x3f));
        }
    }
    *p++ = '"';
    out.truncate(p - out.constData());
}

JsonTextObject jsonTextObject(QList<std::pair<QString, QString>> members)
{
    const auto byKey = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(members.cbegin(), members.cend(), byKey))
        std::stable_sort(members.begin(), members.end(), byKey); // a key given twice keeps its order
    JsonTextObject out;
    out.text.reserve(64 * members.size() + 2);
    out.text += '{';
    for (qsizetype i = 0; i < members.size(); ++i) {
        Q_ASSERT(i == 0 || members.at(i - 1).first != members.at(i).first);
        if (i > 0)
            out.text += ',';
        appendJsonString(out.text, members.at(i).first);
        out.text += ':';
        appendJsonString(out.text, members.at(i).second);
    }
    out.text += '}';
    QJsonParseError error;
    out.object = QJsonDocument::fromJson(out.text, &error).object();
    if (error.error != QJsonParseError::NoError || out.object.size() != members.size()) {
        // A key given twice (a caller's mistake): the object keeps the last value, as insert() would, and the
        // text is written from it, so the two still agree.
        Q_ASSERT_X(false, "jsonTextObject", "a key was given twice");
        out.object = QJsonObject();
        for (const auto& [key, value] : std::as_const(members))
            out.object.insert(key, value);
        out.text = QJsonDocument(out.object).toJson(QJsonDocument::Compact);
    }
    return out;
}

} // namespace outpost
