#include "io/CsvReader.h"

#include <QIODevice>

namespace outpost {

namespace {

constexpr qsizetype kSniffChars = 64 * 1024; // text looked at to find the delimiter
constexpr int kSniffRecords = 50;
constexpr qsizetype kCompactAt = 32 * 1024; // drop consumed text once this much has piled up
constexpr qsizetype kSnippetChars = 20;

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r';
}

// The start of a field for an error message: `Mü…`.
QString snippet(const QString& text)
{
    QString s = text.left(kSnippetChars);
    const qsizetype cut = s.indexOf(u'\n');
    if (cut >= 0)
        s.truncate(cut);
    if (s.size() < text.size()) {
        while (!s.isEmpty() && s.back().isSpace())
            s.chop(1);
        s += QChar(0x2026);
    }
    return s;
}

bool isProtectedFormula(const QString& field)
{
    if (field.size() < 2 || field[0] != u'\'')
        return false;
    const QChar c = field[1];
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

} // namespace

struct CsvReader::Span
{
    qsizetype rewindPos = 0;  // start of the line after the opening quote
    qint64 rewindLine = 0;    // its line number
    qsizetype fieldIndex = 0; // fields before the broken one
    QString firstLine;        // the broken field's text up to its first line break
};

CsvReader::CsvReader(QIODevice* device)
    : CsvReader(device, Options())
{}

CsvReader::CsvReader(QIODevice* device, const Options& options)
    : m_device(device)
    , m_options(options)
    , m_decoder(options.encoding)
{
    m_options.chunkSize = std::max(1, m_options.chunkSize);
    m_options.maxFieldLines = std::max(1, m_options.maxFieldLines);
    m_options.maxRecordChars = std::max(16, m_options.maxRecordChars);
}

Status CsvReader::start()
{
    if (m_started)
        return m_status;
    m_started = true;
    if (!m_device || !m_device->isReadable()) {
        m_status = Error(ErrorCode::Io, tr("The CSV file is not open for reading."));
        return m_status;
    }
    if (!m_device->isSequential())
        m_totalBytes = m_device->size();
    m_chunk.resize(m_options.chunkSize);

    while (!m_inputDone && m_buf.size() < kSniffChars)
        fill();
    if (!m_status)
        return m_status;
    m_byte = m_decoder.bomLength();

    // Excel's "sep=;" first line names the delimiter.
    QChar announced;
    if (m_buf.size() >= 5 && QStringView(m_buf).first(4).compare(u"sep=", Qt::CaseInsensitive) == 0 &&
        (m_buf.size() == 5 || isLineBreak(m_buf[5]))) {
        announced = m_buf[4];
        const qsizetype end = m_buf.size() == 5 ? 5 : 5 + lineBreakLength(5);
        consumeTo(end);
        m_line = 2;
    }
    if (!m_options.delimiter.isNull()) {
        m_delimiter = m_options.delimiter;
    } else if (!announced.isNull()) {
        m_delimiter = announced;
    } else {
        QStringView sample = QStringView(m_buf).sliced(m_pos);
        if (!m_inputDone) { // leave out a line the chunk cut in two
            const qsizetype lastBreak = std::max(sample.lastIndexOf(u'\n'), sample.lastIndexOf(u'\r'));
            if (lastBreak > 0)
                sample = sample.first(lastBreak);
        }
        m_delimiter = sniffDelimiter(sample);
    }

    if (m_options.hasHeader) {
        CsvRecord header;
        if (readRecord(&header)) {
            m_header = header.fields;
            m_expectedFields = m_header.size();
            if (!header.isOk())
                m_headerProblem = header;
        }
    }
    return m_status;
}

bool CsvReader::next(CsvRecord* record)
{
    if (!m_started && !start())
        return false;
    if (m_headerProblem) {
        *record = std::move(*m_headerProblem);
        m_headerProblem.reset();
        return true;
    }
    return readRecord(record);
}

QString CsvReader::decodingWarning() const
{
    if (!hasDecodingErrors())
        return {};
    return tr("Some characters in the file are not valid %1 and were replaced by \"\uFFFD\". "
              "Choose the file's encoding in the import settings and import it again.")
        .arg(textEncodingName(encoding()));
}

bool CsvReader::fill()
{
    while (!m_inputDone) {
        const qint64 n = m_device->read(m_chunk.data(), m_chunk.size());
        if (n < 0) {
            m_status =
                Error(ErrorCode::Io, tr("The CSV file could not be read: %1").arg(m_device->errorString()));
            m_inputDone = true;
            return false;
        }
        QString text;
        if (n == 0) {
            text = m_decoder.finish();
            m_inputDone = true;
        } else {
            m_bytesRead += n;
            text = m_decoder.decode(QByteArrayView(m_chunk).first(n));
        }
        if (!text.isEmpty()) {
            m_buf += text;
            return true;
        }
    }
    return false;
}

bool CsvReader::ensure(qsizetype index)
{
    while (index >= m_buf.size()) {
        if (!fill())
            return false;
    }
    return true;
}

void CsvReader::consumeTo(qsizetype pos)
{
    m_byte += m_decoder.encodedLength(QStringView(m_buf).sliced(m_pos, pos - m_pos));
    m_pos = pos;
}

void CsvReader::compact()
{
    if (m_pos >= kCompactAt || (m_pos > 0 && m_pos == m_buf.size())) {
        m_buf.remove(0, m_pos);
        m_pos = 0;
    }
}

// 1 for LF or a lone CR, 2 for CRLF; the character at pos must be a line break.
qsizetype CsvReader::lineBreakLength(qsizetype pos)
{
    if (m_buf[pos] == u'\r' && ensure(pos + 1) && m_buf[pos + 1] == u'\n')
        return 2;
    return 1;
}

QChar CsvReader::sniffDelimiter(QStringView sample)
{
    static constexpr char16_t candidates[] = {u',', u';', u'\t', u'|'};
    QChar best = u',';
    double bestConsistency = 0;
    int bestFields = 1;
    for (char16_t delimiter : candidates) {
        QList<int> counts;
        int fields = 1;
        bool inQuotes = false;
        bool blank = true;
        for (qsizetype i = 0; i < sample.size() && counts.size() < kSniffRecords; ++i) {
            const QChar c = sample[i];
            if (c == u'"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && c == delimiter) {
                ++fields;
            } else if (!inQuotes && isLineBreak(c)) {
                if (!blank)
                    counts.append(fields);
                fields = 1;
                blank = true;
                continue;
            }
            blank = false;
        }
        if (!blank && counts.size() < kSniffRecords)
            counts.append(fields);
        if (counts.isEmpty())
            continue;
        // The most frequent field count, and how many records have it.
        int mode = 0;
        int modeFrequency = 0;
        for (int candidate : std::as_const(counts)) {
            const int frequency = static_cast<int>(counts.count(candidate));
            if (frequency > modeFrequency || (frequency == modeFrequency && candidate > mode)) {
                mode = candidate;
                modeFrequency = frequency;
            }
        }
        if (mode < 2)
            continue;
        const double consistency = double(modeFrequency) / double(counts.size());
        if (consistency > bestConsistency || (consistency == bestConsistency && mode > bestFields)) {
            best = delimiter;
            bestConsistency = consistency;
            bestFields = mode;
        }
    }
    return best;
}

QString CsvReader::problemMessage(const CsvRecord& record, const QString& detail) const
{
    const QString line = QString::number(record.firstLine);
    switch (record.problem) {
    case CsvRecord::Problem::None:
        return {};
    case CsvRecord::Problem::UnclosedQuote:
        return tr("Line %1: a quoted field is not closed (it starts with \"%2\"). The line was skipped; "
                  "add the missing closing quote or remove the stray one.")
            .arg(line, snippet(detail));
    case CsvRecord::Problem::StrayQuote:
        return tr("Line %1: a field contains a quote character that is not at its start (\"%2\"). "
                  "Put the whole field in quotes and double the quote character inside it.")
            .arg(line, snippet(detail));
    case CsvRecord::Problem::FieldCount:
        if (m_options.hasHeader)
            return tr("Line %1: the record has %2 fields, but the header has %3. Check the delimiter and "
                      "the quotes on this line.")
                .arg(line, QString::number(record.fields.size()), QString::number(m_expectedFields));
        return tr("Line %1: the record has %2 fields, but the first record has %3. Check the delimiter and "
                  "the quotes on this line.")
            .arg(line, QString::number(record.fields.size()), QString::number(m_expectedFields));
    case CsvRecord::Problem::TooLong:
        return tr("Line %1: the record is longer than %2 characters and was skipped. Check that the file "
                  "is a CSV file and that its quotes are balanced.")
            .arg(line, QString::number(m_options.maxRecordChars));
    }
    return {};
}

void CsvReader::finishBrokenQuote(CsvRecord* record, const Span& span, const QStringList& fields)
{
    record->fields = fields.first(std::min(span.fieldIndex, fields.size()));
    record->fields.append(span.firstLine);
    record->lastLine = span.rewindLine - 1;
    record->problem = CsvRecord::Problem::UnclosedQuote;
    record->message = problemMessage(*record, span.firstLine);
    consumeTo(span.rewindPos);
    m_line = span.rewindLine;
    record->byteEnd = m_byte;
}

// Skips to the end of the physical line that holds pos, without buffering what it skips.
void CsvReader::skipTooLong(CsvRecord* record, qsizetype pos, qint64 line)
{
    m_line = line;
    record->fields.clear();
    record->problem = CsvRecord::Problem::TooLong;
    record->message = problemMessage(*record, {});
    consumeTo(pos);
    for (;;) {
        compact();
        if (!ensure(m_pos))
            break;
        qsizetype p = m_pos;
        while (p < m_buf.size() && !isLineBreak(m_buf[p]))
            ++p;
        if (p < m_buf.size()) {
            record->lastLine = m_line;
            consumeTo(p + lineBreakLength(p));
            ++m_line;
            record->byteEnd = m_byte;
            return;
        }
        consumeTo(p);
    }
    record->lastLine = m_line;
    record->byteEnd = m_byte;
}

bool CsvReader::readRecord(CsvRecord* out)
{
    // Blank lines between records.
    for (;;) {
        compact();
        if (!ensure(m_pos))
            return false;
        if (!m_options.skipEmptyLines || !isLineBreak(m_buf[m_pos]))
            break;
        consumeTo(m_pos + lineBreakLength(m_pos));
        ++m_line;
    }

    CsvRecord record;
    record.firstLine = m_line;
    record.byteOffset = m_byte;
    const qsizetype start = m_pos;
    const QChar delimiter = m_delimiter;
    const auto isPadding = [delimiter](QChar c) { return c == u' ' || (c == u'\t' && delimiter != u'\t'); };

    QStringList fields;
    QString field;
    QString strayDetail;
    std::optional<Span> lastSpan; // the last quoted field of this record that ran over a line break
    qsizetype pos = m_pos;
    qint64 line = m_line;

    enum class State
    {
        FieldStart,
        Quoted,
        AfterQuote,
        Unquoted,
        End
    };
    State state = State::FieldStart;
    Span span;
    int fieldBreaks = 0;

    while (state != State::End) {
        switch (state) {
        case State::FieldStart: {
            field.clear();
            qsizetype p = pos;
            while (ensure(p) && isPadding(m_buf[p]))
                ++p;
            if (p < m_buf.size() && m_buf[p] == u'"') {
                pos = p + 1;
                fieldBreaks = 0;
                state = State::Quoted;
            } else {
                state = State::Unquoted; // leading spaces belong to an unquoted field
            }
            break;
        }
        case State::Quoted: {
            if (!ensure(pos)) { // end of input inside the quotes
                if (fieldBreaks > 0) {
                    finishBrokenQuote(&record, span, fields);
                    *out = std::move(record);
                    return true;
                }
                record.problem = CsvRecord::Problem::UnclosedQuote;
                strayDetail = field;
                fields.append(field);
                state = State::End;
                break;
            }
            const QChar c = m_buf[pos];
            if (c == u'"') {
                if (ensure(pos + 1) && m_buf[pos + 1] == u'"') {
                    field += u'"';
                    pos += 2;
                } else {
                    ++pos;
                    state = State::AfterQuote;
                }
            } else if (isLineBreak(c)) {
                const qsizetype length = lineBreakLength(pos);
                if (m_options.normalizeLineBreaks)
                    field += u'\n';
                else
                    field += QStringView(m_buf).sliced(pos, length);
                if (fieldBreaks == 0)
                    span = Span{pos + length, line + 1, fields.size(),
                                field.chopped(m_options.normalizeLineBreaks ? 1 : length)};
                pos += length;
                ++line;
                ++fieldBreaks;
                if (fieldBreaks > m_options.maxFieldLines || pos - start > m_options.maxRecordChars) {
                    finishBrokenQuote(&record, span, fields);
                    *out = std::move(record);
                    return true;
                }
            } else {
                qsizetype q = pos + 1;
                while (q < m_buf.size() && m_buf[q] != u'"' && !isLineBreak(m_buf[q]))
                    ++q;
                field += QStringView(m_buf).sliced(pos, q - pos);
                pos = q;
                if (pos - start > m_options.maxRecordChars) {
                    if (fieldBreaks > 0) {
                        finishBrokenQuote(&record, span, fields);
                    } else {
                        skipTooLong(&record, pos, line);
                    }
                    *out = std::move(record);
                    return true;
                }
            }
            break;
        }
        case State::AfterQuote: {
            qsizetype p = pos;
            while (ensure(p) && isPadding(m_buf[p]))
                ++p;
            if (p >= m_buf.size()) {
                pos = p;
                fields.append(field);
                state = State::End;
            } else if (m_buf[p] == delimiter) {
                pos = p + 1;
                fields.append(field);
                if (fieldBreaks > 0)
                    lastSpan = span;
                state = State::FieldStart;
            } else if (isLineBreak(m_buf[p])) {
                pos = p;
                fields.append(field);
                if (fieldBreaks > 0)
                    lastSpan = span;
                state = State::End;
            } else if (fieldBreaks > 0) {
                // `"…<line break>…"x`: this quote most likely closed a stray one from an earlier line.
                finishBrokenQuote(&record, span, fields);
                *out = std::move(record);
                return true;
            } else {
                if (record.problem == CsvRecord::Problem::None) {
                    record.problem = CsvRecord::Problem::StrayQuote;
                    strayDetail = field + QStringView(m_buf).sliced(pos, p - pos) + m_buf[p];
                }
                state = State::Unquoted; // keep what follows as text of the same field
            }
            break;
        }
        case State::Unquoted: {
            if (!ensure(pos)) {
                fields.append(field);
                state = State::End;
                break;
            }
            const QChar c = m_buf[pos];
            if (c == delimiter) {
                fields.append(field);
                ++pos;
                state = State::FieldStart;
            } else if (isLineBreak(c)) {
                fields.append(field);
                state = State::End;
            } else if (c == u'"') {
                if (record.problem == CsvRecord::Problem::None) {
                    record.problem = CsvRecord::Problem::StrayQuote;
                    strayDetail = field + c;
                    qsizetype q = pos + 1;
                    while (q < m_buf.size() && q < pos + kSnippetChars && m_buf[q] != delimiter &&
                           !isLineBreak(m_buf[q]))
                        ++q;
                    strayDetail += QStringView(m_buf).sliced(pos + 1, q - pos - 1);
                }
                field += c;
                ++pos;
            } else {
                qsizetype q = pos + 1;
                while (q < m_buf.size() && m_buf[q] != delimiter && m_buf[q] != u'"' &&
                       !isLineBreak(m_buf[q]))
                    ++q;
                field += QStringView(m_buf).sliced(pos, q - pos);
                pos = q;
                if (pos - start > m_options.maxRecordChars) {
                    skipTooLong(&record, pos, line);
                    *out = std::move(record);
                    return true;
                }
            }
            break;
        }
        case State::End:
            break;
        }
    }

    // The record ends at a line break (consumed here) or at the end of the input.
    record.lastLine = line;
    if (pos < m_buf.size() && isLineBreak(m_buf[pos])) {
        pos += lineBreakLength(pos);
        ++line;
    }

    if (m_options.checkFieldCount && m_expectedFields >= 0 && fields.size() != m_expectedFields) {
        if (lastSpan) { // a multi-line field made the count wrong: its quote was the mistake
            finishBrokenQuote(&record, *lastSpan, fields);
            *out = std::move(record);
            return true;
        }
        if (record.problem == CsvRecord::Problem::None)
            record.problem = CsvRecord::Problem::FieldCount;
    }
    if (record.problem == CsvRecord::Problem::StrayQuote && !m_options.strictQuotes)
        record.problem = CsvRecord::Problem::None;

    consumeTo(pos);
    m_line = line;
    record.byteEnd = m_byte;
    record.fields = std::move(fields);
    if (record.isOk()) {
        if (m_expectedFields < 0 && m_options.checkFieldCount)
            m_expectedFields = record.fields.size();
        if (m_options.stripFormulaProtection) {
            for (QString& f : record.fields) {
                if (isProtectedFormula(f))
                    f.remove(0, 1);
            }
        }
    } else {
        record.message = problemMessage(record, strayDetail);
    }
    *out = std::move(record);
    return true;
}

} // namespace outpost
