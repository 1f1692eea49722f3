#include "importexport/ImportResultPage.h"

#include "importexport/ImportUndoTask.h"
#include "importexport/ImportWizard.h"
#include "importexport/ProgressPanel.h"
#include "importexport/RejectionListModel.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

namespace {

QLabel* countLabel(const QString& name, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setObjectName(name);
    l->setTextFormat(Qt::PlainText);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

} // namespace

ImportResultPage::ImportResultPage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_headline(new MessageLabel(this))
    , m_counts(new QWidget(this))
    , m_created(countLabel(QStringLiteral("resultCreated"), m_counts))
    , m_updated(countLabel(QStringLiteral("resultUpdated"), m_counts))
    , m_skipped(countLabel(QStringLiteral("resultSkipped"), m_counts))
    , m_rejected(countLabel(QStringLiteral("resultRejected"), m_counts))
    , m_warnings(new MessageLabel(this))
    , m_rejectionsTitle(new QLabel(ImportWizard::tr("Rejected lines"), this))
    , m_rejections(new QTableView(this))
    , m_rejectionModel(new RejectionListModel(this))
    , m_moreRejections(new QLabel(this))
    , m_saveErrors(new QPushButton(ImportWizard::tr("&Save Error File…"), this))
    , m_undo(new QPushButton(ImportWizard::tr("&Undo This Import…"), this))
    , m_restart(new QPushButton(ImportWizard::tr("&Start Over"), this))
    , m_undoProgress(new ProgressPanel(this))
    , m_undoMessage(new MessageLabel(this))
    , m_saveMessage(new MessageLabel(this))
{
    setObjectName(QStringLiteral("importResultPage"));
    setTitle(ImportWizard::tr("Import Finished"));
    m_headline->setObjectName(QStringLiteral("importResultMessage"));
    m_warnings->setObjectName(QStringLiteral("importWarnings"));
    m_rejections->setObjectName(QStringLiteral("rejectionsTable"));
    m_moreRejections->setObjectName(QStringLiteral("moreRejections"));
    m_saveErrors->setObjectName(QStringLiteral("saveErrorFileButton"));
    m_undo->setObjectName(QStringLiteral("undoImportButton"));
    m_restart->setObjectName(QStringLiteral("importRestartButton"));
    m_undoProgress->setObjectName(QStringLiteral("undoProgress"));
    m_undoMessage->setObjectName(QStringLiteral("undoMessage"));
    m_saveMessage->setObjectName(QStringLiteral("saveErrorFileMessage"));

    auto* counts = new QFormLayout(m_counts);
    counts->setContentsMargins(0, 0, 0, 0);
    counts->setLabelAlignment(Qt::AlignLeft);
    counts->addRow(ImportWizard::tr("New contacts:"), m_created);
    counts->addRow(ImportWizard::tr("Updated contacts:"), m_updated);
    counts->addRow(ImportWizard::tr("Skipped (already here, or nothing to change):"), m_skipped);
    counts->addRow(ImportWizard::tr("Rejected lines:"), m_rejected);

    QFont bold = m_rejectionsTitle->font();
    bold.setBold(true);
    m_rejectionsTitle->setFont(bold);
    m_rejections->setModel(m_rejectionModel);
    m_rejections->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rejections->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rejections->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rejections->setWordWrap(false);
    m_rejections->setAlternatingRowColors(true);
    m_rejections->verticalHeader()->hide();
    m_rejections->verticalHeader()->setDefaultSectionSize(m_rejections->fontMetrics().height() + 8);
    m_rejections->horizontalHeader()->setHighlightSections(false);
    m_rejections->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // The reason takes the width; the line's content keeps a fixed share (its tooltip has all of it).
    m_rejections->horizontalHeader()->setStretchLastSection(false);
    m_rejections->horizontalHeader()->setSectionResizeMode(RejectionListModel::LineColumn, QHeaderView::ResizeToContents);
    m_rejections->horizontalHeader()->setSectionResizeMode(RejectionListModel::ReasonColumn, QHeaderView::Stretch);
    m_rejections->horizontalHeader()->setSectionResizeMode(RejectionListModel::ContentColumn, QHeaderView::Interactive);
    m_rejections->horizontalHeader()->resizeSection(RejectionListModel::ContentColumn, 260);
    m_rejections->setAccessibleName(ImportWizard::tr("Rejected lines"));
    m_rejections->setMinimumHeight(120);
    m_moreRejections->setWordWrap(true);
    m_moreRejections->setForegroundRole(QPalette::PlaceholderText);

    m_undoProgress->setCancellable(true);
    m_undoProgress->hide();
    m_saveErrors->setIcon(themedIcon(QStringLiteral("export")));
    m_undo->setIcon(themedIcon(QStringLiteral("undo")));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_saveErrors);
    buttons->addWidget(m_undo);
    buttons->addWidget(m_restart);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_counts);
    layout->addWidget(m_warnings);
    layout->addSpacing(4);
    layout->addWidget(m_rejectionsTitle);
    layout->addWidget(m_rejections, 1);
    layout->addWidget(m_moreRejections);
    layout->addWidget(m_saveMessage);
    layout->addLayout(buttons);
    layout->addWidget(m_undoProgress);
    layout->addWidget(m_undoMessage);
    layout->addStretch(0); // takes the room of the rejected lines when there are none (setTableShown)

    connect(m_saveErrors, &QPushButton::clicked, this, &ImportResultPage::chooseErrorFile);
    connect(m_undo, &QPushButton::clicked, this, &ImportResultPage::confirmUndo);
    connect(m_restart, &QPushButton::clicked, wizard, &QWizard::restart);
    ImportUndoTask* undo = wizard->undoTask();
    connect(undo, &ImportUndoTask::progress, this, &ImportResultPage::undoProgress);
    connect(undo, &ImportUndoTask::finished, this, &ImportResultPage::undoFinished);
    connect(m_undoProgress, &ProgressPanel::cancelRequested, undo, &ImportUndoTask::cancel);
}

