#pragma once

#include "commissions/CommissionStatement.h"

#include <QDialog>

class QTextBrowser;

namespace outpost {

class MessageLabel;

// One distributor's statement for a period: every line with its order, level, rule and percentage; exported
// as CSV or PDF.
class StatementDialog : public QDialog
{
    Q_OBJECT
public:
    StatementDialog(commissions::Statement statement, QWidget* parent = nullptr);

    const commissions::Statement& statement() const { return m_statement; }
    // Write the statement to `path`; a failure is shown in the dialog and returned.
    Status exportCsv(const QString& path);
    Status exportPdf(const QString& path);

private:
    void chooseAndExport(bool pdf);

    commissions::Statement m_statement;
    QTextBrowser* m_view = nullptr;
    MessageLabel* m_message = nullptr;
};

} // namespace outpost
