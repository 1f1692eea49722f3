#pragma once

#include "profile/ProfileInfo.h"
#include "profile/Workspace.h"

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QWidget;

namespace outpost {

class MessageLabel;
class MigrationProgressDialog;
class ProfileManager;

// Opens a profile: picks it from a list when there are several, asks for the passphrase of passphrase
// profiles, and reads the key from the keychain for the others (at once when the dialog opens at start-up).
// While it works it shows "Unlocking…" and Cancel abandons the attempt; while the profile's pending migrations
// run (on a worker thread) a MigrationProgressDialog covers it, without Cancel. A wrong passphrase is an inline
// message with the field still focused; a keychain problem is explained with Try Again. A failed attempt
// never touches the database file (ProfileManager guarantees it).
class UnlockDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode {
        Startup, // choose a profile; may offer "New Profile…"
        Locked,  // the window was locked: only its profile, no automatic keychain unlock
    };

    UnlockDialog(ProfileManager& manager, const QList<ProfileInfo>& profiles, const QString& preselectDir,
                 Mode mode, QWidget* parent = nullptr);
    ~UnlockDialog() override;

    Mode mode() const { return m_mode; }
    ProfileInfo selectedProfile() const;
    bool isBusy() const { return m_busy; }
    std::unique_ptr<Workspace> takeWorkspace() { return std::move(m_workspace); }

    // Whether opening the dialog starts a keychain unlock by itself (Startup mode only; on by default).
    void setAutoUnlock(bool enabled) { m_autoUnlock = enabled; }
    // Profile folders that could not be read (ProfileManager::scan): shown as a warning, one per line.
    void setProfileProblems(const QStringList& problems);

public slots:
    void startUnlock();
    void reject() override;

signals:
    void newProfileRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void profileChanged();
    void setBusy(bool busy);
    void abortUnlock();
    void finished(Result<std::unique_ptr<Workspace>> result);
    void showMigration(int step, int steps);

    ProfileManager& m_manager;
    QList<ProfileInfo> m_profiles;
    Mode m_mode;
    QLabel* m_title;
    QLabel* m_subtitle;
    QComboBox* m_profileCombo = nullptr;
    QLabel* m_protectionLabel;
    QWidget* m_passphraseRow;
    QLineEdit* m_passphrase;
    MessageLabel* m_message;
    MessageLabel* m_problems;
    QWidget* m_busyRow;
    QProgressBar* m_progress;
    QLabel* m_busyLabel;
    QPushButton* m_unlockButton;
    QPushButton* m_cancelButton;
    QPushButton* m_newProfileButton = nullptr;
    std::unique_ptr<Workspace> m_workspace;
    bool m_busy = false;
    bool m_autoUnlock = true;
    bool m_shownOnce = false;
    int m_generation = 0;
    QPointer<MigrationProgressDialog> m_migration;
};

} // namespace outpost
