#include "io/VCardReader.h"

#include "io/ByteLineReader.h"
#include "io/EncodingDetector.h"
#include "io/TextDecoder.h"

#include <QIODevice>
#include <QStringDecoder>

namespace outpost {

namespace {

constexpr int kSnippetChars = 30;

bool isSpaceOrTab(char c)
{
    return c == ' ' || c == '\t';
}

bool equalsIgnoringCase(QByteArrayView bytes, QByteArrayView word)
{
    return bytes.trimmed().compare(word, Qt::CaseInsensitive) == 0;
}

// A line of bare base64 text: the continuation of a 2.1 base64 value that a writer did not indent. A property
// line always has a ':', which base64 never does.
bool isBase64Text(QByteArrayView line)
{
    if (line.trimmed().isEmpty())
        return false;
    for (char c : line) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '+' || c == '/' || c == '=' || c == ' ' || c == '\t';
        if (!ok)
            return false;
    }
    return true;
}

bool isBeginOrEnd(QByteArrayView line)
{
    return equalsIgnoringCase(line, "BEGIN:VCARD") || equalsIgnoringCase(line, "END:VCARD");
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// Soft line breaks are already joined; "=XX" becomes the byte, anything else stays as it is.
QByteArray decodeQuotedPrintable(QByteArrayView in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] == '=' && i + 2 < in.size()) {
            const int hi = hexValue(in[i + 1]);
            const int lo = hexValue(in[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.append(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.append(in[i]);
    }
    return out;
}

QByteArray decodeBase64(QByteArrayView in)
{
    QByteArray compact;
    compact.reserve(in.size());
    for (char c : in) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            compact.append(c);
    }
    return QByteArray::fromBase64(compact);
}

// RFC 6868: ^n newline, ^' double quote, ^^ caret (4.0 parameter values).
QString decodeCaret(const QString& value)
{
    if (!value.contains(u'^'))
        return value;
    QString out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] == u'^' && i + 1 < value.size()) {
            const QChar next = value[i + 1];
            if (next == u'n' || next == u'N') {
                out += u'\n';
                ++i;
                continue;
            }
            if (next == u'\'') {
                out += u'"';
                ++i;
                continue;
            }
            if (next == u'^') {
                out += u'^';
                ++i;
                continue;
            }
        }
        out += value[i];
    }
    return out;
}

QString unquote(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2 && value.front() == u'"' && value.back() == u'"')
        return value.mid(1, value.size() - 2);
    return value;
}

// Splits at separators outside double quotes.
QStringList splitOutsideQuotes(const QString& text, QChar separator)
{
    QStringList parts;
    bool inQuotes = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'"')
            inQuotes = !inQuotes;
        else if (text[i] == separator && !inQuotes) {
            parts.append(text.mid(start, i - start));
            start = i + 1;
        }
    }
    parts.append(text.mid(start));
    return parts;
}

bool isNameChar(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' ||
           c == u'_';
}

bool isValidName(QStringView name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

QString snippetOf(const QString& text)
{
    QString s = text.left(kSnippetChars);
    if (s.size() < text.size())
        s += QChar(0x2026);
    return s;
}

} // namespace

struct VCardReader::LogicalLine
{
    QByteArray bytes;
    int number = 0; // physical line it starts on
    bool truncated = false;
    bool dataSkipped = false; // a binary value that was not buffered
};

struct VCardReader::Head
{
    QString group;
    QString name;
    QList<std::pair<QString, QString>> params; // upper-case names, normalised values
    qsizetype valueStart = 0;                  // byte index after the ':'

    QString param(QStringView key) const
    {
        for (const auto& [paramName, value] : params) {
            if (paramName == key)
                return value;
        }
        return {};
    }
    QString encoding() const { return param(u"ENCODING").toUpper(); }
    bool isQuotedPrintable() const { return encoding() == u"QUOTED-PRINTABLE"; }
    bool isBase64() const
    {
        const QString e = encoding();
        return e == u"BASE64" || e == u"B";
    }
};

VCardReader::VCardReader(QIODevice* device)
    : VCardReader(device, Options())
{}

VCardReader::VCardReader(QIODevice* device, const Options& options)
    : m_options(options)
    , m_lines(
          std::make_unique<ByteLineReader>(device, options.encoding, options.chunkSize, options.maxLineBytes))
{
    if (device && !device->isSequential())
        m_totalBytes = device->size();
}

VCardReader::~VCardReader() = default;

Status VCardReader::status() const
{
    return m_lines->status();
}

