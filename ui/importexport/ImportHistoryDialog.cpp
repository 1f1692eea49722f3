#include "importexport/ImportHistoryDialog.h"

#include "importexport/ImportHistory.h"
#include "importexport/ImportHistoryModel.h"
#include "importexport/ImportUndoTask.h"
#include "importexport/ProgressPanel.h"
#include "profile/Workspace.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

ImportHistoryDialog::ImportHistoryDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_history(std::make_unique<ImportHistory>(workspace.database(), workspace.mutations()))
    , m_model(new ImportHistoryModel(*m_history, this))
    , m_view(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_undoButton(new QPushButton(tr("&Undo Import…"), this))
    , m_closeButton(new QPushButton(tr("Close"), this))
    , m_progress(new ProgressPanel(this))
    , m_message(new MessageLabel(this))
    , m_undo(new ImportUndoTask(workspace, this))
{
    setObjectName(QStringLiteral("importHistoryDialog"));
    setWindowTitle(tr("Import History"));
    m_view->setObjectName(QStringLiteral("importHistoryView"));
    m_empty->setObjectName(QStringLiteral("importHistoryEmpty"));
    m_undoButton->setObjectName(QStringLiteral("historyUndoButton"));
    m_closeButton->setObjectName(QStringLiteral("historyCloseButton"));
    m_progress->setObjectName(QStringLiteral("historyUndoProgress"));
    m_message->setObjectName(QStringLiteral("historyMessage"));

    auto* intro = new QLabel(tr("Every import is one step: undoing it deletes the contacts it created and sets the "
                                "ones it updated back to how they were. An import is only undone when none of its "
                                "contacts was changed since, so later work is never lost."),
                             this);
    intro->setWordWrap(true);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(ImportHistoryModel::FileColumn, QHeaderView::Stretch);
    for (int c : {int(ImportHistoryModel::StartedColumn), int(ImportHistoryModel::FormatColumn),
                  int(ImportHistoryModel::CreatedColumn), int(ImportHistoryModel::UpdatedColumn),
                  int(ImportHistoryModel::SkippedColumn), int(ImportHistoryModel::RejectedColumn),
                  int(ImportHistoryModel::StateColumn)})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_view->setAccessibleName(tr("Imports"));

    m_empty->setText(tr("No imports yet. File \u25B8 Import Contacts… brings contacts in from a CSV or vCard file."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    m_undoButton->setIcon(themedIcon(QStringLiteral("undo")));
    m_undoButton->setAutoDefault(false);
    m_progress->setCancellable(true);
    m_progress->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_undoButton);
    buttons->addStretch(1);
    buttons->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    // Both: a programmatic selectRow() moves the current row before it selects it.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ImportHistoryDialog::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ImportHistoryDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ImportHistoryDialog::updateButtons);
    connect(m_model, &ImportHistoryModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_undoButton, &QPushButton::clicked, this, &ImportHistoryDialog::confirmUndo);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_progress, &ProgressPanel::cancelRequested, m_undo, &ImportUndoTask::cancel);
    connect(m_undo, &ImportUndoTask::progress, this, &ImportHistoryDialog::undoProgress);
    connect(m_undo, &ImportUndoTask::finished, this, &ImportHistoryDialog::undoFinished);
    connect(m_undo, &ImportUndoTask::runningChanged, this, [this](bool running) {
        updateButtons();
        emit busyChanged(running);
    });

    QSize size(860, 460);
    if (const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableSize() * 0.9);
    resize(size);
    if (m_model->rowCount() > 0)
        m_view->selectRow(0);
    updateButtons();
    m_view->setFocus();
}

ImportHistoryDialog::~ImportHistoryDialog()
{
    m_undo->cancel();
    m_undo->wait();
}

bool ImportHistoryDialog::isBusy() const
{
    return m_undo->isRunning();
}

void ImportHistoryDialog::reload()
{
    const QString selected = selectedBatchId();
    m_model->reload();
    selectBatch(selected);
}

void ImportHistoryDialog::selectBatch(const QString& batchId)
{
    const int row = m_model->rowOf(batchId);
    if (row >= 0)
        m_view->selectRow(row);
    else if (m_model->rowCount() > 0)
        m_view->selectRow(0);
    updateButtons();
}

QString ImportHistoryDialog::selectedBatchId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), {}))
        return {};
    const ImportBatchInfo* b = m_model->batchAt(current.row());
    return b ? b->id : QString();
}

void ImportHistoryDialog::updateButtons()
{
    const bool empty = m_model->rowCount() == 0;
    m_view->setVisible(!empty);
    m_empty->setVisible(empty);
    const ImportBatchInfo* b = m_model->batchAt(m_model->rowOf(selectedBatchId()));
    const bool running = m_undo->isRunning();
    m_undoButton->setEnabled(b && !b->undone && !running);
    m_undoButton->setToolTip(b && b->undone ? tr("This import was already undone.") : QString());
    m_closeButton->setEnabled(!running);
}

void ImportHistoryDialog::confirmUndo()
{
    const QString id = selectedBatchId();
    const ImportBatchInfo* b = m_model->batchAt(m_model->rowOf(id));
    if (!b || b->undone || m_undo->isRunning())
        return;
    ImportUndoTask::askToUndo(this, b->fileName, b->created, b->updated, [this, id] {
        if (m_undo->isRunning())
            return;
        m_message->clearMessage();
        m_progress->reset();
        m_progress->setStatus(tr("Undoing the import…"));
        m_progress->setProgress(0, 0);
        m_progress->show();
        m_undo->start(id);
    });
}

void ImportHistoryDialog::undoProgress(qint64 done, qint64 total)
{
    m_progress->setProgress(done, total);
    m_progress->setStatus(tr("Undoing the import: %1 of %2 changes…").arg(QLocale().toString(done),
                                                                         QLocale().toString(total)));
}

void ImportHistoryDialog::undoFinished()
{
    m_progress->hide();
    const auto& result = m_undo->result();
    if (result)
        m_message->showMessage(MessageLabel::Kind::Success,
                               tr("The import was undone: %1 removed, %2 set back.")
                                   .arg(tr("%Ln contact(s)", nullptr, int(std::min<qint64>(result->deleted, INT_MAX))),
                                        tr("%Ln contact(s)", nullptr, int(std::min<qint64>(result->restored, INT_MAX)))));
    else if (result.code() == ErrorCode::Cancelled)
        m_message->showMessage(MessageLabel::Kind::Warning, result.message());
    else
        m_message->showError(result.message());
    m_model->reload();
    selectBatch(m_undo->batchId());
}

void ImportHistoryDialog::reject()
{
    if (m_undo->isRunning()) {
        // Esc or the window's close button while undoing: cancel the undo; the dialog shows how it ends.
        m_progress->setCancelling();
        m_undo->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace outpost
