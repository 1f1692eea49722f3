#pragma once

#include <QString>
#include <QStringList>

namespace outpost {

// One record of a CSV file as CsvReader returns it: the fields, or — for a broken record — what could be
// read plus a translated reason an import error report can show as is.
struct CsvRecord
{
    enum class Problem
    {
        None,
        UnclosedQuote, // a quoted field never closes, or closes so late that its quote must be a mistake
        StrayQuote,    // a quote inside an unquoted field, or text right after a closing quote
        FieldCount,    // a different number of fields than the header (or the first record)
        TooLong,       // longer than CsvReader::Options::maxRecordChars; skipped, fields empty
    };

    QStringList fields;
    qint64 firstLine = 0;  // 1-based physical line on which the record starts
    qint64 lastLine = 0;   // … and ends (later than firstLine when a quoted field holds line breaks)
    qint64 byteOffset = 0; // where the record starts in the input, in bytes, BOM included
    qint64 byteEnd = 0;    // just past its line break: byteEnd / file size is the progress
    Problem problem = Problem::None;
    QString message; // translated, "Line 17: …"; empty when the record is fine

    bool isOk() const { return problem == Problem::None; }
};

} // namespace outpost
