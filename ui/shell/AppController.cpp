#include "shell/AppController.h"

#include "profile/NewProfileWizard.h"
#include "settings/ProfileSettings.h"
#include "shell/MainWindow.h"
#include "sync/SyncController.h"

#include <QDir>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>

namespace outpost {

Q_LOGGING_CATEGORY(lcApp, "outpost.ui.app", QtInfoMsg)

AppController::AppController(KeyStore* keychain, AppOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_manager(keychain)
{
    connect(&m_idle, &IdleWatcher::idle, this, [this] {
        qCInfo(lcApp) << "locking after idle time";
        lock();
    });
}

AppController::~AppController()
{
    m_idle.stop();
    delete m_unlock;
    delete m_wizard;
    if (m_window)
        m_window->detach(); // dialogs (sync ones included) that refer into the workspace
    closeSync();
    m_window.reset();    // pages and dialogs that refer into the workspace
    m_workspace.reset(); // then the database and its key
}

NewProfileWizard* AppController::wizard() const
{
    return m_wizard;
}

UnlockDialog* AppController::unlockDialog() const
{
    return m_unlock;
}

QString AppController::profilesRoot() const
{
    return m_options.profilesRoot.isEmpty() ? ProfileManager::defaultRoot() : m_options.profilesRoot;
}

void AppController::start()
{
    if (!m_options.profileDir.isEmpty()) {
        const QString dir = QDir(m_options.profileDir).absolutePath();
        auto info = ProfileInfo::read(dir);
        if (info) {
            m_startupProfiles = {info.value()};
            showStartupUnlock(m_startupProfiles, dir);
        } else if (info.code() == ErrorCode::NotFound) {
            showWizard(dir);
        } else {
            showStartupError(info.message());
        }
        return;
    }
    // A profile that cannot be read (damaged, or made by a newer Outpost) is reported, never taken for a
    // first run.
    const ProfileManager::Listing listing = ProfileManager::scan(profilesRoot());
    m_startupProfiles = listing.profiles;
    if (!m_startupProfiles.isEmpty())
        showStartupUnlock(m_startupProfiles, AppSettings().lastProfileDir(), listing.problems);
    else if (!listing.problems.isEmpty())
        showProfileProblems(listing.problems);
    else
        showWizard({});
}

void AppController::showProfileProblems(const QStringList& problems)
{
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Outpost"),
                                tr("Outpost found profiles that it cannot open."), QMessageBox::NoButton);
    box->setObjectName(QStringLiteral("profileProblemsBox"));
    box->setInformativeText(
        tr("The folders were left as they are. If a newer version of Outpost made them, open them with that "
           "version; if a profile description is damaged, restore it from a backup. You can also make a new "
           "profile."));
    box->setDetailedText(problems.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* create = box->addButton(tr("&New Profile…"), QMessageBox::AcceptRole);
    create->setObjectName(QStringLiteral("problemsNewProfileButton"));
    QPushButton* quit = box->addButton(tr("&Quit"), QMessageBox::RejectRole);
    quit->setObjectName(QStringLiteral("problemsQuitButton"));
    box->setDefaultButton(quit);
    connect(box, &QMessageBox::buttonClicked, this, [this, create](QAbstractButton* clicked) {
        if (clicked == create)
            showWizard({});
        else
            emit finished();
    });
    box->open();
}

void AppController::showStartupError(const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Outpost"),
                                tr("The profile could not be opened."), QMessageBox::Close);
    box->setObjectName(QStringLiteral("startupErrorBox"));
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, &AppController::finished);
    box->open();
}

void AppController::showWizard(const QString& presetDir)
{
    if (m_wizard) {
        m_wizard->show();
        m_wizard->raise();
        return;
    }
    m_wizard = new NewProfileWizard(m_manager, profilesRoot(), presetDir);
    NewProfileWizard* wizard = m_wizard;
    connect(wizard, &QDialog::accepted, this, [this, wizard] {
        auto workspace = wizard->takeWorkspace();
        forget(m_wizard, wizard);
        if (m_unlock)
            discardDialog(m_unlock);
        if (workspace)
            openWorkspace(std::move(workspace));
    });
    connect(wizard, &QDialog::rejected, this, [this, wizard] {
        forget(m_wizard, wizard);
        if (m_unlock && !m_window)
            m_unlock->show(); // back to choosing an existing profile
        else if (!m_window)
            emit finished();
    });
    wizard->show();
}

