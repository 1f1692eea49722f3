#include "commissions/StatementDialog.h"

#include "commissions/CommissionModels.h"
#include "commissions/CommissionStore.h"
#include "commissions/StatementPager.h"
#include "storage/Database.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPageSize>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QTextDocument>
#include <QVBoxLayout>

namespace outpost {

StatementDialog::StatementDialog(Database& db, commissions::Statement statement, QWidget* parent)
    : QDialog(parent), m_db(db), m_statement(std::move(statement))
{
    setObjectName(QStringLiteral("statementDialog"));
    setWindowTitle(tr("Statement of %1 — %2").arg(m_statement.distributorName, m_statement.periodName));
    auto* layout = new QVBoxLayout(this);
    auto* header = new QLabel(m_statement.headerHtml(), this);
    header->setObjectName(QStringLiteral("statementHeader"));
    header->setTextFormat(Qt::RichText);
    layout->addWidget(header);
    m_lines = new StatementLinesModel(db, this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("statementView"));
    m_view->setModel(m_lines);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
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
    resize(900, 600);
    connect(m_lines, &StatementLinesModel::loadFailed, m_message, &MessageLabel::showError);
    // The lines arrive from the worker: the columns fit the first page (not the "Loading…" row before it).
    connect(m_lines, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first) {
        if (first == 0 && !m_lines->isFetching())
            m_view->resizeColumnsToContents();
    });
    if (Status s = m_lines->setStatement(m_statement); !s)
        m_message->showError(s.message());
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
    const auto failed = [&](const QString& why) {
        const QString message = tr("Could not save %1: %2. Choose another folder.").arg(path, why);
        m_message->showError(message);
        return Error(ErrorCode::Io, message);
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(file.errorString());
    QSqlDatabase conn = m_db.connection();
    auto period = commissions::CommissionStore::readPeriod(conn, m_statement.periodId);
    if (!period || !period.value())
        return failed(period ? tr("the period no longer exists") : period.message());
    if (Status s = commissions::StatementPager::writeCsv(conn, **period, m_statement, &file); !s)
        return failed(s.message());
    if (!file.commit())
        return failed(file.errorString());
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
