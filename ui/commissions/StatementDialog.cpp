#include "commissions/StatementDialog.h"

#include "commissions/CommissionModels.h"
#include "commissions/CommissionStore.h"
#include "commissions/StatementPager.h"
#include "commissions/StatementPdfWriter.h"
#include "importexport/BackgroundJob.h"
#include "importexport/ProgressPanel.h"
#include "storage/Database.h"
#include "storage/QueryInterrupt.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

struct StatementExportOutcome
{
    Status status = Error(ErrorCode::Unknown, StatementDialog::tr("The export did not finish."));
    QString path;
    bool replaced = false; // a file was there before
};

namespace {

// Writes through a QSaveFile: `write(file)` fills it, and only a complete file replaces `path`. A cancel seen
// before the rename wins over a complete write: the user asked for no file.
Status saveFile(const QString& path, const std::atomic_bool* cancel, const std::function<Status(QSaveFile*)>& write)
{
    const auto ioError = [&](const QString& why) {
        return Error(ErrorCode::Io, StatementDialog::tr("Could not save %1: %2. Choose another folder.")
                                        .arg(QDir::toNativeSeparators(path), why));
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(file.errorString());
    Status written = write(&file);
    if (cancel->load())
        return Error(ErrorCode::Cancelled, StatementDialog::tr("The export was cancelled."));
    if (!written)
        return written;
    if (!file.commit())
        return ioError(file.errorString());
    return {};
}

} // namespace

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
    m_progress = new ProgressPanel(this);
    m_progress->setObjectName(QStringLiteral("statementExportProgress"));
    m_progress->setCancellable(true);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("statementMessage"));
    layout->addWidget(m_message);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_csvButton = buttons->addButton(tr("Export CSV…"), QDialogButtonBox::ActionRole);
    m_csvButton->setObjectName(QStringLiteral("exportCsvButton"));
    m_pdfButton = buttons->addButton(tr("Export PDF…"), QDialogButtonBox::ActionRole);
    m_pdfButton->setObjectName(QStringLiteral("exportPdfButton"));
    connect(m_csvButton, &QPushButton::clicked, this, [this] { chooseAndExport(Format::Csv); });
    connect(m_pdfButton, &QPushButton::clicked, this, [this] { chooseAndExport(Format::Pdf); });
    connect(buttons, &QDialogButtonBox::rejected, this, &StatementDialog::reject);
    layout->addWidget(buttons);
    resize(900, 600);

    m_job = new BackgroundJob(db, this);
    connect(m_progress, &ProgressPanel::cancelRequested, this, &StatementDialog::cancelExport);
    connect(m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total) {
        const QLocale l;
        m_progress->setProgress(done, total);
        m_progress->setStatus(tr("Written %1 of %2 lines…").arg(l.toString(done), l.toString(total)));
    });
    connect(m_job, &BackgroundJob::finished, this, &StatementDialog::exportEnded);
    connect(m_job, &BackgroundJob::runningChanged, this, [this](bool running) {
        m_csvButton->setEnabled(!running);
        m_pdfButton->setEnabled(!running);
    });

    connect(m_lines, &StatementLinesModel::loadFailed, m_message, &MessageLabel::showError);
    // The lines arrive from the worker: the columns fit the first page (not the "Loading…" row before it).
    connect(m_lines, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first) {
        if (first == 0 && !m_lines->isFetching())
            m_view->resizeColumnsToContents();
    });
    if (Status s = m_lines->setStatement(m_statement); !s)
        m_message->showError(s.message());
}

StatementDialog::~StatementDialog()
{
    m_job->cancel();
    m_job->wait();
}

