#pragma once

#include "io/CsvRecord.h"
#include "io/TextDecoder.h"
#include "util/Result.h"

#include <optional>
#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QIODevice;

namespace outpost {

// Streams the records of a CSV file: RFC 4180 plus what real exports do — `,` `;` tab or `|` as delimiter
// (given, announced by Excel's "sep=;" first line, or sniffed), CRLF, LF or lone-CR line ends, quoted fields
// with delimiters, doubled quotes and line breaks, whitespace around quoted fields, blank lines, and any
// encoding TextDecoder detects. The file is never held in memory: the reader keeps one chunk plus the
// current record, so a million rows read in constant memory.
//
// Broken records do not stop the reader; each comes back as a CsvRecord whose problem is set:
// - a stray quote inside an unquoted field (`5" screen`) or text after a closing quote: reported when
//   strictQuotes is on, the fields are returned with the quote kept as text;
// - a different field count than the header (or, without a header, the first good record);
// - an unclosed quote. Recovery rule: a quoted field that runs over a line break is only believed if it
//   closes properly — followed by a delimiter or the end of the line — within maxFieldLines line breaks and
//   maxRecordChars characters, and its record has the expected field count. Otherwise its opening quote is
//   declared broken: the error record covers the lines from the record's start up to the line with that
//   quote, and reading resumes on the next line as if the quote had never been there. One bad quote so costs
//   one record, never the rest of the file, and the look-ahead it needs is bounded by the two limits.
class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    struct Options
    {
        TextEncoding encoding = TextEncoding::Auto;
        QChar delimiter;                     // null: sniff from the first lines
        bool hasHeader = false;              // the first record names the columns: header(), not next()
        bool skipEmptyLines = true;          // blank lines are not records (a trailing one never is)
        bool strictQuotes = true;            // report stray quotes as errors
        bool checkFieldCount = true;         // report records whose field count differs
        bool normalizeLineBreaks = true;     // CRLF and CR inside quoted fields become "\n"
        bool stripFormulaProtection = false; // drop the ' that CsvWriter puts before = + - @ tab CR
        int maxFieldLines = 1000;            // line breaks one quoted field may hold
        int maxRecordChars = 1 << 20;        // characters one record may hold
        int chunkSize = 64 * 1024;           // bytes per read from the device
    };

    explicit CsvReader(QIODevice* device);
    CsvReader(QIODevice* device, const Options& options);

    // Detects the encoding, finds the delimiter and reads the header. next() calls it when needed; call it
    // first to show the detected settings before importing. Fails only if the device cannot be read.
    Status start();

    // The next record, good or broken. False at the end of the input, or when reading failed (status()).
    bool next(CsvRecord* record);

    Status status() const { return m_status; }
    QChar delimiter() const { return m_delimiter; }
    const QStringList& header() const { return m_header; }
    TextEncoding encoding() const { return m_decoder.encoding(); }

    // Bytes that were not valid in the detected encoding were replaced by U+FFFD; decodingWarning() says so
    // in words for the import report (empty when all was well).
    bool hasDecodingErrors() const { return m_decoder.hasErrors(); }
    QString decodingWarning() const;

    qint64 bytesRead() const { return m_bytesRead; }             // from the device so far (progress)
    qint64 totalBytes() const { return m_totalBytes; }           // -1 when the device cannot tell
    qsizetype bufferedChars() const { return m_buf.capacity(); } // memory held, for tests

    // The delimiter among , ; tab | whose field counts (outside quotes) are most consistent over the lines
    // of a sample; ties go to more fields, then to that order. ',' when no candidate splits any line.
    static QChar sniffDelimiter(QStringView sample);

private:
    struct Span; // a quoted field that ran over a line break

    bool readRecord(CsvRecord* record);
    void finishBrokenQuote(CsvRecord* record, const Span& span, const QStringList& fields);
    void skipTooLong(CsvRecord* record, qsizetype pos, qint64 line);
    bool ensure(qsizetype index);
    bool fill();
    void consumeTo(qsizetype pos);
    void compact();
    qsizetype lineBreakLength(qsizetype pos);
    QString problemMessage(const CsvRecord& record, const QString& detail) const;

    QIODevice* m_device;
    Options m_options;
    TextDecoder m_decoder;
    QByteArray m_chunk;
    QString m_buf; // decoded text; m_buf[m_pos] is the next unread character
    qsizetype m_pos = 0;
    qint64 m_line = 1; // physical line of m_buf[m_pos]
    qint64 m_byte = 0; // input offset of m_buf[m_pos]
    qint64 m_bytesRead = 0;
    qint64 m_totalBytes = -1;
    bool m_inputDone = false;
    bool m_started = false;
    QChar m_delimiter;
    QStringList m_header;
    qsizetype m_expectedFields = -1;
    std::optional<CsvRecord> m_headerProblem;
    Status m_status;
};

} // namespace outpost