qint64 VCardReader::bytesRead() const
{
    return m_lines->bytesRead();
}

bool VCardReader::next(VCard* card)
{
    while (m_ready.isEmpty()) {
        if (!step())
            break;
    }
    if (m_ready.isEmpty())
        return false;
    *card = m_ready.takeFirst();
    return true;
}

// Handles one logical line. False at the end of the input (after queuing what was still open).
bool VCardReader::step()
{
    LogicalLine line;
    if (!readLogicalLine(&line)) {
        if (m_inCard)
            finishCard(m_card.lastLine(), false);
        flushJunk();
        return false;
    }
    const QByteArrayView trimmed = QByteArrayView(line.bytes).trimmed();
    if (trimmed.isEmpty())
        return true;
    const bool isBegin = equalsIgnoringCase(trimmed, "BEGIN:VCARD");
    const bool isEnd = equalsIgnoringCase(trimmed, "END:VCARD");

    if (!m_inCard) {
        if (isBegin) {
            flushJunk();
            m_inCard = true;
            m_card = VCard();
            m_card.setLines(line.number, line.number);
            m_version.clear();
            m_lastWasEmptyAgent = false;
        } else if (m_junkLine == 0) {
            m_junkLine = line.number;
            m_junkText = decodeHead(trimmed.first(std::min<qsizetype>(trimmed.size(), 4 * kSnippetChars)));
        }
        return true;
    }

    m_card.setLines(m_card.firstLine(), line.number);
    if (isEnd) {
        finishCard(line.number, true);
    } else if (isBegin && m_lastWasEmptyAgent) {
        // vCard 2.1: "AGENT:" followed by an embedded card. Not a contact of its own: skip it.
        m_lastWasEmptyAgent = false;
        if (!skipNestedCard())
            finishCard(m_card.lastLine(), false);
    } else if (isBegin) {
        // The open card never ended: report it and start over with this one.
        finishCard(line.number - 1, false);
        m_inCard = true;
        m_card = VCard();
        m_card.setLines(line.number, line.number);
        m_version.clear();
    } else {
        addProperty(line);
    }
    return true;
}

bool VCardReader::skipNestedCard()
{
    int depth = 1;
    LogicalLine line;
    while (depth > 0 && readLogicalLine(&line)) {
        m_card.setLines(m_card.firstLine(), line.number);
        if (equalsIgnoringCase(line.bytes, "BEGIN:VCARD"))
            ++depth;
        else if (equalsIgnoringCase(line.bytes, "END:VCARD"))
            --depth;
    }
    return depth == 0;
}

void VCardReader::finishCard(int lastLine, bool complete)
{
    m_card.setLines(m_card.firstLine(), std::max(lastLine, m_card.firstLine()));
    m_card.setVersion(m_version);
    if (!complete) {
        m_card.setErrorMessage(tr("Line %1: the vCard that starts here has no END:VCARD line, so it may be "
                                  "incomplete. Check whether the file was cut off.")
                                   .arg(m_card.firstLine()));
    }
    m_ready.append(std::move(m_card));
    m_card = VCard();
    m_inCard = false;
    m_version.clear();
}

void VCardReader::flushJunk()
{
    if (m_junkLine == 0)
        return;
    VCard junk;
    junk.setLines(m_junkLine, m_junkLine);
    junk.setErrorMessage(tr("Line %1: text outside of any vCard was skipped (\"%2\"). Check that the file is "
                            "a vCard file and that no BEGIN:VCARD line is missing.")
                             .arg(QString::number(m_junkLine), snippetOf(m_junkText)));
    m_ready.append(std::move(junk));
    m_junkLine = 0;
    m_junkText.clear();
}

QString VCardReader::decodeHead(QByteArrayView bytes) const
{
    if (EncodingDetector::checkUtf8(bytes, true) == EncodingDetector::Utf8Verdict::Valid)
        return QString::fromUtf8(bytes);
    return TextDecoder::decodeWindows1252(bytes);
}

