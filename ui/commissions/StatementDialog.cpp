#include "commissions/StatementDialog.h"

#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace outpost {

StatementDialog::StatementDialog(commissions::Statement statement, QWidget* parent)
    : QDialog(parent), m_statement(std::move(statement))
{
    setObjectName(QStringLiteral("statementDialog"));
    setWindowTitle(tr("Statement of %1 — %2").arg(m_statement.distributorName, m_statement.periodName));
    auto* layout = new QVBoxLayout(this);
    m_view = new QTextBrowser(this);
    m_view->setObjectName(QStringLiteral("statementView"));
    m_view->setHtml(m_statement.toHtml());
    layout->addWidget(m_view, 1);
    m_message = new MessageLabel(this);
    layout->addWidget(m_message);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* csv = buttons->addButton(tr("Export CSV…"), QDialogButtonBox::ActionRole);
    csv->setObjectName(QStringLiteral("exportCsvButton"));
    QPushButton* pdf = buttons->addButton(tr("Export PDF…"), QDialogButtonBox::ActionRole);
    pdf->setObjectName(QStringLiteral("exportPdfButton"));
    connect(csv, &QPushButton::clicked, this, [this] { chooseAndExport(false); });
    connect(pdf, &QPushButton::clicked, this, [this] { chooseAndExport(true); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(820, 560);
}

void StatementDialog::chooseAndExport(bool pdf)
{
    const QString suggested = QStringLiteral("%1 %2.%3").arg(m_statement.periodName, m_statement.distributorName,
                                                              pdf ? QStringLiteral("pdf") : QStringLiteral("csv"));
    const QString path = QFileDialog::getSaveFileName(this, pdf ? tr("Export the statement as PDF")
                                                                : tr("Export the statement as CSV"),
                                                      suggested, pdf ? tr("PDF files (*.pdf)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (pdf ? exportPdf(path) : exportCsv(path))
        m_message->showMessage(MessageLabel::Kind::Success, tr("Saved to %1.").arg(path));
}

Status StatementDialog::exportCsv(const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_statement.toCsv().toUtf8()) < 0 || !file.commit()) {
        const QString message = tr("Could not save %1: %2. Choose another folder.").arg(path, file.errorString());
        m_message->showError(message);
        return Error(ErrorCode::Io, message);
    }
    return {};
}

Status StatementDialog::exportPdf(const QString& path)
{
    {
        QPdfWriter writer(path); // the file is complete when the writer goes away
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setTitle(windowTitle());
        QTextDocument doc;
        doc.setHtml(m_statement.toHtml());
        doc.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size());
        doc.print(&writer);
    }
    if (!QFileInfo::exists(path) || QFileInfo(path).size() == 0) {
        const QString message = tr("Could not save %1. Choose another folder.").arg(path);
        m_message->showError(message);
        return Error(ErrorCode::Io, message);
    }
    return {};
}

} // namespace outpost
