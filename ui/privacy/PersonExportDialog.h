#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace outpost {

class BackgroundJob;
class MessageLabel;
class ProgressPanel;
class Workspace;

// Exports everything held about one person (PersonExport) into a new folder: person.json plus one CSV per
// section. Runs on a worker thread with a Cancel; a cancelled or failed export leaves no folder.
class PersonExportDialog : public QDialog
{
    Q_OBJECT
public:
    PersonExportDialog(Workspace& workspace, const QString& contactId, const QString& displayName,
                       QWidget* parent = nullptr);
    ~PersonExportDialog() override;

    QLineEdit* folderEdit() const { return m_folder; }
    void startExport();
    bool isRunning() const;

    void reject() override; // while the export runs: cancels it (the dialog stays until it has stopped)

signals:
    // The work started or ended (the page is busy meanwhile: no lock, no automatic sync).
    void busyChanged(bool busy);
    void exported(const QString& folder);

private:
    void browse();

    Workspace& m_workspace;
    QString m_contactId;
    QLineEdit* m_folder;
    QPushButton* m_browse;
    ProgressPanel* m_progress;
    MessageLabel* m_message;
    QPushButton* m_export;
    QPushButton* m_close;
    BackgroundJob* m_job;
};

} // namespace outpost
