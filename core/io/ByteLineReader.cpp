#include "io/ByteLineReader.h"

#include "io/EncodingDetector.h"

#include <QIODevice>

namespace outpost {

namespace {

constexpr qsizetype kCompactAt = 32 * 1024;

bool isWide(TextEncoding encoding)
{
    return encoding == TextEncoding::Utf16LE || encoding == TextEncoding::Utf16BE ||
           encoding == TextEncoding::Utf32LE || encoding == TextEncoding::Utf32BE;
}

} // namespace

ByteLineReader::ByteLineReader(QIODevice* device, TextEncoding encoding, int chunkSize, qint64 maxLineBytes)
    : m_device(device)
    , m_requested(encoding)
    , m_maxLineBytes(std::max<qint64>(16, maxLineBytes))
    , m_chunk(std::max(1, chunkSize), Qt::Uninitialized)
{
    if (!m_device || !m_device->isReadable()) {
        m_status = Error(ErrorCode::Io, tr("The file is not open for reading."));
        m_inputDone = true;
    }
}

bool ByteLineReader::readLine(Line* line)
{
    if (m_peeked) {
        *line = std::move(*m_peeked);
        m_peeked.reset();
        return true;
    }
    return fetch(line);
}

const ByteLineReader::Line* ByteLineReader::peekLine()
{
    if (!m_peeked) {
        Line line;
        if (!fetch(&line))
            return nullptr;
        m_peeked = std::move(line);
    }
    return &*m_peeked;
}

// Appends the next chunk of bytes (re-encoded when wide) to m_buf. False when nothing more comes.
bool ByteLineReader::fill()
{
    while (!m_inputDone) {
        const qint64 n = m_device->read(m_chunk.data(), m_chunk.size());
        if (n < 0) {
            m_status =
                Error(ErrorCode::Io, tr("The file could not be read: %1").arg(m_device->errorString()));
            m_inputDone = true;
            return false;
        }
        if (n == 0)
            m_inputDone = true;
        m_bytesRead += n;
        const QByteArrayView bytes = QByteArrayView(m_chunk).first(n);
        if (!m_wide) {
            if (n == 0)
                return false;
            m_buf.append(bytes.data(), bytes.size());
            return true;
        }
        QString text = m_heldSurrogate.isNull() ? QString() : QString(m_heldSurrogate);
        m_heldSurrogate = QChar();
        text += n == 0 ? m_wide->finish() : m_wide->decode(bytes);
        if (n > 0 && !text.isEmpty() && text.back().isHighSurrogate()) {
            m_heldSurrogate = text.back();
            text.chop(1);
        }
        if (!text.isEmpty()) {
            m_buf += text.toUtf8();
            return true;
        }
    }
    return false;
}

void ByteLineReader::detect()
{
    m_detected = true;
    // Gather enough of the head to recognise BOMs and NUL patterns.
    while (!m_inputDone && m_buf.size() < EncodingDetector::kSniffBytes) {
        if (!fill())
            break;
    }
    const EncodingDetector::Guess guess = EncodingDetector::detect(m_buf);
    TextEncoding wide = TextEncoding::Auto;
    if (isWide(m_requested))
        wide = m_requested;
    else if (m_requested == TextEncoding::Auto && isWide(guess.encoding))
        wide = guess.encoding;

    if (wide != TextEncoding::Auto) {
        // Decode what was read so far; fill() decodes the rest.
        m_wide.emplace(wide);
        const QByteArray raw = std::exchange(m_buf, {});
        QString text = m_wide->decode(raw);
        if (m_inputDone)
            text += m_wide->finish();
        else if (!text.isEmpty() && text.back().isHighSurrogate()) {
            m_heldSurrogate = text.back();
            text.chop(1);
        }
        m_buf = text.toUtf8();
        m_lineEncoding = TextEncoding::Utf8;
        return;
    }
    if (guess.encoding == TextEncoding::Utf8 && guess.bomLength > 0) {
        m_pos = guess.bomLength; // never content, whatever encoding was asked for
        m_lineEncoding = m_requested == TextEncoding::Auto ? TextEncoding::Utf8 : m_requested;
        return;
    }
    m_lineEncoding = m_requested;
}

bool ByteLineReader::fetch(Line* line)
{
    if (!m_detected)
        detect();
    if (m_pos >= kCompactAt) {
        m_buf.remove(0, m_pos);
        m_pos = 0;
    }
    line->bytes.clear();
    line->truncated = false;
    qsizetype scan = m_pos;
    for (;;) {
        qsizetype i = scan;
        while (i < m_buf.size() && m_buf[i] != '\n' && m_buf[i] != '\r')
            ++i;
        if (i < m_buf.size()) {
            if (m_buf[i] == '\r' && i + 1 == m_buf.size() && !m_inputDone) {
                scan = i; // CR at the end of what we have: read on to see whether LF follows
                fill();
                continue;
            }
            const qsizetype keep = std::min<qsizetype>(i - m_pos, m_maxLineBytes - line->bytes.size());
            line->bytes.append(m_buf.constData() + m_pos, std::max<qsizetype>(0, keep));
            if (i - m_pos > keep)
                line->truncated = true;
            const qsizetype breakLength =
                (m_buf[i] == '\r' && i + 1 < m_buf.size() && m_buf[i + 1] == '\n') ? 2 : 1;
            m_pos = i + breakLength;
            line->number = ++m_line;
            return true;
        }
        // No line end in the buffer: keep what fits, drop the rest, read on.
        if (m_buf.size() - m_pos + line->bytes.size() > m_maxLineBytes) {
            const qsizetype keep = std::max<qsizetype>(0, m_maxLineBytes - line->bytes.size());
            line->bytes.append(m_buf.constData() + m_pos, std::min(keep, m_buf.size() - m_pos));
            line->truncated = true;
            m_buf.clear();
            m_pos = 0;
            scan = 0;
        } else {
            scan = m_buf.size();
        }
        if (!fill()) {
            if (m_pos >= m_buf.size() && line->bytes.isEmpty() && !line->truncated)
                return false;
            line->bytes.append(m_buf.constData() + m_pos, m_buf.size() - m_pos);
            m_buf.clear();
            m_pos = 0;
            line->number = ++m_line;
            return true;
        }
    }
}

} // namespace outpost