void ImportResultPage::initializePage()
{
    const QLocale locale;
    m_undoMessage->clearMessage();
    m_saveMessage->clearMessage();
    m_undoProgress->hide();
    m_warnings->clearMessage();
    const auto& result = m_wizard->importResult();
    const bool ok = result && result->ok();
    m_counts->setVisible(ok);
    setTableShown(false);
    m_moreRejections->clear();
    m_moreRejections->setVisible(false);
    m_saveErrors->setVisible(false);
    m_undo->setVisible(false);
    m_restart->setVisible(false);
    m_batchId.clear();
    if (!result)
        return;
    const QString file = QFileInfo(m_wizard->filePath()).fileName();
    if (!ok) {
        const bool cancelled = result->code() == ErrorCode::Cancelled;
        setTitle(cancelled ? ImportWizard::tr("Import Cancelled") : ImportWizard::tr("Import Failed"));
        setSubTitle(ImportWizard::tr("Nothing of %1 was imported; the contacts are as they were.").arg(file));
        if (cancelled)
            m_headline->showMessage(MessageLabel::Kind::Warning, result->message());
        else
            m_headline->showError(result->message());
        m_rejectionModel->setRejections({});
        m_restart->setVisible(true); // back to the file, its settings kept
        m_restart->setFocus();
        return;
    }
    const ImportReport& r = result->value();
    setTitle(ImportWizard::tr("Import Finished"));
    setSubTitle(ImportWizard::tr("%1 was read: %2.")
                    .arg(file, ImportWizard::tr("%Ln record(s)", nullptr, int(std::min<qint64>(r.records, INT_MAX)))));
    m_created->setText(locale.toString(r.created));
    m_updated->setText(locale.toString(r.updated));
    m_skipped->setText(locale.toString(r.skipped));
    m_rejected->setText(locale.toString(r.rejected));
    if (r.created + r.updated == 0 && r.rejected > 0)
        m_headline->showError(ImportWizard::tr("No contact was imported: every line was rejected. The reasons are "
                                               "below; the error file holds the lines to correct."));
    else if (r.created + r.updated == 0)
        m_headline->showMessage(MessageLabel::Kind::Info,
                                r.records == 0 ? ImportWizard::tr("The file holds no contacts.")
                                               : ImportWizard::tr("Nothing changed: the contacts were already as the "
                                                                  "file describes them."));
    else if (r.rejected > 0)
        m_headline->showMessage(MessageLabel::Kind::Warning,
                                ImportWizard::tr("The contacts were imported, except %Ln line(s) that were rejected; "
                                                 "see why below.",
                                                 nullptr, int(std::min<qint64>(r.rejected, INT_MAX))));
    else
        m_headline->showMessage(MessageLabel::Kind::Success, ImportWizard::tr("All contacts were imported."));
    if (!r.warnings.isEmpty())
        m_warnings->showMessage(MessageLabel::Kind::Warning, r.warnings.join(QLatin1Char('\n')));

    m_rejectionModel->setRejections(r.rejections);
    if (r.rejected > 0) {
        setTableShown(true);
        m_saveErrors->setVisible(true);
        m_saveErrors->setEnabled(QFileInfo::exists(m_wizard->errorFilePath()));
        if (r.rejected > r.rejections.size()) {
            m_moreRejections->setText(ImportWizard::tr("The first %1 rejected lines are listed; the error file has "
                                                       "all %2.")
                                          .arg(locale.toString(r.rejections.size()), locale.toString(r.rejected)));
            m_moreRejections->setVisible(true);
        }
    }
    m_batchId = r.batchId;
    m_undo->setVisible(!r.batchId.isEmpty());
    m_undo->setEnabled(!r.batchId.isEmpty());
    if (QAbstractButton* finish = m_wizard->button(QWizard::FinishButton))
        finish->setFocus();
}

