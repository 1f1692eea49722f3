#pragma once

#include "profile/ProfileManager.h"
#include "profile/UnlockDialog.h"
#include "shell/IdleWatcher.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace outpost {

class KeyStore;
class MainWindow;
class NewProfileWizard;
class SyncController;
class Workspace;

struct AppOptions
{
    QString profilesRoot;      // where profiles are listed and made; empty = ProfileManager::defaultRoot()
    QString profileDir;        // open this profile directly (or create one there)
    int lockAfterSeconds = -1; // >= 0: overrides the profile's idle lock for this session (0 = never)
};

// The life of the desktop application: first-run wizard or unlock dialog, then the main window with its
// Workspace; locking (Ctrl+L, or idle time) destroys the Workspace so the key leaves memory and asks to
// unlock again; unlocking restores the window where the user was. Owns the one open Workspace.
class AppController : public QObject
{
    Q_OBJECT
public:
    // `keychain` may be null (passphrase profiles only) and must outlive this object.
    AppController(KeyStore* keychain, AppOptions options, QObject* parent = nullptr);
    ~AppController() override;

    void start();

    ProfileManager& profileManager() { return m_manager; }
    const AppOptions& options() const { return m_options; }
    QString profilesRoot() const;
    MainWindow* mainWindow() const { return m_window.get(); }
    Workspace* workspace() const { return m_workspace.get(); }
    // Team sync of the open workspace (null while locked).
    SyncController* sync() const { return m_sync.get(); }
    NewProfileWizard* wizard() const;
    UnlockDialog* unlockDialog() const;
    IdleWatcher& idleWatcher() { return m_idle; }
    bool isLocked() const { return m_window && !m_workspace; }
    // A lock was asked for while the window was busy; it follows once the work is done.
    bool isLockPending() const { return m_lockPending; }

public slots:
    void lock();

signals:
    // A workspace was opened and is shown.
    void unlocked();
    void locked();
    // The user is done: closed the window, or cancelled before any profile was opened.
    void finished();

private:
    void showWizard(const QString& presetDir);
    void showStartupUnlock(const QList<ProfileInfo>& profiles, const QString& preselectDir,
                           const QStringList& problems = {});
    void showProfileProblems(const QStringList& problems);
    void showLockedUnlock();
    void showStartupError(const QString& message);
    void unlockAccepted(UnlockDialog* dialog);
    void lockIfPending();
    void openWorkspace(std::unique_ptr<Workspace> workspace);
    void applyIdleTimeout();
    void discardDialog(QPointer<UnlockDialog>& dialog);
    // A finished dialog goes at the next event loop pass (deleteLater); the pointer to it goes now, so a
    // lock or a new window in between opens a fresh dialog instead of reusing one about to be deleted.
    template <typename Dialog>
    static void forget(QPointer<Dialog>& current, Dialog* finished)
    {
        if (current == finished)
            current = nullptr;
        finished->deleteLater();
    }
    void closeSync();

    AppOptions m_options;
    ProfileManager m_manager;
    IdleWatcher m_idle;
    // The window and the sync controller refer into the workspace; they are destroyed first (see the
    // destructor and lock()).
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<SyncController> m_sync;
    QPointer<NewProfileWizard> m_wizard;
    QPointer<UnlockDialog> m_unlock;
    QList<ProfileInfo> m_startupProfiles;
    bool m_lockPending = false;
};

} // namespace outpost
