#pragma once

#include "commissions/CommissionStatement.h"

#include <QCoreApplication>

#include <atomic>
#include <functional>

class QIODevice;

namespace outpost {

// A statement as an A4 PDF, painted row by row so a statement of any length costs a page of work at a time
// and can stop between rows: the header (headerHtml) on the first page, then a table of the ledger lines as
// stored with its column titles on every page, the total row last, "Page n of m" at the foot of each page.
// Every row is one line high (long names are elided), so the page count is known before the first page is
// painted (pagesFor). Safe on any thread (QPdfWriter, QPainter, QTextDocument; no widgets).
class StatementPdfWriter
{
    Q_DECLARE_TR_FUNCTIONS(StatementPdfWriter)
public:
    struct Options
    {
        QString title;                            // the PDF's document title
        const std::atomic_bool* cancel = nullptr; // checked between rows: the write stops with ErrorCode::Cancelled
        std::function<void(qint64 rows, qint64 total)> progress; // after each page
    };

    // How many rows of the table (lines and the total row) a page holds: `first` below the header on the
    // first page, `others` on each later one.
    struct Pages
    {
        int first = 0;
        int others = 0;
        int count(qint64 rows) const;
    };
    static Pages pagesFor(const commissions::Statement& statement);

    // Writes the PDF to `out` (open for writing); returns the number of pages written.
    static Result<int> write(const commissions::Statement& statement, QIODevice* out, const Options& options);
};

} // namespace outpost