void ImportResultPage::setTableShown(bool shown)
{
    m_rejectionsTitle->setVisible(shown);
    m_rejections->setVisible(shown);
    auto* box = static_cast<QVBoxLayout*>(layout());
    box->setStretch(box->count() - 1, shown ? 0 : 1);
}

bool ImportResultPage::isComplete() const
{
    return !m_wizard->undoTask()->isRunning();
}

void ImportResultPage::chooseErrorFile()
{
    const QFileInfo source(m_wizard->filePath());
    const QString suggested = QDir(source.absolutePath())
                                  .filePath(ImportWizard::tr("%1 - rejected lines.csv").arg(source.completeBaseName()));
    auto* dialog = new QFileDialog(this, ImportWizard::tr("Save the Rejected Lines"), suggested);
    dialog->setObjectName(QStringLiteral("errorFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setNameFilters({ImportWizard::tr("CSV files (*.csv)"), ImportWizard::tr("All files (*)")});
    dialog->selectFile(suggested);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) { saveErrorFile(path); });
    dialog->open();
}

bool ImportResultPage::saveErrorFile(const QString& path)
{
    QFile source(m_wizard->errorFilePath());
    QSaveFile target(path); // an existing file is replaced only once the copy is complete
    QString problem;
    if (!source.open(QIODevice::ReadOnly))
        problem = source.errorString();
    else if (!target.open(QIODevice::WriteOnly))
        problem = target.errorString();
    else {
        while (!source.atEnd() && problem.isEmpty()) {
            const QByteArray chunk = source.read(64 * 1024);
            if (chunk.isEmpty() && source.error() != QFileDevice::NoError)
                problem = source.errorString();
            else if (target.write(chunk) != chunk.size())
                problem = target.errorString();
        }
        if (problem.isEmpty() && !target.commit())
            problem = target.errorString();
    }
    if (!problem.isEmpty()) {
        m_saveMessage->showError(ImportWizard::tr("The error file could not be saved as %1: %2")
                                     .arg(QDir::toNativeSeparators(path), problem));
        return false;
    }
    m_saveMessage->showMessage(MessageLabel::Kind::Success,
                               ImportWizard::tr("The rejected lines, each with its line number and reason, were saved "
                                                "as %1.")
                                   .arg(QDir::toNativeSeparators(path)));
    return true;
}

void ImportResultPage::confirmUndo()
{
    if (m_batchId.isEmpty() || m_wizard->undoTask()->isRunning())
        return;
    const auto& result = m_wizard->importResult();
    if (!result || !result->ok())
        return;
    const ImportReport& r = result->value();
    ImportUndoTask::askToUndo(this, QFileInfo(m_wizard->filePath()).fileName(), r.created, r.updated, [this] {
        if (m_batchId.isEmpty() || m_wizard->undoTask()->isRunning())
            return;
        m_undoMessage->clearMessage();
        m_undoProgress->reset();
        m_undoProgress->setStatus(ImportWizard::tr("Undoing the import…"));
        m_undoProgress->setProgress(0, 0);
        m_undoProgress->show();
        m_undo->setEnabled(false);
        m_wizard->undoTask()->start(m_batchId);
        emit completeChanged();
    });
}

void ImportResultPage::undoProgress(qint64 done, qint64 total)
{
    m_undoProgress->setProgress(done, total);
    m_undoProgress->setStatus(ImportWizard::tr("Undoing the import: %1 of %2 changes…")
                                  .arg(QLocale().toString(done), QLocale().toString(total)));
}

void ImportResultPage::undoFinished()
{
    m_undoProgress->hide();
    const auto& result = m_wizard->undoTask()->result();
    if (result) {
        m_undoMessage->showMessage(MessageLabel::Kind::Success,
                                   ImportWizard::tr("The import was undone: %1 removed, %2 set back.")
                                       .arg(ImportWizard::tr("%Ln contact(s)", nullptr,
                                                             int(std::min<qint64>(result->deleted, INT_MAX))),
                                            ImportWizard::tr("%Ln contact(s)", nullptr,
                                                             int(std::min<qint64>(result->restored, INT_MAX)))));
        m_batchId.clear();
        m_undo->setEnabled(false);
    } else {
        m_undoMessage->showError(result.message());
        m_undo->setEnabled(result.code() == ErrorCode::Cancelled); // a refusal stays a refusal until things change
    }
    emit completeChanged();
}

} // namespace outpost
