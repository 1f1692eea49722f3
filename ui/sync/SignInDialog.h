#pragma once

#include "client/SyncAccount.h"

#include <QDialog>
#include <QPointer>
#include <QSslCertificate>

class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace outpost {

class MessageLabel;
class SyncClient;
class SyncServerApi;

// Signs the profile in to a team's outpost-server: server address, team, user, password, the code of an
// authenticator app (for accounts with two-factor authentication) and a name for this device. Before
// sending the password it checks the server's certificate; one the system does not trust is shown with
// its SHA-256 fingerprint for the user to compare and trust (trust on first use, like SSH). A trusted
// certificate is pinned for this account. Errors are shown in the dialog; Cancel stops a sign-in.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    // `preset` fills the form (the last account of this profile); `client` is signed in on success.
    SignInDialog(SyncClient& client, const SyncAccount& preset, QWidget* parent = nullptr);
    ~SignInDialog() override;

    // After accept(): the account that signed in (certificate pinned when it was trusted here).
    const SyncAccount& account() const { return m_account; }
    bool isBusy() const { return m_busy; }
    // The certificate waiting for the user's decision (null when none is).
    QSslCertificate pendingCertificate() const { return m_pendingCertificate; }

    void reject() override;

private:
    void startSignIn();
    void probed(bool reached, bool trusted, const QSslCertificate& certificate, bool onlyIssuerProblem,
                const QString& error);
    void askTrust(const QSslCertificate& certificate, bool changed);
    void trustAccepted();
    void sendCredentials();
    void setBusy(bool busy, const QString& what = {});
    void fail(const QString& message, QWidget* focus = nullptr);
    void growToFit();
    QUrl normalisedUrl(QString* problem) const;

    SyncClient& m_client;
    SyncServerApi* m_api;
    SyncAccount m_account;
    QByteArray m_pinnedPem; // from the preset: what this profile trusted before
    QSslCertificate m_pendingCertificate;
    QList<QMetaObject::Connection> m_clientConnections;

    QLineEdit* m_server;
    QLineEdit* m_team;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLineEdit* m_totp;
    QLineEdit* m_device;
    QFormLayout* m_form = nullptr;
    QWidget* m_trustPanel;
    MessageLabel* m_trustText;
    QLabel* m_fingerprint;
    QPushButton* m_trustButton;
    QPushButton* m_distrustButton;
    MessageLabel* m_message;
    QWidget* m_busyRow;
    QLabel* m_busyLabel;
    QProgressBar* m_progress;
    QPushButton* m_signInButton;
    QPushButton* m_cancelButton;
    bool m_busy = false;
};

} // namespace outpost
