#include "io/CsvWriter.h"

#include <QIODevice>

namespace outpost {

namespace {

constexpr qsizetype kFlushAt = 64 * 1024;

bool startsFormula(const QString& field)
{
    if (field.isEmpty())
        return false;
    const QChar c = field[0];
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

} // namespace

CsvWriter::CsvWriter(QIODevice* device)
    : CsvWriter(device, Options())
{}

CsvWriter::CsvWriter(QIODevice* device, const Options& options)
    : m_device(device)
    , m_options(options)
{}

CsvWriter::~CsvWriter()
{
    (void)flush();
}

QString CsvWriter::formatField(const QString& field, const Options& options)
{
    QString value = field;
    if (options.protectFormulas && startsFormula(value))
        value.prepend(u'\'');
    bool quote = options.quoteAll;
    if (!quote && !value.isEmpty()) {
        quote =
            value.front() == u' ' || value.back() == u' ' || value.front() == u'\t' || value.back() == u'\t';
        for (QChar c : std::as_const(value)) {
            if (c == options.delimiter || c == u'"' || c == u'\n' || c == u'\r') {
                quote = true;
                break;
            }
        }
    }
    if (!quote)
        return value;
    value.replace(u'"', QLatin1String("\"\""));
    return u'"' + value + u'"';
}

Status CsvWriter::writeRecord(const QStringList& fields)
{
    if (!m_status)
        return m_status;
    if (!m_bomDone) {
        m_bomDone = true;
        if (m_options.writeBom)
            m_out.append("\xEF\xBB\xBF");
    }
    QString line;
    if (fields.size() == 1 && fields.front().isEmpty()) {
        line = QStringLiteral("\"\""); // an empty line would be read as no record at all
    } else {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                line += m_options.delimiter;
            line += formatField(fields[i], m_options);
        }
    }
    line += QLatin1String("\r\n");
    m_out += line.toUtf8();
    if (m_out.size() >= kFlushAt)
        return writeOut();
    return m_status;
}

Status CsvWriter::flush()
{
    if (!m_status)
        return m_status;
    return writeOut();
}

Status CsvWriter::writeOut()
{
    if (m_out.isEmpty())
        return m_status;
    if (!m_device || !m_device->isWritable()) {
        m_status = Error(ErrorCode::Io, tr("The export file is not open for writing."));
        return m_status;
    }
    if (m_device->write(m_out) != m_out.size()) {
        m_status = Error(ErrorCode::Io, tr("The export file could not be written: %1. Check that the disk "
                                           "has space and the folder can be written to.")
                                            .arg(m_device->errorString()));
        return m_status;
    }
    m_out.clear();
    return m_status;
}

} // namespace outpost