QString VCardReader::decodeValue(const QByteArray& bytes, const QString& charset, bool transferDecoded) const
{
    const bool validUtf8 = EncodingDetector::checkUtf8(bytes, true) == EncodingDetector::Utf8Verdict::Valid;
    // Lines of a UTF-16 file were converted to UTF-8 by us: their CHARSET no longer applies.
    if (m_lines->isConvertedFromWideText() && !transferDecoded)
        return QString::fromUtf8(bytes);
    if (!charset.isEmpty()) {
        if (const std::optional<TextEncoding> encoding = textEncodingFromName(charset)) {
            if (*encoding == TextEncoding::Utf8 && !validUtf8)
                return TextDecoder::decodeWindows1252(bytes); // mislabelled ANSI
            return TextDecoder::decodeAll(bytes, *encoding);
        }
        QStringDecoder decoder(charset.toLatin1().constData()); // ICU knows Shift_JIS, GBK, KOI8-R, …
        if (decoder.isValid())
            return decoder.decode(bytes);
    }
    const TextEncoding fallback = m_lines->lineEncoding();
    if (fallback == TextEncoding::Auto)
        return validUtf8 ? QString::fromUtf8(bytes) : TextDecoder::decodeWindows1252(bytes);
    return TextDecoder::decodeAll(bytes, fallback);
}

bool VCardReader::parseHead(QByteArrayView line, Head* head) const
{
    // The head ends at the first ':' that is not inside a quoted parameter value.
    bool inQuotes = false;
    qsizetype colon = -1;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] == '"')
            inQuotes = !inQuotes;
        else if (line[i] == ':' && !inQuotes) {
            colon = i;
            break;
        }
    }
    if (colon < 0) { // an unbalanced quote: take the first ':' after all
        colon = line.indexOf(':');
        if (colon < 0)
            return false;
    }
    const QString text = decodeHead(line.first(colon));
    QStringList parts = splitOutsideQuotes(text, u';');
    QString fullName = parts.takeFirst().trimmed();
    const qsizetype dot = fullName.lastIndexOf(u'.');
    head->group = dot >= 0 ? fullName.left(dot) : QString();
    head->name = (dot >= 0 ? fullName.mid(dot + 1) : fullName).toUpper();
    if (!isValidName(head->name))
        return false;
    head->valueStart = colon + 1;
    head->params.clear();

    const bool v4 = m_version == u"4.0";
    for (const QString& part : std::as_const(parts)) {
        const QString param = part.trimmed();
        if (param.isEmpty())
            continue;
        const qsizetype eq = param.indexOf(u'=');
        if (eq < 0) { // vCard 2.1 bare value: the parameter name follows from the value
            const QString upper = param.toUpper();
            if (upper == u"QUOTED-PRINTABLE" || upper == u"BASE64" || upper == u"B" || upper == u"8BIT" ||
                upper == u"7BIT")
                head->params.append({QStringLiteral("ENCODING"), upper});
            else if (upper == u"INLINE" || upper == u"URL" || upper == u"URI" || upper == u"CONTENT-ID" ||
                     upper == u"CID")
                head->params.append({QStringLiteral("VALUE"), param.toLower()});
            else
                head->params.append({QStringLiteral("TYPE"), param.toLower()});
            continue;
        }
        const QString name = param.left(eq).trimmed().toUpper();
        const QString value = param.mid(eq + 1);
        if (name == u"TYPE") {
            QString types = value;
            types.remove(u'"');
            for (const QString& type : types.split(u',')) {
                const QString t = type.trimmed().toLower();
                if (!t.isEmpty())
                    head->params.append({name, t});
            }
        } else {
            QString v = unquote(value);
            if (v4)
                v = decodeCaret(v);
            head->params.append({name, v});
        }
    }
    return true;
}

bool VCardReader::readLogicalLine(LogicalLine* out)
{
    ByteLineReader::Line first;
    if (!m_lines->readLine(&first))
        return false;
    out->bytes = std::move(first.bytes);
    out->number = static_cast<int>(first.number);
    out->truncated = first.truncated;
    out->dataSkipped = false;

    Head head;
    bool haveHead = parseHead(out->bytes, &head);
    const auto dropsData = [this](const Head& h, QByteArrayView bytes) {
        if (m_options.keepBinaryData || VCardProperty::valueKind(h.name) != VCardProperty::ValueKind::Binary)
            return false;
        return h.isBase64() || bytes.sliced(h.valueStart).trimmed().startsWith("data:");
    };
    if (haveHead && dropsData(head, out->bytes)) {
        out->bytes.truncate(head.valueStart);
        out->dataSkipped = true;
    }

    const bool keepFoldSpace = m_version == u"2.1";
    while (const ByteLineReader::Line* next = m_lines->peekLine()) {
        const QByteArray& bytes = next->bytes;
        const bool softBreak =
            haveHead && head.isQuotedPrintable() && out->bytes.endsWith('=') && !isBeginOrEnd(bytes);
        const bool folded = !bytes.isEmpty() && isSpaceOrTab(bytes[0]);
        const bool base64Run = !folded && haveHead && head.isBase64() && isBase64Text(bytes);
        if (!softBreak && !folded && !base64Run)
            break;
        out->truncated = out->truncated || next->truncated;
        if (softBreak) {
            out->bytes.chop(1);
            out->bytes += bytes;
        } else if (base64Run) {
            if (!out->dataSkipped)
                out->bytes += bytes;
        } else if (!out->dataSkipped) {
            out->bytes += keepFoldSpace ? QByteArrayView(bytes) : QByteArrayView(bytes).sliced(1);
        }
        ByteLineReader::Line consumed;
        m_lines->readLine(&consumed);
        if (!haveHead) {
            haveHead = parseHead(out->bytes, &head);
            if (haveHead && dropsData(head, out->bytes)) {
                out->bytes.truncate(head.valueStart);
                out->dataSkipped = true;
            }
        }
    }
    return true;
}

