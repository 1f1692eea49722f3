#include "sync/SyncController.h"

#include "client/SyncClient.h"
#include "profile/Workspace.h"
#include "replication/ReplicaReset.h"
#include "replication/SyncProblems.h"
#include "sync/SignInDialog.h"
#include "sync/SignOutDialog.h"
#include "sync/SyncProblemsDialog.h"
#include "sync/SyncStatusWidget.h"
#include "sync/TotpEnrolmentDialog.h"

#include <QAction>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QProgressDialog>

namespace outpost {

Q_LOGGING_CATEGORY(lcSyncUi, "outpost.ui.sync", QtInfoMsg)

SyncController::SyncController(Workspace& workspace, KeyStore* keychain, SyncStatusWidget* status, QWidget* window,
                               QObject* parent)
    : QObject(parent), m_workspace(workspace), m_keychain(keychain), m_status(status), m_window(window)
{
    if (m_status) {
        m_status->setClient(nullptr);
        connect(m_status->syncNowAction(), &QAction::triggered, this, &SyncController::syncNow);
        connect(m_status->signInAction(), &QAction::triggered, this, &SyncController::showSignIn);
        connect(m_status->signOutAction(), &QAction::triggered, this, &SyncController::showSignOut);
        connect(m_status->problemsAction(), &QAction::triggered, this, &SyncController::showProblems);
    }
    // Local changes can add or settle problems (resolving a conflict, retrying a refused change).
    connect(&m_workspace.mutations(), &MutationEngine::changed, this, [this](const EntityChanges& changes) {
        for (const EntityChange& c : changes)
            if (c.entity == QLatin1String("conflict")) {
                refreshProblemCount();
                break;
            }
    });
    auto account = SyncAccount::load(m_workspace.database());
    if (account)
        m_account = account.value();
    else
        m_lastError = account.message();
    refreshProblemCount();
}

SyncController::~SyncController()
{
    if (m_client) {
        m_client->stop();
        m_client->abortWriter(); // the profile closes: a restore under way is left to its next open
    }
    if (m_status) {
        m_status->setClient(nullptr);
        m_status->disconnect(this);
        m_status->syncNowAction()->disconnect(this);
        m_status->signInAction()->disconnect(this);
        m_status->signOutAction()->disconnect(this);
        m_status->problemsAction()->disconnect(this);
    }
}

SignInDialog* SyncController::signInDialog() const
{
    return m_signIn;
}

SyncProblemsDialog* SyncController::problemsDialog() const
{
    return m_problems;
}

bool SyncController::isSignedIn() const
{
    return m_client && !(m_client->session().refreshToken.isEmpty() && m_client->session().accessToken.isEmpty());
}

void SyncController::resume()
{
    if (!m_account.isConfigured()) {
        emit resumed();
        return;
    }
    QPointer<SyncController> self(this);
    SyncAccount::readRefreshToken(m_workspace.info(), m_workspace.database(), m_keychain,
                                  [self](Result<QString> token) {
                                      if (!self)
                                          return; // locked meanwhile
                                      if (!token) {
                                          self->m_lastError = token.message();
                                          qCWarning(lcSyncUi) << "cannot read the sync sign-in:" << token.message();
                                      } else if (!token->isEmpty()) {
                                          auto* client = new SyncClient(self->m_workspace.database(),
                                                                        self->m_workspace.mutations(), self);
                                          client->setServer(self->m_account.serverUrl,
                                                            self->m_account.pinnedCertificates());
                                          wire::Session s;
                                          s.refreshToken = token.value();
                                          s.userId = self->m_account.userId;
                                          s.userName = self->m_account.userName;
                                          s.role = self->m_account.role;
                                          s.teamId = self->m_account.teamId;
                                          client->setSession(s);
                                          if (!s.userId.isEmpty())
                                              self->m_workspace.mutations().setActor(s.userId);
                                          self->adopt(client);
                                          client->start(); // refreshes the access token first
                                      }
                                      emit self->resumed();
                                  });
}

void SyncController::adopt(SyncClient* client)
{
    if (m_client && m_client != client) {
        m_client->stop();
        m_client->disconnect(this);
        m_client->deleteLater();
    }
    m_client = client;
    connect(client, &SyncClient::sessionChanged, this, [this](const wire::Session& s) { saveToken(s.refreshToken); });
    connect(client, &SyncClient::signedOut, this, &SyncController::sessionEnded);
    // Pages listen to the engine's change notifications; rows the server sent are changes like any other.
    connect(client, &SyncClient::changed, &m_workspace.mutations(), &MutationEngine::changed);
    connect(client, &SyncClient::synced, this, &SyncController::refreshProblemCount);
    connect(client, &SyncClient::synced, this, [this] {
        if (m_problems)
            m_problems->reload();
        if (m_bootstrapProgress)
            m_bootstrapProgress->close();
    });
    connect(client, &SyncClient::bootstrapProgress, this, &SyncController::showBootstrapProgress);
    if (m_status)
        m_status->setClient(client);
    emit signedInChanged(isSignedIn());
}

void SyncController::saveToken(const QString& refreshToken)
{
    if (refreshToken.isEmpty())
        return;
    QPointer<SyncController> self(this);
    SyncAccount::writeRefreshToken(m_workspace.info(), m_workspace.database(), m_keychain, refreshToken,
                                   [self](Status s) {
                                       if (!self)
                                           return;
                                       self->m_lastError = s ? QString() : s.message();
                                       if (!s)
                                           qCWarning(lcSyncUi) << "cannot keep the sync sign-in:" << s.message();
                                   });
}

void SyncController::syncNow()
{
    if (m_client)
        m_client->syncNow();
}

void SyncController::refreshProblemCount()
{
    SyncProblems problems(m_workspace.database(), m_workspace.mutations());
    auto n = problems.count();
    if (m_status)
        m_status->setProblemCount(n ? n.value() : 0);
}

void SyncController::showSignIn()
{
    if (m_signIn) {
        m_signIn->raise();
        m_signIn->activateWindow();
        return;
    }
    // A fresh client for the attempt: the running one (if any) keeps going until the new one succeeds.
    auto* candidate = new SyncClient(m_workspace.database(), m_workspace.mutations(), this);
    m_signIn = new SignInDialog(*candidate, m_account, m_window);
    m_signIn->setAttribute(Qt::WA_DeleteOnClose);
    SignInDialog* dialog = m_signIn;
    connect(dialog, &QDialog::accepted, this, [this, dialog, candidate] {
        m_account = dialog->account();
        if (Status s = m_account.save(m_workspace.database()); !s)
            m_lastError = s.message();
        saveToken(candidate->session().refreshToken);
        adopt(candidate);
        candidate->start();
        candidate->syncNow();
    });
    connect(dialog, &QDialog::rejected, candidate, &QObject::deleteLater);
    dialog->open();
}

void SyncController::showSignOut()
{
    if (!m_client)
        return;
    auto unsynced = ReplicaReset::unsyncedCount(m_workspace.database());
    const QString who = tr("%1 at %2").arg(m_account.userName, m_account.serverUrl.host());
    auto* dialog = new SignOutDialog(who, unsynced ? unsynced.value() : 0, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { signOut(dialog->wipeChosen()); });
    dialog->open();
}

void SyncController::signOut(bool wipe)
{
    m_signingOut = true;
    if (m_client)
        m_client->signOut(); // ends the session on the server (best effort) and here
    m_signingOut = false;
    QPointer<SyncController> self(this);
    SyncAccount::removeRefreshToken(m_workspace.info(), m_workspace.database(), m_keychain, [self](Status s) {
        if (self && !s)
            self->m_lastError = s.message();
    });
    if (wipe) {
        // A first sync's restore would be undone by the wipe: it stops (its step rolls back) instead of
        // holding the write lock for seconds.
        if (m_client)
            m_client->abortWriter();
        if (Status s = ReplicaReset::wipe(m_workspace.database()); !s) {
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Sign Out"),
                                        tr("Signed out, but the team's data could not be removed: %1").arg(s.message()),
                                        QMessageBox::Ok, m_window);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        } else {
            (void)SyncAccount::clear(m_workspace.database());
            m_account = SyncAccount();
            // Every synced entity the wipe emptied (the list it works from): each page reads again.
            EntityChanges gone;
            for (const auto& [entity, table] : ReplicaReset::syncedTables())
                gone.append({entity, QString(), EntityChange::Kind::Deleted});
            emit m_workspace.mutations().changed(gone);
        }
    }
    if (m_client) {
        m_client->disconnect(this);
        m_client->deleteLater();
        m_client = nullptr;
    }
    if (m_status)
        m_status->setClient(nullptr);
    refreshProblemCount();
    emit signedInChanged(false);
}

