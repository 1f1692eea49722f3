#pragma once

#include "contacts/Contact.h"
#include "importexport/ColumnMapping.h"
#include "io/TextEncoding.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace outpost {

class Database;
class MutationEngine;

enum class ImportFormat { Auto, Csv, VCard };

// One line (CSV record or vCard) that was not imported, and why.
struct ImportRejection
{
    qint64 line = 0;     // 1-based first physical line of the record or card
    qint64 lastLine = 0; // its last line (a quoted field or a card spans several)
    QStringList fields;  // the record's fields as read (CSV), or [formatted name] (vCard)
    QString reason;      // translated, starting with "Line N:"
};

// What an import did.
struct ImportReport
{
    QString batchId; // empty when nothing was created or updated (there is nothing to undo)
    ImportFormat format = ImportFormat::Auto;
    qint64 records = 0; // data records read (CSV rows without the header, or cards)
    qint64 created = 0;
    qint64 updated = 0;
    qint64 skipped = 0; // matched an existing contact with OnMatch::Skip, or nothing to change
    qint64 rejected = 0;
    QList<ImportRejection> rejections; // the first Options::maxListedRejections of them
    QStringList warnings;              // about the whole file (e.g. invalid bytes in its encoding)
    ColumnMapping mapping;             // as used (CSV)
    QChar delimiter;                   // as used (CSV)
    TextEncoding encoding = TextEncoding::Auto;
};

// Where a running import stands, for a progress display. The counts are provisional: a cancel or an error
// still rolls everything back.
struct ImportProgress
{
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 records = 0; // data records read so far
    qint64 created = 0;
    qint64 updated = 0;
    qint64 skipped = 0;
    qint64 rejected = 0;
};

// Reads contacts from a CSV or vCard file into the profile as ONE undoable batch.
//
// Every change goes through mutations (so it syncs and is audited), all of them in one MutationBatch — one
// transaction: a cancel, an error or a crash leaves nothing of the import behind. New contacts go in chunks of
// up to 500 (contact.createMany: one outbox entry per chunk, one audit entry per contact); a chunk the mutator
// refuses as a whole is retried row by row (contact.create), so each refused row is reported and skipped while
// the others stay. Matched contacts are updated one by one (contact.update). The batch and the change of each
// contact (its state before and the fields after) are recorded in import_batches / import_items for
// ImportHistory::undo(). An import bigger than the table drops the secondary contact indexes and rebuilds them
// at the end (ContactBulkLoader::dropIndexesForBatch).
//
// Rows: the mapped columns (CSV) or the card's properties (vCard) give the fields. Several values for one
// field — vCards with several EMAIL/TEL/ADR, or several CSV columns mapped to one field — the preferred one
// (vCard PREF, else the first) fills the field, and the others are kept as "E-mail (work): …" lines in the
// notes, so nothing is lost. Countries are turned into ISO codes ("Deutschland" → DE); a country that cannot
// be recognised goes to the notes. A row that still fails validation (a malformed e-mail, no name, company
// or e-mail at all, …) is rejected with its line number and the reason; the other rows are imported.
//
// Matching: with match options on, a row whose e-mail (case-folded) or phone (national digits, so "+49 170
// 1234567" matches "0170 1234567") equals an existing contact's — including one created earlier in the same
// file — is not created again: OnMatch::Update sets the row's non-empty mapped fields on it (empty values never
// blank existing data), OnMatch::Skip leaves it. A row that matches several contacts is rejected as ambiguous.
//
// Runs on any thread: it uses that thread's connection of the Database. The batch holds the write lock
// until it ends.
class ContactImporter
{
    Q_DECLARE_TR_FUNCTIONS(ContactImporter)
public:
    enum class OnMatch { Update, Skip };

    struct Options
    {
        ImportFormat format = ImportFormat::Auto; // Auto: by content (BEGIN:VCARD) and file extension
        TextEncoding encoding = TextEncoding::Auto;
        QChar delimiter;                           // null: detect
        std::optional<ColumnMapping> mapping;      // CSV; none: guessed from the header
        bool matchEmail = true;
        bool matchPhone = false;
        OnMatch onMatch = OnMatch::Update;
        // Writes every rejected record to this CSV file: the record's original fields plus "Line" and
        // "Error" columns (for vCards: Line, Name, Error). Empty: no file.
        QString errorFilePath;
        int maxListedRejections = 10000;
        // Called every few hundred records with bytes read so far and the file size.
        std::function<void(qint64 done, qint64 total)> progress;
        // Called at the same moments as `progress`, with the records read and the counts so far.
        std::function<void(const ImportProgress&)> onProgress;
        const std::atomic_bool* cancel = nullptr; // set it (from any thread) to stop; nothing is imported
    };

    // The page cache while an import (or its undo) of at most kBatchCacheRows records runs: a 100,000-row
    // import's transaction (rows, indexes, full-text entries, audit, outbox, history) fits in it. A bigger file
    // would spill past it anyway, and runs with the usual cache (a 1,000,000-row import peaks near 300 MiB with
    // it, 800 MiB with this one).
    static constexpr int kBatchCacheKiB = 384 * 1024;
    static constexpr qint64 kBatchCacheRows = 250000;

    ContactImporter(Database& db, MutationEngine& engine);

    Result<ImportReport> importFile(const QString& path, const Options& options);

    // What the first `rows` records of a CSV file would become with `mapping` (none: guessed), without
    // touching the database: for the mapping step of an import wizard.
    struct PreviewRow
    {
        qint64 line = 0;
        Contact contact;
        QString problem; // why the row would be rejected, or empty
    };
    struct Preview
    {
        QStringList header;
        ColumnMapping mapping;
        QChar delimiter;
        TextEncoding encoding = TextEncoding::Auto;
        QList<PreviewRow> rows;
    };
    static Result<Preview> preview(const QString& path, const Options& options, int rows = 20);

    static ImportFormat detectFormat(const QString& path);

private:
    Database& m_db;
    MutationEngine& m_engine;
};

} // namespace outpost
