#include "io/TextDecoder.h"

#include "io/EncodingDetector.h"

namespace outpost {

namespace {

// Windows-1252 0x80–0x9F. Undefined positions keep their C1 code (WHATWG).
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 80–87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, // 88–8F
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90–97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, // 98–9F
};

QStringConverter::Encoding qtEncoding(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf16LE:
        return QStringConverter::Utf16LE;
    case TextEncoding::Utf16BE:
        return QStringConverter::Utf16BE;
    case TextEncoding::Utf32LE:
        return QStringConverter::Utf32LE;
    case TextEncoding::Utf32BE:
        return QStringConverter::Utf32BE;
    case TextEncoding::Latin1:
        return QStringConverter::Latin1;
    case TextEncoding::Auto:
    case TextEncoding::Utf8:
    case TextEncoding::Windows1252:
        break;
    }
    return QStringConverter::Utf8;
}

} // namespace

TextDecoder::TextDecoder(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Auto:
        m_stage = Stage::Sniffing;
        break;
    case TextEncoding::Windows1252:
        m_stage = Stage::Windows1252;
        m_encoding = encoding;
        break;
    default:
        useQtDecoder(encoding);
        m_stage = Stage::Head; // a BOM of the forced encoding is still skipped
        break;
    }
}

void TextDecoder::useQtDecoder(TextEncoding encoding)
{
    m_stage = Stage::Qt;
    m_encoding = encoding;
    // Stateless: we hand over only complete sequences (completePrefixLength), so a sequence split between
    // chunks is decoded once whole, and an incomplete one at the very end becomes U+FFFD in finish().
    // ConvertInitialBom: BOMs are our business; a stateless decoder would otherwise drop U+FEFF at the
    // start of every chunk.
    m_qt = QStringDecoder(qtEncoding(encoding),
                          QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
}

QString TextDecoder::decode(QByteArrayView bytes)
{
    if (m_stage == Stage::Windows1252 && m_pending.isEmpty())
        return decodeWindows1252(bytes);
    m_pending.append(bytes.data(), bytes.size());
    return run(false);
}

QString TextDecoder::finish()
{
    if (m_finished)
        return {};
    m_finished = true;
    return run(true);
}

qsizetype TextDecoder::completePrefixLength() const
{
    const qsizetype n = m_pending.size();
    switch (m_encoding) {
    case TextEncoding::Utf16LE:
    case TextEncoding::Utf16BE:
        return n & ~qsizetype(1);
    case TextEncoding::Utf32LE:
    case TextEncoding::Utf32BE:
        return n & ~qsizetype(3);
    case TextEncoding::Utf8:
        // Hold back a lead byte at the end whose continuation bytes have not all arrived.
        for (qsizetype k = 1; k <= 3 && k <= n; ++k) {
            const quint8 b = static_cast<quint8>(m_pending[n - k]);
            if (b < 0x80)
                return n;
            if (b >= 0xC0) {
                const qsizetype needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return needed > k ? n - k : n;
            }
        }
        return n;
    default:
        return n;
    }
}

QString TextDecoder::run(bool final)
{
    if (m_stage == Stage::Sniffing) {
        if (m_pending.size() < EncodingDetector::kSniffBytes && !final)
            return {};
        const EncodingDetector::Guess guess = EncodingDetector::detect(m_pending);
        m_bomLength = guess.bomLength;
        m_pending.remove(0, guess.bomLength);
        if (guess.encoding == TextEncoding::Auto)
            m_stage = Stage::Undecided8Bit;
        else
            useQtDecoder(guess.encoding);
    }
    if (m_stage == Stage::Head) {
        if (m_pending.size() < 4 && !final)
            return {};
        const EncodingDetector::Guess guess = EncodingDetector::detect(m_pending);
        if (guess.encoding == m_encoding && guess.bomLength > 0) {
            m_bomLength = guess.bomLength;
            m_pending.remove(0, guess.bomLength);
        }
        m_stage = Stage::Qt;
    }

    QString out;
    if (m_stage == Stage::Undecided8Bit) {
        qsizetype ascii = 0;
        while (ascii < m_pending.size() && static_cast<quint8>(m_pending[ascii]) < 0x80)
            ++ascii;
        out = QString::fromLatin1(m_pending.constData(), ascii);
        m_pending.remove(0, ascii);
        if (m_pending.isEmpty())
            return out;
        switch (EncodingDetector::checkUtf8(m_pending, final)) {
        case EncodingDetector::Utf8Verdict::NeedMore:
            return out; // the first non-ASCII sequence is not complete yet
        case EncodingDetector::Utf8Verdict::Valid:
            useQtDecoder(TextEncoding::Utf8);
            break;
        case EncodingDetector::Utf8Verdict::Invalid:
            m_stage = Stage::Windows1252;
            m_encoding = TextEncoding::Windows1252;
            break;
        }
    }

    if (m_stage == Stage::Qt) {
        const qsizetype n = final ? m_pending.size() : completePrefixLength();
        out += m_qt.decode(QByteArrayView(m_pending).first(n));
        m_pending.remove(0, n);
    } else if (m_stage == Stage::Windows1252) {
        out += decodeWindows1252(m_pending);
        m_pending.clear();
    }
    return out;
}

bool TextDecoder::hasErrors() const
{
    return m_stage == Stage::Qt && m_qt.hasError();
}

qint64 TextDecoder::encodedLength(QStringView text) const
{
    switch (m_encoding) {
    case TextEncoding::Auto: // undecided 8-bit: everything so far was ASCII
    case TextEncoding::Latin1:
    case TextEncoding::Windows1252:
        return text.size();
    case TextEncoding::Utf16LE:
    case TextEncoding::Utf16BE:
        return text.size() * 2;
    case TextEncoding::Utf32LE:
    case TextEncoding::Utf32BE: {
        qint64 n = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (!(text[i].isLowSurrogate() && i > 0 && text[i - 1].isHighSurrogate()))
                n += 4;
        }
        return n;
    }
    case TextEncoding::Utf8: {
        qint64 n = 0;
        for (QChar c : text) {
            const char16_t u = c.unicode();
            if (u < 0x80)
                n += 1;
            else if (u < 0x800)
                n += 2;
            else if (QChar::isSurrogate(u))
                n += 2; // each half of a pair: 4 bytes in all
            else
                n += 3;
        }
        return n;
    }
    }
    return text.size();
}

QString TextDecoder::decodeAll(QByteArrayView bytes, TextEncoding encoding)
{
    TextDecoder decoder(encoding);
    QString out = decoder.decode(bytes);
    out += decoder.finish();
    return out;
}

QString TextDecoder::decodeWindows1252(QByteArrayView bytes)
{
    QString out(bytes.size(), Qt::Uninitialized);
    QChar* dst = out.data();
    for (char ch : bytes) {
        const quint8 b = static_cast<quint8>(ch);
        *dst++ = (b >= 0x80 && b <= 0x9F) ? QChar(kCp1252High[b - 0x80]) : QChar(char16_t(b));
    }
    return out;
}

} // namespace outpost