QProgressDialog* SyncController::bootstrapProgressDialog() const
{
    return m_bootstrapProgress;
}

void SyncController::showBootstrapProgress(qint64 done, qint64 total, bool finishing)
{
    if (!m_bootstrapProgress) {
        // Not modal: the user can keep working while the team's data arrives.
        m_bootstrapProgress = new QProgressDialog(m_window);
        m_bootstrapProgress->setObjectName(QStringLiteral("bootstrapProgress"));
        m_bootstrapProgress->setWindowTitle(tr("First Sync"));
        m_bootstrapProgress->setAttribute(Qt::WA_DeleteOnClose);
        m_bootstrapProgress->setAutoClose(false);
        m_bootstrapProgress->setAutoReset(false);
        m_bootstrapProgress->setMinimumDuration(0);
        m_bootstrapProgress->setRange(0, 1000);
        m_bootstrapProgress->setCancelButtonText(tr("&Stop"));
        connect(m_bootstrapProgress, &QProgressDialog::canceled, this, [this] {
            // Stops after the page being applied; the next sync continues from there.
            if (m_client)
                m_client->cancelBootstrap();
        });
    }
    // Rebuilding the indexes (at the end, or after a stop) cannot be stopped: no button that does nothing.
    if (finishing)
        m_bootstrapProgress->setCancelButton(nullptr);
    m_bootstrapProgress->setValue(total > 0 ? int(std::min<qint64>(1000, done * 1000 / total)) : 0);
    m_bootstrapProgress->setLabelText(
        finishing ? tr("Preparing the lists and the search for %L1 records…").arg(done)
                  : tr("Downloading the team's data for this device: %L1 of about %L2 records.\n"
                       "You can stop and continue later; what has arrived is kept.")
                        .arg(done)
                        .arg(total));
    m_bootstrapProgress->show();
}

