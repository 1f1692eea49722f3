#pragma once

#include "duplicates/ContactMerger.h"
#include "duplicates/DuplicateScanner.h"
#include "duplicates/MergeHistory.h"
#include "mutations/Mutation.h"
#include "shell/Page.h"

#include <atomic>
#include <memory>
#include <QPointer>
#include <QThreadPool>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace outpost {

class DuplicatePairModel;
class MergeDialog;
class MessageLabel;
class Workspace;

// Duplicates: scans every contact for likely duplicates on a worker thread (progress, cancel), lists the
// candidate pairs best first with their reasons (a lazy list), merges one pair through a dialog that shows
// both contacts side by side, merges every confident pair at once, and undoes the last merge. Bulk merges and
// undos also run on the worker thread; the page is busy (the profile is not locked) until they end.
class DuplicatesPage : public Page
{
    Q_OBJECT
public:
    explicit DuplicatesPage(Workspace& workspace, QWidget* parent = nullptr);
    ~DuplicatesPage() override;

    QList<QAction*> editActions() const override;
    QString summary() const override;
    bool isBusy() const override { return m_job != Job::None; }

    DuplicatePairModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    MergeDialog* mergeDialog() const; // the open merge dialog, if any
    int minimumScore() const;
    void setMinimumScore(int score);

public slots:
    void startScan();
    void cancelWork();
    void reviewSelected();    // opens the merge dialog for the selected pair
    void mergeAllConfident(); // asks first
    void undoLastMerge();     // asks first

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

signals:
    // Background work ended (finished, failed or cancelled).
    void workFinished();

private:
    enum class Job
    {
        None,
        Scan,
        BulkMerge,
        Undo
    };

    void startBulkMerge();
    void startUndo(const QString& batchId);
    void begin(Job job, const QString& what);
    void end();
    void progressArrived(quint64 generation, qint64 done, qint64 total);
    void scanArrived(quint64 generation, const Result<DuplicateScanResult>& result, qint64 elapsedMs);
    void bulkArrived(quint64 generation, const Result<ContactMerger::BulkReport>& result);
    void undoArrived(quint64 generation, const Result<MergeHistory::UndoReport>& result);
    void onEntitiesChanged(const EntityChanges& changes);
    void updateState();
    void updateEmptyState();
    void updateStatus();
    void fitColumns();
    // Reports progress from the worker to this page (dropped if the job is no longer the current one).
    std::function<void(qint64, qint64)> progressReporter(quint64 generation);

    Workspace& m_workspace;
    DuplicatePairModel* m_model;
    QPushButton* m_scanButton;
    QSpinBox* m_minScore;
    QProgressBar* m_progress;
    QPushButton* m_cancelButton;
    QLabel* m_status;
    QPushButton* m_reviewButton;
    QPushButton* m_mergeAllButton;
    QPushButton* m_undoButton;
    MessageLabel* m_message;
    QTableView* m_table;
    QLabel* m_emptyState;
    QAction* m_reviewAction;
    QAction* m_undoAction;
    QPointer<MergeDialog> m_dialog;

    QThreadPool m_pool; // one worker: jobs run one at a time
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    Job m_job = Job::None;
    bool m_scanned = false;
    int m_scannedMinScore = DuplicateScoring::kDefaultMinScore;
    qint64 m_scannedContacts = 0;
    qint64 m_scanMs = 0;
    bool m_rescanAfterJob = false;
    bool m_keepMessage = false;
    bool m_columnsSized = false;
};

} // namespace outpost
