#include "util/TextFold.h"

namespace outpost {

QString foldText(const QString& text)
{
    // Fast path: plain ASCII needs only lower-casing.
    bool ascii = true;
    for (QChar c : text) {
        if (c.unicode() >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return text.toLower();

    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_SpacingCombining
            || c.category() == QChar::Mark_Enclosing)
            continue;
        switch (c.unicode()) {
        case 0x00DF: out += QLatin1String("ss"); break;         // ß
        case 0x1E9E: out += QLatin1String("ss"); break;         // ẞ
        case 0x0141: case 0x0142: out += QLatin1Char('l'); break; // Ł ł
        case 0x00D8: case 0x00F8: out += QLatin1Char('o'); break; // Ø ø
        case 0x00C6: case 0x00E6: out += QLatin1String("ae"); break; // Æ æ
        case 0x0152: case 0x0153: out += QLatin1String("oe"); break; // Œ œ
        case 0x0110: case 0x0111: out += QLatin1Char('d'); break; // Đ đ
        case 0x0131: out += QLatin1Char('i'); break;             // ı
        case 0x00DE: case 0x00FE: out += QLatin1String("th"); break; // Þ þ
        case 0x00D0: case 0x00F0: out += QLatin1Char('d'); break; // Ð ð
        default: out += c; break;
        }
    }
    return out.toCaseFolded();
}

QString foldedWordText(const QString& text)
{
    const QString folded = foldText(text);
    QString out;
    out.reserve(folded.size());
    bool space = true;
    for (QChar c : folded) {
        if (c.isLetterOrNumber()) {
            out += c;
            space = false;
        } else if (!space) {
            out += QLatin1Char(' ');
            space = true;
        }
    }
    if (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

QStringList foldedWords(const QString& text)
{
    return foldedWordText(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QString digitsOnly(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            out += c;
    }
    return out;
}

} // namespace outpost
