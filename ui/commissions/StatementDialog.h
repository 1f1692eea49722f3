#pragma once

#include "commissions/CommissionStatement.h"

#include <QDialog>

class QLabel;
class QTableView;

namespace outpost {

class Database;
class MessageLabel;
class StatementLinesModel;

// One distributor's statement for a period: one line per order with its level, rule and percentage, in a
// list that reads the lines as it scrolls (summary lines of a large run itemised, StatementLinesModel);
// exported as CSV (every order line, written page by page) or PDF (the ledger lines as stored).
class StatementDialog : public QDialog
{
    Q_OBJECT
public:
    StatementDialog(Database& db, commissions::Statement statement, QWidget* parent = nullptr);

    const commissions::Statement& statement() const { return m_statement; }
    StatementLinesModel* linesModel() const { return m_lines; }
    // Write the statement to `path`; a failure is shown in the dialog and returned.
    Status exportCsv(const QString& path);
    Status exportPdf(const QString& path);

private:
    void chooseAndExport(bool pdf);

    Database& m_db;
    commissions::Statement m_statement;
    StatementLinesModel* m_lines = nullptr;
    QTableView* m_view = nullptr;
    MessageLabel* m_message = nullptr;
};

} // namespace outpost
