#pragma once

#include "profile/ProfileInfo.h"
#include "settings/ProfileSettings.h"
#include "shell/PageRegistry.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QVariantMap>

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QSplitter;
class QStackedWidget;

namespace outpost {

class LockScreen;
class Page;
class ProfileManager;
class SyncClient;
class SyncController;
class SyncStatusWidget;
class Workspace;

// The window of one profile. While the profile is unlocked it shows a sidebar of areas (from the
// PageRegistry) and the current area's page; while it is locked the pages are destroyed and a lock screen
// is shown instead. What the user was looking at is kept and restored at the next attach().
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(const ProfileInfo& profile, ProfileManager& manager, PageRegistry registry = PageRegistry::standard(),
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows the profile's contents from `workspace`, which must outlive the next detach().
    void attach(Workspace& workspace);
    // Saves the view, closes dialogs and pages and shows the lock screen. Afterwards nothing refers to the
    // workspace any more.
    void detach();
    bool isAttached() const { return m_workspace != nullptr; }

    const ProfileInfo& profile() const { return m_profile; }
    ProfileSettings& settings() { return m_settings; }
    Page* currentPage() const;
    QString currentPageId() const;
    Page* page(const QString& id) const;
    bool showPage(const QString& id);
    // Work in progress that must not be interrupted by a lock (re-encryption).
    bool isBusy() const;

    // The sync indicator in the status bar (shown while attached; SyncController drives it).
    SyncStatusWidget* syncStatus() const { return m_syncStatus; }
    // The open workspace's sync (null while locked); the settings dialog offers its account actions.
    void setSyncController(SyncController* sync);
    SyncController* syncController() const;

    // For the settings dialog's note: the idle time set on the command line, or -1.
    void setLockAfterOverride(int seconds) { m_lockAfterOverride = seconds; }

signals:
    void lockRequested();
    void unlockRequested();
    void idleLockMinutesChanged(int minutes);
    void busyChanged(bool busy);
    void closed();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void rebuildFileMenu();
    void rebuildEditMenu();
    void updateActions();
    void pageSelected(int row);
    void saveWindow();
    void restoreWindow();
    void showSettings();
    void showAbout();
    void updateTitle();
    void pageBusyChanged();

    ProfileInfo m_profile;
    ProfileManager& m_manager;
    PageRegistry m_registry;
    ProfileSettings m_settings;
    Workspace* m_workspace = nullptr;

    QStackedWidget* m_root;
    QSplitter* m_splitter;
    QListWidget* m_sidebar;
    QStackedWidget* m_pages;
    LockScreen* m_lockScreen;
    QHash<QString, Page*> m_pageById;
    QStringList m_pageOrder;
    QString m_lastPageId;
    QHash<QString, QVariantMap> m_viewState; // in memory across a lock

    QMenu* m_fileMenu = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_goMenu = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_sidebarAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
    QActionGroup* m_themeGroup = nullptr;

    QLabel* m_summaryLabel;
    SyncStatusWidget* m_syncStatus;
    QPointer<SyncController> m_sync;
    QPointer<SyncClient> m_pausedSync; // stopped while a page's long work holds the database's write lock
    QLabel* m_profileLabel;

    int m_lockAfterOverride = -1;
};

} // namespace outpost