void AppController::showStartupUnlock(const QList<ProfileInfo>& profiles, const QString& preselectDir,
                                      const QStringList& problems)
{
    m_unlock = new UnlockDialog(m_manager, profiles, preselectDir, UnlockDialog::Mode::Startup);
    UnlockDialog* dialog = m_unlock;
    dialog->setProfileProblems(problems);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { unlockAccepted(dialog); });
    connect(dialog, &QDialog::rejected, this, [this, dialog] {
        forget(m_unlock, dialog);
        if (!m_window)
            emit finished();
    });
    connect(dialog, &UnlockDialog::newProfileRequested, this, [this, dialog] {
        dialog->hide();
        showWizard({});
    });
    dialog->show();
}

void AppController::showLockedUnlock()
{
    if (!m_window || m_workspace)
        return;
    if (m_unlock) {
        m_unlock->show();
        m_unlock->raise();
        m_unlock->activateWindow();
        return;
    }
    // Read the description again: it may have been renamed meanwhile.
    auto fresh = ProfileInfo::read(m_window->profile().dir);
    const ProfileInfo info = fresh ? fresh.value() : m_window->profile();
    m_unlock = new UnlockDialog(m_manager, {info}, info.dir, UnlockDialog::Mode::Locked, m_window.get());
    m_unlock->setWindowModality(Qt::WindowModal);
    UnlockDialog* dialog = m_unlock;
    connect(dialog, &QDialog::accepted, this, [this, dialog] { unlockAccepted(dialog); });
    connect(dialog, &QDialog::rejected, this, [this, dialog] { forget(m_unlock, dialog); }); // the lock screen stays
    dialog->open();
}

void AppController::unlockAccepted(UnlockDialog* dialog)
{
    auto workspace = dialog->takeWorkspace();
    forget(m_unlock, dialog);
    if (workspace)
        openWorkspace(std::move(workspace));
}

void AppController::discardDialog(QPointer<UnlockDialog>& dialog)
{
    if (dialog) {
        dialog->hide();
        dialog->deleteLater();
    }
    dialog = nullptr;
}

void AppController::openWorkspace(std::unique_ptr<Workspace> workspace)
{
    const ProfileInfo info = workspace->info();
    AppSettings().setLastProfileDir(info.dir);
    if (m_window && QDir::cleanPath(m_window->profile().dir) != QDir::cleanPath(info.dir)) {
        m_window->detach();
        closeSync();
        m_window.reset();
    }
    m_workspace = std::move(workspace);
    if (!m_window) {
        m_window = std::make_unique<MainWindow>(info, m_manager);
        m_window->setLockAfterOverride(m_options.lockAfterSeconds);
        MainWindow* window = m_window.get();
        connect(window, &MainWindow::lockRequested, this, &AppController::lock);
        connect(window, &MainWindow::unlockRequested, this, &AppController::showLockedUnlock);
        connect(window, &MainWindow::idleLockMinutesChanged, this, &AppController::applyIdleTimeout);
        // Queued: the signal comes from inside the dialog whose work just ended, and locking deletes it.
        connect(window, &MainWindow::busyChanged, this, &AppController::lockIfPending, Qt::QueuedConnection);
        connect(window, &MainWindow::closed, this, [this] {
            m_idle.stop();
            emit finished();
        });
    }
    m_window->attach(*m_workspace);
    // Team sync: resumes the saved session (if any) in the background.
    closeSync();
    m_sync = std::make_unique<SyncController>(*m_workspace, m_manager.keychain(), m_window->syncStatus(),
                                              m_window.get());
    m_window->setSyncController(m_sync.get());
    m_sync->resume();
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
    applyIdleTimeout();
    qCInfo(lcApp) << "profile unlocked:" << info.name;
    emit unlocked();
}

void AppController::closeSync()
{
    if (m_window)
        m_window->setSyncController(nullptr);
    m_sync.reset();
}

void AppController::applyIdleTimeout()
{
    if (!m_workspace || !m_window)
        return;
    const qint64 seconds = m_options.lockAfterSeconds >= 0 ? m_options.lockAfterSeconds
                                                           : qint64(m_window->settings().idleLockMinutes()) * 60;
    m_idle.setTimeout(seconds * 1000);
    m_idle.start();
}

void AppController::lockIfPending()
{
    if (m_lockPending && m_window && !m_window->isBusy())
        lock();
}

void AppController::lock()
{
    if (!m_workspace || !m_window)
        return;
    if (m_window->isBusy()) {
        // Work that holds the workspace (re-encryption, a passphrase change) cannot be abandoned: lock as soon
        // as it is done (lockIfPending).
        m_lockPending = true;
        return;
    }
    m_lockPending = false;
    m_idle.stop();
    m_window->detach();
    closeSync();         // stops syncing before the database closes
    m_workspace.reset(); // closes the database; the key is wiped with it
    qCInfo(lcApp) << "profile locked";
    emit locked();
    showLockedUnlock();
}

} // namespace outpost
