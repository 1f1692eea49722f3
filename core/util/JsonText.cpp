#include "util/JsonText.h"

#include <QString>

namespace outpost {

void appendJsonString(QByteArray& out, QStringView s)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = s.toUtf8();
    out += '"';
    qsizetype run = 0; // start of the bytes not yet copied
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = uchar(utf8.at(i));
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.constData() + run, i - run);
        run = i + 1;
        out += '\\';
        switch (c) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '\b': out += 'b'; break;
        case '\f': out += 'f'; break;
        case '\n': out += 'n'; break;
        case '\r': out += 'r'; break;
        case '\t': out += 't'; break;
        default:
            out += "u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    out.append(utf8.constData() + run, utf8.size() - run);
    out += '"';
}

} // namespace outpost
