#pragma once

#include "io/TextEncoding.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>
#include <QStringView>

namespace outpost {

// Turns a byte stream that arrives in chunks into text. In Auto mode it detects the encoding from the data:
//   1. a BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE), which is skipped;
//   2. without a BOM, UTF-16/32 from the pattern of NUL bytes in the first EncodingDetector::kSniffBytes;
//   3. otherwise 8-bit text: ASCII passes through undecided, and at the first non-ASCII byte the rest of the
//      bytes at hand decide — well-formed UTF-8 → UTF-8, anything else → Windows-1252 (a superset of Latin-1
//      for every printable character, and what Excel and Outlook write). Deferring the decision means an
//      Excel file whose first accented letter sits after the first 64 KB is still read as Windows-1252.
// A multi-byte sequence split between two chunks is held back until its end arrives.
class TextDecoder
{
public:
    explicit TextDecoder(TextEncoding encoding = TextEncoding::Auto);

    // Decodes the next chunk. May return less text than the bytes hold (held back for detection or an
    // incomplete sequence); finish() returns the rest at the end of the input.
    QString decode(QByteArrayView bytes);
    QString finish();

    // The encoding in use: the forced one, the detected one, or Auto while 8-bit input has been pure ASCII.
    TextEncoding encoding() const { return m_encoding; }
    int bomLength() const { return m_bomLength; }
    // True once some bytes were not valid in the encoding and were replaced by U+FFFD.
    bool hasErrors() const;

    // How many bytes `text` took in the input, for byte offsets. Exact for well-formed input; text that came
    // from replaced (invalid) bytes is counted as if it had been encoded properly.
    qint64 encodedLength(QStringView text) const;

    // Decodes a complete byte string in one go (no detection unless encoding is Auto).
    static QString decodeAll(QByteArrayView bytes, TextEncoding encoding);
    // Windows-1252 without QStringDecoder (which has no such codec in Qt 6.4). 0x81, 0x8D, 0x8F, 0x90 and
    // 0x9D are undefined in the code page and map to the C1 control of the same value, as browsers do.
    static QString decodeWindows1252(QByteArrayView bytes);

private:
    enum class Stage
    {
        Sniffing,
        Head,
        Undecided8Bit,
        Qt,
        Windows1252
    };

    QString run(bool final);
    void useQtDecoder(TextEncoding encoding);
    qsizetype completePrefixLength() const;

    Stage m_stage = Stage::Sniffing;
    TextEncoding m_encoding = TextEncoding::Auto;
    int m_bomLength = 0;
    QByteArray m_pending;
    QStringDecoder m_qt; // stateless: it only ever sees complete sequences
    bool m_finished = false;
};

} // namespace outpost
