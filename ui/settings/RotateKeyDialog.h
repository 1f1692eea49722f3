#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace outpost {

class MessageLabel;
class ProfileManager;
class Workspace;

// Re-encrypts the profile's database under a fresh random key (ProfileManager::rotateKey), kept the same
// way as before (keychain, or wrapped by the same passphrase, which is asked for first).
class RotateKeyDialog : public QDialog
{
    Q_OBJECT
public:
    RotateKeyDialog(ProfileManager& manager, Workspace& workspace, QWidget* parent = nullptr);

    bool isBusy() const { return m_busy; }
    void reject() override;

signals:
    void busyChanged(bool busy);

private:
    void start();
    void setBusy(bool busy);

    ProfileManager& m_manager;
    Workspace& m_workspace;
    bool m_needsPassphrase;
    QLineEdit* m_passphrase = nullptr;
    QProgressBar* m_progress;
    QLabel* m_progressLabel;
    MessageLabel* m_message;
    QPushButton* m_start;
    QPushButton* m_close;
    bool m_busy = false;
};

} // namespace outpost
