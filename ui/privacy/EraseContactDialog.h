#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;

namespace outpost {

class BackgroundJob;
class MessageLabel;
class ProgressPanel;
class Workspace;

// Erases a person (contact.erase) after saying plainly what goes and what stays, and an "I understand"
// confirmation. The erase runs on a worker thread (it scans the audit log and merges the search index, which
// takes a while in a big profile); the window stays responsive meanwhile.
class EraseContactDialog : public QDialog
{
    Q_OBJECT
public:
    EraseContactDialog(Workspace& workspace, const QString& contactId, const QString& displayName,
                       QWidget* parent = nullptr);
    ~EraseContactDialog() override;

    bool isRunning() const;
    QString pseudonym() const { return m_pseudonym; }

    void reject() override; // ignored while the erase runs (one transaction, it cannot stop half-way)

signals:
    // The work started or ended (the page is busy meanwhile: no lock, no automatic sync).
    void busyChanged(bool busy);
    void erased(const QString& contactId, const QString& pseudonym);

private:
    void start();
    void finish(const QString& pseudonym, const QString& error, const QString& warning);

    Workspace& m_workspace;
    QString m_contactId;
    QString m_pseudonym;
    QCheckBox* m_confirm;
    ProgressPanel* m_progress;
    MessageLabel* m_message;
    QPushButton* m_erase;
    QPushButton* m_close;
    BackgroundJob* m_job;
};

} // namespace outpost
