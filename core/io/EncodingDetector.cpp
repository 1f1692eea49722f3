#include "io/EncodingDetector.h"

namespace outpost {

namespace {

quint8 byteAt(QByteArrayView bytes, qsizetype i)
{
    return static_cast<quint8>(bytes[i]);
}

bool startsWith(QByteArrayView bytes, std::initializer_list<quint8> prefix)
{
    if (bytes.size() < static_cast<qsizetype>(prefix.size()))
        return false;
    qsizetype i = 0;
    for (quint8 b : prefix) {
        if (byteAt(bytes, i++) != b)
            return false;
    }
    return true;
}

} // namespace

EncodingDetector::Guess EncodingDetector::detect(QByteArrayView head)
{
    if (startsWith(head, {0xEF, 0xBB, 0xBF}))
        return {TextEncoding::Utf8, 3};
    if (startsWith(head, {0xFF, 0xFE, 0x00, 0x00}))
        return {TextEncoding::Utf32LE, 4};
    if (startsWith(head, {0x00, 0x00, 0xFE, 0xFF}))
        return {TextEncoding::Utf32BE, 4};
    if (startsWith(head, {0xFF, 0xFE}))
        return {TextEncoding::Utf16LE, 2};
    if (startsWith(head, {0xFE, 0xFF}))
        return {TextEncoding::Utf16BE, 2};

    // No BOM: count zero bytes by position. Text in any 8-bit encoding has no NULs at all.
    const qsizetype n = std::min<qsizetype>(head.size(), kSniffBytes) & ~qsizetype(3);
    if (n < 4)
        return {};
    int zeros[4] = {0, 0, 0, 0};
    for (qsizetype i = 0; i < n; ++i) {
        if (byteAt(head, i) == 0)
            ++zeros[i % 4];
    }
    const int units4 = static_cast<int>(n / 4);
    const int total = zeros[0] + zeros[1] + zeros[2] + zeros[3];
    if (total == 0)
        return {};
    // UTF-32: three of four bytes are zero for BMP text (the high byte always is).
    if (zeros[1] + zeros[2] + zeros[3] >= units4 * 3 * 9 / 10 && zeros[0] * 10 < units4)
        return {TextEncoding::Utf32LE, 0};
    if (zeros[0] + zeros[1] + zeros[2] >= units4 * 3 * 9 / 10 && zeros[3] * 10 < units4)
        return {TextEncoding::Utf32BE, 0};
    // UTF-16: at least a third of the code units are ASCII (zero high byte), and the other byte column
    // has (almost) no zeros.
    const int units2 = units4 * 2;
    const int oddZeros = zeros[1] + zeros[3];
    const int evenZeros = zeros[0] + zeros[2];
    if (oddZeros * 3 >= units2 && evenZeros * 20 < units2)
        return {TextEncoding::Utf16LE, 0};
    if (evenZeros * 3 >= units2 && oddZeros * 20 < units2)
        return {TextEncoding::Utf16BE, 0};
    return {};
}

int EncodingDetector::utf8SequenceLength(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return -1;
    const quint8 lead = byteAt(bytes, 0);
    if (lead < 0x80)
        return 1;
    int length = 0;
    quint8 lo = 0x80;
    quint8 hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            lo = 0xA0; // no overlongs
        else if (lead == 0xED)
            hi = 0x9F; // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            lo = 0x90;
        else if (lead == 0xF4)
            hi = 0x8F; // not above U+10FFFF
    } else {
        return 0; // continuation byte, C0/C1 overlong lead, or F5..FF
    }
    for (int i = 1; i < length; ++i) {
        if (i >= bytes.size())
            return -1;
        const quint8 b = byteAt(bytes, i);
        const quint8 min = i == 1 ? lo : 0x80;
        const quint8 max = i == 1 ? hi : 0xBF;
        if (b < min || b > max)
            return 0;
    }
    return length;
}

EncodingDetector::Utf8Verdict EncodingDetector::checkUtf8(QByteArrayView bytes, bool final)
{
    bool sawMultiByte = false;
    qsizetype i = 0;
    while (i < bytes.size()) {
        if (byteAt(bytes, i) < 0x80) {
            ++i;
            continue;
        }
        const int length = utf8SequenceLength(bytes.sliced(i));
        if (length == 0)
            return Utf8Verdict::Invalid;
        if (length < 0) {
            if (final)
                return Utf8Verdict::Invalid;
            return sawMultiByte ? Utf8Verdict::Valid : Utf8Verdict::NeedMore;
        }
        sawMultiByte = true;
        i += length;
    }
    if (sawMultiByte || final)
        return Utf8Verdict::Valid;
    return Utf8Verdict::NeedMore;
}

} // namespace outpost
