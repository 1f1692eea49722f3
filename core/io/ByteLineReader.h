#pragma once

#include "io/TextDecoder.h"
#include "util/Result.h"

#include <optional>
#include <QByteArray>
#include <QCoreApplication>

class QIODevice;

namespace outpost {

// Reads the physical lines of a text file as bytes, in chunks, with one line of look-ahead. Line ends are
// CRLF, LF or a lone CR. 8-bit input (UTF-8, Latin-1, Windows-1252, or mixed) is passed through untouched,
// so that a format with per-field charsets (vCard's CHARSET=) can decode each field itself; UTF-16/32 input
// (BOM or NUL pattern) is decoded and handed out as UTF-8. A UTF-8 BOM is dropped.
class ByteLineReader
{
    Q_DECLARE_TR_FUNCTIONS(ByteLineReader)

public:
    struct Line
    {
        QByteArray bytes;       // without the line end
        qint64 number = 0;      // 1-based
        bool truncated = false; // longer than maxLineBytes: only the first maxLineBytes are kept
    };

    // encoding: Auto detects; a forced UTF-16/32 decodes; any other forced encoding passes bytes through.
    ByteLineReader(QIODevice* device, TextEncoding encoding, int chunkSize, qint64 maxLineBytes);

    bool readLine(Line* line); // false at the end of the input or on a read error
    const Line* peekLine();    // the line readLine() returns next, nullptr at the end

    // Encoding of the bytes handed out: Utf8 after a UTF-8 BOM or for decoded UTF-16/32 input, the forced
    // one, or Auto for 8-bit input whose encoding each user decides.
    TextEncoding lineEncoding() const { return m_lineEncoding; }
    bool isConvertedFromWideText() const { return m_wide.has_value(); }
    Status status() const { return m_status; }
    qint64 bytesRead() const { return m_bytesRead; }

private:
    bool fetch(Line* line);
    bool fill();
    void detect();

    QIODevice* m_device;
    TextEncoding m_requested;
    qint64 m_maxLineBytes;
    QByteArray m_chunk;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    qint64 m_line = 0;
    bool m_detected = false;
    bool m_inputDone = false;
    TextEncoding m_lineEncoding = TextEncoding::Auto;
    std::optional<TextDecoder> m_wide;
    QChar m_heldSurrogate; // a high surrogate waiting for its pair from the next chunk
    std::optional<Line> m_peeked;
    qint64 m_bytesRead = 0;
    Status m_status;
};

} // namespace outpost
