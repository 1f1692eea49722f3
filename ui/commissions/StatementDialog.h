#pragma once

#include "commissions/CommissionStatement.h"

#include <QDialog>

#include <memory>

class QPushButton;
class QTableView;

namespace outpost {

class BackgroundJob;
class Database;
class MessageLabel;
class ProgressPanel;
class StatementLinesModel;
struct StatementExportOutcome;

// One distributor's statement for a period: one line per order with its level, rule and percentage, in a
// list that reads the lines as it scrolls (summary lines of a large run itemised, StatementLinesModel);
// exported as CSV (every order line, written page by page) or PDF (the ledger lines as stored, a page at a
// time). An export runs on a worker with its own connection, with progress and Cancel, into a temporary file
// beside the target that takes its name only when complete: a cancelled or failed export leaves no partial
// file, and a file that was there is left as it was.
class StatementDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Format { Csv, Pdf };

    StatementDialog(Database& db, commissions::Statement statement, QWidget* parent = nullptr);
    ~StatementDialog() override;

    const commissions::Statement& statement() const { return m_statement; }
    StatementLinesModel* linesModel() const { return m_lines; }
    // Starts writing the statement to `path` on the worker (what the export buttons do once a file is
    // chosen); false when an export is already running. exportFinished() tells the end; the dialog shows it.
    bool startExport(Format format, const QString& path);
    bool isExporting() const;
    // Asks the running export to stop (the Cancel button, Esc); exportFinished() follows.
    void cancelExport();
    // How the last export ended: done, failed (with the reason shown) or ErrorCode::Cancelled.
    Status lastExport() const;
    BackgroundJob* exportJob() const { return m_job; }

    void reject() override;

signals:
    void exportFinished();

private:
    void chooseAndExport(Format format);
    void exportEnded();

    Database& m_db;
    commissions::Statement m_statement;
    StatementLinesModel* m_lines = nullptr;
    QTableView* m_view = nullptr;
    ProgressPanel* m_progress = nullptr;
    MessageLabel* m_message = nullptr;
    QPushButton* m_csvButton = nullptr;
    QPushButton* m_pdfButton = nullptr;
    BackgroundJob* m_job = nullptr;
    std::shared_ptr<StatementExportOutcome> m_outcome;
};

} // namespace outpost
