#pragma once

#include "shell/Page.h"

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace outpost {

class BackgroundJob;
class CommissionPeriodModel;
class CommissionPreviewModel;
class MessageLabel;
class Workspace;

// Commissions: the periods with their state; calculate (again, or as a what-if under another plan), lock and
// commit on a worker thread with progress and cancel; the preview of the selected period (per distributor
// this run, the previous run, the difference); a distributor's statement (CSV, PDF).
class CommissionsPage : public Page
{
    Q_OBJECT
public:
    explicit CommissionsPage(Workspace& workspace, QWidget* parent = nullptr);
    ~CommissionsPage() override;

    QString summary() const override;
    bool isBusy() const override;
    QString busyMessage() const override;

    CommissionPeriodModel* periodModel() const { return m_periods; }
    CommissionPreviewModel* previewModel() const { return m_preview; }
    QTableView* periodTable() const { return m_periodTable; }
    QTableView* previewTable() const { return m_previewTable; }

public slots:
    void reload();
    void calculate();     // the selected period under the chosen plan
    void lock();
    void commit();
    void cancelWork();
    // Of the distributor selected in the preview: its stored lines are read on the worker (Cancel stops the
    // read), then the dialog opens.
    void openStatement();

signals:
    void workFinished();

private:
    enum class Step { Calculate, Lock, Commit };
    void start(Step step);
    // Runs `work` on the page's worker and then `done` on this thread once it has returned; nothing while
    // other work is running.
    void runJob(std::function<void()> work, std::function<void()> done);
    void selectionChanged();
    void updateActions();
    QString selectedPeriodId() const;

    Workspace& m_workspace;
    CommissionPeriodModel* m_periods;
    CommissionPreviewModel* m_preview;
    BackgroundJob* m_job;
    QTableView* m_periodTable = nullptr;
    QTableView* m_previewTable = nullptr;
    QComboBox* m_plan = nullptr;
    QPushButton* m_calculate = nullptr;
    QPushButton* m_lock = nullptr;
    QPushButton* m_commit = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_statement = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_previewTitle = nullptr;
    MessageLabel* m_message = nullptr;
};

} // namespace outpost
