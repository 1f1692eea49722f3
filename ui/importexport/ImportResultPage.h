#pragma once

#include <QWizardPage>

class QLabel;
class QPushButton;
class QTableView;

namespace outpost {

class ImportWizard;
class MessageLabel;
class ProgressPanel;
class RejectionListModel;

// The import wizard's last page: what the import did (new, updated, skipped, rejected), every rejected line
// with its number and reason, "Save Error File…" (the rejected lines with an Error column, to fix and import
// again) and "Undo This Import" (exact or nothing, on a worker thread). A cancelled or failed import says so
// and that nothing was imported.
class ImportResultPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ImportResultPage(ImportWizard* wizard);

    void initializePage() override;
    bool isComplete() const override;

    // Copies the error file to `path` (what Save Error File… does once a name is chosen).
    bool saveErrorFile(const QString& path);

private:
    void chooseErrorFile();
    void confirmUndo();
    void undoProgress(qint64 done, qint64 total);
    void undoFinished();
    void setTableShown(bool shown);

    ImportWizard* m_wizard;
    MessageLabel* m_headline;
    QWidget* m_counts;
    QLabel* m_created;
    QLabel* m_updated;
    QLabel* m_skipped;
    QLabel* m_rejected;
    MessageLabel* m_warnings;
    QLabel* m_rejectionsTitle;
    QTableView* m_rejections;
    RejectionListModel* m_rejectionModel;
    QLabel* m_moreRejections;
    QPushButton* m_saveErrors;
    QPushButton* m_undo;
    QPushButton* m_restart;
    ProgressPanel* m_undoProgress;
    MessageLabel* m_undoMessage;
    MessageLabel* m_saveMessage;
    QString m_batchId;
};

} // namespace outpost
