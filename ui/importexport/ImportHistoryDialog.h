#pragma once

#include <QDialog>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace outpost {

class ImportHistory;
class ImportHistoryModel;
class ImportUndoTask;
class MessageLabel;
class ProgressPanel;
class Workspace;

// File ▸ Import History…: the imports made on this device with what each did, and Undo for the selected
// one — on a worker thread with progress and Cancel; exact or nothing, so an import whose contacts were
// changed since is refused with the core's message naming them.
class ImportHistoryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportHistoryDialog(Workspace& workspace, QWidget* parent = nullptr);
    ~ImportHistoryDialog() override;

    ImportHistoryModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    ImportUndoTask* undoTask() const { return m_undo; }
    bool isBusy() const;
    void selectBatch(const QString& batchId);
    void reload();

    void reject() override;

signals:
    void busyChanged(bool busy);

private:
    void updateButtons();
    void confirmUndo();
    void undoProgress(qint64 done, qint64 total);
    void undoFinished();
    QString selectedBatchId() const;

    Workspace& m_workspace;
    std::unique_ptr<ImportHistory> m_history;
    ImportHistoryModel* m_model;
    QTableView* m_view;
    QLabel* m_empty;
    QPushButton* m_undoButton;
    QPushButton* m_closeButton;
    ProgressPanel* m_progress;
    MessageLabel* m_message;
    ImportUndoTask* m_undo;
};

} // namespace outpost
