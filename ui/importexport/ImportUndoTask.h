#pragma once

#include "importexport/ImportHistory.h"

#include <QObject>

#include <functional>
#include <memory>

class QWidget;

namespace outpost {

class BackgroundJob;
class Workspace;

// Undoes one import on a worker thread (ImportHistory::undo: exact or nothing, in one transaction), with
// progress and cancel. The import wizard's "Undo This Import" and the import history use it.
class ImportUndoTask : public QObject
{
    Q_OBJECT
public:
    explicit ImportUndoTask(Workspace& workspace, QObject* parent = nullptr);
    ~ImportUndoTask() override;

    bool start(const QString& batchId);
    void cancel();
    bool isRunning() const;
    QString batchId() const { return m_batchId; }
    // The outcome of the last run, once finished() was emitted: the counts, or why nothing was undone
    // (ErrorCode::Conflict with the contacts that changed since, Cancelled, …).
    const Result<ImportHistory::UndoReport>& result() const { return *m_result; }

    // Blocks until the work has returned (tests).
    void wait();

    // Asks "Undo the import of FILE?" over `parent` (window-modal, Keep is the default); `confirmed` runs
    // when the user chooses Undo Import.
    static void askToUndo(QWidget* parent, const QString& fileName, qint64 created, qint64 updated,
                          std::function<void()> confirmed);

signals:
    void progress(qint64 done, qint64 total);
    void finished();
    void runningChanged(bool running);

private:
    Workspace& m_workspace;
    BackgroundJob* m_job;
    QString m_batchId;
    std::shared_ptr<Result<ImportHistory::UndoReport>> m_result;
};

} // namespace outpost
