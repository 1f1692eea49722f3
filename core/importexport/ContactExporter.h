#pragma once

#include "segments/SegmentFilter.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace outpost {

class Database;

// Writes contacts to CSV or vCard 4.0, streaming: rows are read from the database and written a page at a
// time, so exporting a million contacts holds one page in memory, never the list.
//
// CSV: a header row of the field names (Contact::fieldNames() but companyId: firstName, lastName, …) and one row
// per contact, RFC 4180 (CsvWriter: CRLF, quoting as needed, formula protection), UTF-8 with an optional BOM
// (Excel wants it). vCard: one 4.0 card per contact with UID (urn:uuid:<id>), N, FN, ORG, EMAIL, TEL, ADR
// (country as its ISO code) and NOTE. Both read back with ContactImporter into the same contacts.
class ContactExporter
{
    Q_DECLARE_TR_FUNCTIONS(ContactExporter)
public:
    enum class Format { Csv, VCard };

    struct Options
    {
        Format format = Format::Csv;
        bool csvBom = true;
        QString query;      // search text as the contacts search takes it; empty = all contacts
        QStringList ids;    // only these contacts (in this order); empty = all (or the query's)
        std::optional<SegmentFilter::Sql> segment; // with no query and no ids: only the contacts a segment matches
        std::function<void(qint64 done)> progress;
        const std::atomic_bool* cancel = nullptr; // a cancelled export removes the partial file
    };

    explicit ContactExporter(Database& db) : m_db(db) {}

    // Returns the number of contacts written. Contacts are written in name order (or the ids' order).
    Result<qint64> exportFile(const QString& path, const Options& options);

private:
    Database& m_db;
};

} // namespace outpost
