#include "importexport/ImportUndoTask.h"

#include "importexport/BackgroundJob.h"
#include "profile/Workspace.h"

#include <QMessageBox>
#include <QPushButton>

#include <climits>

namespace outpost {

ImportUndoTask::ImportUndoTask(Workspace& workspace, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_job(new BackgroundJob(workspace.database(), this))
    , m_result(std::make_shared<Result<ImportHistory::UndoReport>>(
          Error(ErrorCode::Unknown, tr("The undo has not run."))))
{
    connect(m_job, &BackgroundJob::progress, this, &ImportUndoTask::progress);
    connect(m_job, &BackgroundJob::runningChanged, this, &ImportUndoTask::runningChanged);
    connect(m_job, &BackgroundJob::finished, this, &ImportUndoTask::finished);
}

ImportUndoTask::~ImportUndoTask() = default;

bool ImportUndoTask::start(const QString& batchId)
{
    if (m_job->isRunning())
        return false;
    m_batchId = batchId;
    auto result = std::make_shared<Result<ImportHistory::UndoReport>>(
        Error(ErrorCode::Unknown, tr("The undo did not finish.")));
    m_result = result;
    Workspace* workspace = &m_workspace;
    BackgroundJob* job = m_job;
    return m_job->start([workspace, job, batchId, result] {
        ImportHistory history(workspace->database(), workspace->mutations());
        ImportHistory::UndoOptions options;
        options.cancel = job->cancelFlag();
        options.progress = [job](qint64 done, qint64 total) { job->reportProgress(done, total); };
        *result = history.undo(batchId, options);
    });
}

void ImportUndoTask::cancel()
{
    m_job->cancel();
}

bool ImportUndoTask::isRunning() const
{
    return m_job->isRunning();
}

void ImportUndoTask::wait()
{
    m_job->wait();
}

void ImportUndoTask::askToUndo(QWidget* parent, const QString& fileName, qint64 created, qint64 updated,
                               std::function<void()> confirmed)
{
    auto* box = new QMessageBox(QMessageBox::Question, tr("Undo Import"), tr("Undo the import of %1?").arg(fileName),
                                QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("confirmUndoBox"));
    QStringList what;
    if (created > 0)
        what << tr("%Ln new contact(s) will be deleted.", nullptr, int(std::min<qint64>(created, INT_MAX)));
    if (updated > 0)
        what << tr("%Ln updated contact(s) will be set back to how they were before the import.", nullptr,
                   int(std::min<qint64>(updated, INT_MAX)));
    what << tr("If any of them was changed since, nothing is undone.");
    box->setInformativeText(what.join(QLatin1Char(' ')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* undo = box->addButton(tr("&Undo Import"), QMessageBox::DestructiveRole);
    undo->setObjectName(QStringLiteral("confirmUndoButton"));
    QPushButton* keep = box->addButton(tr("&Keep"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("cancelUndoButton"));
    box->setDefaultButton(keep);
    connect(box, &QMessageBox::buttonClicked, box, [undo, confirmed = std::move(confirmed)](QAbstractButton* clicked) {
        if (clicked == undo)
            confirmed();
    });
    box->open();
}

} // namespace outpost
