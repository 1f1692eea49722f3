#pragma once

#include "client/SyncAccount.h"
#include "protocol/Wire.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;

namespace outpost {

class KeyStore;
class SignInDialog;
class SyncClient;
class SyncProblemsDialog;
class SyncStatusWidget;
class Workspace;

// Sync for one open profile: owns the SyncClient while the workspace is open, resumes the saved session
// when the profile is unlocked, keeps the refresh token where SyncAccount says (rotated tokens are saved
// at once), and runs the sign-in, sign-out, Sync problems and two-factor set-up dialogs. Destroyed before
// the workspace closes (lock, quit): the client stops with it.
class SyncController : public QObject
{
    Q_OBJECT
public:
    // `keychain` may be null (passphrase profiles); `status` and `window` may be null (tests).
    SyncController(Workspace& workspace, KeyStore* keychain, SyncStatusWidget* status, QWidget* window,
                   QObject* parent = nullptr);
    ~SyncController() override;

    // Loads the profile's account and, when it has a refresh token, resumes syncing (asynchronous).
    void resume();

    SyncClient* client() const { return m_client; }
    const SyncAccount& account() const { return m_account; }
    bool isSignedIn() const;
    // Where the last token operation failed (keychain), for diagnostics and tests; empty when fine.
    QString lastError() const { return m_lastError; }
    SignInDialog* signInDialog() const;
    SyncProblemsDialog* problemsDialog() const;
    // Shown while a first sync downloads the team's snapshot (null otherwise).
    QProgressDialog* bootstrapProgressDialog() const;
    // Signs out, keeping this profile's copy of the team's data or wiping it (what the sign-out dialog asks).
    void signOut(bool wipe);

public slots:
    void showSignIn();
    void showSignOut();
    void showProblems();
    void showTotpEnrolment(QWidget* parent = nullptr);
    void syncNow();
    void refreshProblemCount();

signals:
    void signedInChanged(bool signedIn);
    // The session is resumed (or resuming it failed: signedInChanged(false) tells which).
    void resumed();

private:
    void adopt(SyncClient* client);
    void saveToken(const QString& refreshToken);
    void sessionEnded(const QString& reason);
    void showBootstrapProgress(qint64 done, qint64 total, bool finishing);

    Workspace& m_workspace;
    KeyStore* m_keychain;
    QPointer<SyncStatusWidget> m_status;
    QPointer<QWidget> m_window;
    SyncAccount m_account;
    SyncClient* m_client = nullptr;
    QPointer<SignInDialog> m_signIn;
    QPointer<SyncProblemsDialog> m_problems;
    QPointer<QProgressDialog> m_bootstrapProgress;
    QString m_lastError;
    bool m_signingOut = false;
};

} // namespace outpost
