#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QIODevice;

namespace outpost {

// Writes CSV as RFC 4180 asks: UTF-8, CRLF line ends, fields quoted only where needed (a delimiter, quote,
// line break, or leading/trailing space), quotes doubled. Output is buffered and written in chunks.
//
// Formula protection (on by default, OWASP "CSV injection"): a field starting with = + - @ tab or CR gets a
// leading ' so that a spreadsheet shows it as text instead of running it. Note that this also turns "-5" and
// "+49 170 …" into text in Excel, which is what an export of contact data wants anyway.
class CsvWriter
{
    Q_DECLARE_TR_FUNCTIONS(CsvWriter)

public:
    struct Options
    {
        QChar delimiter = u',';
        bool writeBom = false; // UTF-8 BOM, so that Excel does not read the file as ANSI
        bool protectFormulas = true;
        bool quoteAll = false; // quote every field, needed or not
    };

    explicit CsvWriter(QIODevice* device);
    CsvWriter(QIODevice* device, const Options& options);
    ~CsvWriter(); // flushes; call flush() to see errors

    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    Status writeRecord(const QStringList& fields);
    Status flush();

    // One field as it appears in the file (quoted and protected as the options say).
    static QString formatField(const QString& field, const Options& options);

private:
    Status writeOut();

    QIODevice* m_device;
    Options m_options;
    QByteArray m_out;
    bool m_bomDone = false;
    Status m_status;
};

} // namespace outpost