void StatementDialog::chooseAndExport(Format format)
{
    const bool pdf = format == Format::Pdf;
    const QString suggested = QStringLiteral("%1 %2.%3").arg(m_statement.periodName, m_statement.distributorName,
                                                              pdf ? QStringLiteral("pdf") : QStringLiteral("csv"));
    const QString path = QFileDialog::getSaveFileName(this, pdf ? tr("Export the statement as PDF")
                                                                : tr("Export the statement as CSV"),
                                                      suggested, pdf ? tr("PDF files (*.pdf)") : tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        startExport(format, path);
}

bool StatementDialog::startExport(Format format, const QString& path)
{
    if (m_job->isRunning())
        return false;
    auto outcome = std::make_shared<StatementExportOutcome>();
    outcome->path = path;
    outcome->replaced = QFileInfo::exists(path);
    m_outcome = outcome;
    m_message->clearMessage();
    m_progress->reset();
    m_progress->setStatus(tr("Exporting to %1…").arg(QFileInfo(path).fileName()));
    m_progress->setProgress(0, 0);
    m_progress->show();

    BackgroundJob* job = m_job;
    const commissions::Statement statement = m_statement; // the lines are shared, not copied
    if (format == Format::Pdf) {
        StatementPdfWriter::Options options;
        options.title = windowTitle();
        options.cancel = job->cancelFlag();
        options.progress = [job](qint64 rows, qint64 total) { job->reportProgress(rows, total); };
        return job->start([statement, path, options, outcome] {
            outcome->status = saveFile(path, options.cancel, [&](QSaveFile* file) -> Status {
                auto pages = StatementPdfWriter::write(statement, file, options);
                return pages ? Status() : Status(pages.error());
            });
        });
    }
    qint64 orderLines = 0; // what the CSV itemises: an order line per order a summary line folds
    for (const commissions::StatementLine& line : statement.lines)
        orderLines += line.orderCount;
    Database* db = &m_db;
    return job->start([db, job, statement, path, orderLines, outcome] {
        outcome->status = saveFile(path, job->cancelFlag(), [&](QSaveFile* file) -> Status {
            QSqlDatabase conn = db->connection(); // the worker's own
            // A cancel also stops a long itemising read in the middle.
            const QueryInterrupt interrupt(conn, job->cancelFlag());
            auto period = commissions::CommissionStore::readPeriod(conn, statement.periodId);
            if (!period)
                return period.error();
            if (!period.value())
                return Error(ErrorCode::NotFound, tr("The commission period no longer exists."));
            job->reportProgress(0, orderLines);
            return commissions::StatementPager::writeCsv(conn, **period, statement, file, job->cancelFlag(),
                                                         [job, orderLines](qint64 written) {
                                                             job->reportProgress(written, orderLines);
                                                         });
        });
    });
}

bool StatementDialog::isExporting() const
{
    return m_job->isRunning();
}

void StatementDialog::cancelExport()
{
    if (!m_job->isRunning())
        return;
    m_progress->setCancelling();
    m_job->cancel();
}

Status StatementDialog::lastExport() const
{
    return m_outcome ? m_outcome->status : Status(Error(ErrorCode::NotFound, tr("Nothing was exported yet.")));
}

void StatementDialog::exportEnded()
{
    m_progress->hide();
    const StatementExportOutcome& o = *m_outcome;
    const QString where = QDir::toNativeSeparators(o.path);
    if (o.status)
        m_message->showMessage(MessageLabel::Kind::Success, tr("Saved to %1.").arg(where));
    else if (o.status.code() == ErrorCode::Cancelled)
        m_message->showMessage(MessageLabel::Kind::Warning,
                               o.replaced ? tr("The export was cancelled; %1 was left as it was.").arg(where)
                                          : tr("The export was cancelled; no file was written."));
    else
        m_message->showError(tr("The export failed: %1").arg(o.status.message()));
    emit exportFinished();
}

void StatementDialog::reject()
{
    if (m_job->isRunning()) {
        // Esc or Close while exporting: cancel; the dialog says how it ended and closes on the next Close.
        cancelExport();
        return;
    }
    QDialog::reject();
}

} // namespace outpost
