#include "importexport/ImportFilePreview.h"

#include "io/CsvReader.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

#include <algorithm>

namespace outpost {

Result<ImportFilePreview> ImportFilePreview::read(const QString& path, const Settings& settings, int rows)
{
    ImportFilePreview p;
    p.m_path = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), file.errorString()));
    p.m_fileSize = file.size();
    if (p.m_fileSize == 0)
        return Error(ErrorCode::InvalidArgument,
                     tr("%1 is empty: there is nothing to import.").arg(QFileInfo(path).fileName()));
    p.m_detectedFormat = ContactImporter::detectFormat(path);
    p.m_format = settings.format == ImportFormat::Auto ? p.m_detectedFormat : settings.format;

    if (p.m_format == ImportFormat::VCard) {
        ContactImporter::Options o;
        o.format = ImportFormat::VCard;
        o.encoding = settings.encoding;
        auto preview = ContactImporter::preview(path, o, rows + 1);
        if (!preview)
            return preview.error();
        p.m_cards = preview->rows;
        p.m_more = p.m_cards.size() > rows;
        if (p.m_more)
            p.m_cards.removeLast();
        p.m_encoding = settings.encoding;
        // Text outside any card comes back as an empty card with a problem: a file of nothing else is not a
        // vCard file.
        const bool anyCard = std::any_of(p.m_cards.cbegin(), p.m_cards.cend(), [](const ContactImporter::PreviewRow& r) {
            if (r.problem.isEmpty())
                return true;
            const QJsonObject fields = r.contact.fieldsToJson();
            return std::any_of(fields.begin(), fields.end(), [](const QJsonValue& v) { return !v.toString().isEmpty(); });
        });
        if (!anyCard)
            return Error(ErrorCode::InvalidArgument,
                         tr("No contact card (BEGIN:VCARD … END:VCARD) was found in %1. If it is a CSV file, "
                            "choose CSV as the format.")
                             .arg(QFileInfo(path).fileName()));
        return p;
    }

    CsvReader::Options o;
    o.encoding = settings.encoding;
    o.delimiter = settings.delimiter;
    o.hasHeader = true;
    o.stripFormulaProtection = true;
    CsvReader reader(&file, o);
    if (Status s = reader.start(); !s)
        return s.error();
    p.m_header = reader.header();
    p.m_delimiter = reader.delimiter();
    CsvRecord rec;
    while (reader.next(&rec)) {
        if (p.m_records.size() == rows) {
            p.m_more = true;
            break;
        }
        p.m_records.append(rec);
    }
    if (Status s = reader.status(); !s)
        return s.error();
    p.m_encoding = reader.encoding();
    if (reader.hasDecodingErrors())
        p.m_decodingWarning = reader.decodingWarning();
    if (p.m_header.isEmpty() || (p.m_header.size() == 1 && p.m_header.first().trimmed().isEmpty()))
        return Error(ErrorCode::InvalidArgument,
                     tr("The first line of %1 is empty; it should name the columns.").arg(QFileInfo(path).fileName()));
    return p;
}

QStringList ImportFilePreview::samples(int column, int n) const
{
    QStringList out;
    for (const CsvRecord& r : m_records) {
        if (out.size() >= n)
            break;
        if (!r.isOk() || column >= r.fields.size())
            continue;
        const QString v = r.fields.at(column).simplified();
        if (!v.isEmpty())
            out << v;
    }
    return out;
}

QString ImportFilePreview::encodingLabel(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Auto:
        return tr("plain ASCII");
    case TextEncoding::Utf8:
        return tr("UTF-8");
    case TextEncoding::Utf16LE:
        return tr("UTF-16 LE");
    case TextEncoding::Utf16BE:
        return tr("UTF-16 BE");
    case TextEncoding::Utf32LE:
        return tr("UTF-32 LE");
    case TextEncoding::Utf32BE:
        return tr("UTF-32 BE");
    case TextEncoding::Latin1:
        return tr("ISO-8859-1 (Latin-1)");
    case TextEncoding::Windows1252:
        return tr("Windows-1252");
    }
    return {};
}

QString ImportFilePreview::delimiterLabel(QChar delimiter)
{
    switch (delimiter.unicode()) {
    case ',':
        return tr("comma");
    case ';':
        return tr("semicolon");
    case '\t':
        return tr("tab");
    case '|':
        return tr("vertical bar");
    default:
        return QStringLiteral("\u201c%1\u201d").arg(delimiter);
    }
}

} // namespace outpost
