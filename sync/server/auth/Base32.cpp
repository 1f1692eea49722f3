#include "auth/Base32.h"

namespace outpost::auth {

namespace {

constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int valueOf(char16_t c)
{
    if (c >= u'A' && c <= u'Z')
        return c - u'A';
    if (c >= u'a' && c <= u'z')
        return c - u'a';
    if (c >= u'2' && c <= u'7')
        return c - u'2' + 26;
    return -1;
}

} // namespace

QString Base32::encode(const QByteArray& bytes)
{
    QString out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(byte);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.append(QLatin1Char(Alphabet[(buffer >> bits) & 0x1f]));
        }
        buffer &= (1u << bits) - 1; // keep only the bits not yet written
    }
    if (bits > 0)
        out.append(QLatin1Char(Alphabet[(buffer << (5 - bits)) & 0x1f]));
    return out;
}

std::optional<QByteArray> Base32::decode(QStringView text)
{
    QByteArray out;
    out.reserve(text.size() * 5 / 8 + 1);
    quint32 buffer = 0;
    int bits = 0;
    qsizetype symbols = 0; // data characters, without spaces and padding
    qsizetype padding = 0;
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        if (c == u' ')
            continue;
        if (c == u'=') {
            ++padding;
            continue;
        }
        if (padding > 0)
            return std::nullopt; // data after padding
        const int v = valueOf(c);
        if (v < 0)
            return std::nullopt;
        ++symbols;
        buffer = (buffer << 5) | static_cast<quint32>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.append(static_cast<char>((buffer >> bits) & 0xff));
            buffer &= (1u << bits) - 1;
        }
    }
    // A final group of 8 symbols holds 5 bytes; a partial group can only have 2, 4, 5 or 7 symbols.
    const qsizetype tail = symbols % 8;
    if (tail == 1 || tail == 3 || tail == 6)
        return std::nullopt;
    if (padding > 0 && (tail == 0 || tail + padding != 8))
        return std::nullopt;
    if (buffer != 0)
        return std::nullopt; // non-zero leftover bits: not a canonical encoding
    return out;
}

} // namespace outpost::auth
