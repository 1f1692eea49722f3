#pragma once

#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace outpost {

// Which column of an import file goes into which contact field (Contact::fieldNames(), e.g. "email").
// Several columns may feed one field (Outlook's Business/Home/Other Phone): the first non-empty value
// wins and, for e-mail and phone, the others are kept in the notes.
class ColumnMapping
{
    Q_DECLARE_TR_FUNCTIONS(ColumnMapping)
public:
    ColumnMapping() = default;
    explicit ColumnMapping(QStringList header);

    // Guesses every column from its header name (see guessField).
    static ColumnMapping guess(const QStringList& header);
    // The field a header name most likely means, or empty to ignore the column. Knows English, German,
    // French, Spanish, Italian and Dutch names, the field names our own export writes (firstName …), and
    // the conventions of Google Contacts ("Phone 1 - Value", "Address 1 - Street"), Outlook ("Business
    // Street", "E-mail 2 Address", "Business Country/Region") and Apple. Type/label/fax/title columns
    // are never guessed.
    static QString guessField(const QString& headerName);

    const QStringList& header() const { return m_header; }
    int columnCount() const { return int(m_header.size()); }
    QString fieldFor(int column) const; // empty = ignored
    void setField(int column, const QString& field); // empty = ignore the column
    QList<int> columnsFor(const QString& field) const;
    bool isEmpty() const; // no column mapped

    // Applies "COLUMN=FIELD" (the CLI's --map): COLUMN is a header name (case-insensitive) or a 1-based
    // column number; FIELD a contact field name, or empty / "ignore" to ignore the column.
    Status apply(const QString& spec);

    // "E-mail 1 - Value → email, Phone 1 - Value → phone, …" for logs and the CLI.
    QString describe() const;

private:
    QStringList m_header;
    QStringList m_fields; // per column
};

} // namespace outpost