void SyncController::sessionEnded(const QString& reason)
{
    if (m_signingOut || reason.isEmpty())
        return;
    // The server ended the session (device revoked, password reset): the token is dead.
    QPointer<SyncController> self(this);
    SyncAccount::removeRefreshToken(m_workspace.info(), m_workspace.database(), m_keychain, [self](Status s) {
        if (self && !s)
            self->m_lastError = s.message();
    });
    auto* box = new QMessageBox(QMessageBox::Information, tr("Signed Out"),
                                tr("This device was signed out of the team server: %1\n\nYour data stays on this "
                                   "device. Sign in again to resume syncing.")
                                    .arg(reason),
                                QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("signedOutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit signedInChanged(false);
}

void SyncController::showProblems()
{
    if (m_problems) {
        m_problems->reload();
        m_problems->raise();
        m_problems->activateWindow();
        return;
    }
    m_problems = new SyncProblemsDialog(m_workspace, m_account.userId, m_window);
    m_problems->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_problems, &SyncProblemsDialog::problemsChanged, this, [this] {
        refreshProblemCount();
        syncNow();
    });
    m_problems->show();
}

void SyncController::showTotpEnrolment(QWidget* parent)
{
    if (!m_client || m_client->session().accessToken.isEmpty()) {
        auto* box = new QMessageBox(QMessageBox::Information, tr("Two-Factor Authentication"),
                                    tr("Connect to the team server first: two-factor authentication is set up "
                                       "while signed in and online."),
                                    QMessageBox::Ok, parent ? parent : m_window.data());
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    auto* dialog = new TotpEnrolmentDialog(m_account.serverUrl, m_account.pinnedCertificates(),
                                           m_client->session().accessToken, parent ? parent : m_window.data());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace outpost
