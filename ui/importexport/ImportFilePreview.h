#pragma once

#include "contacts/Contact.h"
#include "importexport/ContactImporter.h"
#include "io/CsvRecord.h"
#include "io/TextEncoding.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace outpost {

// The first records of an import file as the wizard shows them before anything is imported: for CSV the
// raw cells under their header (how the file is read: encoding, delimiter), for vCard the contacts the
// cards become. Reads a bounded head of the file (a few records), never the whole file.
class ImportFilePreview
{
    Q_DECLARE_TR_FUNCTIONS(ImportFilePreview)
public:
    struct Settings
    {
        ImportFormat format = ImportFormat::Auto;
        TextEncoding encoding = TextEncoding::Auto;
        QChar delimiter; // null: detect
    };

    static constexpr int kDefaultRows = 20;

    // Fails when the file cannot be opened or read, or is empty.
    static Result<ImportFilePreview> read(const QString& path, const Settings& settings, int rows = kDefaultRows);

    QString path() const { return m_path; }
    qint64 fileSize() const { return m_fileSize; }
    ImportFormat detectedFormat() const { return m_detectedFormat; }
    ImportFormat format() const { return m_format; } // the one used: the chosen one, or the detected one

    // CSV
    const QStringList& header() const { return m_header; }
    const QList<CsvRecord>& records() const { return m_records; }
    QChar delimiter() const { return m_delimiter; } // used (chosen or detected)
    // The encoding the head was read in: the chosen one, or the detected one; Auto when the head is plain
    // ASCII (then UTF-8 and Windows-1252 read it alike).
    TextEncoding encoding() const { return m_encoding; }
    QString decodingWarning() const { return m_decodingWarning; }
    // The values of `column` in the previewed records that are not empty (for "e.g." hints), at most `n`.
    QStringList samples(int column, int n) const;

    // vCard
    const QList<ContactImporter::PreviewRow>& cards() const { return m_cards; }

    bool hasMoreRecords() const { return m_more; }

    static QString encodingLabel(TextEncoding encoding);
    static QString delimiterLabel(QChar delimiter);

private:
    QString m_path;
    qint64 m_fileSize = 0;
    ImportFormat m_detectedFormat = ImportFormat::Csv;
    ImportFormat m_format = ImportFormat::Csv;
    QStringList m_header;
    QList<CsvRecord> m_records;
    QChar m_delimiter;
    TextEncoding m_encoding = TextEncoding::Auto;
    QString m_decodingWarning;
    QList<ContactImporter::PreviewRow> m_cards;
    bool m_more = false;
};

} // namespace outpost
