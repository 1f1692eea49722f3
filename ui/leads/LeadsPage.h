#pragma once

#include "leads/Lead.h"
#include "shell/Page.h"

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;
class QTimer;

namespace outpost {

class BackgroundJob;
class LeadListModel;
class ProgressPanel;
class TimelineView;
class Workspace;

// Leads by score with a status filter; the selected lead's score with its explanation, its timeline, and the
// actions on it (edit, log an activity, qualify, disqualify, convert). Scoring Rules… opens the rules editor;
// every rule edit rescores all leads on a worker thread with progress and Cancel (the scores stay as they were
// when cancelled).
class LeadsPage : public Page
{
    Q_OBJECT
public:
    explicit LeadsPage(Workspace& workspace, QWidget* parent = nullptr);
    ~LeadsPage() override;

    QList<QAction*> newActions() const override;
    QString summary() const override;
    bool isBusy() const override;
    QString busyMessage() const override;

    LeadListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    TimelineView* timeline() const { return m_timeline; }
    ProgressPanel* rescoreProgress() const { return m_progress; }
    std::optional<Lead> currentLead() const { return m_current; }
    void selectLead(const QString& id);

    void newLead();
    void editLead();
    void qualify(const QString& status);
    void disqualify(const QString& reason);
    // Converts the current lead into a contact, and a company and a deal when their names are given.
    Status convert(const QString& companyName, const QString& dealTitle);
    void openRules();
    // Rescores every lead on a worker thread (again after the current run if one is running).
    void rescoreAll(const QString& cause);

signals:
    void rescoreFinished(bool ok);

private:
    void showCurrent();
    void submitForCurrent(const QString& name, QJsonObject args);
    void askDisqualify();
    void askConvert();

    Workspace& m_workspace;
    LeadListModel* m_model;
    QComboBox* m_statusFilter;
    QLineEdit* m_search;
    QTimer* m_searchDelay;
    QTableView* m_table;
    QLabel* m_name;
    QLabel* m_subtitle;
    QLabel* m_status;
    QLabel* m_score;
    QListWidget* m_explanation;
    QPushButton* m_edit;
    QPushButton* m_qualify;
    QPushButton* m_disqualify;
    QPushButton* m_convert;
    TimelineView* m_timeline;
    ProgressPanel* m_progress;
    BackgroundJob* m_job;
    QAction* m_newLead;
    std::optional<Lead> m_current;
    QString m_pendingCause; // a rescore asked for while one runs
};

} // namespace outpost