void VCardReader::addProperty(const LogicalLine& line)
{
    m_lastWasEmptyAgent = false;
    if (line.truncated) {
        m_card.addWarning(
            tr("Line %1: the line is longer than %2 MB and was skipped.")
                .arg(QString::number(line.number), QString::number(m_options.maxLineBytes >> 20)));
        return;
    }
    Head head;
    if (!parseHead(line.bytes, &head)) {
        const QString text = decodeHead(
            QByteArrayView(line.bytes).first(std::min<qsizetype>(line.bytes.size(), 4 * kSnippetChars)));
        m_card.addWarning(tr("Line %1: a line of the vCard that starts on line %2 is not a property "
                             "(\"%3\") and was skipped.")
                              .arg(QString::number(line.number), QString::number(m_card.firstLine()),
                                   snippetOf(text.trimmed())));
        return;
    }
    if (head.name == u"VERSION") {
        m_version = decodeHead(QByteArrayView(line.bytes).sliced(head.valueStart)).trimmed();
        return;
    }

    VCardProperty property;
    property.setGroup(head.group);
    property.setName(head.name);
    property.setLineNumber(line.number);
    for (const auto& [name, value] : std::as_const(head.params))
        property.addParam(name, value);

    const QByteArrayView value = QByteArrayView(line.bytes).sliced(head.valueStart);
    const QString charset = head.param(u"CHARSET");
    const bool binary = VCardProperty::valueKind(head.name) == VCardProperty::ValueKind::Binary;
    QString text;
    if (line.dataSkipped ||
        (binary && !m_options.keepBinaryData && (head.isQuotedPrintable() || head.isBase64()))) {
        // Binary data that was not kept: the property stays, so an importer can tell a photo was there.
    } else if (head.isQuotedPrintable()) {
        const QByteArray bytes = decodeQuotedPrintable(value);
        if (binary)
            property.setData(bytes);
        else
            text = decodeValue(bytes, charset, true);
    } else if (head.isBase64()) {
        const QByteArray bytes = decodeBase64(value);
        if (binary)
            property.setData(bytes);
        else
            text = decodeValue(bytes, charset, true);
    } else {
        text = decodeValue(value.toByteArray(), charset, false);
        if (binary && text.startsWith(QLatin1String("data:"), Qt::CaseInsensitive) &&
            m_options.keepBinaryData) {
            // data:image/jpeg;base64,/9j/…
            const qsizetype comma = text.indexOf(u',');
            const QString meta = text.mid(5, comma - 5);
            if (comma > 0) {
                const QStringList metaParts = meta.split(u';');
                if (!metaParts.front().isEmpty())
                    property.addParam(QStringLiteral("MEDIATYPE"), metaParts.front().toLower());
                const QByteArray payload = QStringView(text).sliced(comma + 1).toLatin1();
                property.setData(metaParts.contains(QLatin1String("base64"), Qt::CaseInsensitive)
                                     ? decodeBase64(payload)
                                     : QByteArray::fromPercentEncoding(payload));
            }
            text.clear();
        }
    }
    // Quoted-printable and base64 text carry real line breaks; keep them as the \n escape a value uses.
    if (text.contains(u'\r') || text.contains(u'\n')) {
        text.replace(QLatin1String("\r\n"), QLatin1String("\\n"));
        text.replace(u'\r', QLatin1String("\\n"));
        text.replace(u'\n', QLatin1String("\\n"));
    }
    property.setRawValue(text);
    m_lastWasEmptyAgent = head.name == u"AGENT" && text.trimmed().isEmpty();
    m_card.addProperty(property);
}

} // namespace outpost
