#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace outpost {

class CancellableKeyStore;
class MessageLabel;
class ProfileManager;
class Workspace;

// Re-encrypts the profile's database under a fresh random key (ProfileManager::rotateKey), kept the same
// way as before (keychain, or wrapped by the same passphrase, which is asked for first).
//
// While the keychain is asked to keep the new key the work can be cancelled (the database has not changed),
// and locking or quitting cancels it: a keychain that never answers blocks nothing. Once the keychain has
// the key, the database is re-encrypted on a worker thread, which cannot be interrupted (isBusy(): a lock
// waits for it, quitting is refused). Making the new key the current keychain entry afterwards may be left
// to the next unlock. Passphrase profiles check the passphrase and re-encrypt in one piece of work on a
// worker thread, which ProfileManager offers no way to abandon: it is busy from the start.
class RotateKeyDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Stage {
        Idle,
        WaitingForKeychain, // the keychain is asked to keep the new key (as a pending entry); can be cancelled
        ReEncrypting,       // the database is being re-encrypted (passphrase profiles: checked first)
        StoringKey,         // re-encrypted; the keychain is asked to make the new key the current one
    };
    Q_ENUM(Stage)

    RotateKeyDialog(ProfileManager& manager, Workspace& workspace, QWidget* parent = nullptr);
    ~RotateKeyDialog() override;

    Stage stage() const { return m_stage; }
    // Work that holds the workspace and cannot be abandoned: a lock waits for it, quitting is refused.
    bool isBusy() const { return m_stage == Stage::ReEncrypting; }
    void reject() override;

signals:
    void busyChanged(bool busy);

private:
    void start();
    void cancel();
    void setStage(Stage stage);
    void finished(bool ok, const QString& message, bool wrongPassphrase);

    Workspace& m_workspace;
    CancellableKeyStore* m_keychain;
    ProfileManager* m_manager; // this dialog's own, over m_keychain, so that its requests can be abandoned
    bool m_needsPassphrase;
    QLineEdit* m_passphrase = nullptr;
    QProgressBar* m_progress;
    QLabel* m_progressLabel;
    MessageLabel* m_message;
    QPushButton* m_start;
    QPushButton* m_close;
    Stage m_stage = Stage::Idle;
    int m_attempt = 0;
};

} // namespace outpost
